"""How an answer reads in a report: option labels instead of codes, units on numbers, plain words for gaps."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from questionnaire.schema import UNKNOWN, UNKNOWN_LABEL, Question, Questionnaire, QuestionType
from scoring.findings import Finding

NOT_ANSWERED = "Not answered"
NOT_ASKED = "Not asked (does not apply)"


def answer_text(question: Question, value: Any) -> str:
    """The answer as a reader sees it in the wizard, e.g. 'Written, but they cover mainly the clear cases'."""
    if value in (None, "", []):
        return NOT_ANSWERED
    if value == UNKNOWN or value == [UNKNOWN]:
        return UNKNOWN_LABEL
    if question.type in (QuestionType.single, QuestionType.yesno):
        option = question.option(str(value))
        return option.label if option else str(value)
    if question.type == QuestionType.multi:
        values = value if isinstance(value, list) else [value]
        return "; ".join((question.option(str(v)).label if question.option(str(v)) else str(v)) for v in values)
    if question.type == QuestionType.number:
        number = f"{value:,}" if isinstance(value, int) else f"{value:,.4g}"
        return f"{number} {question.unit or ''}".strip()
    return str(value)


@dataclass(frozen=True)
class AnswerRow:
    """One question in an area section: what was asked, what was answered, and the risk it raised."""

    question_id: str
    topic: str
    text: str
    answer: str
    free_text: bool
    severity: str | None  # the severity of the finding this answer raised, if any


def answer_rows(questionnaire: Questionnaire, area_id: str, answers: dict[str, Any],
                risks: list[Finding]) -> list[AnswerRow]:
    """The rows of an area's answers table, in questionnaire order; questions that do not apply are left out."""
    area = questionnaire.area(area_id)
    raised = {}
    for risk in risks:  # a risk's answer evidence, shown with the risk's severity
        for f in getattr(risk, "evidence", None) or [risk]:
            if f.kind == "answer" and f.question_id and f.question_id not in raised:
                raised[f.question_id] = risk.severity.value
    rows = []
    for q in area.questions if area else []:
        if not questionnaire.visible(q, answers):
            continue
        value = answers.get(q.id)
        if value in (None, "", []) and q.allow_unknown:
            value = UNKNOWN  # the engine counts an unanswered decision as undecided
        rows.append(AnswerRow(
            question_id=q.id,
            topic=q.topic,
            text=q.text,
            answer=answer_text(q, value),
            free_text=q.type == QuestionType.text,
            severity=raised.get(q.id),
        ))
    return rows
