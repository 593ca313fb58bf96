"""How values look on screen: verdict and severity labels and colours, times, answers as text."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

from questionnaire import UNKNOWN, UNKNOWN_LABEL, Question, QuestionType

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+\-.!|~:$])")
# Streamlit turns bare URLs ("https://", "www.") and e-mail addresses into links even when escaped;
# an invisible word joiner (U+2060) before "://", after "www" and before "@" keeps them plain text.
_AUTOLINK = re.compile(r"(?i)(?<=https)(?=://)|(?<=http)(?=://)|(?<=\bwww)(?=\.)|(?=@)")


def plain(text: object) -> str:
    """Text from users or data made literal inside Streamlit markdown: no links, images, colours or HTML.

    Assessment names, free-text answers, file and column names and data values all pass through here
    before they are placed in `st.markdown`, `st.caption`, `st.title` and the like.
    """
    return _MARKDOWN_SPECIAL.sub(r"\\\1", _AUTOLINK.sub("\u2060", " ".join(str(text).split())))


VERDICTS = {  # value -> (label, streamlit colour name, icon)
    "ready": ("Ready", "green", ":material/check_circle:"),
    "ready_with_conditions": ("Ready with conditions", "orange", ":material/warning:"),
    "not_ready": ("Not ready", "red", ":material/block:"),
}
SEVERITY_COLORS = {"critical": "red", "high": "orange", "medium": "blue", "low": "gray"}
NOT_ANSWERED = "Not answered yet"


def verdict_label(verdict: str | None) -> str:
    return VERDICTS[verdict][0] if verdict in VERDICTS else "Not scored yet"


def verdict_badge(verdict: str | None) -> str:
    """A coloured inline badge (Streamlit markdown) for a verdict."""
    if verdict not in VERDICTS:
        return ":gray-badge[Not scored yet]"
    label, color, icon = VERDICTS[verdict]
    return f":{color}-badge[{icon} {label}]"


def severity_badge(severity: str) -> str:
    return f":{SEVERITY_COLORS.get(severity, 'gray')}-badge[{severity.capitalize()}]"


def relative_time(moment: datetime | None, now: datetime | None = None) -> str:
    """'just now', '5 min ago', '3 h ago', 'yesterday', or the date."""
    if moment is None:
        return ""
    moment = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    seconds = ((now or datetime.now(UTC)) - moment).total_seconds()
    if seconds < 60:
        return "just now"
    if seconds < 3600:
        return f"{int(seconds // 60)} min ago"
    if seconds < 86400:
        return f"{int(seconds // 3600)} h ago"
    if seconds < 2 * 86400:
        return "yesterday"
    return moment.strftime("%Y-%m-%d")


def choice_label(question: Question, value: str) -> str:
    """The label shown for one option value of a choice question."""
    if value == UNKNOWN:
        return UNKNOWN_LABEL
    option = question.option(value)
    return option.label if option else str(value)


def answer_text(question: Question, value: Any) -> str:
    """A stored answer as a readable sentence fragment."""
    if value is None or value == "" or value == []:
        return NOT_ANSWERED
    if value == UNKNOWN:
        return UNKNOWN_LABEL
    if question.type == QuestionType.multi:
        return "; ".join(choice_label(question, v) for v in value)
    if question.type in (QuestionType.single, QuestionType.yesno):
        return choice_label(question, value)
    if question.type == QuestionType.number:
        number = f"{value:,.0f}" if question.integer else f"{value:,g}"
        return f"{number} {question.unit or ''}".strip()
    return str(value)
