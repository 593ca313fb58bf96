"""How well each column alone predicts the label: a screen for leakage (id-like, post-outcome columns).

A column that on its own predicts the label almost perfectly is either the answer itself (recorded
after the outcome, derived from the label, an id assigned after sorting by label) or a trivial rule
worth knowing. Each column gets a cross-validated (`FOLDS` folds, fixed seed) single-column model:

- numeric columns (and free text, as its length): a decision tree of depth at most `MAX_DEPTH`, which
  finds thresholds (an id assigned in label order is split into label blocks);
- categorical columns: per-value purity, i.e. each value predicts the majority label it had in the
  training folds (values unseen there predict the overall majority).

Classification is scored by balanced accuracy (so a rare class is not ignored), regression by R^2,
both on out-of-fold predictions.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from sklearn.metrics import balanced_accuracy_score, r2_score
from sklearn.model_selection import KFold, StratifiedKFold
from sklearn.tree import DecisionTreeClassifier, DecisionTreeRegressor

FOLDS = 5
MAX_DEPTH = 4
MIN_ROWS = 30
MAX_COLUMNS = 500  # columns screened at most (in their order), so a very wide table stays cheap


def single_feature_scores(frame: pd.DataFrame, kinds: dict[str, str], label: pd.Series, regression: bool,
                          seed: int) -> list[dict]:
    """One row per usable column: {column, kind, score, metric}, best first."""
    y = label.to_numpy(dtype="float64") if regression else pd.factorize(label)[0]
    if len(y) < MIN_ROWS or (not regression and np.bincount(y).min() < 2):
        return []
    if regression:
        folds = list(KFold(FOLDS, shuffle=True, random_state=seed).split(y))
    else:
        n_folds = int(min(FOLDS, np.bincount(y).min()))
        folds = list(StratifiedKFold(n_folds, shuffle=True, random_state=seed).split(np.zeros(len(y)), y))
    metric = "R^2" if regression else "balanced accuracy"
    rows = []
    for col, kind in list(kinds.items())[:MAX_COLUMNS]:
        if kind == "categorical":
            predicted = _purity(frame[col], y, folds, regression)
        elif kind in ("numeric", "text"):
            x = (frame[col].str.len() if kind == "text" else pd.to_numeric(frame[col], errors="coerce"))
            x = x.to_numpy(dtype="float64", na_value=np.nan).reshape(-1, 1)
            predicted = _tree(x, y, folds, regression, seed)
        else:
            continue
        score = r2_score(y, predicted) if regression else balanced_accuracy_score(y, predicted)
        rows.append({"column": col, "kind": kind, "score": float(score), "metric": metric})
    return sorted(rows, key=lambda r: -r["score"])


def _tree(x: np.ndarray, y: np.ndarray, folds, regression: bool, seed: int) -> np.ndarray:
    out = np.zeros(len(y), dtype="float64" if regression else np.int64)
    model_type = DecisionTreeRegressor if regression else DecisionTreeClassifier
    for train, test in folds:
        model = model_type(max_depth=MAX_DEPTH, random_state=seed)
        out[test] = model.fit(x[train], y[train]).predict(x[test])
    return out


def _purity(values: pd.Series, y: np.ndarray, folds, regression: bool) -> np.ndarray:
    codes = pd.Series(pd.factorize(values.astype("str").where(values.notna(), "(missing)"))[0])
    out = np.zeros(len(y), dtype="float64" if regression else np.int64)
    target = pd.Series(y)
    for train, test in folds:
        if regression:
            table = target.iloc[train].groupby(codes.iloc[train].to_numpy()).mean()
            fallback = float(target.iloc[train].mean())
        else:
            table = pd.crosstab(codes.iloc[train].to_numpy(), y[train]).idxmax(axis=1)
            fallback = int(target.iloc[train].value_counts().idxmax())
        out[test] = codes.iloc[test].map(table).fillna(fallback).to_numpy()
    return out
