"""A wrong questionnaire file fails at load time with the file, the question id and the problem."""

from __future__ import annotations

import pytest

from questionnaire import QuestionnaireError, load_questionnaire
from tests.scoring.fixture_questionnaire import AREA, write_fixture


def load_with(tmp_path, area: str):
    return load_questionnaire(write_fixture(tmp_path, area=area))


def expect_error(tmp_path, area: str, question: str | None, fragment: str):
    with pytest.raises(QuestionnaireError) as info:
        load_with(tmp_path, area)
    err = info.value
    assert err.file.endswith("alpha.yaml")
    assert err.question == question
    assert fragment in str(err)
    return err


def test_fixture_loads_and_unknown_is_added_to_scored_decisions(tmp_path):
    q = load_with(tmp_path, AREA)
    assert q.version == "fx-1"
    assert q.question("a_choice").allowed_values()[-1] == "unknown"
    assert q.question("ctx_impact").allow_unknown is False  # context is not scored


def test_risky_option_without_action(tmp_path):
    area = AREA.replace("finding: Meh finding, action: Do meh", "finding: Meh finding")
    expect_error(tmp_path, area, "a_choice", "needs both 'finding' and 'action'")


def test_duplicate_option_value(tmp_path):
    area = AREA.replace("{value: meh,", "{value: good,")
    expect_error(tmp_path, area, "a_choice", "option values must be unique")


def test_declared_unknown_option_is_refused(tmp_path):
    area = AREA.replace("{value: meh,", "{value: unknown,")
    expect_error(tmp_path, area, "a_choice", "added automatically")


def test_number_without_bounds(tmp_path):
    area = AREA.replace("    min: 0\n    max: 100\n", "")
    expect_error(tmp_path, area, "a_share", "bounds")


def test_condition_on_a_later_question(tmp_path):
    area = AREA.replace("show_if: {question: a_share, gt: 0}", "show_if: {question: b_sources, includes: logs}")
    expect_error(tmp_path, area, "a_follow", "not an earlier question")


def test_condition_naming_a_value_the_question_cannot_take(tmp_path):
    area = AREA.replace("show_if: {question: a_share, gt: 0}", "show_if: {question: a_choice, equals: excellent}")
    expect_error(tmp_path, area, "a_follow", "excellent")


def test_condition_with_two_tests_is_refused(tmp_path):
    area = AREA.replace("show_if: {question: a_share, gt: 0}", "show_if: {question: a_share, gt: 0, lt: 5}")
    expect_error(tmp_path, area, "a_follow", "exactly one of")


def test_unknown_field_is_named(tmp_path):
    area = AREA.replace("    topic: Share\n", "    topic: Share\n    colour: blue\n")
    expect_error(tmp_path, area, "a_share", "colour")


def test_broken_yaml_names_the_file(tmp_path):
    err = expect_error(tmp_path, AREA + "\n  - id: [unclosed\n", None, "cannot read YAML")
    assert "alpha.yaml" in str(err)


def test_duplicate_question_id_across_files(tmp_path):
    area = AREA.replace("id: a_choice", "id: b_sources")
    with pytest.raises(QuestionnaireError, match="used twice") as info:
        load_with(tmp_path, area)
    assert info.value.question == "b_sources"
