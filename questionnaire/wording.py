"""How an answer reads, the same in the app, the report, the PDF and the revision comparison.

`answer_text(question, value)` gives option labels instead of codes, numbers with at most four
significant digits (thousands separated, never in exponent notation) and their unit, and plain
words for gaps ("Not answered", "Don't know yet").
"""

from __future__ import annotations

import math
from typing import Any

from questionnaire.schema import UNKNOWN, UNKNOWN_LABEL, Question, QuestionType

NOT_ANSWERED = "Not answered"
SIGNIFICANT_DIGITS = 4


def is_blank(value: Any) -> bool:
    return value is None or value == "" or value == []


def choice_label(question: Question, value: Any) -> str:
    """The label shown for one option value of a choice question (the value itself if it is not an option)."""
    if value == UNKNOWN:
        return UNKNOWN_LABEL
    option = question.option(str(value))
    return option.label if option else str(value)


def number_text(value: float) -> str:
    """A number as people write it: '1,200', '33.33', '0.1235'."""
    if isinstance(value, bool) or not math.isfinite(value):
        return str(value)
    if float(value).is_integer():
        return f"{int(value):,}"
    decimals = max(0, SIGNIFICANT_DIGITS - 1 - math.floor(math.log10(abs(value))))
    text = f"{value:,.{decimals}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def answer_text(question: Question, value: Any) -> str:
    """The answer as a reader sees it, e.g. 'Written, but they cover mainly the clear cases' or '33.33 %'."""
    if is_blank(value):
        return NOT_ANSWERED
    if value == UNKNOWN or value == [UNKNOWN]:
        return UNKNOWN_LABEL
    if question.type == QuestionType.multi:
        return "; ".join(choice_label(question, v) for v in (value if isinstance(value, list) else [value]))
    if question.type in (QuestionType.single, QuestionType.yesno):
        return choice_label(question, value)
    if question.type == QuestionType.number and isinstance(value, (int, float)):
        return f"{number_text(value)} {question.unit or ''}".strip()
    return str(value)
