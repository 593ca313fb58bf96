"""Answers are normalised to canonical values, and every problem is reported at once."""

from __future__ import annotations

import pytest

from questionnaire import load_questionnaire
from questionnaire.answers import AnswersError, missing_required, normalize_answers, read_answers_file
from tests.scoring.fixture_questionnaire import write_fixture


@pytest.fixture
def q(tmp_path):
    return load_questionnaire(write_fixture(tmp_path))


def test_canonical_values(q):
    clean = normalize_answers(
        q, {"a_choice": "good", "a_share": "12.5", "a_follow": True, "b_sources": "logs", "ctx_impact": []}
    )
    assert clean == {"a_choice": "good", "a_share": 12.5, "a_follow": "yes", "b_sources": ["logs"]}


def test_unknown_is_allowed_on_decisions_but_not_on_context(q):
    assert normalize_answers(q, {"a_choice": "unknown", "b_sources": ["unknown"]}) == {
        "a_choice": "unknown", "b_sources": "unknown"}
    with pytest.raises(AnswersError, match="not allowed here"):
        normalize_answers(q, {"ctx_impact": "unknown"})


def test_every_problem_is_listed(q):
    with pytest.raises(AnswersError) as info:
        normalize_answers(
            q,
            {"nope": 1, "a_choice": "excellent", "a_share": 101, "b_sources": ["logs", "ftp"], "a_follow": [1]},
        )
    problems = info.value.problems
    assert len(problems) == 5
    assert any(p.startswith("nope: unknown question id") for p in problems)
    assert any("a_share" in p and "out of range [0, 100]" in p for p in problems)
    assert any("a_choice" in p and "excellent" in p for p in problems)
    assert any("b_sources" in p and "ftp" in p for p in problems)


@pytest.mark.parametrize("value", [0, 100])
def test_number_bounds_are_inclusive(q, value):
    assert normalize_answers(q, {"a_share": value})["a_share"] == value


def test_non_finite_numbers_are_refused(q):
    with pytest.raises(AnswersError, match="finite"):
        normalize_answers(q, {"a_share": float("nan")})


def test_read_flat_yaml_and_export_shape(tmp_path):
    flat = tmp_path / "a.yaml"
    flat.write_text("a_choice: good\n")
    nested = tmp_path / "b.json"
    nested.write_text('{"questionnaire_version": "x", "answers": {"a_choice": "meh"}}')
    assert read_answers_file(flat) == {"a_choice": "good"}
    assert read_answers_file(nested) == {"a_choice": "meh"}


@pytest.mark.parametrize(("content", "fragment"), [("a: [", "not valid YAML"), ("- 1\n- 2\n", "expected a mapping")])
def test_unreadable_answer_files(tmp_path, content, fragment):
    path = tmp_path / "bad.yaml"
    path.write_text(content)
    with pytest.raises(AnswersError, match=fragment):
        read_answers_file(path)


def test_missing_file(tmp_path):
    with pytest.raises(AnswersError, match="file not found"):
        read_answers_file(tmp_path / "none.yaml")


def test_missing_required_respects_visibility(tmp_path):
    area = (tmp_path / "x")
    q = load_questionnaire(write_fixture(area))
    q.question("a_follow").required = True
    assert [x.id for x in missing_required(q, {"a_share": 0})] == []
    assert [x.id for x in missing_required(q, {"a_share": 5})] == ["a_follow"]
