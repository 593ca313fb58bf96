"""Registry and runner: every check registered and documented, config overrides, errors isolated, strict JSON."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import checks.library
from benchmarks import datagen
from checks.config import ConfigError, load_config
from checks.inputs import CheckInputs
from checks.mapping import ColumnMapping
from checks.outcome import Outcome
from checks.registry import AREAS, REGISTRY, _run_one, load_all, run_checks
from checks.report import CheckStatus
from checks.sources import build_inputs
from reports.evidence import CHART_BUILDERS
from vocabulary import Severity

LIBRARY = Path(checks.library.__file__).parent


def test_every_check_module_is_registered_with_a_complete_declaration():
    """Each `@register(id=...)` in checks/library/ is imported (so registered) and fully declared."""
    declared = {m.group(1) for path in LIBRARY.glob("*.py")
                for m in re.finditer(r'@register\(id="([a-z_]+)"', path.read_text())}
    specs = load_all()
    assert set(specs) == declared and declared
    for spec in specs.values():
        assert spec.area in AREAS and spec.title and spec.description
        assert isinstance(spec.thresholds, dict)
        assert len({t.name for t in spec.tables}) == len(spec.tables)
        assert all(t.title and t.columns for t in spec.tables)


def test_every_chart_reads_a_declared_table_and_declared_fields():
    specs = load_all()
    for check_id, charts in CHART_BUILDERS.items():
        for chart in charts:
            table = specs[check_id].table(chart.table)
            assert set(chart.fields) <= set(table.columns), (check_id, chart.table)


def test_metrics_hold_no_records_tables_do(tmp_path):
    """Lists of records belong in declared tables (shown as tables, read by charts), not among the metrics."""
    files = datagen.write_samples(tmp_path, 2000, 500, 200)
    report = run_checks(build_inputs(files["train"], files["production"], files["annotations"], label="label",
                                     time="timestamp", text="text", segment=["region"], item_col="item_id",
                                     annotator_col="annotator", annotation_label_col="label"))
    for result in report.checks:
        records = [k for k, v in result.metrics.items() if isinstance(v, list) and any(isinstance(r, dict) for r in v)]
        assert not records, (result.id, records)
    assert all(result.tables["columns"].rows for result in report.checks if result.id in ("drift", "temporal_drift"))


def tiny_inputs(**kw) -> CheckInputs:
    frame = pd.DataFrame({"x": np.arange(100.0), "label": ["a", "b"] * 50})
    return CheckInputs(train=frame, mapping=ColumnMapping(label="label"), **kw)


def test_checks_without_inputs_are_skipped_with_a_reason():
    report = run_checks(tiny_inputs())
    assert report.check("drift").status is CheckStatus.skipped
    assert report.check("drift").message == "no production sample; no feature columns shared by training and production"
    assert report.check("annotation_agreement").message == "no annotations file"


def test_a_failing_check_becomes_an_error_without_a_finding_and_others_run(monkeypatch):
    """A check that could not run says nothing about the data: status error with its message, no finding
    (a finding would lower the score for a failure of the tool, not of the data)."""
    def boom(data, t):
        raise RuntimeError("odd data")

    load_all()
    spec = REGISTRY["rare_classes"]
    monkeypatch.setitem(REGISTRY, "rare_classes", replace(spec, run=boom))
    report = run_checks(tiny_inputs())
    result = report.check("rare_classes")
    assert result.status is CheckStatus.error and result.message == "RuntimeError: odd data"
    assert not [f for f in report.findings if f.check == "rare_classes"]
    assert report.check("missing_values").status is CheckStatus.ok


def test_reading_an_undeclared_input_is_an_error_of_the_check(monkeypatch):
    load_all()
    spec = REGISTRY["rare_classes"]
    monkeypatch.setitem(REGISTRY, "rare_classes", replace(spec, needs=("train",)))
    result = run_checks(tiny_inputs(), only=["rare_classes"]).check("rare_classes")
    assert result.status is CheckStatus.error
    assert result.message == "UndeclaredInput: the check reads 'label' without declaring it in needs="


def test_a_table_must_be_declared_and_carry_its_declared_fields(monkeypatch):
    load_all()
    spec = REGISTRY["rare_classes"]

    def undeclared(data, t):
        out = Outcome()
        out.table("surprise", [{"a": 1}])
        return out

    monkeypatch.setitem(REGISTRY, "rare_classes", replace(spec, run=undeclared))
    result = run_checks(tiny_inputs(), only=["rare_classes"]).check("rare_classes")
    assert result.status is CheckStatus.error and "'surprise', which its @register does not declare" in result.message

    spec = REGISTRY["class_volume"]

    def lacking(data, t):
        out = Outcome()
        out.table("classes", [{"class": "a", "count": 3}])
        return out

    monkeypatch.setitem(REGISTRY, "class_volume", replace(spec, run=lacking))
    result = run_checks(tiny_inputs(), only=["class_volume"]).check("class_volume")
    assert result.status is CheckStatus.error and result.message.endswith("table 'classes' lacks target")


def test_an_outcome_becomes_a_result_with_findings_of_the_check():
    load_all()

    def judged(data, t):
        out = Outcome(sample_size=len(data.train))
        out.metrics["rows"] = len(data.train)
        out.flag(Severity.low, "Title", "Why.", "Do this.", key="k", metrics={"rows": 100})
        return out

    spec = replace(REGISTRY["rare_classes"], run=judged)
    result, findings = _run_one(spec, tiny_inputs(), {"min_count": 50})
    assert (result.status, result.metrics, result.sample_size) == (CheckStatus.finding, {"rows": 100}, 100)
    assert [(f.id, f.check, f.area, f.severity, f.kind, f.action.text) for f in findings] == [
        ("check:rare_classes:k", "rare_classes", "edge_cases", Severity.low, "check", "Do this.")]
    unable = replace(spec, run=lambda data, t: Outcome().skip("not enough rows"))
    skipped, findings = _run_one(unable, tiny_inputs(), {})
    assert (skipped.status, skipped.message, findings) == (CheckStatus.skipped, "not enough rows", [])


def test_config_overrides_thresholds(tmp_path):
    path = tmp_path / "c.yaml"
    path.write_text("checks:\n  rare_classes:\n    min_share: 0.6\n")  # two classes of 50 %
    report = run_checks(tiny_inputs(), load_config(path))
    assert report.check("rare_classes").status is CheckStatus.finding


def test_unknown_config_keys_are_named(tmp_path):
    path = tmp_path / "c.yaml"
    path.write_text("checks:\n  drift:\n    psi_majr: 0.3\n  nope: {}\n")
    with pytest.raises(ConfigError, match="unknown threshold\\(s\\) psi_majr.*unknown check 'nope'"):
        run_checks(tiny_inputs(), load_config(path))


def test_progress_callback_sees_every_check():
    seen = []
    run_checks(tiny_inputs(), progress=lambda cid, i, n: seen.append((cid, i, n)))
    n = len(load_all())
    assert len(seen) == n + 1 and seen[-1] == ("", n, n)


def test_json_is_strict_and_has_the_documented_shape():
    frame = pd.DataFrame({"x": [1.0, np.nan, 3.0, 4.0], "label": ["a", "a", "b", "b"]})
    report = run_checks(CheckInputs(train=frame, mapping=ColumnMapping(label="label")))
    payload = report.to_json()
    json.dumps(payload, allow_nan=False)
    assert set(payload) == {"findings", "checks", "sampling"}
    assert {"check", "area", "severity", "title", "message", "metrics"} <= set(payload["findings"][0])
    assert {"id", "status", "metrics", "tables"} <= set(payload["checks"][0])
