"""`readiness list`, `export` and `import`: saved assessments from the command line."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from assessments import Store
from cli import app
from questionnaire import bundled_questionnaire
from scoring.engine import score
from tests.answer_sets import extreme_answers

runner = CliRunner()


def invoke(*args):
    return runner.invoke(app, [str(a) for a in args])


@pytest.fixture
def saved(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    monkeypatch.setenv("READINESS_DATABASE_URL", url)
    q = bundled_questionnaire()
    answers = extreme_answers(q, worst=False)
    store = Store.open(url)
    created = store.create("Churn model", project="Retention", owner="Ana")
    store.save_answers(created.id, answers, expected_version=created.version, questionnaire_version=q.version,
                       scorecard=score(q, answers).model_dump(mode="json"))
    store.close()
    return created.id


def test_list_shows_saved_assessments(saved):
    rows = json.loads(invoke("list", "--format", "json").stdout)
    assert [(r["id"], r["name"], r["verdict"], r["overall"]) for r in rows] == [(saved, "Churn model", "ready", 100)]
    assert "Churn model" in invoke("list").stdout
    assert invoke("list", "nothing-like-this").stdout.strip() == "No saved assessment matches."


@pytest.mark.parametrize("fmt", ["yaml", "json"])
def test_export_then_gate_and_import(saved, tmp_path, fmt):
    out = tmp_path / f"export.{fmt}"
    assert invoke("export", saved, "-o", out, "--as", fmt).exit_code == 0
    gate = invoke("gate", out, "--min-overall", 90, "--format", "json")
    assert gate.exit_code == 0 and json.loads(gate.stdout)["overall"] == 100
    imported = invoke("import", out, "--name", "Churn model (from file)")
    assert imported.exit_code == 0 and "Imported as assessment" in imported.stdout
    names = [r["name"] for r in json.loads(invoke("list", "--format", "json").stdout)]
    assert sorted(names) == ["Churn model", "Churn model (from file)"]


def test_export_of_an_unknown_id_and_import_of_a_wrong_file_exit_2(saved, tmp_path):
    missing = invoke("export", 999, "-o", tmp_path / "x.yaml")
    assert missing.exit_code == 2 and "999" in missing.stderr
    wrong = tmp_path / "answers.yaml"
    wrong.write_text("ctx_task_type: classification\n")
    result = invoke("import", wrong)
    assert result.exit_code == 2 and "not an assessment export" in result.stderr
    assert len(json.loads(invoke("list", "--format", "json").stdout)) == 1  # nothing was added
