"""A cheap numeric representation of rows, learned on the training sample: for the quick model and distances.

- numeric columns: standardised with the training mean and standard deviation (missing -> 0, the mean),
  clipped to +-`CLIP` so one extreme value cannot dominate every distance;
- categorical columns: one-hot of the `top_categories` most frequent training values, plus one column
  that is 1 for a value training never had (so a new category is *far* from training);
- a text column: hashed word counts (`labelnext.text_features`, l2-normalised rows), no vocabulary to fit.

`transform` returns a sparse matrix (float32). `project` maps it to a few dense dimensions with a
fixed-seed Gaussian random projection, which keeps Euclidean distances within a small factor
(Johnson-Lindenstrauss), so k-center greedy works on 64 numbers per row however wide the input is.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from scipy import sparse

from labelnext.text_features import hashed_words

CLIP = 5.0


@dataclass
class Representation:
    kinds: dict[str, str]
    top_categories: int = 30
    text_features: int = 2 ** 12
    seed: int = 0
    _numeric: dict[str, tuple[float, float]] = field(default_factory=dict)
    _categories: dict[str, pd.Index] = field(default_factory=dict)
    _projection: np.ndarray | None = None

    def fit(self, train: pd.DataFrame) -> Representation:
        for col, kind in self.kinds.items():
            if kind == "numeric":
                values = _numbers(train[col])
                values = values[np.isfinite(values)]
                mean = float(values.mean()) if len(values) else 0.0
                std = float(values.std()) if len(values) else 0.0
                self._numeric[col] = (mean, std if std > 0 else 1.0)
            elif kind == "categorical":
                counts = train[col].astype("str").value_counts(dropna=True)
                self._categories[col] = pd.Index(counts.index[: self.top_categories])
        return self

    @property
    def width(self) -> int:
        return (len(self._numeric) + sum(len(c) + 1 for c in self._categories.values())
                + self.text_features * sum(k == "text" for k in self.kinds.values()))

    def transform(self, frame: pd.DataFrame) -> sparse.csr_matrix:
        blocks = []
        n = len(frame)
        if self._numeric:
            dense = np.empty((n, len(self._numeric)), dtype=np.float32)
            for j, (col, (mean, std)) in enumerate(self._numeric.items()):
                z = (_numbers(frame[col]) - mean) / std
                dense[:, j] = np.clip(np.nan_to_num(z, nan=0.0, posinf=CLIP, neginf=-CLIP), -CLIP, CLIP)
            blocks.append(sparse.csr_matrix(dense))
        for col, known in self._categories.items():
            values = frame[col].astype("str")
            code = known.get_indexer(values)
            unseen = (code < 0) & values.notna().to_numpy()
            column = np.where(code >= 0, code, len(known))
            rows = np.flatnonzero((code >= 0) | unseen)
            blocks.append(sparse.csr_matrix((np.ones(len(rows), np.float32), (rows, column[rows])),
                                            shape=(n, len(known) + 1)))
        for col, kind in self.kinds.items():
            if kind == "text":
                blocks.append(hashed_words(frame[col], self.text_features))
        if not blocks:
            return sparse.csr_matrix((n, 0), dtype=np.float32)
        return sparse.hstack(blocks, format="csr", dtype=np.float32)

    def project(self, matrix: sparse.csr_matrix, dims: int) -> np.ndarray:
        """Dense rows for distances: as they are when narrow, else a fixed random projection to `dims`."""
        if matrix.shape[1] <= dims:
            return np.asarray(matrix.todense(), dtype=np.float32)
        if self._projection is None or self._projection.shape != (matrix.shape[1], dims):
            rng = np.random.default_rng(self.seed)
            self._projection = (rng.standard_normal((matrix.shape[1], dims)) / np.sqrt(dims)).astype(np.float32)
        return np.asarray(matrix @ self._projection, dtype=np.float32)


def _numbers(series: pd.Series) -> np.ndarray:
    return pd.to_numeric(series, errors="coerce").to_numpy(dtype="float64", na_value=np.nan)
