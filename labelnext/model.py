"""The quick model: a fixed-seed, cross-fitted logistic regression on the cheap representation.

The training rows with a label (at most `model_rows`, a fixed-seed sample) are split into `folds`
stratified folds. Each fold's model is fitted on the other folds, predicts the fold it did not see
(out-of-fold predictions give an honest accuracy and macro-F1, stated with the batch), and predicts
the pool; a pool row's probabilities are the mean over the fold models. A class a fold's model never
saw gets probability 0 from that model.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import numpy as np
from scipy import sparse
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, f1_score
from sklearn.model_selection import KFold, StratifiedKFold
from threadpoolctl import threadpool_limits

from checks.inputs import MODEL_THREADS

MAX_ITER = 100
C = 1.0


@dataclass
class QuickModel:
    classes: np.ndarray  # class names (str), sorted
    models: list[LogisticRegression]
    rows: int  # labeled training rows the model was fitted on
    folds: int
    oof_accuracy: float | None
    oof_macro_f1: float | None

    @classmethod
    def fit(cls, x: sparse.csr_matrix, labels: np.ndarray, folds: int, seed: int) -> QuickModel:
        classes, y = np.unique(labels, return_inverse=True)
        counts = np.bincount(y)
        k = max(2, min(folds, len(y)))
        splitter = (StratifiedKFold(k, shuffle=True, random_state=seed) if counts.min() >= k
                    else KFold(k, shuffle=True, random_state=seed))
        oof = np.full(len(y), -1)
        models = []
        with threadpool_limits(MODEL_THREADS), warnings.catch_warnings():
            warnings.simplefilter("ignore", ConvergenceWarning)
            for fit_rows, held in splitter.split(np.zeros(len(y)), y):
                if len(np.unique(y[fit_rows])) < 2:
                    continue
                model = LogisticRegression(C=C, max_iter=MAX_ITER, random_state=seed).fit(x[fit_rows], y[fit_rows])
                oof[held] = model.classes_[model.predict_proba(x[held]).argmax(axis=1)]
                models.append(model)
        seen = oof >= 0
        acc = float(accuracy_score(y[seen], oof[seen])) if seen.any() else None
        f1 = float(f1_score(y[seen], oof[seen], average="macro")) if seen.any() else None
        return cls(classes, models, len(y), k, acc, f1)

    def predict_proba(self, x: sparse.csr_matrix) -> np.ndarray:
        """Mean class probabilities over the fold models, columns in the order of `classes`."""
        out = np.zeros((x.shape[0], len(self.classes)), dtype=np.float64)
        with threadpool_limits(MODEL_THREADS):
            for model in self.models:
                out[:, model.classes_] += model.predict_proba(x)
        return out / max(len(self.models), 1)

    def describe(self) -> str:
        scores = (f"; out-of-fold accuracy {self.oof_accuracy:.2f}, macro-F1 {self.oof_macro_f1:.2f}"
                  if self.oof_accuracy is not None else "")
        return (f"logistic regression, {self.folds}-fold cross-fitted on {self.rows:,} labeled training rows"
                f"{scores}")


def margin(proba: np.ndarray) -> np.ndarray:
    """Best minus second-best class probability (0 = the model cannot decide)."""
    if proba.shape[1] < 2:
        return np.ones(len(proba))
    top2 = np.partition(proba, -2, axis=1)[:, -2:]
    return top2[:, 1] - top2[:, 0]


def entropy(proba: np.ndarray) -> np.ndarray:
    """Shannon entropy of the class probabilities, in bits."""
    p = np.clip(proba, 1e-12, 1.0)
    return -(p * np.log2(p)).sum(axis=1)
