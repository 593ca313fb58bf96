"""`assess`: the one function that turns answers and data into a scorecard, with its provenance."""

from __future__ import annotations

from application import assess
from checks.check_run import CheckRun
from questionnaire import bundled_questionnaire
from scoring.config import default_scoring_config
from tests.application.test_check_run import SAVED_BEFORE_VERSIONING


def test_invalid_answers_are_left_out_and_listed_while_the_rest_is_scored():
    answers = {"ctx_task_type": "classification", "ann_overlap_share": 250, "no_such_question": "x"}
    result = assess(answers)
    assert result.answers == {"ctx_task_type": "classification"}
    assert sorted(p.split(":")[0] for p in result.problems) == ["ann_overlap_share", "no_such_question"]
    assert result.scorecard == assess({"ctx_task_type": "classification"}).scorecard


def test_provenance_names_the_versions_and_the_evidence_basis():
    run = CheckRun.from_json(SAVED_BEFORE_VERSIONING)
    plain, with_data = assess({}), assess({}, run)
    assert plain.provenance.questionnaire_version == bundled_questionnaire().version
    assert (plain.provenance.evidence, plain.provenance.check_run) == ("answers only", None)
    assert (with_data.provenance.evidence, with_data.provenance.check_run) == ("answers and data", "cd" * 32)
    assert plain.provenance.scoring_config == "bundled" and plain.provenance.tool_version


def test_a_custom_scoring_config_is_named_by_its_digest():
    config = default_scoring_config().model_copy(deep=True)
    config.verdict.top_risks += 1
    name = assess({}, config=config).provenance.scoring_config
    assert name.startswith("custom sha256:") and len(name) == len("custom sha256:") + 12
    assert assess({}, config=config).provenance.scoring_config == name  # the same config, the same name


def test_a_run_without_results_counts_as_no_data():
    empty = CheckRun.from_json({"checks": []})
    result = assess({}, empty)
    assert result.check_run is None and result.provenance.evidence == "answers only"
    assert result.scorecard == assess({}).scorecard
