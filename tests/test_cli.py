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


def test_gate_passes_and_fails_on_the_bar(tmp_path):
    best = _write(tmp_path, extreme_answers(Q, worst=False), "best.yaml")
    worst = _write(tmp_path, extreme_answers(Q, worst=True), "worst.yaml")
    passed = invoke("gate", best, "--min-overall", 90, "--min-area", 90, "--format", "json")
    assert passed.exit_code == 0 and json.loads(passed.stdout)["passed"] is True
    failed = invoke("gate", worst, "--min-overall", 30, "--format", "json")
    assert failed.exit_code == 1
    result = json.loads(failed.stdout)
    assert result["passed"] is False and result["verdict"] == "not_ready"
    assert any("overall score" in r for r in result["reasons"])
    assert any("verdict not_ready" in r for r in result["reasons"])


def test_gate_min_verdict_and_min_area(tmp_path):
    answers = extreme_answers(Q, worst=False)
    q, option = next((q, o) for q in Q.questions() if q.type.value == "single" and not q.show_if
                     for o in q.options if o.risk >= 0.75 and o.severity is None)
    answers[q.id] = option.value  # one high risk: ready with conditions
    path = _write(tmp_path, answers)
    area = Q.area_of(q.id).id
    assert invoke("gate", path, "--min-overall", 0).exit_code == 0
    strict = invoke("gate", path, "--min-overall", 0, "--min-verdict", "ready")
    assert strict.exit_code == 1 and "verdict ready_with_conditions is below ready" in strict.stdout
    by_area = invoke("gate", path, "--min-overall", 0, "--min-area", 95)
    assert by_area.exit_code == 1 and f"area {area} scores" in by_area.stdout


def test_score_with_data_adds_data_findings_and_claims(tmp_path):
    from benchmarks import datagen

    files = datagen.write_samples(tmp_path / "data", 4000, 1000, 400)
    answers = extreme_answers(Q, worst=False)
    answers["rep_mirrors_production"] = "verified"  # contradicted by the shifted production sample
    path = _write(tmp_path, answers)
    plain = json.loads(invoke("score", path, "--format", "json").stdout)
    result = invoke("score", path, "--format", "json", "--train", files["train"], "--production",
                    files["production"], "--label", "label", "--time", "timestamp", "--today", "2025-01-15")
    assert result.exit_code == 0, result.stderr
    card = json.loads(result.stdout)
    kinds = {r["kind"] for r in card["risks"]}
    assert plain["risks"] == [] and {"check", "claim"} <= kinds
    mismatch = next(r for r in card["risks"] if r["id"] == "production_mismatch")
    claim = next(e for e in mismatch["evidence"] if e["id"] == "claim:verified_match_but_columns_drift")
    assert claim["question_id"] == "rep_mirrors_production" and mismatch["question_id"] == "rep_mirrors_production"
    assert card["areas"]["representativeness"] < plain["areas"]["representativeness"]


def test_score_with_unreadable_data_is_a_clear_error(tmp_path):
    answers = _write(tmp_path, extreme_answers(Q, worst=False))
    bad = tmp_path / "train.csv"
    bad.write_bytes(b"\x00\x01\x02binary\x00" * 50)
    result = invoke("score", answers, "--train", bad)
    assert result.exit_code == 2 and "Traceback" not in result.stderr
    assert "train.csv" in result.stderr
