"""Representativeness: can a simple model tell training rows from production rows?

A gradient-boosting classifier is cross-validated on a fixed-seed subsample of both frames. An AUC of
0.5 means the samples are indistinguishable; the Gini-style separation 2*AUC - 1 is judged against a
threshold, and against the separation a classifier reaches by chance on this many rows (the 99th
percentile under the Mann-Whitney null, `checks.noise.separation_floor`: 0.29 at 89 rows per side).
The columns that drive the separation are ranked by their single-column AUC (the
Mann-Whitney statistic of the column's ranks, which is what `sklearn.metrics.roc_auc_score` computes,
for all columns at once).
"""

from __future__ import annotations

import warnings
from typing import Any

import numpy as np
import pandas as pd
from scipy.stats import rankdata
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import StratifiedKFold
from threadpoolctl import threadpool_limits

from checks import fit_process, noise
from checks.inputs import MODEL_THREADS
from checks.library.features import feature_matrix, present_columns
from checks.needs import CheckData
from checks.outcome import Outcome, TableSpec
from checks.registry import Thresholds, grade, register
from vocabulary import Severity, Stage

TOP_DRIVERS = 5
DRIVER_BLOCK = 256  # columns ranked at once for the single-column AUCs (bounds the memory of wide tables)


@register(id="domain_classifier", area="representativeness", title="Domain classifier (training vs production)",
          description="Cross-validated AUC of a model separating training from production rows; flags 2*AUC-1.",
          needs=("train", "production", "shared_columns"),
          thresholds={"separation_moderate": 0.25, "separation_high": 0.5, "sample_per_side": 10000,
                      "folds": 3, "max_iter": 30},
          tables=(TableSpec("drivers", "Columns that tell the samples apart", ("column", "auc")),),
          alongside=True)
def run(data: CheckData, t: Thresholds) -> Outcome:
    out = Outcome()
    n = int(t["sample_per_side"])
    train = data.train.iloc[data.subsample_index("train", n, salt=1)]
    prod = data.production.iloc[data.subsample_index("production", n, salt=2)]
    kinds = {c: data.column_kinds[c] for c in data.shared_columns}
    (x_train, x_prod), columns, categorical = feature_matrix([train, prod], kinds)
    if not columns:
        out.message = "no numeric, categorical or text columns to compare"
        return out
    x = np.vstack([x_train, x_prod])
    if not present_columns(x).any():
        return out.skip("every compared column is empty")
    if min(len(x_train), len(x_prod)) < int(t["folds"]):
        return out.skip(f"fewer than {int(t['folds'])} rows in a sample: too few to cross-validate a model")
    y = np.concatenate([np.zeros(len(x_train)), np.ones(len(x_prod))])
    proba = fit_process.call(_out_of_fold_proba, x, y, categorical, int(t["folds"]), int(t["max_iter"]), data.seed)
    auc = float(roc_auc_score(y, proba))
    separation = max(2 * auc - 1, 0.0)
    floor = noise.separation_floor(len(x_train), len(x_prod))
    pvalue = noise.auc_pvalue(auc, len(x_train), len(x_prod))
    drivers = _drivers(x, y, columns, categorical)
    out.sample_size = len(y)
    out.metrics.update(auc=auc, separation=separation, separation_noise_floor=floor, auc_pvalue=pvalue,
                       sample_train=len(x_train), sample_production=len(x_prod),
                       folds=int(t["folds"]), model="HistGradientBoostingClassifier")
    out.table("drivers", drivers)
    severity = grade(separation, [(t["separation_moderate"], Severity.medium),
                                  (t["separation_high"], Severity.high)])
    if severity is None or separation <= floor:
        return out
    listing = ", ".join(f"{d['column']} (AUC {d['auc']:.2f})" for d in drivers)
    out.flag(severity, "A model can tell training rows from production rows",
             f"A classifier separates the two samples with AUC {auc:.2f} (2*AUC-1 = {separation:.2f}; chance "
             f"reaches {floor:.2f} on this many rows); the "
             f"differences are driven mostly by {listing}. Training does not look like production.",
             "Review how the training sample was drawn; collect production-like data for the driving columns "
             "and re-run this check until the separation falls below the threshold.",
             owner="Data lead", due=Stage.before_first_training, metrics={"auc": auc, "separation": separation,
                                                                           "drivers": drivers})
    return out


def _out_of_fold_proba(x: np.ndarray, y: np.ndarray, categorical: np.ndarray, folds: int, max_iter: int,
                       seed: int) -> np.ndarray:
    """P(production) of every row from a model that did not see it, as `cross_val_predict` on the columns each
    fold can use (in the helper process when one runs: see `checks.fit_process`)."""
    proba = np.full(len(y), 0.5)
    with threadpool_limits(MODEL_THREADS, user_api="openmp"):
        for fit_rows, test_rows in StratifiedKFold(folds, shuffle=True, random_state=seed).split(x, y):
            keep = present_columns(x[fit_rows])
            model = HistGradientBoostingClassifier(max_iter=max_iter, categorical_features=categorical[keep],
                                                   early_stopping=False, random_state=seed)
            model.fit(x[fit_rows][:, keep], y[fit_rows])
            proba[test_rows] = model.predict_proba(x[test_rows][:, keep])[:, 1]
    return proba


def _drivers(x: np.ndarray, y: np.ndarray, columns: list[str], categorical: np.ndarray) -> list[dict]:
    """Single-column AUC (orientation-free) per column: numeric as is, categories by their production share."""
    aucs = np.concatenate([_column_aucs(x[:, start:start + DRIVER_BLOCK], y, categorical[start:start + DRIVER_BLOCK])
                           for start in range(0, x.shape[1], DRIVER_BLOCK)])
    out: list[dict[str, Any]] = [{"column": col, "auc": float(max(auc, 1 - auc))}
                                 for col, auc in zip(columns, aucs, strict=True)]
    return sorted(out, key=lambda d: -d["auc"])[:TOP_DRIVERS]


def _column_aucs(x: np.ndarray, y: np.ndarray, categorical: np.ndarray) -> np.ndarray:
    """ROC AUC of each column as a score for y = 1: (rank sum of the positives - n1 (n1 + 1) / 2) / (n1 n0),
    with tied values sharing their mean rank. A missing number ranks below every value of its column."""
    values = x.copy()
    for j in np.flatnonzero(categorical):
        codes = pd.Series(np.nan_to_num(x[:, j], nan=-1.0))
        values[:, j] = codes.map(pd.Series(y).groupby(codes).mean()).to_numpy()
    with np.errstate(all="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # a column without any value has no minimum
        floor = np.where(np.isfinite(values).any(axis=0), np.nanmin(values, axis=0) - 1, 0.0)
    values = np.where(np.isnan(values), floor, values)
    positive = y == 1
    n1, n0 = int(positive.sum()), int((~positive).sum())
    ranks = rankdata(values, axis=0)
    return (ranks[positive].sum(axis=0) - n1 * (n1 + 1) / 2) / (n1 * n0)
