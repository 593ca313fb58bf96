"""The chosen batch: pool rows in the order chosen, the strategy that chose each, its reasons, and the
facts a reader needs to trust it (the model, sample sizes, what was excluded)."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from labelnext.plan import STRATEGIES, STRATEGY_TITLES

RANK, STRATEGY = "label_next_rank", "label_next_strategy"
REASONS, POOL_ROW = "label_next_reasons", "label_next_pool_row"
EXTRA_COLUMNS = (RANK, STRATEGY, REASONS, POOL_ROW)


@dataclass
class Batch:
    rows: list[int] = field(default_factory=list)  # pool positions (0-based, in the pool file's row order)
    strategies: list[str] = field(default_factory=list)
    reasons: list[list[str]] = field(default_factory=list)
    quotas: dict[str, int] = field(default_factory=dict)
    facts: list[str] = field(default_factory=list)  # method, sample sizes, exclusions, in plain words
    notes: list[str] = field(default_factory=list)  # strategies that could not fill their share, and why

    def add(self, row: int, strategy: str, reason: str) -> None:
        self.rows.append(int(row))
        self.strategies.append(strategy)
        self.reasons.append([reason])

    def __len__(self) -> int:
        return len(self.rows)

    def counts(self) -> dict[str, int]:
        return {s: self.strategies.count(s) for s in STRATEGIES}

    def frame(self, pool: pd.DataFrame) -> pd.DataFrame:
        """The pool's own columns for the chosen rows, plus rank, strategy, reasons and pool row."""
        out = pool.iloc[np.asarray(self.rows, dtype=np.int64)].reset_index(drop=True).copy()
        extra = {RANK: np.arange(1, len(self) + 1), STRATEGY: self.strategies,
                 REASONS: ["; ".join(r) for r in self.reasons], POOL_ROW: self.rows}
        for name, values in extra.items():
            out[_free_name(name, pool.columns)] = values
        return out

    def sentence(self) -> str:
        """The batch in one sentence, for the report's action plan."""
        counts = ", ".join(f"{STRATEGY_TITLES[s].lower()} {n}" for s, n in self.counts().items() if n)
        return (f"A labeling batch of {len(self):,} items was chosen from the production sample for the "
                f"collection actions ({counts}); every item carries the reasons it was chosen.")

    def summary(self) -> dict:
        return {"items": len(self), "quotas": self.quotas, "chosen": self.counts(), "facts": self.facts,
                "notes": self.notes}


def _free_name(name: str, taken: pd.Index) -> str:
    """`name`, or `name_2`... when the pool already has a column of that name."""
    candidate, i = name, 1
    while candidate in taken:
        i += 1
        candidate = f"{name}_{i}"
    return candidate
