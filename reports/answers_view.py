"""An area section's answers table: what was asked, what was answered (`questionnaire.wording`), the risk it raised."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from questionnaire.schema import UNKNOWN, Questionnaire, QuestionType
from questionnaire.wording import answer_text
from scoring.findings import Finding


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
