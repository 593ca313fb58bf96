"""A numeric feature matrix for the model-based checks (domain classifier, learning curve).

Numeric columns as float (missing stays NaN: the gradient-boosting models handle it), categorical
columns as integer codes shared across the frames (missing = NaN), free text as its length.
"""

from __future__ import annotations

import numpy as np
import pandas as pd


def feature_matrix(frames: list[pd.DataFrame], kinds: dict[str, str]) -> tuple[list[np.ndarray], list[str], np.ndarray]:
    """Encode the same columns of several frames; returns matrices, column names, categorical mask."""
    columns = [c for c, k in kinds.items() if k in ("numeric", "categorical", "text")]
    mats = [np.empty((len(f), len(columns)), dtype="float64") for f in frames]
    categorical = np.zeros(len(columns), dtype=bool)
    for j, col in enumerate(columns):
        kind = kinds[col]
        if kind == "numeric":
            for m, f in zip(mats, frames):
                m[:, j] = pd.to_numeric(f[col], errors="coerce").to_numpy(dtype="float64", na_value=np.nan)
        elif kind == "text":
            for m, f in zip(mats, frames):
                m[:, j] = f[col].str.len().to_numpy(dtype="float64", na_value=np.nan)
        else:
            categorical[j] = True
            joined = pd.concat([f[col].astype("str") for f in frames], ignore_index=True)
            codes, _ = pd.factorize(joined)
            codes = codes.astype("float64")
            codes[codes < 0] = np.nan
            start = 0
            for m, f in zip(mats, frames):
                m[:, j] = codes[start:start + len(f)]
                start += len(f)
    return mats, columns, categorical
