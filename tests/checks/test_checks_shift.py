"""Representativeness, label-consistency and drift-over-time checks on tiny frames."""

from __future__ import annotations

import numpy as np
import pandas as pd

from benchmarks.datagen import annotations_frame, production_frame, training_frame
from tests.checks.helpers import run


def test_drift_flags_shifted_columns_and_fills_the_drift_table():
    train, prod = training_frame(5000), production_frame(2000)
    result, found, report = run("drift", train, prod, label="label", id="id", timestamp="timestamp", text="text")
    drifted = {c["column"] for c in result.tables["columns"].rows if c["drifted"]}
    assert {"amount", "latency_ms", "region", "channel"} <= drifted
    assert "f0" not in drifted
    assert next(f for f in found if f.id == "check:drift").severity == "high"
    amount = next(c for c in result.tables["columns"].rows if c["column"] == "amount")
    assert {"psi", "psi_bins", "psi_epsilon", "ks_statistic", "ks_pvalue", "kind", "drifted"} <= set(amount)
    channel = next(c for c in result.tables["columns"].rows if c["column"] == "channel")
    assert channel["unseen_examples"] == ["whatsapp"] and any(f.id == "check:drift:unseen" for f in found)


def test_drift_fires_at_the_psi_threshold_not_above():
    train = pd.DataFrame({"x": np.arange(1.0, 101.0)})
    prod = pd.DataFrame({"x": np.concatenate([np.full(30, 5.0), np.full(70, 95.0)])})
    result, _, _ = run("drift", train, prod, config={"psi_moderate": 100.0, "psi_major": 200.0})
    psi = result.tables["columns"].rows[0]["psi"]
    _, found, _ = run("drift", train, prod, config={"psi_moderate": psi, "psi_major": 200.0})
    assert found and found[0].severity == "medium"
    _, found, _ = run("drift", train, prod, config={"psi_moderate": psi + 1e-9, "psi_major": 200.0})
    assert not found


def test_identical_samples_do_not_drift():
    frame = training_frame(2000)
    result, found, _ = run("drift", frame, frame.drop(columns=["label"]), label="label", id="id",
                           timestamp="timestamp")
    assert not found and not any(c["drifted"] for c in result.tables["columns"].rows)


def test_segment_shares_ratio_boundary():
    train = pd.DataFrame({"seg": ["a"] * 90 + ["b"] * 10})
    prod = pd.DataFrame({"seg": ["a"] * 80 + ["b"] * 20})  # b: 10% vs 20% -> ratio 0.5 exactly
    _, found, _ = run("segment_shares", train, prod, segments=["seg"])
    assert found and found[0].metrics["segments"][0]["segment"] == "b"
    prod = pd.DataFrame({"seg": ["a"] * 81 + ["b"] * 19})
    assert not run("segment_shares", train, prod, segments=["seg"])[1]


def test_domain_classifier_separates_shifted_samples_and_names_drivers():
    result, found, _ = run("domain_classifier", training_frame(3000), production_frame(3000), label="label",
                           id="id", timestamp="timestamp", text="text")
    assert result.metrics["auc"] > 0.7 and found
    assert result.tables["drivers"].rows[0]["column"] in {"latency_ms", "region"}
    assert result.sample_size == 6000


def test_domain_classifier_matches_sklearn_cross_validation_and_roc_auc():
    """The check's fold loop is sklearn's cross_val_predict, and each driver's AUC is roc_auc_score of
    that column alone (missing numbers below every value, categories scored by their production share)."""
    from sklearn.ensemble import HistGradientBoostingClassifier
    from sklearn.metrics import roc_auc_score
    from sklearn.model_selection import StratifiedKFold, cross_val_predict

    from checks.inputs import DEFAULT_SEED, column_kind
    from checks.library.domain_classifier import _column_aucs
    from checks.library.features import feature_matrix

    train, prod = training_frame(600), production_frame(400)
    prod.loc[prod.index[::7], "amount"] = np.nan
    result, _, _ = run("domain_classifier", train, prod, label="label", id="id", timestamp="timestamp", text="text")
    shared = [c for c in train.columns if c in prod.columns and c not in ("label", "id", "timestamp")]
    kinds = {c: column_kind(train[c], is_text=c == "text") for c in shared}
    (x_train, x_prod), columns, categorical = feature_matrix([train, prod], kinds)
    x, y = np.vstack([x_train, x_prod]), np.r_[np.zeros(len(x_train)), np.ones(len(x_prod))]
    model = HistGradientBoostingClassifier(max_iter=30, categorical_features=categorical, early_stopping=False,
                                           random_state=DEFAULT_SEED)
    proba = cross_val_predict(model, x, y, cv=StratifiedKFold(3, shuffle=True, random_state=DEFAULT_SEED),
                              method="predict_proba")[:, 1]
    assert abs(result.metrics["auc"] - roc_auc_score(y, proba)) < 1e-12
    aucs = _column_aucs(x, y, categorical)
    for j, col in enumerate(columns):
        values = x[:, j]
        if categorical[j]:
            codes = pd.Series(np.nan_to_num(values, nan=-1.0))
            values = codes.map(pd.Series(y).groupby(codes).mean()).to_numpy()
        else:
            values = np.nan_to_num(values, nan=np.nanmin(values) - 1)
        assert abs(aucs[j] - roc_auc_score(y, values)) < 1e-12, col


