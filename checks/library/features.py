"""A numeric feature matrix for the model-based checks (domain classifier, learning curve).

Numeric columns as float (missing stays NaN: the gradient-boosting models handle it), categorical
columns as integer codes shared across the frames (missing = NaN), free text as its length (a value
that is not a string, such as a number in a column that is text in the other file, as written).
A model is fitted only on the columns that hold a value in the rows it is fitted on
(`present_columns`).
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
                m[:, j] = f[col].astype("str").str.len().to_numpy(dtype="float64", na_value=np.nan)
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


def present_columns(x: np.ndarray) -> np.ndarray:
    """Mask of the columns of `x` with at least one value.

    A gradient-boosting model cannot bin a column that is missing in every row it is fitted on
    (scikit-learn raises "window shape cannot be larger than input array shape"), and such a column has
    nothing to teach it, so the model-based checks fit on the other columns.
    """
    return np.asarray(~np.isnan(x).all(axis=0))
