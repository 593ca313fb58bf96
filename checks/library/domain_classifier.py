"""Representativeness: can a simple model tell training rows from production rows?

A gradient-boosting classifier is cross-validated on a fixed-seed subsample of both frames. An AUC of
0.5 means the samples are indistinguishable; the Gini-style separation 2*AUC - 1 is judged against a
threshold. The columns that drive the separation are ranked by their single-column AUC.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import StratifiedKFold, cross_val_predict

from threadpoolctl import threadpool_limits

from checks.inputs import MODEL_THREADS, CheckInputs
from checks.library.features import feature_matrix
from checks.registry import CheckContext, grade, register
from vocabulary import Severity, Stage

TOP_DRIVERS = 5


@register(id="domain_classifier", area="representativeness", title="Domain classifier (training vs production)",
          description="Cross-validated AUC of a model separating training from production rows; flags 2*AUC-1.",
          needs=("train", "production", "shared_columns"),
          thresholds={"separation_moderate": 0.25, "separation_high": 0.5, "sample_per_side": 10000,
                      "folds": 3, "max_iter": 30},
          alongside=True)
def run(inputs: CheckInputs, ctx: CheckContext) -> None:
    n = int(ctx["sample_per_side"])
    train = inputs.train.iloc[inputs.subsample_index("train", n, salt=1)]
    prod = inputs.production.iloc[inputs.subsample_index("production", n, salt=2)]
    kinds = {c: inputs.column_kinds[c] for c in inputs.shared_columns}
    (x_train, x_prod), columns, categorical = feature_matrix([train, prod], kinds)
    if not columns:
        ctx.message = "no numeric, categorical or text columns to compare"
        return
    x = np.vstack([x_train, x_prod])
    y = np.concatenate([np.zeros(len(x_train)), np.ones(len(x_prod))])
    model = HistGradientBoostingClassifier(max_iter=int(ctx["max_iter"]), categorical_features=categorical,
                                           early_stopping=False, random_state=inputs.seed)
    folds = StratifiedKFold(int(ctx["folds"]), shuffle=True, random_state=inputs.seed)
    with threadpool_limits(MODEL_THREADS, user_api="openmp"):
        proba = cross_val_predict(model, x, y, cv=folds, method="predict_proba")[:, 1]
    auc = float(roc_auc_score(y, proba))
    separation = max(2 * auc - 1, 0.0)
    drivers = _drivers(x, y, columns, categorical)
    ctx.sample_size = len(y)
    ctx.metrics.update(auc=auc, separation=separation, sample_train=len(x_train), sample_production=len(x_prod),
                       folds=int(ctx["folds"]), model="HistGradientBoostingClassifier", drivers=drivers)
    severity = grade(separation, [(ctx["separation_moderate"], Severity.medium),
                                  (ctx["separation_high"], Severity.high)])
    if severity is None:
        return
    listing = ", ".join(f"{d['column']} (AUC {d['auc']:.2f})" for d in drivers)
    ctx.flag(severity, "A model can tell training rows from production rows",
             f"A classifier separates the two samples with AUC {auc:.2f} (2*AUC-1 = {separation:.2f}); the "
             f"differences are driven mostly by {listing}. Training does not look like production.",
             "Review how the training sample was drawn; collect production-like data for the driving columns "
             "and re-run this check until the separation falls below the threshold.",
             owner="Data lead", due=Stage.before_first_training, metrics={"auc": auc, "separation": separation,
                                                                           "drivers": drivers})


def _drivers(x: np.ndarray, y: np.ndarray, columns: list[str], categorical: np.ndarray) -> list[dict]:
    """Single-column AUC (orientation-free) per column: numeric as is, categories by their production share."""
    out = []
    for j, col in enumerate(columns):
        values = x[:, j]
        if categorical[j]:
            codes = pd.Series(np.nan_to_num(values, nan=-1.0))
            values = codes.map(pd.Series(y).groupby(codes).mean()).to_numpy()
        else:
            values = np.nan_to_num(values, nan=np.nanmin(values) - 1 if np.isfinite(values).any() else 0.0)
        auc = float(roc_auc_score(y, values))
        out.append({"column": col, "auc": max(auc, 1 - auc)})
    return sorted(out, key=lambda d: -d["auc"])[:TOP_DRIVERS]
