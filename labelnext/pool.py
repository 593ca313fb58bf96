"""The unlabeled pool next to the training sample: validated, and which pool rows may be chosen at all.

A pool row is *eligible* unless it repeats a training row or an earlier pool row exactly (over the
input columns both files share; the same 64-bit row hashes as the `duplicates` and `leakage` checks),
or carries the id of a training row (when an id column is mapped, as for the `leakage` check).
Near-duplicate texts are handled later, on the shortlisted rows (`labelnext.nearby`).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np
import pandas as pd

from checks.inputs import CheckInputs, member_of
from checks.loading import DataLoadError
from checks.mapping import ColumnMapping
from labelnext.plan import LabelNextError

MODEL_KINDS = ("numeric", "categorical", "text")


@dataclass(eq=False)
class Pool:
    """Training sample + pool as `CheckInputs` (the pool in the production slot) plus eligibility."""

    inputs: CheckInputs

    @classmethod
    def of(cls, train: pd.DataFrame, pool: pd.DataFrame, mapping: ColumnMapping) -> Pool:
        if pool is None or len(pool) == 0:
            raise LabelNextError("the pool is empty: give a file with at least one unlabeled row")
        if train is None or len(train) == 0:
            raise LabelNextError("the training sample is empty: give a file with at least one row")
        try:
            # shallow copies: parsing the timestamp column must not change the caller's frames
            inputs = CheckInputs(train=train.copy(deep=False), production=pool.copy(deep=False), mapping=mapping)
        except DataLoadError as exc:
            raise LabelNextError(str(exc).replace("production sample", "pool")) from None
        found = cls(inputs)
        if not found.columns:
            special = mapping.special_columns()
            raise LabelNextError(
                "the pool and the training sample share no input columns "
                f"(pool: {_listing(c for c in pool.columns if c not in special)}; "
                f"training: {_listing(c for c in train.columns if c not in special)}); "
                "map the same columns in both files")
        return found

    @property
    def train(self) -> pd.DataFrame:
        return self.inputs.frame("train")

    @property
    def frame(self) -> pd.DataFrame:
        return self.inputs.frame("production")

    @cached_property
    def columns(self) -> list[str]:
        """Input columns in both files that a model and a distance can use (datetimes left out)."""
        return [c for c in self.inputs.shared_columns if self.inputs.column_kinds[c] in MODEL_KINDS]

    @cached_property
    def kinds(self) -> dict[str, str]:
        return {c: self.inputs.column_kinds[c] for c in self.columns}

    @cached_property
    def row_hash(self) -> np.ndarray:
        """64-bit hash per pool row over the shared columns."""
        return self.inputs.row_hash("production", tuple(self.inputs.shared_columns))

    @cached_property
    def in_training(self) -> np.ndarray:
        """Per pool row: the same values as some training row in every shared column, or (with an id
        column in both files) the id of a training row."""
        known = member_of(self.row_hash, self.inputs.row_hash("train", tuple(self.inputs.shared_columns)))
        col = self.inputs.mapping.id
        if col and col in self.frame.columns:
            has_id = self.frame[col].notna().to_numpy()
            train_ids = self.inputs.column_hash("train", col)[self.train[col].notna().to_numpy()]
            known |= has_id & member_of(self.inputs.column_hash("production", col), train_ids)
        return known

    @cached_property
    def repeated(self) -> np.ndarray:
        """Per pool row: the same values as an earlier pool row in every shared column."""
        return pd.Series(self.row_hash).duplicated().to_numpy()

    @cached_property
    def eligible(self) -> np.ndarray:
        """Positions of the pool rows that may be chosen, ascending."""
        return np.flatnonzero(~(self.in_training | self.repeated))

    def sample(self, positions: np.ndarray, n: int, salt: int) -> np.ndarray:
        """A fixed-seed random subset of at most `n` of `positions` (sorted)."""
        if len(positions) <= n:
            return positions
        rng = np.random.default_rng(self.inputs.seed + salt)
        return np.sort(rng.choice(positions, size=n, replace=False))


def _listing(columns) -> str:
    names = [str(c) for c in columns]
    return ", ".join(names[:12]) + (f" and {len(names) - 12} more" if len(names) > 12 else "") if names else "none"
