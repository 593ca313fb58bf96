"""The scoring engine on a small fixture questionnaire: every threshold at its boundary."""

from __future__ import annotations

import math

import pytest

from questionnaire import bundled_questionnaire, load_questionnaire
from questionnaire.answers import normalize_answers
from questionnaire.schema import UNKNOWN
from scoring.config import default_scoring_config
from scoring.engine import score
from scoring.findings import Action, Finding
from scoring.rules import load_rules
from scoring.scores import area_sizes
from tests.answer_sets import extreme_answers
from tests.scoring.fixture_questionnaire import write_fixture
from vocabulary import Severity, Stage, Verdict

BEST = {"ctx_impact": ["internal"], "a_choice": "good", "a_share": 50, "a_follow": "yes", "b_sources": ["logs"]}


@pytest.fixture
def fx(tmp_path):
    root = write_fixture(tmp_path)
    q = load_questionnaire(root)
    return q, load_rules(q, root / "rules.yaml")


def run(fx, **changes):
    q, rules = fx
    return score(q, {**BEST, **changes}, ruleset=rules)


def by_id(card):
    return {f.id: f for f in card.risks}


def test_best_practice_has_no_findings_and_is_ready(fx):
    card = run(fx)
    assert card.risks == []
    assert card.areas == {"alpha": 100, "beta": 100}
    assert card.overall == 100
    assert card.verdict == Verdict.ready


@pytest.mark.parametrize(
    ("value", "severity"),
    [("meh", Severity.medium), ("almost", Severity.medium), ("bad", Severity.high), ("stop", Severity.critical)],
)
def test_option_risk_sets_severity_at_its_boundary(fx, value, severity):
    finding = by_id(run(fx, a_choice=value))["a_choice"]
    assert finding.severity == severity
    assert finding.kind == "answer" and finding.question_id == "a_choice"
    assert finding.source == f"answer:a_choice={value}"


def test_option_owner_and_due_default_to_the_question_and_can_be_overridden(fx):
    meh = by_id(run(fx, a_choice="meh"))["a_choice"]
    assert meh.action == Action(text="Do meh", owner="Data engineer", due=Stage.before_labeling)
    bad = by_id(run(fx, a_choice="bad"))["a_choice"]
    assert bad.action.due == Stage.before_launch


@pytest.mark.parametrize(("share", "risky"), [(9.999, 0.8), (10, 0.4), (19.99, 0.4), (20, None)])
def test_number_bands_apply_below_their_bound_only(fx, share, risky):
    found = by_id(run(fx, a_share=share)).get("a_share")
    assert (found.risk if found else None) == risky


def test_unknown_counts_as_a_risk_at_least_as_bad_as_the_worst_option(fx):
    policy = default_scoring_config().unknown
    found = by_id(run(fx, a_choice="unknown"))["a_choice"]
    assert found.risk == 1.0  # the worst decided option ("stop") outweighs the policy's 0.6
    assert by_id(run(fx, a_follow="unknown"))["a_follow"].risk == max(policy.risk, 0.9)
    assert found.title == policy.finding.format(topic="Choice", help="", text="")
    assert found.source == "answer:a_choice=unknown"


def test_unanswered_decision_counts_as_unknown(fx):
    q, rules = fx
    answers = dict(BEST)
    del answers["a_choice"]
    card = score(q, answers, ruleset=rules)
    assert by_id(card)["a_choice"].source == "answer:a_choice=unknown"
    assert card.answered == card.applicable - 1


def test_hidden_question_is_not_scored(fx):
    # a_follow is only asked when a_share > 0; its risky answer must not count when hidden
    card = run(fx, a_share=0, a_follow="no")
    assert "a_follow" not in by_id(card)
    assert "a_follow" in by_id(run(fx, a_share=0.5, a_follow="no"))


def test_multi_choice_with_min_aggregate_takes_the_safest_chosen_option(fx):
    assert "b_sources" not in by_id(run(fx, b_sources=["logs", "convenience"]))
    assert by_id(run(fx, b_sources=["scraped", "convenience"]))["b_sources"].risk == 0.5


@pytest.mark.parametrize(("share", "fires"), [(9.99, False), (10, True)])
def test_cross_question_rule_fires_at_its_boundary(fx, share, fires):
    card = run(fx, a_share=share, a_follow="no")
    assert ("rule:share_without_follow" in by_id(card)) is fires


def test_cross_question_rule_treats_unanswered_as_unknown(fx):
    q, rules = fx
    answers = {k: v for k, v in BEST.items() if k != "a_follow"}
    card = score(q, {**answers, "a_share": 15}, ruleset=rules)
    rule = by_id(card)["rule:share_without_follow"]
    assert rule.area == "beta" and rule.severity == Severity.high and rule.kind == "rule"


def test_context_modifier_raises_severity_in_its_areas_only(fx):
    plain = by_id(run(fx, a_choice="meh", b_sources=["scraped"]))
    raised = run(fx, a_choice="meh", b_sources=["scraped"], ctx_impact=["internal", "safety_critical"])
    found = by_id(raised)
    assert plain["a_choice"].severity == Severity.medium
    assert found["a_choice"].severity == Severity.high
    assert found["a_choice"].modified_by == ["safety"]
    assert found["b_sources"].severity == plain["b_sources"].severity
    assert [m.id for m in raised.modifiers] == ["safety"]


