"""A check report survives its JSON form: what a revision saves is what scoring reads back."""

from __future__ import annotations

import json

from benchmarks import datagen
from checks.registry import REGISTRY, load_all, run_checks
from checks.report import CheckReport
from checks.sources import build_inputs


def test_round_trip_keeps_findings_statuses_and_metrics(tmp_path):
    files = datagen.write_samples(tmp_path, 2000, 500, 200)
    report = run_checks(build_inputs(files["train"], files["production"], files["annotations"], label="label",
                                     time="timestamp", text="text", segment=["region"], item_col="item_id",
                                     annotator_col="annotator", annotation_label_col="label"))
    back = CheckReport.from_json(json.loads(json.dumps(report.to_json())))
    assert [(f.id, f.severity, f.area, f.title, f.check) for f in back.findings] == \
        [(f.id, f.severity, f.area, f.title, f.check) for f in report.findings]
    assert [(c.id, c.status) for c in back.checks] == [(c.id, c.status) for c in report.checks]
    assert back.metrics_by_check().keys() == report.metrics_by_check().keys()
    assert [(c.id, c.tables) for c in back.checks] == [(c.id, c.tables) for c in report.checks]
    assert back.check("drift").tables["columns"].rows


def test_a_run_saved_in_the_first_shape_is_read_with_its_tables():
    """Revisions saved before tables were declared hold the drift table at the top level and lists of
    records among the metrics; both come back as the checks' declared tables, in the current fields."""
    old = {
        "findings": [],
        "checks": [
            {"id": "drift", "area": "representativeness", "title": "Column drift", "status": "finding",
             "thresholds": {"psi_moderate": 0.1, "js_moderate": 0.15}, "metrics": {"columns_drifted": 1}},
            {"id": "class_volume", "area": "volume_quality", "title": "Examples per class", "status": "ok",
             "metrics": {"below_target": 0, "smallest": 300,
                         "classes": [{"class": "a", "count": 300, "target": 200}]}},
        ],
        "drift": {"columns": [
            {"column": "amount", "kind": "numeric", "psi": 0.31, "ks_statistic": 0.2, "drifted": True,
             "level": "major"},
            {"column": "region", "kind": "categorical", "js_distance": 0.05, "drifted": False, "level": None},
        ]},
    }
    load_all()
    report = CheckReport.from_json(json.loads(json.dumps(old)))
    drift = report.check("drift").tables["columns"]
    assert tuple(drift.columns) == REGISTRY["drift"].table("columns").columns
    assert [(r["column"], r["statistic"], r["score"], r["threshold"]) for r in drift.rows] == [
        ("amount", "PSI", 0.31, 0.1), ("region", "JS distance", 0.05, 0.15)]
    assert drift.rows[0]["ks_statistic"] == 0.2  # the kind-specific statistics stay
    volume = report.check("class_volume")
    assert volume.tables["classes"].rows == [{"class": "a", "count": 300, "target": 200}]
    assert volume.metrics == {"below_target": 0, "smallest": 300}
    assert "drift" not in report.to_json()
    from reports.evidence import build_evidence

    charts = build_evidence(report).charts
    assert [c.title for c in charts["representativeness"]] == ["Drift per column, training vs production"]
    assert [c.title for c in charts["volume_quality"]] == ["Examples per class"]


def test_metrics_by_check_leaves_out_checks_that_did_not_run():
    report = CheckReport.from_json({"checks": [
        {"id": "a", "area": "edge_cases", "title": "A", "status": "ok", "metrics": {"x": 1}},
        {"id": "b", "area": "edge_cases", "title": "B", "status": "skipped", "metrics": {}},
        {"id": "c", "area": "edge_cases", "title": "C", "status": "error", "metrics": {}},
    ]})
    assert report.metrics_by_check() == {"a": {"x": 1}}


def test_unusable_json_gives_none_and_unreadable_entries_are_left_out():
    assert CheckReport.from_json(None) is None
    assert CheckReport.from_json({"inputs": {}}) is None
    report = CheckReport.from_json({
        "findings": [{"id": "x", "area": "annotation", "severity": "apocalyptic", "title": "?"}, "junk"],
        "checks": [{"id": "a", "area": "annotation", "title": "A", "status": "ok"}, {"status": "weird"}],
    })
    assert report.findings == [] and [c.id for c in report.checks] == ["a"]


def test_each_result_records_the_thresholds_its_run_used(tmp_path):
    from checks.registry import default_thresholds
    from reports.evidence import build_evidence

    files = datagen.write_samples(tmp_path, 2000, 500, 200)
    inputs = build_inputs(files["train"], files["production"], label="label")
    report = run_checks(inputs, {"drift": {"psi_major": 0.4}})
    drift = report.check("drift")
    assert drift.thresholds == {**default_thresholds()["drift"], "psi_major": 0.4}
    assert report.check("rare_classes").thresholds == default_thresholds()["rare_classes"]
    back = CheckReport.from_json(json.loads(json.dumps(report.to_json())))
    assert back.check("drift").thresholds["psi_major"] == 0.4
    shown = dict(next(c for c in build_evidence(back).checks if c.id == "drift").thresholds)
    assert any(value == "0.4" for value in shown.values()), shown
