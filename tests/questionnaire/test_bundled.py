"""The shipped questionnaire and rules: complete, reachable, every risky answer scored."""

from __future__ import annotations

import pytest

from questionnaire import UNKNOWN, QuestionType, bundled_questionnaire
from scoring.engine import effective_answers, score
from scoring.rules import bundled_rules
from tests.answer_sets import extreme_answers, satisfying, undecided_answers
from vocabulary import Severity, Verdict

Q = bundled_questionnaire()
SCORED = [q for a in Q.scored_areas() for q in a.questions if q.scored]
AREAS = ["context", "representativeness", "edge_cases", "annotation", "label_validity", "volume_quality",
         "data_governance", "shift_maintenance"]


def test_areas_in_order_with_context_first_and_unscored():
    assert [a.id for a in Q.areas] == AREAS
    assert not Q.areas[0].scored and all(a.scored for a in Q.areas[1:])


def test_at_least_forty_substantive_questions():
    assert len(SCORED) >= 40
    for area in Q.scored_areas():
        assert sum(q.scored for q in area.questions) >= 7, area.id


def test_every_question_explains_why_it_matters():
    for q in Q.questions():
        assert len(q.help.split()) >= 8, q.id
        assert q.help.strip() != q.text.strip(), q.id


def test_every_decision_allows_dont_know_and_has_a_best_and_a_bad_answer():
    for q in SCORED:
        assert q.allow_unknown, q.id
        if q.options:  # a number may be informational (only "don't know yet" is risky)
            risks = [o.risk for o in q.options]
            assert min(risks) == 0 and max(risks) >= 0.5, q.id


def test_context_has_the_required_topics():
    ids = {q.id for q in Q.areas[0].questions}
    assert {"ctx_task_type", "ctx_modality", "ctx_impact", "ctx_error_cost", "ctx_production_data",
            "ctx_launch_date", "ctx_production_volume", "ctx_privacy"} <= ids


@pytest.mark.parametrize("question", [q for q in Q.questions() if q.show_if], ids=lambda q: q.id)
def test_every_conditional_question_is_reachable(question):
    answers = satisfying(question.show_if, Q)
    assert Q.visible(question, answers)


def _visible_with(question, value):
    answers = satisfying(question.show_if, Q) if question.show_if else {}
    answers[question.id] = value
    assert Q.visible(question, answers)
    return answers


RISKY_CHOICES = [(q, o) for q in SCORED for o in q.options if o.risk > 0]


@pytest.mark.parametrize(("question", "option"), RISKY_CHOICES, ids=lambda x: getattr(x, "id", getattr(x, "value", "")))
def test_every_risky_option_raises_its_finding(question, option):
    value = [option.value] if question.type == QuestionType.multi else option.value
    card = score(Q, _visible_with(question, value))
    fid = f"{question.id}:{option.value}" if question.aggregate == "each" else question.id
    found = [f for f in card.evidence() if f.id == fid]
    if question.type == QuestionType.multi and question.aggregate == "min" and len(question.options) > 1:
        assert found and found[0].risk == option.risk
    else:
        assert found and found[0].title == option.finding and found[0].action.text == option.action


@pytest.mark.parametrize("question", [q for q in SCORED if q.type == QuestionType.number], ids=lambda q: q.id)
def test_number_bands_fire_below_their_bound_and_not_at_it(question):
    for band in question.bands:
        if band.lt is None or band.risk == 0 or not (question.min < band.lt <= question.max):
            continue
        below = band.lt - (1 if question.integer else 1e-6)
        at_bound = score(Q, _visible_with(question, band.lt))
        under = score(Q, _visible_with(question, below))
        risk_under = next(f.risk for f in under.evidence() if f.id == question.id)
        risk_at = next((f.risk for f in at_bound.evidence() if f.id == question.id), 0.0)
        assert risk_under == question.band(below).risk
        assert risk_at == (question.band(band.lt).risk if question.band(band.lt) else 0.0)
        assert risk_at != risk_under


def test_unknown_on_every_decision_counts_as_a_risk():
    answers = undecided_answers(Q)
    card = score(Q, answers)
    effective = effective_answers(Q, answers)
    undecided = {q.id for q in SCORED if effective.get(q.id) == UNKNOWN}
    assert undecided <= {f.id for f in card.evidence()}
    assert card.verdict == Verdict.not_ready


def test_best_practice_is_ready_with_a_high_score():
    card = score(Q, extreme_answers(Q, worst=False))
    assert card.verdict == Verdict.ready, card.verdict_reasons
    assert card.overall >= 85


def test_worst_practice_is_not_ready_with_a_low_score():
    card = score(Q, extreme_answers(Q, worst=True))
    assert card.verdict == Verdict.not_ready
    assert card.overall <= 30


@pytest.mark.parametrize("rule", bundled_rules().rules, ids=lambda r: r.id)
def test_every_rule_fires_when_its_condition_holds(rule):
    answers = {**extreme_answers(Q, worst=False), **satisfying(rule.when, Q)}
    card = score(Q, answers)
    assert f"rule:{rule.id}" in {f.id for f in card.evidence()}


@pytest.mark.parametrize("rule", bundled_rules().rules, ids=lambda r: r.id)
def test_no_rule_fires_on_best_practice(rule):
    card = score(Q, extreme_answers(Q, worst=False))
    assert f"rule:{rule.id}" not in {f.id for f in card.evidence()}


@pytest.mark.parametrize("mod", bundled_rules().modifiers, ids=lambda m: m.id)
def test_every_modifier_shifts_severity_as_declared(mod):
    base = undecided_answers(Q)
    assert not mod.when.holds(effective_answers(Q, base)), "the plain context must not trigger the modifier"
    plain = score(Q, base)
    context = {k: v for k, v in satisfying(mod.when, Q).items() if k.startswith("ctx_")}
    shifted = score(Q, {**base, **context})
    before = {f.id: f.severity for f in plain.evidence()}
    changed = [f for f in shifted.evidence() if mod.id in f.modified_by]
    assert changed, f"{mod.id} changed nothing"
    for f in changed:
        assert f.area in mod.areas or f.question_id in mod.questions
        if f.id in before and not (set(f.modified_by) - {mod.id}):
            expected = before[f.id].shifted(mod.shift)
            if mod.shift > 0 and expected == Severity.critical and before[f.id] != Severity.critical:
                expected = Severity.high  # context alone never makes a risk critical
            assert f.severity == expected
    assert all(isinstance(f.severity, Severity) for f in shifted.evidence())
