"""The data-age advice fits the answers: stale data with a stated cadence asks for fresh data, not for a cadence.

A reviewer reading the plan of a team that retrains monthly and uploads a year-old sample expects "feed the
retrains with fresh data", never "set a retraining cadence" (they have one). A team that retrains when someone
notices a problem needs both: fresh data now and a cadence. Real checks on a small table with known dates.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from checks.inputs import CheckInputs
from checks.mapping import ColumnMapping
from checks.registry import run_checks
from questionnaire import bundled_questionnaire
from questionnaire.answers import normalize_answers
from scoring.engine import score_with_checks
from tests.answer_sets import extreme_answers

Q = bundled_questionnaire()
TODAY = pd.Timestamp("2026-11-30")


def stale_sample(age_days: int, thresholds: dict | None = None):
    rng = np.random.default_rng(3)
    n = 300
    train = pd.DataFrame({"x": rng.normal(size=n), "team": rng.choice(["a", "b"], n),
                          "created": TODAY - pd.to_timedelta(rng.integers(age_days, age_days + 60, n), unit="D")})
    mapping = ColumnMapping(label="team", timestamp="created")
    return run_checks(CheckInputs(train=train, mapping=mapping, today=TODAY), config=thresholds or {})


def retraining_action(cadence: str, report):
    answers = normalize_answers(Q, {**extreme_answers(Q, worst=False), "shift_retrain_cadence": cadence})
    card = score_with_checks(Q, answers, report)
    return next(a for a in card.actions if a.cause == "retraining"), card


@pytest.mark.parametrize("cadence", ["schedule_and_triggers", "scheduled", "triggered"])
def test_a_stated_cadence_with_stale_data_asks_for_fresh_data_not_for_a_cadence(cadence):
    action, card = retraining_action(cadence, stale_sample(400))
    assert "cadence" not in action.text.lower(), action.text
    assert "newest record" in action.text  # the claim's advice: gate each retrain on fresh data
    assert card.risk_of("check:data_age") is not None


@pytest.mark.parametrize("cadence", ["no_owner", "ad_hoc", "never"])
def test_a_missing_cadence_with_stale_data_asks_for_fresh_data_and_the_plan_change(cadence):
    action, _ = retraining_action(cadence, stale_sample(400))
    own = Q.question("shift_retrain_cadence").option(cadence).action.strip()
    assert action.text.startswith("Add a fresh sample of recent production data")
    assert action.text.endswith(own)


def test_the_claim_draws_the_line_where_the_check_does():
    """A team that flags data older than 90 days: at 120 days the check fires, and so does the claim."""
    report = stale_sample(120, {"data_age": {"age_days_medium": 90}})
    action, card = retraining_action("scheduled", report)
    risk = card.risk_of("claim:regular_retraining_but_stale_data")
    assert risk is not None and "cadence" not in action.text.lower()
    _, card = retraining_action("scheduled", stale_sample(120))  # default 180: neither fires
    assert card.risk_of("check:data_age") is None and card.risk_of("claim:regular_retraining_but_stale_data") is None
