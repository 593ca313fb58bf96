"""Edge-case and volume/quality checks: each fires at its threshold, not just beyond it."""

from __future__ import annotations

import numpy as np
import pandas as pd

from checks.library.learning_curve import FRACTIONS
from tests.checks.helpers import run


def labels(counts: dict[str, int]) -> pd.DataFrame:
    values = [k for k, n in counts.items() for _ in range(n)]
    return pd.DataFrame({"x": np.arange(len(values), dtype=float), "label": values})


def test_rare_class_fires_below_min_count_not_at_it():
    _, found, _ = run("rare_classes", labels({"a": 950, "b": 49}), label="label", config={"min_share": 0.0})
    assert found and "b" in found[0].metrics["rare"]
    _, found, _ = run("rare_classes", labels({"a": 950, "b": 50}), label="label", config={"min_share": 0.0})
    assert not found


def test_rare_class_by_share_boundary():
    # 99 of 10,000 = 0.99% < 1% fires; 100 of 10,000 = 1% does not
    _, found, _ = run("rare_classes", labels({"a": 9901, "b": 99}), label="label")
    assert found
    _, found, _ = run("rare_classes", labels({"a": 9900, "b": 100}), label="label")
    assert not found


def test_rare_class_critical_count_raises_severity():
    _, found, _ = run("rare_classes", labels({"a": 990, "b": 9}), label="label")
    assert found[0].severity == "high"


def test_class_volume_against_target():
    _, found, _ = run("class_volume", labels({"a": 200, "b": 199}), label="label")
    assert [r["class"] for r in found[0].metrics["below_target"]] == ["b"]
    _, found, _ = run("class_volume", labels({"a": 200, "b": 200}), label="label")
    assert not found


def test_class_volume_per_class_targets_include_absent_classes():
    _, found, _ = run("class_volume", labels({"a": 300}), label="label", config={"targets": {"c": 10}})
    assert {"class": "c", "count": 0, "target": 10} in found[0].metrics["below_target"]


def test_thin_segments_and_cells():
    frame = pd.DataFrame({"seg": ["big"] * 100 + ["small"] * 49,
                          "label": ["a", "b"] * 50 + ["a"] * 40 + ["b"] * 9})
    result, found, _ = run("thin_segments", frame, label="label", segments=["seg"])
    assert result.metrics["thin_segments"] == 1
    keys = {f.id for f in found}
    assert keys == {"check:thin_segments:segments", "check:thin_segments:cells"}


def test_thin_segment_at_threshold_does_not_fire():
    frame = pd.DataFrame({"seg": ["big"] * 100 + ["small"] * 50})
    _, found, _ = run("thin_segments", frame, segments=["seg"])
    assert not found


def test_production_support_flags_unsupported_segments():
    train = pd.DataFrame({"seg": ["a"] * 100 + ["b"] * 49})
    prod = pd.DataFrame({"seg": ["a"] * 50 + ["b"] * 50 + ["c"] * 10})
    result, found, _ = run("production_support", train, prod, segments=["seg"])
    assert result.metrics["weak_segments"] == 2 and found[0].severity == "high"  # 'c' has no training rows


def test_outliers_share_at_threshold():
    values = np.concatenate([np.tile(np.arange(10.0), 100), [1000.0] * 5])  # 5 / 1005 far out
    share = 5 / 1005
    frame = pd.DataFrame({"x": values})
    _, found, _ = run("outliers", frame, config={"max_share": share})
    assert found and found[0].metrics["columns"][0]["outliers"] == 5
    _, found, _ = run("outliers", frame, config={"max_share": share + 1e-9})
    assert not found


def test_text_length_extremes():
    texts = ["normal text here"] * 97 + ["", "x", "long " * 200]
    result, found, _ = run("text_length", pd.DataFrame({"t": texts}), text="t")
    assert result.metrics["empty"] == 1 and result.metrics["very_short"] == 1 and result.metrics["very_long"] == 1
    assert {f.id for f in found} == {"check:text_length:short", "check:text_length:long"}


def test_edge_tag_coverage_against_targets():
    frame = pd.DataFrame({"tag": ["sarcasm"] * 50 + ["typo"] * 49 + [None] * 10})
    _, found, _ = run("edge_tag_coverage", frame, edge_tag="tag", config={"targets": {"emoji": 5}})
    short = {r["tag"]: r["count"] for r in found[0].metrics["below_target"]}
    assert short == {"typo": 49, "emoji": 0} and found[0].severity == "high"


