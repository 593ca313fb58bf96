"""Which column plays which role: the user's column mapping, a first guess at it, and its validation.

The training and production samples share one `ColumnMapping` (label, timestamp, text, id, segment
columns, an edge-case tag column); the long-format annotations file has its own `AnnotationMapping`
(item, annotator, label, optional timestamp). The roles themselves (names, which are special, what
names suggest them) are declared in `checks.roles`; the two models have one field per role (a test
keeps them equal). `guess_mapping` proposes a mapping from column names and types; the user confirms
or changes it.
"""

from __future__ import annotations

import re

import pandas as pd
from pydantic import BaseModel, ConfigDict, Field

from checks.loading import DataLoadError
from checks.roles import ANNOTATION_ROLES, SAMPLE_ROLES, Role

MAX_SEGMENT_CARDINALITY = 50  # a guessed segment column has at most this many distinct values
MAX_GUESSED_SEGMENTS = 3
TEXT_MIN_MEAN_LENGTH = 30  # a string column whose values average this many characters is free text
MAX_LABEL_CLASSES = 50  # a label guessed from its values (not its name) has 2 to this many classes
GUESS_SAMPLE_ROWS = 1000


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
        """Mapped role -> column name (each segment column as `segment '<name>'`)."""
        out = {r.name: getattr(self, r.name) for r in SAMPLE_ROLES if not r.multiple}
        out.update({f"segment '{s}'": s for s in self.segments})
        return {role: col for role, col in out.items() if col}

    def special_columns(self) -> set[str]:
        """Columns that are not plain features (drift is not measured on them)."""
        return {getattr(self, r.name) for r in SAMPLE_ROLES if r.special and getattr(self, r.name)}


class AnnotationMapping(BaseModel):
    """Roles of columns in the long-format annotations file: one row per (item, annotator) rating."""

    model_config = ConfigDict(extra="forbid")

    item: str
    annotator: str
    label: str
    timestamp: str | None = None

    def columns(self) -> dict[str, str]:
        return {r.name: getattr(self, r.name) for r in ANNOTATION_ROLES if getattr(self, r.name)}


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


def _match(role: Role, columns: list[str], taken: set[str]) -> list[str]:
    pattern = re.compile(role.pattern, re.IGNORECASE)
    return [c for c in columns if c not in taken and pattern.search(str(c).strip())]


def guess_mapping(frame: pd.DataFrame) -> ColumnMapping:
    """Propose roles from column names first, then from dtypes (datetimes, long strings, few categories)."""
    columns = [str(c) for c in frame.columns]
    taken: set[str] = set()
    guess: dict[str, object] = {}
    for role in SAMPLE_ROLES:
        hits = [] if role.multiple else _match(role, columns, taken)
        if hits:
            guess[role.name] = hits[0]
            taken.add(hits[0])
    if "timestamp" not in guess:
        dated = [c for c in columns if c not in taken and pd.api.types.is_datetime64_any_dtype(frame[c])]
        if dated:
            guess["timestamp"] = dated[0]
            taken.add(dated[0])
    sample = frame.head(GUESS_SAMPLE_ROWS)
    if "text" not in guess:
        for c in columns:
            if c not in taken and pd.api.types.is_string_dtype(sample[c]):
                if sample[c].dropna().str.len().mean() >= TEXT_MIN_MEAN_LENGTH:
                    guess["text"] = c
                    taken.add(c)
                    break
    for role in (r for r in SAMPLE_ROLES if r.multiple):
        found = _match(role, columns, taken)[:MAX_GUESSED_SEGMENTS]
        segments = [c for c in found if sample[c].nunique() <= MAX_SEGMENT_CARDINALITY]
        guess[role.name] = segments
        taken.update(segments)
    if "label" not in guess:
        label = guess_label(frame, taken)
        if label is not None:
            guess["label"] = label
    return ColumnMapping.model_validate(guess)


def guess_label(frame: pd.DataFrame, taken: set[str], *, production_columns: list[str] | None = None,
                annotation_label: str | None = None) -> str | None:
    """The label column when its name does not say so, from the evidence at hand, strongest first.

    1. the annotations file's label column, when the training sample has a column of that name;
    2. the one training column a production sample lacks (production inputs come without labels);
    3. the one short text column with 2 to `MAX_LABEL_CLASSES` values (more than one: no guess).
    """
    columns = [str(c) for c in frame.columns if str(c) not in taken]
    if annotation_label in columns:
        return annotation_label
    if production_columns is not None:
        absent = [c for c in columns if c not in set(production_columns)]
        if len(absent) == 1:
            return absent[0]
    segment_like = next(r for r in SAMPLE_ROLES if r.multiple)
    sample = frame.head(GUESS_SAMPLE_ROWS)
    candidates = []
    for c in columns:
        values = sample[c].dropna()
        if (pd.api.types.is_string_dtype(values) and not _match(segment_like, [c], set())
                and 2 <= values.nunique() <= MAX_LABEL_CLASSES
                and values.astype(str).str.len().mean() < TEXT_MIN_MEAN_LENGTH):
            candidates.append(c)
    return candidates[0] if len(candidates) == 1 else None


def guess_annotation_columns(frame: pd.DataFrame, label: str | None = None) -> dict[str, str]:
    """The annotation roles the column names suggest, even when some stay unknown (role -> column).

    `label` is the training sample's label column: an annotations column of that name gives the label.
    """
    columns = [str(c) for c in frame.columns]
    taken: set[str] = set()
    found: dict[str, str] = {}
    if label in columns:
        found["label"] = label
        taken.add(label)
    for role in ANNOTATION_ROLES:
        hits = [] if role.name in found else _match(role, columns, taken)
        if hits:
            found[role.name] = hits[0]
            taken.add(hits[0])
    return found


def guess_annotation_mapping(frame: pd.DataFrame) -> AnnotationMapping | None:
    """Propose item / annotator / label / timestamp columns of an annotations file, or None if unsure."""
    found = guess_annotation_columns(frame)
    if not {r.name for r in ANNOTATION_ROLES if r.required} <= found.keys():
        return None
    return AnnotationMapping.model_validate(found)
