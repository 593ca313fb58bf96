"""Registry and runner: every check registered and documented, config overrides, errors isolated, strict JSON."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from checks.config import ConfigError, load_config
from checks.inputs import CheckInputs
from checks.mapping import ColumnMapping
from checks.registry import AREAS, REGISTRY, load_all, run_checks
from checks.report import CheckStatus

EXPECTED = {"drift", "segment_shares", "domain_classifier", "rare_classes", "thin_segments", "production_support",
            "outliers", "text_length", "edge_tag_coverage", "label_conflicts", "annotation_agreement",
            "class_volume", "duplicates", "missing_values", "constant_columns", "mixed_types", "leakage",
            "learning_curve", "data_age", "time_coverage", "temporal_drift", "label_shares_time"}


def test_every_check_is_registered_and_documented():
    specs = load_all()
    assert set(specs) == EXPECTED
    for spec in specs.values():
        assert spec.area in AREAS and spec.title and spec.description
        assert isinstance(spec.thresholds, dict)


def tiny_inputs(**kw) -> CheckInputs:
    frame = pd.DataFrame({"x": np.arange(100.0), "label": ["a", "b"] * 50})
    return CheckInputs(train=frame, mapping=ColumnMapping(label="label"), **kw)


def test_checks_without_inputs_are_skipped_with_a_reason():
    report = run_checks(tiny_inputs())
    assert report.check("drift").status is CheckStatus.skipped
    assert report.check("drift").message == "no production sample; no feature columns shared by training and production"
    assert report.check("annotation_agreement").message == "no annotations file"


def test_a_failing_check_becomes_an_error_finding_and_others_run(monkeypatch):
    def boom(inputs, ctx):
        raise RuntimeError("odd data")

    load_all()
    spec = REGISTRY["rare_classes"]
    monkeypatch.setitem(REGISTRY, "rare_classes", type(spec)(**{**spec.__dict__, "run": boom}))
    report = run_checks(tiny_inputs())
    result = report.check("rare_classes")
    assert result.status is CheckStatus.error and "odd data" in result.message
    error = [f for f in report.findings if f.check == "rare_classes"]
    assert len(error) == 1 and error[0].severity == "medium" and "odd data" in error[0].why
    assert report.check("missing_values").status is CheckStatus.ok


def test_config_overrides_thresholds(tmp_path):
    path = tmp_path / "c.yaml"
    path.write_text("checks:\n  rare_classes:\n    min_count: 60\n")
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
    assert len(seen) == len(EXPECTED) + 1 and seen[-1] == ("", len(EXPECTED), len(EXPECTED))


def test_json_is_strict_and_has_the_documented_shape():
    frame = pd.DataFrame({"x": [1.0, np.nan, 3.0, 4.0], "label": ["a", "a", "b", "b"]})
    report = run_checks(CheckInputs(train=frame, mapping=ColumnMapping(label="label")))
    payload = report.to_json()
    json.dumps(payload, allow_nan=False)
    assert set(payload) == {"findings", "checks", "drift", "sampling"}
    assert {"check", "area", "severity", "title", "message", "metrics"} <= set(payload["findings"][0])
    assert {"id", "status", "metrics"} <= set(payload["checks"][0])
