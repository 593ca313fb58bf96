"""Rare-class and uncertainty rankings from the quick model's probabilities on the scored pool rows.

- rare classes: the classes the `rare_classes` check calls rare (its `rare_counts` rule: under
  `min_share` of the training labels, or fewer than `min_count` examples and well under an even
  share). For each, the scored rows in order of their probability of that class; the rare quota
  goes round-robin over the rare classes, thinnest first.
- uncertainty: the rows the model can least decide on: smallest margin (best minus second-best
  probability), or highest entropy.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from checks.library.rare_classes import rare_counts
from labelnext.model import entropy, margin
from labelnext.ranking import Ranking, round_robin


@dataclass
class Scored:
    """Model probabilities for a subset of pool rows."""

    rows: np.ndarray  # pool positions, ascending
    proba: np.ndarray  # (rows, classes)
    classes: np.ndarray

    def position(self, row: int) -> int | None:
        i = int(np.searchsorted(self.rows, row))
        return i if i < len(self.rows) and self.rows[i] == row else None


def rare_classes(labels: pd.Series, thresholds: dict[str, Any]) -> pd.Series:
    """Training count per rare class, thinnest first (the `rare_classes` check's own rule)."""
    return rare_counts(labels.value_counts(dropna=True), thresholds).sort_values()


def rare_ranking(scored: Scored, rare: pd.Series, limit: int) -> Ranking:
    if rare.empty:
        return Ranking("rare", note="no class is rare in the training sample")
    groups = []
    for name in rare.index:
        j = int(np.searchsorted(scored.classes, str(name)))
        groups.append(np.argsort(-scored.proba[:, j], kind="stable")[:limit])
    local, owner = round_robin(groups, limit)
    reasons = []
    best = scored.proba.argmax(axis=1)
    for i, g in zip(local, owner):
        name = str(rare.index[g])
        j = int(np.searchsorted(scored.classes, name))
        verb = "predicted" if best[i] == j else "could be"
        reasons.append(f"{verb} {name} (p {scored.proba[i, j]:.2f}), {name} has "
                       f"{_examples(int(rare.iloc[g]))}")
    return Ranking("rare", scored.rows[local], reasons)


def rare_note(scored: Scored, rare: pd.Series, row: int) -> str | None:
    """'predicted X, X has n training examples' when the model's best guess for the row is a rare class."""
    i = scored.position(row)
    if i is None or rare.empty:
        return None
    name = scored.classes[int(scored.proba[i].argmax())]
    if name not in rare.index.astype(str):
        return None
    count = int(rare[rare.index.astype(str) == name].iloc[0])
    return f"predicted {name}, {name} has {_examples(count)}"


def uncertainty_ranking(scored: Scored, measure: str, limit: int) -> Ranking:
    if len(scored.classes) < 2:
        return Ranking("uncertainty", note="the training labels have a single class")
    order = np.argsort(uncertainty(scored.proba, measure), kind="stable")[:limit]
    return Ranking("uncertainty", scored.rows[order], [uncertainty_reason(scored, i, measure) for i in order])


def uncertainty(proba: np.ndarray, measure: str) -> np.ndarray:
    """Lower = more uncertain (margin as is, entropy negated)."""
    return margin(proba) if measure == "margin" else -entropy(proba)


def uncertainty_reason(scored: Scored, i: int, measure: str) -> str:
    p = scored.proba[i]
    a, b = np.argsort(-p, kind="stable")[:2]
    pair = f"{scored.classes[a]} and {scored.classes[b]}"
    if measure == "margin":
        return f"margin {p[a] - p[b]:.2f} between {pair}"
    return f"entropy {float(entropy(p[None, :])[0]):.2f} bits (mostly {pair})"


def _examples(n: int) -> str:
    return f"{n} training example{'s' if n != 1 else ''}"
