"""What a label-next run is asked to do: the budget, each strategy's share of it, and the method's settings.

Every number the selection uses lives here (thresholds and sizes as data, never literals in the code).
The coverage and rare-class thresholds are not repeated: they come from the checks that raise those
findings (`production_support`, `thin_segments`, `rare_classes`), with the same overrides (`--config`).
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, field_validator

STRATEGIES = ("coverage", "rare", "uncertainty", "diversity")
DEFAULT_SHARES = {"coverage": 0.3, "rare": 0.2, "uncertainty": 0.3, "diversity": 0.2}
STRATEGY_TITLES = {
    "coverage": "Coverage gaps",
    "rare": "Rare classes",
    "uncertainty": "Uncertainty",
    "diversity": "Diversity",
}


class LabelNextError(ValueError):
    """The inputs cannot give a batch; `str(error)` is a complete, user-facing explanation."""


class Plan(BaseModel):
    """A label-next request: how many items, which shares, and the method's sample sizes."""

    model_config = ConfigDict(extra="forbid")

    budget: int = Field(ge=1)
    shares: dict[str, float] = Field(default_factory=lambda: dict(DEFAULT_SHARES))
    seed: int = 20240601
    uncertainty_measure: str = "margin"  # margin (best minus second-best probability) or entropy
    model_rows: int = 20_000  # training rows (fixed-seed sample) the quick model is fitted on
    folds: int = 3  # cross-fitting folds: each fold's model is scored on the rows it did not see
    score_rows: int = 200_000  # eligible pool rows (fixed-seed sample) the model scores
    diversity_rows: int = 20_000  # eligible pool rows (fixed-seed sample) k-center greedy chooses from
    training_centers: int = 2_000  # training rows (fixed-seed sample) that count as covered for k-center
    projection_dims: int = 64  # k-center distances on a random projection to this many dimensions
    top_categories: int = 30  # one-hot columns per categorical column (the most frequent training values)
    text_features: int = 2 ** 12  # hashed word features of a text column
    shortlist_factor: int = 5  # each strategy shortlists this many times its quota (before near-duplicate removal)
    shortlist_extra: int = 200
    margin_note: float = 0.2  # a chosen item's margin is mentioned among its reasons below this

    @field_validator("shares")
    @classmethod
    def _shares(cls, value: dict[str, float]) -> dict[str, float]:
        unknown = sorted(set(value) - set(STRATEGIES))
        if unknown:
            raise ValueError(f"unknown strategy {', '.join(unknown)}; choose from {', '.join(STRATEGIES)}")
        if any(v < 0 for v in value.values()):
            raise ValueError("a strategy's share cannot be negative")
        total = sum(value.values())
        if total <= 0:
            raise ValueError("at least one strategy needs a share above 0")
        return {s: value.get(s, 0.0) / total for s in STRATEGIES}

    @field_validator("uncertainty_measure")
    @classmethod
    def _measure(cls, value: str) -> str:
        if value not in ("margin", "entropy"):
            raise ValueError("the uncertainty measure is margin or entropy")
        return value


def quotas(budget: int, shares: dict[str, float]) -> dict[str, int]:
    """Items per strategy: the budget split by the shares, remainders to the largest fractions (sums to budget)."""
    exact = {s: budget * shares.get(s, 0.0) for s in STRATEGIES}
    out = {s: int(v) for s, v in exact.items()}
    left = budget - sum(out.values())
    for s in sorted(STRATEGIES, key=lambda s: (-(exact[s] - out[s]), STRATEGIES.index(s)))[:left]:
        out[s] += 1
    return out


def parse_shares(items: list[str]) -> dict[str, float]:
    """`["coverage=0.5", "rare=0.5"]` -> {"coverage": 0.5, "rare": 0.5}; strategies left out get 0."""
    shares: dict[str, float] = {}
    for item in items:
        name, sep, value = item.partition("=")
        try:
            if not sep:
                raise ValueError
            shares[name.strip()] = float(value)
        except ValueError:
            raise LabelNextError(f"--share {item!r}: write STRATEGY=FRACTION, e.g. coverage=0.4") from None
    return shares
