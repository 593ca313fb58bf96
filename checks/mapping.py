"""Which column plays which role: the user's column mapping, a first guess at it, and its validation.

The training and production samples share one `ColumnMapping` (label, timestamp, text, id, segment
columns, an edge-case tag column); the long-format annotations file has its own `AnnotationMapping`
(item, annotator, label, optional timestamp). `guess_mapping` proposes a mapping from column names
and types; the user confirms or changes it.
"""

from __future__ import annotations

import re

import pandas as pd
from pydantic import BaseModel, ConfigDict, Field

from checks.loading import DataLoadError

MAX_SEGMENT_CARDINALITY = 50  # a guessed segment column has at most this many distinct values
MAX_GUESSED_SEGMENTS = 3
TEXT_MIN_MEAN_LENGTH = 30  # a string column whose values average this many characters is free text

NAME_PATTERNS = {
    "label": r"^(label|labels|target|class|y|category|outcome|gold|annotation)$",
    "timestamp": r"(^|_)(timestamp|time|date|datetime|created(_at)?|ts|event_time)$",
    "text": r"^(text|body|content|message|comment|review|utterance|sentence|description|input)$",
    "id": r"^(id|uid|uuid|item_id|row_id|record_id|example_id|doc_id|.*_id)$",
    "segments": r"^(segment|region|country|language|lang|locale|device|channel|customer_type|platform|market)$",
    "edge_tag": r"^(edge_case|edge_tag|edge|scenario|slice|tag)$",
    "item": r"^(item|item_id|example|example_id|doc|doc_id|id|unit)$",
    "annotator": r"^(annotator|annotator_id|rater|rater_id|coder|labeler|labeller|worker|worker_id|user)$",
}


class ColumnMapping(BaseModel):
    """Roles of columns in the training and production samples; every role is optional."""

    model_config = ConfigDict(extra="forbid")

    label: str | None = None
    timestamp: str | None = None
    text: str | None = None
    id: str | None = None
    segments: list[str] = Field(default_factory=list)
    edge_tag: str | None = None

    def columns(self) -> dict[str, str]:
        """Mapped role -> column name (segments as `segments[i]`)."""
        out = {role: getattr(self, role) for role in ("label", "timestamp", "text", "id", "edge_tag")}
        out.update({f"segment '{s}'": s for s in self.segments})
        return {role: col for role, col in out.items() if col}

    def special_columns(self) -> set[str]:
        """Columns that are not plain features (drift is not measured on them)."""
        return {c for c in (self.label, self.timestamp, self.id, self.edge_tag) if c}


class AnnotationMapping(BaseModel):
    """Roles of columns in the long-format annotations file: one row per (item, annotator) rating."""

    model_config = ConfigDict(extra="forbid")

    item: str
    annotator: str
    label: str
    timestamp: str | None = None

    def columns(self) -> dict[str, str]:
        out = {"item": self.item, "annotator": self.annotator, "label": self.label, "timestamp": self.timestamp}
        return {role: col for role, col in out.items() if col}


def require_columns(frame: pd.DataFrame, mapping: ColumnMapping | AnnotationMapping, file_role: str,
                    optional_roles: tuple[str, ...] = ()) -> None:
    """Raise `DataLoadError` naming every mapped column the frame lacks and listing what it has."""
    missing = [f"{col!r} ({role})" for role, col in mapping.columns().items()
               if col not in frame.columns and role not in optional_roles]
    if missing:
        available = ", ".join(repr(str(c)) for c in frame.columns[:40])
        more = f" and {len(frame.columns) - 40} more" if len(frame.columns) > 40 else ""
        raise DataLoadError(
            f"{file_role}: mapped column(s) not found: {', '.join(missing)}. Available columns: {available}{more}")


def _match(role: str, columns: list[str], taken: set[str]) -> list[str]:
    pattern = re.compile(NAME_PATTERNS[role], re.IGNORECASE)
    return [c for c in columns if c not in taken and pattern.search(str(c).strip())]


def guess_mapping(frame: pd.DataFrame) -> ColumnMapping:
    """Propose roles from column names first, then from dtypes (datetimes, long strings, few categories)."""
    columns = [str(c) for c in frame.columns]
    taken: set[str] = set()
    guess: dict[str, object] = {}
    for role in ("label", "timestamp", "text", "id", "edge_tag"):
        hits = _match(role, columns, taken)
        if hits:
            guess[role] = hits[0]
            taken.add(hits[0])
    if "timestamp" not in guess:
        dated = [c for c in columns if c not in taken and pd.api.types.is_datetime64_any_dtype(frame[c])]
        if dated:
            guess["timestamp"] = dated[0]
            taken.add(dated[0])
    sample = frame.head(1000)
    if "text" not in guess:
        for c in columns:
            if c not in taken and pd.api.types.is_string_dtype(sample[c]):
                if sample[c].dropna().str.len().mean() >= TEXT_MIN_MEAN_LENGTH:
                    guess["text"] = c
                    taken.add(c)
                    break
    segments = _match("segments", columns, taken)[:MAX_GUESSED_SEGMENTS]
    guess["segments"] = [c for c in segments if sample[c].nunique() <= MAX_SEGMENT_CARDINALITY]
    return ColumnMapping.model_validate(guess)


def guess_annotation_mapping(frame: pd.DataFrame) -> AnnotationMapping | None:
    """Propose item / annotator / label / timestamp columns of an annotations file, or None if unsure."""
    columns = [str(c) for c in frame.columns]
    taken: set[str] = set()
    found: dict[str, str] = {}
    for role in ("annotator", "item", "label", "timestamp"):
        hits = _match(role, columns, taken)
        if hits:
            found[role] = hits[0]
            taken.add(hits[0])
    if not {"item", "annotator", "label"} <= found.keys():
        return None
    return AnnotationMapping.model_validate(found)