def test_duplicates_exact_rows_at_threshold():
    frame = pd.DataFrame({"x": list(range(99)) + [0], "id": range(100)})  # one duplicate in 100 rows = 1%
    result, found, _ = run("duplicates", frame, id="id")
    assert result.metrics["duplicate_rows"] == 1 and found
    _, found, _ = run("duplicates", frame, id="id", config={"share_medium": 0.0101})
    assert not found


def test_near_duplicate_texts():
    base = "the parcel arrived late and the box was damaged badly"
    texts = [base, base.upper() + "!", base.replace("badly", "quite badly")] + \
        [f"unrelated message number {i} about something else entirely {i * 7}" for i in range(20)]
    result, found, _ = run("duplicates", pd.DataFrame({"t": texts}), text="t", config={"near_share": 0.05})
    assert result.metrics["text_normalised_duplicates"] == 1
    assert result.metrics["text_near_duplicate_rows"] >= 2 and found


def test_missing_values_boundary_and_label():
    frame = pd.DataFrame({"x": [np.nan] * 5 + [1.0] * 95, "label": ["a"] * 100})
    _, found, _ = run("missing_values", frame, label="label")
    assert found and found[0].severity == "medium"
    frame.loc[0, "label"] = None
    _, found, _ = run("missing_values", frame, label="label")
    assert found[0].severity == "high"


def test_constant_and_near_constant_columns():
    frame = pd.DataFrame({"c": [1] * 2000, "n": [0] * 1998 + [1] * 2, "ok": np.arange(2000)})
    result, found, _ = run("constant_columns", frame)
    assert result.metrics["constant"] == ["c"] and [n["column"] for n in result.tables["near_constant"].rows] == ["n"]


def test_mixed_types_numbers_with_placeholders():
    """'n/a' among numbers is a placeholder: counted, made missing, the column numeric."""
    frame = pd.DataFrame({"v": pd.Series(["1", "2", "3.5"] * 30 + ["n/a"] * 5, dtype="str")})
    result, found, _ = run("mixed_types", frame)
    assert [f.id for f in found] == ["check:mixed_types:placeholders"]
    assert result.metrics["placeholders"] == {"v": {"placeholders": {"n/a": {"train": 5}}, "numeric": True}}


def test_mixed_types_numbers_with_notes():
    frame = pd.DataFrame({"v": pd.Series(["1", "2", "3.5"] * 30 + ["12 kg"] * 5, dtype="str")})
    _, found, _ = run("mixed_types", frame)
    assert found and found[0].metrics["columns"][0]["examples"] == ["12 kg"]


def test_mixed_python_types_in_object_column():
    frame = pd.DataFrame({"v": pd.Series([1, "a", 2.5, "b"], dtype=object)})
    assert run("mixed_types", frame)[1]


def test_leakage_rows_and_ids():
    train = pd.DataFrame({"id": range(1000), "x": np.arange(1000.0)})
    prod = pd.DataFrame({"id": [5] + list(range(5000, 5999)), "x": [3.0] + list(np.arange(5000.0, 5999.0))})
    result, found, _ = run("leakage", train, prod, id="id")
    assert result.metrics["shared_rows"] == 1 and result.metrics["shared_ids"] == 1
    assert found and found[0].severity == "medium"  # 0.1% = share_medium exactly


def test_learning_curve_reports_sizes_and_extrapolation():
    rng = np.random.default_rng(0)
    x = rng.normal(size=(3000, 3))
    y = np.where(x[:, 0] + 0.5 * x[:, 1] + rng.normal(0, 0.5, 3000) > 0, "a", "b")
    frame = pd.DataFrame(x, columns=["f0", "f1", "f2"]).assign(label=y)
    result, _, _ = run("learning_curve", frame, label="label")
    m = result.metrics
    assert len(m["sizes"]) == len(FRACTIONS)
    assert m["error_2x"] is not None and m["error_10x"] <= m["error_2x"] <= m["error_full"]
    assert m["flattened"] == (m["error_full"] - m["error_2x"] < 0.005)
    assert result.sample_size == 3000


def test_near_constant_column_is_found_whatever_the_row_order():
    values = [1] * 5 + [0] * 19995  # 99.975 % zeros, but the first rows hold the rare value
    for order in (values, values[::-1]):
        result, _, _ = run("constant_columns", pd.DataFrame({"n": order, "ok": np.arange(20000)}))
        near = result.tables["near_constant"].rows
        assert [n["column"] for n in near] == ["n"] and abs(near[0]["top_share"] - 0.99975) < 1e-12
