"""Sample files and check runs as the app makes them: content-keyed loading, run identity, saved results."""

from __future__ import annotations

import json

import pytest

from application import CheckOptions, ColumnRoles, assess, read_upload, run_checks
from application.data_files import UPLOAD_LIMITS
from checks.check_run import SCHEMA_VERSION, CheckRun, run_key
from checks.loading import LoadLimits
from checks.mapping import AnnotationMapping, ColumnMapping
from tests.ui.sample_files import BINARY_JUNK, annotations_csv, production_csv, training_csv
from vocabulary import FindingKind


def read_sample(role, name, raw, known=(), limits=UPLOAD_LIMITS):
    return read_upload(role, name, raw, known=known, limits=limits)


@pytest.fixture(scope="module")
def saved():
    samples = {"train": read_sample("train", "train.csv", training_csv()),
               "production": read_sample("production", "prod.csv", production_csv()),
               "annotations": read_sample("annotations", "ann.csv", annotations_csv())}
    steps = []
    run = run_checks(samples, ColumnRoles(samples["train"].guess, samples["annotations"].guess),
                     CheckOptions(progress=lambda title, done, total: steps.append((title, done, total))))
    return run.to_json(), steps


def test_a_sample_is_its_bytes_not_its_name():
    first = read_sample("train", "train.csv", training_csv())
    renamed = read_sample("train", "other.csv", training_csv(), known=[first])
    assert renamed.frame is first.frame  # reused, not parsed again
    assert renamed.sha256 == first.sha256 and renamed.name == "other.csv"
    different = read_sample("train", "train.csv", training_csv(seed=9), known=[first])
    assert different.sha256 != first.sha256 and different.frame is not first.frame


def test_a_broken_file_becomes_a_message():
    sample = read_sample("train", "train.csv", BINARY_JUNK)
    assert not sample.ok and sample.error.startswith("looks like binary")  # the app shows the name beside it
    empty = read_sample("production", "p.csv", b"")
    assert "empty" in empty.error


def test_size_and_row_limits_give_clear_errors():
    too_big = read_sample("train", "big.csv", training_csv(), limits=LoadLimits(max_bytes=1000, max_rows=10**6))
    assert "over the limit" in too_big.error
    too_long = read_sample("train", "long.csv", training_csv(), limits=LoadLimits(max_rows=50))
    assert "rows, over the limit of 50 rows" in too_long.error


def test_previews_show_types_and_first_rows():
    sample = read_sample("train", "train.csv", training_csv())
    types = dict(zip(sample.types["column"], sample.types["type"], strict=True))
    assert types["amount"] == "number" and types["id"] == "whole number" and types["label"] == "text"
    assert len(sample.head(8)) == 8 and sample.description.rows == sample.rows == 400


def test_the_run_key_names_content_mapping_and_config():
    a = {"train": read_sample("train", "train.csv", training_csv()).sha256}
    b = {"train": read_sample("train", "renamed.csv", training_csv()).sha256}
    mapping = ColumnMapping(label="label")
    assert run_key(a, mapping, None) == run_key(b, mapping, None)
    assert run_key(a, mapping, None) != run_key(a, ColumnMapping(), None)
    ann = AnnotationMapping(item="i", annotator="a", label="l")
    assert run_key(a, mapping, ann, {"annotation_agreement": {"level": "nominal"}}) != \
        run_key(a, mapping, ann, {"annotation_agreement": {"level": "ordinal"}})


def test_progress_names_each_check_as_it_starts(saved):
    _, steps = saved
    titles = [t for t, done, total in steps if done < total]
    assert len(titles) == steps[0][2] and "Inter-annotator agreement" in titles
    assert steps[-1][1] == steps[-1][2]


def test_saved_results_are_strict_json_without_the_data(saved):
    result, _ = saved
    json.dumps(result, allow_nan=False)
    files = result["inputs"]["files"]
    assert set(files) == {"train", "production", "annotations"}
    assert files["train"]["rows"] == 400 and len(files["train"]["sha256"]) == 64


def test_saved_results_score_like_the_live_report(saved):
    result, _ = saved
    run = CheckRun.from_json(json.loads(json.dumps(result)))
    assert [c.id for c in run.report.checks] == [c["id"] for c in result["checks"]]
    assert {f.id for f in run.report.findings} == {f["id"] for f in result["findings"]}
    # a classification task, so the generation, detection and extraction questions stay out of the
    # annotation area and the data's effect on it is not lost in the rounding of a crowded area
    answers = {"ctx_task_type": "classification", "ann_overlap_share": 20, "ann_agreement_target": 0.8,
               "ann_agreement_measured": "once"}
    with_data = assess(answers, run).scorecard
    without = assess(answers).scorecard
    assert with_data.areas["annotation"] < without.areas["annotation"]
    assert with_data.evidence(FindingKind.check)
    assert [f.id for f in with_data.evidence(FindingKind.claim)] == ["claim:agreement_below_target"]
    assert not without.evidence(FindingKind.claim)


def test_the_run_records_what_was_checked(saved):
    result, _ = saved
    inputs = result["inputs"]
    assert inputs["mapping"]["label"] == "label" and inputs["annotation_mapping"]["item"] == "item_id"
    assert inputs["today"] and inputs["ran_at"] and result["schema_version"] == SCHEMA_VERSION
    digests = {role: f["sha256"] for role, f in inputs["files"].items()}
    assert inputs["run_key"] == run_key(digests, ColumnMapping.model_validate(inputs["mapping"]),
                                        AnnotationMapping.model_validate(inputs["annotation_mapping"]), {})


def test_nothing_saved_means_no_run():
    assert CheckRun.from_json(None) is None
    assert CheckRun.from_json({"inputs": {}}) is None
