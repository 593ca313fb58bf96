"""Answers: a mapping of question id to value, read from a file and checked against the questionnaire.

Values by question type: single / yesno -> one option value (or "unknown"); multi -> a list of
option values (or "unknown"); number -> a number within the bounds (or "unknown"); text -> a
string; date -> an ISO date "YYYY-MM-DD". A missing question simply counts as unanswered.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from questionnaire.schema import UNKNOWN, Question, Questionnaire, QuestionType
from safety.documents import DocumentError, read_document_file

MAX_TEXT_LENGTH = 5000


class AnswersError(ValueError):
    """An answers file is unreadable or invalid; `problems` lists every problem found."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


def read_document(path: Path | str) -> Any:
    """The parsed content of a YAML or JSON file, within the declared limits (size, nesting, no YAML aliases).

    Raises `AnswersError` naming the file and the problem.
    """
    path = Path(path)
    try:
        return read_document_file(path)
    except DocumentError as exc:
        raise AnswersError([f"{path}: {exc}"]) from None
    except OSError as exc:
        raise AnswersError([f"{path}: cannot read the file ({exc.strerror or exc})"]) from None


def read_answers_file(path: Path | str) -> dict[str, Any]:
    """Read answers from YAML or JSON. Accepts a flat mapping or an export with an 'answers' key."""
    return answers_of(read_document(path), path)


def answers_of(data: Any, path: Path | str) -> dict[str, Any]:
    """The answers in a parsed answers file (a flat mapping, or a mapping with an 'answers' key)."""
    if data is None:
        return {}
    if isinstance(data, dict) and isinstance(data.get("answers"), dict):
        data = data["answers"]
    if not isinstance(data, dict):
        raise AnswersError([f"{path}: expected a mapping of question id to answer"])
    return {str(k): v for k, v in data.items()}


def normalize_answers(questionnaire: Questionnaire, answers: dict[str, Any]) -> dict[str, Any]:
    """Return answers with friendly spellings made canonical; raise AnswersError listing every problem."""
    problems: list[str] = []
    clean: dict[str, Any] = {}
    for qid, value in answers.items():
        question = questionnaire.question(qid)
        if question is None:
            problems.append(f"{qid}: unknown question id")
            continue
        if value is None or value == "" or value == []:
            continue
        try:
            clean[qid] = _normalize(question, value)
        except ValueError as exc:
            problems.append(f"{qid}: {exc}")
    if problems:
        raise AnswersError(problems)
    return clean


def validate_answers(questionnaire: Questionnaire, answers: dict[str, Any]) -> list[str]:
    """Every problem in `answers`, as readable lines (empty when valid)."""
    try:
        normalize_answers(questionnaire, answers)
    except AnswersError as exc:
        return exc.problems
    return []


def missing_required(questionnaire: Questionnaire, answers: dict[str, Any]) -> list[Question]:
    """Required questions that are visible but unanswered."""
    return [
        q
        for q in questionnaire.questions()
        if q.required and questionnaire.visible(q, answers) and answers.get(q.id) in (None, "", [])
    ]


def _normalize(q: Question, value: Any) -> Any:
    if value == [UNKNOWN]:
        value = UNKNOWN
    if value == UNKNOWN:
        if not q.allow_unknown:
            raise ValueError("'unknown' (don't know yet) is not allowed here")
        return UNKNOWN
    if q.type == QuestionType.yesno and isinstance(value, bool):
        value = "yes" if value else "no"
    if q.type in (QuestionType.single, QuestionType.yesno):
        if not isinstance(value, (str, int, float)) or isinstance(value, bool):
            raise ValueError(f"expected one of {q.allowed_values()}, got {value!r}")
        if str(value) not in q.allowed_values():
            raise ValueError(f"'{value}' is not an allowed value; allowed: {', '.join(q.allowed_values())}")
        return str(value)
    if q.type == QuestionType.multi:
        values = value if isinstance(value, list) else [value]
        allowed = [o.value for o in q.options]
        bad = [v for v in values if str(v) not in allowed]
        if bad:
            raise ValueError(f"{bad} not allowed; choose any of: {', '.join(allowed)}")
        return list(dict.fromkeys(str(v) for v in values))
    if q.type == QuestionType.number:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            try:
                value = float(str(value).replace(",", "").strip())
            except ValueError:
                raise ValueError(f"expected a number ({q.unit}), got {value!r}") from None
        if value != value or value in (float("inf"), float("-inf")):
            raise ValueError("expected a finite number")
        if not q.min <= value <= q.max:
            raise ValueError(f"{value:g} is out of range [{q.min:g}, {q.max:g}] {q.unit}")
        if q.integer:
            if value != int(value):
                raise ValueError(f"expected a whole number of {q.unit}, got {value:g}")
            return int(value)
        return value
    if q.type == QuestionType.date:
        if isinstance(value, dt.datetime):
            value = value.date()
        if isinstance(value, dt.date):
            return value.isoformat()
        try:
            return dt.date.fromisoformat(str(value)).isoformat()
        except ValueError:
            raise ValueError(f"expected a date as YYYY-MM-DD, got {value!r}") from None
    if not isinstance(value, (str, int, float)):
        raise ValueError(f"expected text, got {type(value).__name__}")
    text = str(value)
    if len(text) > MAX_TEXT_LENGTH:
        raise ValueError(f"text is {len(text)} characters; at most {MAX_TEXT_LENGTH} are kept")
    return text
