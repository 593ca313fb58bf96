"""The check run's JSON form: versioned, shared by the database, exports, the report and the CLI,
and able to read what earlier versions saved."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from application import assess
from assessments import Snapshot, Store
from checks.check_run import SCHEMA_VERSION, CheckedInputs, CheckRun, FileDescription, digest, run_key
from checks.mapping import AnnotationMapping, ColumnMapping
from checks.report import CheckReport, CheckResult, CheckStatus
from vocabulary import FindingKind, Severity

# A check run exactly as revisions saved it before the JSON form had a version: the report's keys
# plus an `inputs` entry written by the app's sample-data step.
SAVED_BEFORE_VERSIONING = {
    "findings": [{
        "id": "check:rare_classes", "check": "rare_classes", "area": "edge_cases", "severity": "high",
        "title": "2 classes have fewer than 50 examples", "message": "refund and legal are rare.",
        "action": {"text": "Collect more refund and legal tickets.", "owner": "Data lead",
                   "due": "before_first_training"},
        "metrics": {"rare": ["refund", "legal"]},
    }],
    "checks": [
        {"id": "rare_classes", "area": "edge_cases", "title": "Rare classes", "status": "finding", "message": "",
         "sample_size": 400, "seconds": 0.0123, "thresholds": {"min_count": 50, "min_share": 0.01},
         "metrics": {"classes": 5, "rare": ["refund", "legal"]}},
        {"id": "data_age", "area": "shift_maintenance", "title": "Data age", "status": "skipped",
         "message": "no timestamp column mapped", "sample_size": None, "seconds": 0.0, "thresholds": {},
         "metrics": {}},
    ],
    "drift": {"columns": []},
    "sampling": {},
    "inputs": {
        "files": {"train": {"name": "train.csv", "bytes": 20480, "sha256": "ab" * 32, "rows": 400, "columns": 7}},
        "mapping": {"label": "label", "timestamp": None, "text": None, "id": None, "segments": [], "edge_tag": None},
        "annotation_mapping": None,
        "config": {},
        "run_key": "cd" * 32,
        "ran_at": "2026-11-30T10:15:00+00:00",
    },
}


def test_a_run_saved_before_versioning_still_loads():
    run = CheckRun.from_json(json.loads(json.dumps(SAVED_BEFORE_VERSIONING)))
    assert [c.id for c in run.report.checks] == ["rare_classes", "data_age"]
    assert run.report.check("data_age").status is CheckStatus.skipped
    finding = run.report.findings[0]
    assert (finding.severity, finding.kind) == (Severity.high, FindingKind.check)
    assert finding.why == "refund and legal are rare."
    assert run.inputs.files["train"].rows == 400 and run.inputs.mapping.label == "label"
    assert run.inputs.run_key == "cd" * 32
    assert run.inputs.ran_at == dt.datetime(2026, 11, 30, 10, 15, tzinfo=dt.UTC)
    assert assess({}, run).scorecard.risk_of("check:rare_classes") is not None  # evidence of its cause's risk


def test_writing_a_loaded_old_run_gives_the_current_form_with_the_same_content():
    written = CheckRun.from_json(SAVED_BEFORE_VERSIONING).to_json()
    assert written["schema_version"] == SCHEMA_VERSION
    for key in ("findings", "sampling"):
        assert written[key] == SAVED_BEFORE_VERSIONING[key]
    assert written["checks"] == [{**c, "tables": {}} for c in SAVED_BEFORE_VERSIONING["checks"]]
    assert "drift" not in written  # version 2: the drift table is the drift check's own table
    assert written["inputs"]["files"] == SAVED_BEFORE_VERSIONING["inputs"]["files"]
    assert CheckRun.from_json(written).to_json() == written  # a round trip changes nothing


def test_a_stored_revision_with_the_old_shape_loads_through_the_store(tmp_path):
    store = Store.open(f"sqlite:///{tmp_path / 'old.db'}")
    created = store.create("Before versioning", snapshot=Snapshot(answers={}, checks=SAVED_BEFORE_VERSIONING))
    stored = store.get(created.id).snapshot.checks
    store.close()
    assert CheckRun.from_json(stored).report.findings[0].id == "check:rare_classes"


def test_older_and_damaged_entries_lose_only_what_is_unreadable():
    bare = {k: v for k, v in SAVED_BEFORE_VERSIONING.items() if k not in ("inputs", "sampling")}
    run = CheckRun.from_json(bare)
    assert run.inputs == CheckedInputs() and run.report.sampling == {}
    damaged = {**SAVED_BEFORE_VERSIONING, "inputs": {
        "files": {"train": {"name": "train.csv"}, "production": SAVED_BEFORE_VERSIONING["inputs"]["files"]["train"]},
        "mapping": "not a mapping", "ran_at": "yesterday", "run_key": "ef" * 32}}
    inputs = CheckRun.from_json(damaged).inputs
    assert list(inputs.files) == ["production"] and inputs.ran_at is None and inputs.run_key == "ef" * 32


def test_a_run_from_a_newer_version_is_refused_with_a_clear_message():
    with pytest.raises(ValueError, match="newer version of the tool"):
        CheckRun.from_json({**SAVED_BEFORE_VERSIONING, "schema_version": SCHEMA_VERSION + 1})


def test_sampling_survives_the_round_trip():
    sampling = {"train": {"rows_in_file": 3_000_000, "rows_used": 2_000_000, "seed": 1, "method": "row groups"}}
    run = CheckRun(report=CheckReport(sampling=sampling, checks=[
        CheckResult(id="x", area="volume_quality", title="X", status=CheckStatus.ok)]))
    assert CheckRun.from_json(json.loads(json.dumps(run.to_json()))).report.sampling == sampling


def test_the_run_key_ignores_file_names_but_not_content_mapping_or_thresholds():
    inputs = CheckedInputs(files={"train": FileDescription(name="a.csv", bytes=3, sha256=digest(b"abc"), rows=1,
                                                           columns=1)}, mapping=ColumnMapping(label="y"))
    renamed = inputs.model_copy(update={"files": {"train": inputs.files["train"].model_copy(update={"name": "b.csv"})}})
    assert inputs.key() == renamed.key()
    assert inputs.key() != inputs.model_copy(update={"mapping": ColumnMapping()}).key()
    assert inputs.key() != inputs.model_copy(update={"config": {"rare_classes": {"min_count": 10}}}).key()
    annotated = run_key({"train": digest(b"abc")}, ColumnMapping(label="y"),
                        AnnotationMapping(item="i", annotator="a", label="l"))
    assert annotated != inputs.key()


def test_readiness_check_prints_the_same_document(tmp_path):
    from typer.testing import CliRunner

    from cli import app
    from tests.ui.sample_files import production_csv, training_csv

    (tmp_path / "train.csv").write_bytes(training_csv())
    (tmp_path / "prod.csv").write_bytes(production_csv())
    printed = CliRunner().invoke(app, ["check", "--train", str(tmp_path / "train.csv"), "--production",
                                       str(tmp_path / "prod.csv"), "--label", "label", "--today", "2025-10-01",
                                       "--format", "json"])
    assert printed.exit_code == 0, printed.output
    document = json.loads(printed.output)
    assert document["schema_version"] == SCHEMA_VERSION
    assert document["inputs"]["files"]["train"] == {"name": "train.csv", "bytes": len(training_csv()),
                                                    "sha256": digest(training_csv()), "rows": 400, "columns": 5}
    assert document["inputs"]["today"] == "2025-10-01" and document["inputs"]["mapping"]["label"] == "label"
    assert CheckRun.from_json(document).to_json() == document


def test_the_run_key_names_the_declared_task_and_keeps_the_keys_of_runs_without_one():
    inputs = CheckedInputs(files={"train": FileDescription(name="a.csv", bytes=3, sha256=digest(b"abc"), rows=1,
                                                           columns=1)}, mapping=ColumnMapping(label="y"))
    # a run saved before the task was part of the key: same inputs, no task -> the key it was saved with
    saved_before = run_key({"train": digest(b"abc")}, ColumnMapping(label="y"), None, {})
    assert inputs.key() == saved_before
    regression = inputs.model_copy(update={"task": "regression"})
    assert regression.key() != inputs.key()  # the same file read as classes or as a number is another run
    assert regression.key() == run_key({"train": digest(b"abc")}, ColumnMapping(label="y"), None, {}, "regression")
    old = CheckRun.from_json({"schema_version": 2, "findings": [], "checks": [],
                              "inputs": {"files": {}, "run_key": saved_before}})
    assert old.inputs.task is None and old.inputs.run_key == saved_before  # old runs load unchanged
