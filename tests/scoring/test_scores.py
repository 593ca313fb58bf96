"""Area size: only the decision questions that apply to this project count (fixture questionnaire).

What a reviewer expects: a question the answers hide (a follow-up to a share of 0) is not part of the
project, so it neither dilutes nor inflates the area; a question hidden behind an undecided gate may
still apply, and it joins the area only where that lowers the score, so an open gate never scores
better than any decision of that gate.
"""

from __future__ import annotations

import math

import pytest

from questionnaire import bundled_questionnaire, load_questionnaire
from questionnaire.answers import normalize_answers
from questionnaire.schema import UNKNOWN
from scoring.config import default_scoring_config
from scoring.engine import score
from scoring.rules import load_rules
from tests.answer_sets import extreme_answers
from tests.scoring.fixture_questionnaire import write_fixture

STEEPNESS = default_scoring_config().steepness
BEST = {"ctx_impact": ["internal"], "a_choice": "good", "a_share": 50, "a_follow": "yes", "b_sources": ["logs"]}


@pytest.fixture
def fx(tmp_path):
    root = write_fixture(tmp_path)
    q = load_questionnaire(root)
    return q, load_rules(q, root / "rules.yaml")


def alpha(fx, **changes) -> float:
    q, rules = fx
    return score(q, {**BEST, **changes}, ruleset=rules).exact["alpha"]


def expected(burden: float, questions: int) -> float:
    return round(100 * math.exp(-STEEPNESS * burden / questions), 4)


def test_a_hidden_follow_up_counts_neither_way(fx):
    # a share of 0 (risk 0.8) hides the follow-up: two questions apply, not three
    assert alpha(fx, a_choice="meh", a_share=0) == pytest.approx(expected(0.4 + 0.8, 2), abs=1e-3)
    # the same answers with the follow-up shown and answered well: three questions apply
    assert alpha(fx, a_choice="meh", a_share=5) == pytest.approx(expected(0.4 + 0.8, 3), abs=1e-3)


def test_a_follow_up_behind_an_undecided_gate_joins_when_it_weighs_more_than_the_mean(fx):
    # a_share undecided weighs its worst band (0.8); the hidden follow-up is undecided at its worst (0.9),
    # heavier than 0.8 per question over the two shown, so it joins: 1.7 over 3
    assert alpha(fx, a_share=UNKNOWN) == pytest.approx(expected(0.8 + 0.9, 3), abs=1e-3)


def test_an_undecided_gate_never_beats_a_decision_that_hides_or_shows_its_follow_up(fx):
    for choice in ("good", "meh", "almost", "bad", "stop"):
        unknown = alpha(fx, a_choice=choice, a_share=UNKNOWN)
        hides = alpha(fx, a_choice=choice, a_share=0)
        shows_worst = alpha(fx, a_choice=choice, a_share=5, a_follow="no")
        assert unknown <= min(hides, shows_worst) + 1e-9, choice


def test_worst_practice_reads_near_the_bottom_in_an_area_that_shows_few_questions():
    """Data rights shows a plain-privacy project 2 of its 10 questions; worst answers to them are worst practice."""
    q = bundled_questionnaire()
    answers = normalize_answers(q, {**extreme_answers(q, worst=True), "ctx_privacy": ["none"]})
    card = score(q, answers)
    shown = [x for x in q.area("data_governance").questions if q.visible(x, answers)]
    assert 0 < len(shown) < len(q.area("data_governance").questions)
    assert card.areas["data_governance"] <= 25, card.areas
