"""Label task inference and the single-column leakage screen on sklearn's bundled tables."""

from __future__ import annotations

import numpy as np
import pandas as pd
from sklearn.datasets import load_breast_cancer, load_diabetes, load_iris

from checks.single_feature import single_feature_scores
from checks.task import label_task, skip_reason


def test_task_is_inferred_and_stated():
    diabetes = load_diabetes(as_frame=True).frame["target"]
    task = label_task(diabetes)
    assert task.kind == "regression" and "214 distinct values" in task.reason and skip_reason(task)
    assert label_task(load_iris(as_frame=True).frame["target"]).kind == "classification"
    assert label_task(pd.Series(["a|b", "a", "b;c", "c"])).kind == "multilabel"
    assert label_task(pd.Series([0, 1, 2]), declared="regression").kind == "regression"
    assert skip_reason(label_task(pd.Series(["x", "y"]))) is None


def _scores(frame: pd.DataFrame, label: str, regression: bool = False) -> dict[str, float]:
    kinds = {c: "numeric" for c in frame.columns if c != label}
    return {r["column"]: r["score"] for r in single_feature_scores(frame, kinds, frame[label], regression, seed=1)}


def test_an_id_assigned_after_sorting_by_label_is_found_and_real_features_are_not():
    """Senior reviewer: breast-cancer features predict the diagnosis well (~0.9 balanced accuracy)
    but none alone perfectly; an id numbered in label order predicts it perfectly: that is leakage."""
    frame = load_breast_cancer(as_frame=True).frame
    clean = _scores(frame, "target")
    assert max(clean.values()) < 0.95
    leaked = frame.sort_values("target", kind="stable").reset_index(drop=True)
    leaked["record_no"] = np.arange(len(leaked)) * 3 + 1000
    scores = _scores(leaked, "target")
    assert max(scores, key=scores.get) == "record_no" and scores["record_no"] >= 0.98


def test_categorical_purity_and_regression():
    frame = load_diabetes(as_frame=True).frame
    frame["copy_band"] = (frame["target"] // 10).astype(str)  # derived from the outcome
    kinds = {"copy_band": "categorical", "bmi": "numeric"}
    rows = {r["column"]: r["score"] for r in single_feature_scores(frame, kinds, frame["target"], True, seed=1)}
    assert rows["copy_band"] > 0.98 and rows["bmi"] < 0.5
