"""Bounds on stored values, so the same data is accepted (or refused, with the same message) by every database.

PostgreSQL refuses a NUL character in text and NaN in JSON, SQLite an integer beyond 64 bits, and
either may refuse a string longer than its column; whatever one database refuses, these checks
refuse first, before any write, with a message naming where the value is.
"""

from __future__ import annotations

import math
import unicodedata
from datetime import UTC, datetime
from typing import Any

MAX_JSON_INTEGER = 2 ** 53  # exact in every JSON reader (and far inside SQLite's 64-bit integers)
MAX_STRING = 100_000  # characters in one stored string (a text answer is capped lower by the questionnaire)
MAX_ITEMS = 100_000  # entries in one stored list or mapping
MAX_DEPTH = 32
EARLIEST = datetime(1970, 1, 1, tzinfo=UTC)
LATEST = datetime(2100, 1, 1, tzinfo=UTC)


def plain_text(value: str, *, what: str, max_length: int, multiline: bool = False) -> str:
    """`value` stripped; refused if too long or holding control characters (tab and newline: only if multiline)."""
    text = value.strip()
    if len(text) > max_length:
        raise ValueError(f"{what} is {len(text):,} characters long; at most {max_length:,} are allowed")
    allowed = "\n\t" if multiline else ""
    bad = next((c for c in text if unicodedata.category(c) in ("Cc", "Cs") and c not in allowed), None)
    if bad is not None:
        raise ValueError(f"{what} contains the control character U+{ord(bad):04X}; remove it")
    return text


def name(value: str, *, what: str = "the name", max_length: int = 200) -> str:
    """A required one-line name: not empty or only spaces, at most `max_length` characters, no control characters."""
    text = plain_text(value, what=what, max_length=max_length)
    if not text:
        raise ValueError(f"{what} is empty (or only spaces); give it a name")
    return text


def moment(value: datetime, *, what: str) -> datetime:
    """A timestamp between 1970 and 2100 (timezone-aware; naive ones are read as UTC)."""
    aware = value if value.tzinfo else value.replace(tzinfo=UTC)
    try:
        inside = EARLIEST <= aware <= LATEST
    except OverflowError:
        inside = False
    if not inside:
        raise ValueError(f"{what} is {value.date().isoformat()}, outside 1970-2100")
    return aware


def json_value(value: Any, *, where: str = "", depth: int = 0) -> Any:
    """Check a JSON-like value recursively; raises ValueError naming the first bad place ('answers.q3[2]')."""
    if depth > MAX_DEPTH:
        raise ValueError(f"{where or 'the value'}: nested more than {MAX_DEPTH} levels deep")
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, int):
        if abs(value) > MAX_JSON_INTEGER:
            raise ValueError(f"{where or 'the value'}: the integer {str(value)[:30]} is out of range "
                             f"(at most ±{MAX_JSON_INTEGER:,})")
        return value
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"{where or 'the value'}: {value} is not a finite number")
        return value
    if isinstance(value, str):
        _string(value, where)
        return value
    if isinstance(value, (list, tuple)):
        _count(len(value), where)
        for i, item in enumerate(value):
            json_value(item, where=f"{where}[{i}]", depth=depth + 1)
        return value
    if isinstance(value, dict):
        _count(len(value), where)
        for key, item in value.items():
            if not isinstance(key, str):
                raise ValueError(f"{where or 'the value'}: the key {key!r} is not text")
            _string(key, f"{where}.<key>")
            json_value(item, where=f"{where}.{key[:40]}" if where else key[:40], depth=depth + 1)
        return value
    raise ValueError(f"{where or 'the value'}: a {type(value).__name__} cannot be stored")


def _string(text: str, where: str) -> None:
    if len(text) > MAX_STRING:
        raise ValueError(f"{where or 'the value'}: a text of {len(text):,} characters (at most {MAX_STRING:,})")
    if "\x00" in text:
        raise ValueError(f"{where or 'the value'}: contains a NUL character (U+0000), which cannot be stored")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError(f"{where or 'the value'}: contains a lone surrogate, which is not valid text") from None


def _count(n: int, where: str) -> None:
    if n > MAX_ITEMS:
        raise ValueError(f"{where or 'the value'}: {n:,} entries (at most {MAX_ITEMS:,})")
