"""`readiness check` and `readiness agreement`: JSON shape, text output, exit code 2 on bad input."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from benchmarks.datagen import write_samples
from cli import app

runner = CliRunner()


@pytest.fixture(scope="module")
def samples(tmp_path_factory):
    return write_samples(tmp_path_factory.mktemp("samples"), train_rows=3000, production_rows=1000, items=300,
                         fmt="csv")


def test_check_json(samples):
    result = runner.invoke(app, [
        "check", "--train", str(samples["train"]), "--production", str(samples["production"]),
        "--annotations", str(samples["annotations"]), "--label", "label", "--time", "timestamp", "--text", "text",
        "--id", "id", "--segment", "region", "--segment", "device", "--item-col", "item_id",
        "--annotator-col", "annotator", "--annotation-label-col", "label", "--today", "2025-06-01",
        "--format", "json"])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    assert {c["status"] for c in payload["checks"]} <= {"ok", "finding", "skipped", "error"}
    assert not [c for c in payload["checks"] if c["status"] == "error"]
    assert all({"check", "area", "severity", "title", "message", "metrics"} <= set(f) for f in payload["findings"])
    drift = next(c for c in payload["checks"] if c["id"] == "drift")
    columns = {c["column"]: c for c in drift["tables"]["columns"]["rows"]}
    assert columns["latency_ms"]["drifted"] is True and columns["latency_ms"]["kind"] == "numeric"
    assert "js_distance" in columns["region"]


def test_check_text_output(samples):
    result = runner.invoke(app, ["check", "--train", str(samples["train"]), "--label", "label"])
    assert result.exit_code == 0 and "Findings" in result.stdout


def test_check_missing_column_exits_2(samples):
    result = runner.invoke(app, ["check", "--train", str(samples["train"]), "--label", "nope"])
    assert result.exit_code == 2
    assert "'nope' (label)" in result.stderr and "Available columns" in result.stderr


def test_check_bad_file_exits_2(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_bytes(b"\x00\x01\x02" * 100)
    result = runner.invoke(app, ["check", "--train", str(bad)])
    assert result.exit_code == 2 and "binary" in result.stderr


def test_check_unknown_config_key_exits_2(samples, tmp_path):
    config = tmp_path / "c.yaml"
    config.write_text("checks:\n  drift:\n    psi_majr: 0.3\n")
    result = runner.invoke(app, ["check", "--train", str(samples["train"]), "--config", str(config)])
    assert result.exit_code == 2 and "psi_majr" in result.stderr


def test_agreement_json(samples):
    result = runner.invoke(app, ["agreement", str(samples["annotations"]), "--item", "item_id",
                                 "--annotator", "annotator", "--label", "label", "--format", "json"])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    for key in ("n_items", "n_annotators", "krippendorff_alpha", "fleiss_kappa", "cohen_kappa_mean",
                "percent_agreement", "krippendorff_alpha_ci", "percent_agreement_ci", "per_annotator"):
        assert key in payload
    assert payload["n_items"] == 300 and payload["n_annotators"] == 10
    assert {"annotator", "n_items", "agreement", "alpha_without"} <= set(payload["per_annotator"][0])


def test_agreement_text_and_level(samples):
    result = runner.invoke(app, ["agreement", str(samples["annotations"]), "--item", "item_id",
                                 "--annotator", "annotator", "--label", "label", "--level", "nominal"])
    assert result.exit_code == 0 and "Krippendorff's alpha" in result.stdout


def test_agreement_interval_on_text_labels_exits_2(samples):
    result = runner.invoke(app, ["agreement", str(samples["annotations"]), "--item", "item_id",
                                 "--annotator", "annotator", "--label", "label", "--level", "interval"])
    assert result.exit_code == 2 and "numeric labels" in result.stderr


def test_agreement_missing_column_exits_2(samples):
    result = runner.invoke(app, ["agreement", str(samples["annotations"]), "--item", "nope",
                                 "--annotator", "annotator", "--label", "label"])
    assert result.exit_code == 2 and "nope" in result.stderr
