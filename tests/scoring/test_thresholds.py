"""Thresholds from one place: the minimums the answers state drive the matching checks and claims."""

from __future__ import annotations

import json

import pandas as pd
import pytest
import yaml
from typer.testing import CliRunner

from checks.config import validate_config
from checks.inputs import CheckInputs
from checks.mapping import ColumnMapping
from checks.registry import default_thresholds, run_checks
from cli import app
from questionnaire import bundled_questionnaire
from questionnaire.schema import UNKNOWN
from scoring.claims import bundled_claims, check_config_from_answers
from scoring.engine import score_with_checks
from tests.answer_sets import extreme_answers

Q = bundled_questionnaire()


def test_every_answer_threshold_names_a_real_threshold_of_its_check():
    defaults = default_thresholds()
    for limit in bundled_claims().thresholds:
        assert limit.threshold in defaults[limit.check], (limit.check, limit.threshold)
        assert Q.question(limit.answer).type.value == "number", limit.answer


def test_stated_minimums_become_check_thresholds():
    answers = {"vol_min_per_class": 80, "edge_min_examples": 40, "ann_agreement_target": 0.75}
    config = check_config_from_answers(Q, answers)
    assert config == {"class_volume": {"target_per_class": 80}, "thin_segments": {"min_segment": 40},
                      "edge_tag_coverage": {"min_per_tag": 40}, "annotation_agreement": {"alpha_good": 0.75}}
    validate_config(config, default_thresholds())


@pytest.mark.parametrize("value", [UNKNOWN, None, 0])
def test_an_open_or_zero_minimum_leaves_the_checks_defaults(value):
    assert check_config_from_answers(Q, {"vol_min_per_class": value}) == {}


def _train(smallest: int) -> pd.DataFrame:
    """Three classes: 300, 300 and `smallest` rows, with a continuous feature so rows are distinct."""
    labels = ["a"] * 300 + ["b"] * 300 + ["c"] * smallest
    return pd.DataFrame({"label": labels, "x": [i / 7 for i in range(len(labels))]})


@pytest.mark.parametrize(("stated", "flagged"), [(100, True), (60, False)])
def test_the_check_and_its_claim_draw_the_line_at_the_stated_minimum(stated, flagged):
    """A team that promises 100 per class and has 60 hears it from the check and the claim, as one risk;
    a team that promises 60 hears neither, although the check's default target is 200."""
    answers = {**extreme_answers(Q, worst=False), "vol_min_per_class": stated}
    inputs = CheckInputs(train=_train(60), mapping=ColumnMapping(label="label"))
    report = run_checks(inputs, config=check_config_from_answers(Q, answers), only=["class_volume"])
    card = score_with_checks(Q, answers, report)
    evidence = {f.id for f in card.evidence()}
    assert ("claim:class_minimum_not_met" in evidence) is flagged
    assert any(f.startswith("check:class_volume") for f in evidence) is flagged
    if flagged:
        risk = card.risk_of("claim:class_minimum_not_met")
        assert risk is card.risk_of(next(f for f in evidence if f.startswith("check:class_volume")))
    assert card.basis["volume_quality"].data
    assert card.basis["volume_quality"].claims_confirmed == (0 if flagged else 1)


@pytest.mark.parametrize(("stated", "flagged"), [(100, True), (60, False)])
def test_the_cli_runs_the_checks_with_the_answers_minimums(tmp_path, stated, flagged):
    """`readiness score` with data judges class volume by the team's own minimum, not the default 200."""
    train = tmp_path / "train.csv"
    _train(60).to_csv(train, index=False)
    answers = tmp_path / "answers.yaml"
    values = {**extreme_answers(Q, worst=False), "vol_min_per_class": stated}
    answers.write_text(yaml.safe_dump({"questionnaire_version": Q.version, "answers": values}))
    result = CliRunner().invoke(app, ["score", str(answers), "--format", "json", "--train", str(train),
                                      "--label", "label"])
    assert result.exit_code == 0, result.output
    evidence = [e["id"] for r in json.loads(result.stdout)["risks"] for e in r["evidence"]]
    assert any(e.startswith("check:class_volume") for e in evidence) is flagged
