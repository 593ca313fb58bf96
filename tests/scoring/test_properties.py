"""Properties of the scoring over generated answer sets of the bundled questionnaire (hypothesis).

What a reviewer relies on, whatever the answers:
- improving any single answer never lowers its area or the overall score, and raises its area;
- improving a gate question (its follow-ups at best) never adds weight to any area, and never lowers an
  area whose applicable questions stay the same (a gate that hides or shows questions changes what the
  area is scored over: the weight left is then shared by fewer or more questions that apply);
- "don't know yet" never scores better than any decided option of the same question;
- all-undecided is the floor of every area;
- the context moves a finding's severity by at most one step, never raises a near best-practice
  answer, and never makes a finding critical on its own;
- mixed answers score strictly between all-undecided and best practice.
"""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from questionnaire import bundled_questionnaire
from questionnaire.schema import UNKNOWN, Question, QuestionType
from scoring.answers import effective_answers
from scoring.config import default_scoring_config
from scoring.engine import score
from scoring.rules import RuleSet, bundled_rules
from scoring.scores import area_sizes
from tests.answer_sets import extreme_answers
from vocabulary import Severity

Q = bundled_questionnaire()
CONTEXT = [q for q in Q.areas[0].questions if q.scored]
SCORED = [q for a in Q.scored_areas() for q in a.questions if q.scored]
GATES = {g for q in Q.questions() if q.show_if for g in q.show_if.questions()}
EPS = 1e-9
PROPERTY = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def number_values(q: Question) -> list[float]:
    """One value inside every band of a number question, plus its bounds."""
    values = {q.min, q.max}
    for band in q.bands:
        for edge in (band.gte, band.lt):
            if edge is not None and q.min <= edge <= q.max:
                values.add(edge)
    return sorted(values)


def decided_values(q: Question) -> list[Any]:
    if q.type == QuestionType.number:
        return number_values(q)
    if q.type == QuestionType.multi:
        return [[o.value] for o in q.options]
    return [o.value for o in q.options]


def risk_of(q: Question, value: Any) -> float:
    if q.type == QuestionType.number:
        band = q.band(float(value))
        return band.risk if band else 0.0
    if q.type == QuestionType.multi:
        return max(o.risk for o in q.options if o.value in value)
    return q.option(value).risk


@st.composite
def contexts(draw) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for q in CONTEXT:
        if q.type == QuestionType.multi:
            values = st.sampled_from([o.value for o in q.options])
            out[q.id] = draw(st.lists(values, min_size=1, max_size=3, unique=True))
        elif q.type == QuestionType.number:
            out[q.id] = draw(st.sampled_from([int(q.min), 1000, 200000]))
        elif q.options:
            out[q.id] = draw(st.sampled_from([o.value for o in q.options]))
    return out


@st.composite
def answer_sets(draw, undecided_share: float = 0.15) -> dict[str, Any]:
    answers = draw(contexts())
    for q in SCORED:
        if draw(st.floats(0, 1)) < undecided_share:
            answers[q.id] = UNKNOWN
        else:
            answers[q.id] = draw(st.sampled_from(decided_values(q)))
    return answers


def contradicts(before, after) -> bool:
    """A lower-risk option that newly raises a cross-question rule contradicts the other answers (e.g. production
    logs as a source of a product with no production yet): that is no improvement, so the property skips it."""
    return bool({f.id for f in after.evidence("rule")} - {f.id for f in before.evidence("rule")})


def rule_led(card, question_id: str) -> bool:
    """Whether the answer to `question_id` is evidence of a risk that a cross-question rule leads."""
    return any(r.evidence and r.evidence[0].kind == "rule" and any(e.question_id == question_id for e in r.evidence)
               for r in card.risks)


def exact(card, area: str | None = None) -> float:
    return card.exact[area or "overall"]


def burden(card, area: str) -> float:
    return sum(r.weight for r in card.risks if r.area == area)


def area_of(q: Question) -> str:
    return Q.area_of(q.id).id


