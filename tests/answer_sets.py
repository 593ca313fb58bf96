"""Answer sets built from the questionnaire data itself, so tests follow the content as it evolves."""

from __future__ import annotations

from typing import Any

from questionnaire.conditions import Condition
from questionnaire.schema import UNKNOWN, Question, Questionnaire, QuestionType


def satisfying(cond: Condition, questionnaire: Questionnaire) -> dict[str, Any]:
    """Answers that make `cond` hold (for the shapes the questionnaire uses: leaves, all, any)."""
    explicit, implied = _satisfy(cond, questionnaire)
    return {**implied, **explicit}


def _satisfy(cond: Condition, questionnaire: Questionnaire) -> tuple[dict[str, Any], dict[str, Any]]:
    """(values the condition names, values that make the named questions visible)."""
    if cond.all is not None:
        explicit: dict[str, Any] = {}
        implied: dict[str, Any] = {}
        for part in cond.all:
            e, i = _satisfy(part, questionnaire)
            explicit.update(e)
            implied.update(i)
        return explicit, implied
    if cond.any is not None:
        return _satisfy(cond.any[0], questionnaire)
    if cond.not_ is not None:
        if cond.not_.holds({}):
            raise NotImplementedError("a 'not' condition false on unanswered questions needs a hand-written answer set")
        return {}, {}  # an unanswered question satisfies the negated test
    q = questionnaire.question(cond.question)
    if cond.equals is not None:
        value: Any = cond.equals
    elif cond.in_ is not None:
        value = cond.in_[0]
    elif cond.not_in is not None:
        value = next(v for v in q.allowed_values() if v not in cond.not_in)
    elif cond.includes is not None:
        value = [cond.includes[0] if isinstance(cond.includes, list) else cond.includes]
    elif cond.excludes is not None:
        bad = set(cond.excludes if isinstance(cond.excludes, list) else [cond.excludes])
        value = [next(o.value for o in q.options if o.value not in bad)]
    elif cond.gte is not None:
        value = cond.gte
    elif cond.gt is not None:
        value = cond.gt + (1 if q.integer or (q.max or 0) > 1 else 0.01)
    elif cond.lte is not None:
        value = cond.lte
    elif cond.lt is not None:
        value = cond.lt - (1 if q.integer or (q.max or 0) > 1 else 0.01)
    else:
        value = UNKNOWN if q.allow_unknown else q.options[0].value
    implied = satisfying(q.show_if, questionnaire) if q.show_if is not None else {}
    return {cond.question: value}, implied


def _number_with_risk(q: Question, pick) -> float:
    """A value inside the bounds whose band risk is the lowest (pick=min) or highest (pick=max)."""
    candidates = {q.min, q.max, (q.min + q.max) / 2}
    for b in q.bands:
        for edge in (b.lt, b.gte):
            if edge is not None:
                candidates |= {edge, edge - (1 if q.integer else 0.001)}
    candidates = sorted(c for c in candidates if q.min <= c <= q.max)  # the smallest fitting value: round band edges

    def risk(x: float) -> float:
        band = q.band(x)
        return band.risk if band else 0.0

    best = pick(candidates, key=risk)
    return int(best) if q.integer else best


def _context(questionnaire: Questionnaire) -> dict[str, Any]:
    """A plain, low-stakes context: internal users, moderate cost, an existing logged system in production,
    no privacy limits, no decisions about people."""
    preferred = {"ctx_impact": ["internal"], "ctx_error_cost": "moderate", "ctx_production_data": "existing_logged",
                 "ctx_privacy": ["none"], "ctx_phase": "production", "ctx_people_affected": "no"}
    out = {}
    for q in questionnaire.areas[0].questions:
        if q.id in preferred:
            out[q.id] = preferred[q.id]
        elif q.type == QuestionType.multi:
            out[q.id] = [q.options[0].value]
        elif q.options:
            out[q.id] = q.options[0].value
        elif q.type == QuestionType.number:
            out[q.id] = int(q.min) if q.integer else q.min
        elif q.type == QuestionType.date:
            out[q.id] = "2027-06-01"
        else:
            out[q.id] = "Route support emails to the right team."
    return out


def extreme_answers(questionnaire: Questionnaire, worst: bool) -> dict[str, Any]:
    """Every scored question answered with its best (risk 0) or worst option, on a plain context."""
    pick = max if worst else min
    answers = _context(questionnaire)
    for area in questionnaire.scored_areas():
        for q in area.questions:
            if q.type in (QuestionType.single, QuestionType.yesno):
                answers[q.id] = pick(q.options, key=lambda o: o.risk).value
            elif q.type == QuestionType.multi:
                answers[q.id] = [pick(q.options, key=lambda o: o.risk).value]
            elif q.type == QuestionType.number:
                answers[q.id] = _number_with_risk(q, pick)
    return answers


def undecided_answers(questionnaire: Questionnaire) -> dict[str, Any]:
    """A plain context and "don't know yet" everywhere else."""
    answers = _context(questionnaire)
    for q in questionnaire.questions():
        if q.allow_unknown:
            answers[q.id] = UNKNOWN
    return answers
