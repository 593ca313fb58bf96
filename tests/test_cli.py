"""The `readiness` command line: questions, template and score, their outputs and their errors."""

from __future__ import annotations

import json

import yaml
from typer.testing import CliRunner

from cli import app
from questionnaire import bundled_questionnaire
from tests.answer_sets import extreme_answers

runner = CliRunner()
Q = bundled_questionnaire()


def invoke(*args):
    return runner.invoke(app, [str(a) for a in args])


def test_questions_json_lists_areas_questions_and_option_risks():
    result = invoke("questions", "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["version"] == Q.version
    assert [a["id"] for a in data["areas"]] == [a.id for a in Q.areas]
    questions = [q for a in data["areas"] for q in a["questions"]]
    assert len(questions) == len(Q.questions())
    for q in questions:
        assert {"id", "area", "type", "options"} <= q.keys()
        for option in q["options"]:
            assert {"value", "risk"} <= option.keys()
            assert 0 <= option["risk"] <= 1


def test_questions_text_names_every_question():
    result = invoke("questions")
    assert result.exit_code == 0
    for q in Q.questions():
        assert q.id in result.stdout


def test_template_lists_every_id_and_parses_back(tmp_path):
    out = tmp_path / "answers.yaml"
    result = invoke("template", "-o", out)
    assert result.exit_code == 0
    text = out.read_text()
    data = yaml.safe_load(text)
    assert set(data["answers"]) == {q.id for q in Q.questions()}
    assert "Why:" in text and "Allowed:" in text
    # an empty template is valid and scores as entirely undecided
    scored = invoke("score", out, "--format", "json")
    assert scored.exit_code == 0, scored.stderr
    assert json.loads(scored.stdout)["verdict"] == "not_ready"


def test_template_refuses_to_overwrite(tmp_path):
    out = tmp_path / "answers.yaml"
    out.write_text("keep me")
    result = invoke("template", "-o", out)
    assert result.exit_code == 2 and "already exists" in result.stderr
    assert out.read_text() == "keep me"


def _write(tmp_path, answers, name="a.yaml"):
    path = tmp_path / name
    path.write_text(yaml.safe_dump(answers))
    return path


def test_score_json_shape_for_best_practice(tmp_path):
    result = invoke("score", _write(tmp_path, extreme_answers(Q, worst=False)), "--format", "json")
    assert result.exit_code == 0, result.stderr
    card = json.loads(result.stdout)
    assert card["verdict"] == "ready" and card["overall"] >= 85
    assert set(card["areas"]) == {a.id for a in Q.scored_areas()}
    assert all(0 <= v <= 100 for v in card["areas"].values())
    assert isinstance(card["risks"], list) and isinstance(card["actions"], list)


def test_score_worst_practice_lists_risks_with_their_sources(tmp_path):
    result = invoke("score", _write(tmp_path, extreme_answers(Q, worst=True)), "--format", "json")
    card = json.loads(result.stdout)
    assert card["verdict"] == "not_ready" and card["overall"] <= 30
    for risk in card["risks"]:
        assert {"id", "area", "severity", "title", "why", "source"} <= risk.keys()
        assert risk["severity"] in {"low", "medium", "high", "critical"}
    assert card["actions"][0]["priority"] == 1


def test_score_text_shows_verdict_and_plan(tmp_path):
    result = invoke("score", _write(tmp_path, extreme_answers(Q, worst=True)))
    assert result.exit_code == 0
    assert "Verdict: NOT READY" in result.stdout and "Action plan" in result.stdout


def test_score_lists_every_problem_and_exits_2(tmp_path):
    number_q = next(q for q in Q.questions() if q.type.value == "number")
    single_q = next(q for q in Q.questions() if q.type.value == "single")
    bad = {"no_such_question": 1, number_q.id: number_q.max + 1, single_q.id: ["a", "list"]}
    result = invoke("score", _write(tmp_path, bad), "--format", "json")
    assert result.exit_code == 2
    assert "3 problem(s)" in result.stderr
    for qid in bad:
        assert qid in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


def test_score_with_an_overriding_config(tmp_path):
    answers = extreme_answers(Q, worst=False)
    q, option = next((q, o) for q in Q.questions() if q.type.value == "single" and not q.show_if
                     for o in q.options if 0.4 <= o.risk < 0.75 and o.severity is None)
    answers[q.id] = option.value  # one medium risk: ready by default
    path = _write(tmp_path, answers)
    default = json.loads(invoke("score", path, "--format", "json").stdout)
    assert default["verdict"] == "ready"
    strict = tmp_path / "strict.yaml"
    strict.write_text("verdict: {ready_weakest_at_least: 99}\n")
    result = invoke("score", path, "--format", "json", "--scoring-config", strict)
    assert result.exit_code == 0
    assert json.loads(result.stdout)["verdict"] == "ready_with_conditions"
    bad = tmp_path / "bad.yaml"
    bad.write_text("verdict: {not_ready_below: -1}\n")
    result = invoke("score", path, "--scoring-config", bad)
    assert result.exit_code == 2 and "not_ready_below" in result.stderr


def test_score_missing_file_is_a_clear_error(tmp_path):
    result = invoke("score", tmp_path / "nope.yaml")
    assert result.exit_code == 2 and "file not found" in result.stderr