def test_model_checks_learn_from_the_other_columns_when_one_is_entirely_missing():
    """scikit-learn cannot bin a column without any value; the models fit as if it were not there."""
    train, prod = training_frame(600), production_frame(400)
    roles = {"label": "label", "id": "id", "timestamp": "timestamp", "text": "text"}
    for check in ("domain_classifier", "learning_curve"):
        base, _, _ = run(check, train, prod, **roles)
        blank, _, _ = run(check, train.assign(blank=np.nan), prod.assign(blank=np.nan), **roles)
        assert base.status in ("ok", "finding")
        assert (blank.status, blank.metrics.get("auc"), blank.metrics.get("errors")) == \
            (base.status, base.metrics.get("auc"), base.metrics.get("errors"))


def test_domain_classifier_quiet_on_same_distribution():
    result, found, _ = run("domain_classifier", training_frame(2000, seed=1), production_frame(2000, seed=1)
                           .assign(amount=lambda f: f["amount"] / 1.8,
                                   latency_ms=training_frame(2000, seed=5)["latency_ms"],
                                   channel=training_frame(2000, seed=6)["channel"],
                                   region=training_frame(2000, seed=7)["region"]),
                           label="label", id="id", timestamp="timestamp", text="text")
    assert result.metrics["separation"] < 0.25 and not found


def test_label_conflicts_exact_count():
    frame = pd.DataFrame({"t": ["same", "same", "same", "other", "x"], "label": ["a", "b", "a", "c", "d"]})
    result, found, _ = run("label_conflicts", frame, text="t", label="label")
    assert result.metrics["conflicting_inputs"] == 1 and result.metrics["conflicting_rows"] == 3
    assert found and found[0].severity == "high"


def test_label_conflicts_on_feature_columns_without_text():
    frame = pd.DataFrame({"x": [1, 1, 2, 2], "y": ["u", "u", "v", "w"], "label": ["a", "b", "a", "b"]})
    result, _, _ = run("label_conflicts", frame, label="label")
    assert result.metrics["conflicting_rows"] == 2


def test_annotation_agreement_finds_low_alpha_and_outlier_annotator():
    result, found, _ = run("annotation_agreement", annotations=annotations_frame(1500).rename(
        columns={"item_id": "item", "annotator": "coder"}))
    ids = {f.id for f in found}
    assert "check:annotation_agreement:outliers" in ids
    assert result.tables["per_annotator"].rows[-1]["annotator"] == "a09"


def test_annotation_alpha_threshold_boundary():
    frame = annotations_frame(600, noisy_annotator_noise=0.15).rename(columns={"item_id": "item", "annotator": "coder"})
    result, _, _ = run("annotation_agreement", annotations=frame, config={"alpha_good": 0.0, "alpha_min": -1.0})
    alpha = result.metrics["krippendorff_alpha"]
    _, found, _ = run("annotation_agreement", annotations=frame, config={"alpha_good": alpha, "alpha_min": -1.0})
    assert not [f for f in found if f.id.endswith(":alpha")]  # alpha equal to the bar meets it
    _, found, _ = run("annotation_agreement", annotations=frame, config={"alpha_good": alpha + 1e-9, "alpha_min": -1})
    assert [f for f in found if f.id.endswith(":alpha")][0].severity == "medium"


def times_frame(days: list[int], labels: list[str] | None = None) -> pd.DataFrame:
    frame = pd.DataFrame({"ts": pd.Timestamp("2024-01-01") + pd.to_timedelta(days, unit="D"),
                          "x": np.arange(len(days), dtype=float)})
    if labels is not None:
        frame["label"] = labels
    return frame


def test_data_age_boundary():
    # helpers.TODAY is 2025-01-01; newest record 2024-07-05 is 180 days old
    frame = times_frame([0, 186])
    result, found, _ = run("data_age", frame, timestamp="ts")
    assert result.metrics["age_days"] == 180 and found[0].severity == "medium"
    assert not run("data_age", times_frame([0, 187]), timestamp="ts")[1]


def test_time_coverage_gaps():
    days = list(range(0, 30)) + list(range(60, 100))
    result, found, _ = run("time_coverage", times_frame(days), timestamp="ts")
    assert result.metrics["period"] == "D" and result.metrics["empty_periods"] == 30
    assert result.metrics["longest_gap_periods"] == 30 and any(f.id.endswith(":gaps") for f in found)


def test_temporal_drift_between_oldest_and_newest():
    frame = times_frame(list(range(500)))
    frame["x"] = np.where(frame.index < 250, 0.0, 10.0) + np.random.default_rng(0).normal(size=500)
    result, found, _ = run("temporal_drift", frame, timestamp="ts")
    assert result.metrics["columns_drifted"] == 1 and found


def test_label_shares_over_time():
    labels = ["a"] * 300 + ["a", "b"] * 50
    result, found, _ = run("label_shares_time", times_frame(list(range(400)), labels), timestamp="ts", label="label")
    assert result.metrics["max_share_change"] == 0.5 and found
