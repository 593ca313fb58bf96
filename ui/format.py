"""How values look on screen: verdict and severity colours and badges, times, user text made literal."""

from __future__ import annotations

import re
from datetime import UTC, datetime

from vocabulary import Severity, Verdict

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


VERDICT_LOOKS = {  # verdict -> (streamlit colour name, icon)
    Verdict.ready: ("green", ":material/check_circle:"),
    Verdict.ready_with_conditions: ("orange", ":material/warning:"),
    Verdict.not_ready: ("red", ":material/block:"),
}
SEVERITY_COLORS = {Severity.critical: "red", Severity.high: "orange", Severity.medium: "blue", Severity.low: "gray"}
NOT_SCORED = "Not scored yet"


def _verdict(value: str | None) -> Verdict | None:
    return Verdict(value) if value in set(Verdict) else None


def verdict_label(verdict: str | None) -> str:
    known = _verdict(verdict)
    return known.label if known else NOT_SCORED


def verdict_badge(verdict: str | None) -> str:
    """A coloured inline badge (Streamlit markdown) for a verdict."""
    known = _verdict(verdict)
    if known is None:
        return f":gray-badge[{NOT_SCORED}]"
    color, icon = VERDICT_LOOKS[known]
    return f":{color}-badge[{icon} {known.label}]"


def severity_badge(severity: str) -> str:
    known = Severity(severity) if severity in set(Severity) else None
    if known is None:
        return f":gray-badge[{plain(severity)}]"
    return f":{SEVERITY_COLORS[known]}-badge[{known.label}]"


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
