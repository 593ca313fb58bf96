"""Label task inference and the single-column leakage screen on sklearn's bundled tables."""

from __future__ import annotations

import numpy as np
import pandas as pd
from sklearn.datasets import load_breast_cancer, load_diabetes, load_iris, load_wine

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


def test_the_class_checks_share_one_task_decision_per_run(monkeypatch):
    """A regression target skips every check that needs classes with the same reason, and the label's
    task is read once for the whole run, however many checks ask."""
    import checks.inputs
    from checks.inputs import CheckInputs
    from checks.mapping import ColumnMapping
    from checks.registry import REGISTRY, load_all, run_checks

    calls = []
    original = checks.inputs.label_task
    monkeypatch.setattr(checks.inputs, "label_task", lambda *a, **k: calls.append(1) or original(*a, **k))
    frame = load_diabetes(as_frame=True).frame
    inputs = CheckInputs(train=frame, mapping=ColumnMapping(label="target"), today=pd.Timestamp("2025-01-01"))
    report = run_checks(inputs, workers=1)
    load_all()
    class_checks = {cid for cid, spec in REGISTRY.items() if "classes" in spec.needs}
    assert {"class_volume", "rare_classes", "label_shares_time"} <= class_checks
    by_id = {c.id: c for c in report.checks}
    reasons = {by_id[cid].message for cid in class_checks if cid != "label_shares_time"}
    assert len(reasons) == 1 and "regression label" in reasons.pop()
    assert all(by_id[cid].status.value == "skipped" for cid in class_checks)
    assert by_id["label_distribution"].metrics["task"] == "regression"
    assert len(calls) == 1


def test_label_next_calls_rare_what_the_rare_classes_check_calls_rare():
    """Senior reviewer: one table, one answer. Wine's three classes (59/71/48 rows) are a small dataset,
    not rare classes; a class of 12 among 1,000 rows is rare for both."""
    from checks.inputs import CheckInputs
    from checks.mapping import ColumnMapping
    from checks.registry import default_thresholds, run_checks
    from labelnext.scores import rare_classes

    wine = load_wine(as_frame=True).frame
    skewed = pd.DataFrame({"x": range(1000), "y": ["a"] * 600 + ["b"] * 388 + ["c"] * 12})
    for frame, label in ((wine, "target"), (skewed, "y")):
        inputs = CheckInputs(train=frame, mapping=ColumnMapping(label=label), today=pd.Timestamp("2025-01-01"))
        report = run_checks(inputs, only=["rare_classes"], workers=1)
        flagged = {k for f in report.findings for k in f.metrics["rare"]}
        chosen = rare_classes(frame[label], default_thresholds()["rare_classes"])
        assert {str(k) for k in chosen.index} == flagged
    assert flagged == {"c"}
