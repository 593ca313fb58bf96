"""A check report survives its JSON form: what a revision saves is what scoring reads back."""

from __future__ import annotations

import json

from benchmarks import datagen
from checks.registry import run_checks
from checks.report import CheckReport
from checks.sources import build_inputs


def test_round_trip_keeps_findings_statuses_and_metrics(tmp_path):
    files = datagen.write_samples(tmp_path, 2000, 500, 200)
    report = run_checks(build_inputs(files["train"], files["production"], files["annotations"], label="label",
                                     time="timestamp", text="text", segments=["region"], item_col="item_id",
                                     annotator_col="annotator", annotation_label_col="label"))
    back = CheckReport.from_json(json.loads(json.dumps(report.to_json())))
    assert [(f.id, f.severity, f.area, f.title, f.check) for f in back.findings] == \
        [(f.id, f.severity, f.area, f.title, f.check) for f in report.findings]
    assert [(c.id, c.status) for c in back.checks] == [(c.id, c.status) for c in report.checks]
    assert back.metrics_by_check().keys() == report.metrics_by_check().keys()
    assert back.drift == json.loads(json.dumps(report.to_json()))["drift"]


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