@PROPERTY
@given(answer_sets(), st.data())
def test_improving_one_answer_never_lowers_a_score_and_raises_its_area(answers, data):
    candidates = [q for q in SCORED if q.id not in GATES and answers[q.id] != UNKNOWN
                  and any(risk_of(q, v) < risk_of(q, answers[q.id]) for v in decided_values(q))]
    if not candidates:
        return
    q = data.draw(st.sampled_from(candidates))
    better = data.draw(st.sampled_from([v for v in decided_values(q) if risk_of(q, v) < risk_of(q, answers[q.id])]))
    before, after = score(Q, answers), score(Q, {**answers, q.id: better})
    assume(not contradicts(before, after))
    area = area_of(q)
    assert exact(after, area) >= exact(before, area) - EPS
    assert exact(after) >= exact(before) - EPS
    for other in after.areas:
        assert exact(after, other) >= exact(before, other) - EPS, (q.id, better, other)
    settled = {k: v for k, v in answers.items() if v != UNKNOWN}
    # counted: not hidden, not behind an open gate, not shown only because a gate is open (then it may apply,
    # and joins its area only where that lowers the score)
    counted = effective_answers(Q, answers).get(q.id) == answers[q.id] and Q.visible(q, settled)
    # a risk that a cross-question rule leads deducts as the rule does, whichever of the rule's answers raised it
    # (capturing personal data for training is as critical with reuse "assumed" as with reuse "not allowed")
    led = rule_led(before, q.id) and rule_led(after, q.id)
    if counted and not led and risk_of(q, answers[q.id]) >= default_scoring_config().finding_from_risk:
        assert exact(after, area) > exact(before, area), (q.id, answers[q.id], better)


@PROPERTY
@given(answer_sets(), st.data())
def test_improving_a_gate_with_its_follow_ups_at_best_never_adds_weight(answers, data):
    best = extreme_answers(Q, worst=False)
    gates = [q for q in SCORED if q.id in GATES and answers[q.id] != UNKNOWN
             and any(risk_of(q, v) < risk_of(q, answers[q.id]) for v in decided_values(q))]
    if not gates:
        return
    q = data.draw(st.sampled_from(gates))
    follow_ups = {f.id: best[f.id] for f in Q.questions() if f.show_if and q.id in f.show_if.questions()}
    base = {**answers, **follow_ups}
    better = data.draw(st.sampled_from([v for v in decided_values(q) if risk_of(q, v) < risk_of(q, answers[q.id])]))
    improved = {**base, q.id: better}
    before, after = score(Q, base), score(Q, improved)
    assume(not contradicts(before, after))
    sizes_before = area_sizes(Q, effective_answers(Q, base))
    sizes_after = area_sizes(Q, effective_answers(Q, improved))
    for area in after.areas:
        assert burden(after, area) <= burden(before, area) + EPS, (q.id, better, area)
        if sizes_after[area] == sizes_before[area]:
            assert exact(after, area) >= exact(before, area) - EPS, (q.id, better, area)


@PROPERTY
@given(answer_sets(), st.data())
def test_unknown_never_beats_a_decided_option_of_the_same_question(answers, data):
    q = data.draw(st.sampled_from(SCORED))
    value = data.draw(st.sampled_from(decided_values(q)))
    decided, unknown = score(Q, {**answers, q.id: value}), score(Q, {**answers, q.id: UNKNOWN})
    assert exact(unknown, area_of(q)) <= exact(decided, area_of(q)) + EPS, (q.id, value)
    assert exact(unknown) <= exact(decided) + EPS, (q.id, value)


@PROPERTY
@given(answer_sets(undecided_share=0.3))
def test_all_undecided_is_the_floor_of_every_area(answers):
    context = {q.id: answers[q.id] for q in CONTEXT if q.id in answers}
    floor = score(Q, {**context, **{q.id: UNKNOWN for q in SCORED}})
    card = score(Q, answers)
    worst = score(Q, {**extreme_answers(Q, worst=True), **context})
    for area in card.areas:
        assert exact(floor, area) <= exact(card, area) + EPS, area
        assert exact(floor, area) <= exact(worst, area) + EPS, area


@PROPERTY
@given(answer_sets())
def test_context_moves_a_finding_at_most_one_step_and_never_to_critical(answers):
    policy = default_scoring_config().context
    plain_rules = RuleSet(rules=bundled_rules().rules, modifiers=[])
    plain = {f.id: f for f in score(Q, answers, ruleset=plain_rules).evidence()}
    for f in score(Q, answers).evidence():
        before = plain[f.id].severity
        assert abs(f.severity.rank - before.rank) <= policy.max_steps, f.id
        if f.severity == Severity.critical:
            assert before == Severity.critical, f"{f.id} made critical by context"
        if f.kind == "answer" and f.risk < policy.min_risk_to_raise:
            assert f.severity.rank <= before.rank, f"{f.id} (risk {f.risk}) raised by context"


@PROPERTY
@given(answer_sets(undecided_share=0.0))
def test_mixed_answers_score_strictly_between_all_undecided_and_best_practice(answers):
    risks = [risk_of(q, answers[q.id]) for q in SCORED]
    if max(risks) < default_scoring_config().finding_from_risk:
        return  # every answer is best practice: not a mixed set
    context = {q.id: answers[q.id] for q in CONTEXT if q.id in answers}
    floor = score(Q, {**context, **{q.id: UNKNOWN for q in SCORED}})
    best = score(Q, {**extreme_answers(Q, worst=False), **context})
    card = score(Q, answers)
    assert exact(floor) < exact(card) < exact(best)
    assert all(0 < v for v in card.areas.values())