def expected_area(fx, area: str, burden: float) -> int:
    q, _ = fx
    return round(100 * math.exp(-default_scoring_config().steepness * burden / area_sizes(q)[area]))


def test_area_score_decays_with_the_summed_weights_of_its_risks(fx):
    card = run(fx, a_choice="bad", a_share=15)  # answers of risk 0.75 and 0.4 in alpha
    assert card.areas["alpha"] == expected_area(fx, "alpha", 0.75 + 0.4)
    assert card.areas["beta"] == 100
    assert 0 < card.exact["alpha"] < card.exact["beta"]


def test_critical_risk_makes_not_ready_even_with_high_scores(fx):
    card = run(fx, a_choice="stop")
    assert card.areas["beta"] == 100
    assert card.verdict == Verdict.not_ready
    assert any("critical" in r for r in card.verdict_reasons)


def test_overall_is_the_harmonic_mean_of_the_areas(fx):
    card = run(fx, a_choice="bad", a_share=5, a_follow="no")  # alpha loses a lot, beta gets the rule
    alpha, beta = card.exact["alpha"], card.exact["beta"]
    assert card.exact["overall"] == pytest.approx(2 / (1 / alpha + 1 / beta), abs=1e-3)
    assert card.exact["overall"] < (alpha + beta) / 2  # a weak area pulls harder than in an average
    assert card.weakest_area == min(card.areas, key=card.areas.get)


def test_high_risk_gives_ready_with_conditions(fx):
    card = run(fx, a_choice="bad")
    assert card.verdict == Verdict.ready_with_conditions


def test_data_findings_count_in_their_area(fx):
    q, rules = fx
    data = Finding(id="drift:x", area="beta", severity=Severity.high, title="Drift", why="Columns drift.",
                   kind="check", source="check:drift", check="drift",
                   action=Action(text="Recollect", due=Stage.before_first_training))
    card = score(q, BEST, findings=[data], ruleset=rules)
    assert card.areas["beta"] == expected_area(fx, "beta", default_scoring_config().severity_weight[Severity.high])
    assert card.actions[0].text == "Recollect"


def test_actions_are_deduplicated_and_ordered_by_stage_then_severity(fx):
    card = run(fx, a_choice="stop", a_share=15)
    assert [a.priority for a in card.actions] == list(range(1, len(card.actions) + 1))
    assert [(a.due.rank, -a.severity.rank) for a in card.actions] == sorted(
        (a.due.rank, -a.severity.rank) for a in card.actions)
    assert any(a.severity == Severity.critical for a in card.actions)
    assert len({a.text for a in card.actions}) == len(card.actions)
    assert [r.severity.rank for r in card.risks] == sorted((r.severity.rank for r in card.risks), reverse=True)


def test_rule_finding_links_back_to_the_first_scored_question_it_names(fx):
    rule = by_id(run(fx, a_share=15, a_follow="no"))["rule:share_without_follow"]
    assert rule.question_id == "a_share"


# --- area size: only the decision questions that apply count -------------------------------------------
# A question the answers hide (a follow-up to a share of 0) is not part of the project, so it neither
# dilutes nor inflates the area; a question hidden behind an undecided gate may still apply, and it
# joins the area only where that lowers the score, so an open gate never scores better than any
# decision of that gate.

def alpha_score(fx, **changes) -> float:
    return run(fx, **changes).exact["alpha"]


def expected(burden: float, questions: int) -> float:
    return round(100 * math.exp(-default_scoring_config().steepness * burden / questions), 4)


def test_a_hidden_follow_up_counts_neither_way(fx):
    # a share of 0 (risk 0.8) hides the follow-up: two questions apply, not three
    assert alpha_score(fx, a_choice="meh", a_share=0) == pytest.approx(expected(0.4 + 0.8, 2), abs=1e-3)
    # the same answers with the follow-up shown and answered well: three questions apply
    assert alpha_score(fx, a_choice="meh", a_share=5) == pytest.approx(expected(0.4 + 0.8, 3), abs=1e-3)


def test_a_follow_up_behind_an_undecided_gate_joins_when_it_weighs_more_than_the_mean(fx):
    # a_share undecided weighs its worst band (0.8); the hidden follow-up is undecided at its worst (0.9),
    # heavier than 0.8 per question over the two shown, so it joins: 1.7 over 3
    assert alpha_score(fx, a_share=UNKNOWN) == pytest.approx(expected(0.8 + 0.9, 3), abs=1e-3)


def test_an_undecided_gate_never_beats_a_decision_that_hides_or_shows_its_follow_up(fx):
    for choice in ("good", "meh", "almost", "bad", "stop"):
        unknown = alpha_score(fx, a_choice=choice, a_share=UNKNOWN)
        hides = alpha_score(fx, a_choice=choice, a_share=0)
        shows_worst = alpha_score(fx, a_choice=choice, a_share=5, a_follow="no")
        assert unknown <= min(hides, shows_worst) + 1e-9, choice


def test_worst_practice_reads_near_the_bottom_in_an_area_that_shows_few_questions():
    """Data rights shows a plain-privacy project 2 of its 10 questions; worst answers to them are worst practice."""
    q = bundled_questionnaire()
    answers = normalize_answers(q, {**extreme_answers(q, worst=True), "ctx_privacy": ["none"]})
    card = score(q, answers)
    shown = [x for x in q.area("data_governance").questions if q.visible(x, answers)]
    assert 0 < len(shown) < len(q.area("data_governance").questions)
    assert card.areas["data_governance"] <= 25, card.areas
