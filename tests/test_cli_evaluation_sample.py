"""`--production-is-evaluation`: ids the second file shares with training count as evaluation leakage only
when the team says that file is its evaluation set (a production sample shares ids as a matter of course)."""

from __future__ import annotations

import json

import pandas as pd
import yaml
from typer.testing import CliRunner

from cli import app
from questionnaire import bundled_questionnaire
from tests.answer_sets import extreme_answers

runner = CliRunner()
CLAIM = "claim:clean_split_but_shared_ids"


def _files(tmp_path):
    train = pd.DataFrame({"customer": range(400), "amount": [float(i % 37) for i in range(400)],
                          "label": ["a", "b"] * 200})
    second = pd.DataFrame({"customer": list(range(380, 480)), "amount": [float(i % 29) for i in range(100)]})
    train.to_csv(tmp_path / "train.csv", index=False)
    second.to_csv(tmp_path / "second.csv", index=False)  # 20 of 100 ids also in training
    answers = {**extreme_answers(bundled_questionnaire(), worst=False), "rep_eval_split": "by_entity"}
    (tmp_path / "answers.yaml").write_text(yaml.safe_dump(answers))


def _evidence_ids(tmp_path, *flags: str) -> set[str]:
    result = runner.invoke(app, ["score", str(tmp_path / "answers.yaml"), "--train", str(tmp_path / "train.csv"),
                                 "--production", str(tmp_path / "second.csv"), "--id", "customer", "--label", "label",
                                 "--format", "json", *flags])
    assert result.exit_code == 0, result.output
    card = json.loads(result.output)
    card = card.get("scorecard", card)
    return {e["id"] for risk in card["risks"] for e in risk.get("evidence", [])}


def test_shared_ids_contradict_a_clean_split_only_for_a_declared_evaluation_set(tmp_path):
    _files(tmp_path)
    assert CLAIM not in _evidence_ids(tmp_path)
    assert CLAIM in _evidence_ids(tmp_path, "--production-is-evaluation")
