"""Export an assessment with all its revisions to a YAML or JSON file, and read such a file back.

The document is self-describing (`format`, `format_version`) so it can be archived next to a
model, attached to a ticket, or moved between databases; importing always creates a new
assessment, never overwrites one.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import yaml
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StrictBool,
    StrictInt,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)

from assessments.errors import ImportFormatError, StoreError
from assessments.models import Assessment, Revision
from assessments.snapshot import Snapshot
from safety import values
from safety.documents import DocumentError, load_document
from safety.limits import DOCUMENT, size

FORMAT = "readiness-assessment"
FORMAT_VERSION = 1
MAX_IMPORT_BYTES = DOCUMENT.max_bytes  # the same bound for what is written and what is read back
MAX_REVISIONS = 10_000
NAME_LENGTH, NOTE_LENGTH, STEP_LENGTH = 200, 500, 100  # the columns' sizes (assessments.models)


class ExportTooLargeError(StoreError):
    """The export would be larger than an import accepts."""


class ExportedMeta(BaseModel):
    model_config = ConfigDict(extra="ignore")

    name: str
    project: str = ""
    owner: str = ""
    created_at: datetime
    archived: StrictBool = False
    current_revision: int = Field(ge=1, le=MAX_REVISIONS)
    last_step: str | None = None

    @field_validator("name")
    @classmethod
    def _name(cls, value: str) -> str:
        return values.name(value, max_length=NAME_LENGTH)

    @field_validator("project", "owner")
    @classmethod
    def _line(cls, value: str, info: ValidationInfo) -> str:
        return values.plain_text(value, what=f"the {info.field_name}", max_length=NAME_LENGTH)

    @field_validator("last_step")
    @classmethod
    def _step(cls, value: str | None) -> str | None:
        return None if value is None else values.plain_text(value, what="last_step", max_length=STEP_LENGTH)

    @field_validator("created_at")
    @classmethod
    def _created(cls, value: datetime) -> datetime:
        return values.moment(value, what="created_at")


class ExportedRevision(BaseModel):
    model_config = ConfigDict(extra="ignore")

    number: int = Field(ge=1, le=MAX_REVISIONS)
    created_at: datetime
    note: str = ""
    snapshot: Snapshot

    @model_validator(mode="before")
    @classmethod
    def _upgrade_snapshot(cls, data: Any) -> Any:
        if isinstance(data, dict) and isinstance(data.get("snapshot"), dict):
            data = {**data, "snapshot": Snapshot.from_stored(data["snapshot"])}
        return data

    @field_validator("note")
    @classmethod
    def _note(cls, value: str) -> str:
        return values.plain_text(value, what="the note", max_length=NOTE_LENGTH, multiline=True)

    @field_validator("created_at")
    @classmethod
    def _created(cls, value: datetime) -> datetime:
        return values.moment(value, what="created_at")

    @field_validator("snapshot")
    @classmethod
    def _bounded(cls, value: Snapshot) -> Snapshot:
        return value.check_bounds()


class ExportDocument(BaseModel):
    model_config = ConfigDict(extra="ignore")

    format: str
    format_version: StrictInt
    exported_at: datetime | None = None
    assessment: ExportedMeta
    revisions: list[ExportedRevision] = Field(min_length=1, max_length=MAX_REVISIONS)

    @model_validator(mode="after")
    def _consistent(self) -> ExportDocument:
        if self.format != FORMAT:
            raise ValueError(f"'format' is '{self.format}', expected '{FORMAT}'")
        if self.format_version > FORMAT_VERSION:
            raise ValueError(f"made by a newer version of the tool (format_version {self.format_version})")
        if self.format_version < 1:
            raise ValueError(f"format_version {self.format_version} does not exist (the first is 1)")
        numbers = [r.number for r in self.revisions]
        if len(set(numbers)) != len(numbers):
            raise ValueError("revision numbers must be unique")
        if self.assessment.current_revision not in numbers:
            raise ValueError(f"current_revision {self.assessment.current_revision} is not among the revisions")
        return self


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def export_document(assessment: Assessment, revisions: list[Revision]) -> dict[str, Any]:
    """The export as plain data (JSON-compatible)."""
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "exported_at": datetime.now(UTC).replace(microsecond=0).isoformat(),
        "assessment": {
            "name": assessment.name,
            "project": assessment.project,
            "owner": assessment.owner,
            "created_at": _aware(assessment.created_at).isoformat(),
            "archived": assessment.archived,
            "current_revision": assessment.current_revision,
            "last_step": assessment.last_step,
        },
        "revisions": [
            {
                "number": r.number,
                "created_at": _aware(r.created_at).isoformat(),
                "note": r.note,
                "snapshot": Snapshot.from_stored(r.snapshot).to_stored(),
            }
            for r in revisions
        ],
    }


class _NoAliasDumper(yaml.SafeDumper):
    """Writes every value in full: imports refuse YAML aliases (they can expand without bound)."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def dump_export(assessment: Assessment, revisions: list[Revision], fmt: str = "yaml") -> str:
    """The export as YAML (readable, the default) or JSON text; refused when an import could not read it back."""
    document = export_document(assessment, revisions)
    if fmt == "json":
        text = json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    elif fmt == "yaml":
        text = yaml.dump(document, Dumper=_NoAliasDumper, sort_keys=False, allow_unicode=True, width=100)
    else:
        raise ValueError(f"unknown export format '{fmt}': use 'yaml' or 'json'")
    n_bytes = len(text.encode("utf-8"))
    if n_bytes > MAX_IMPORT_BYTES:
        raise ExportTooLargeError(
            f"The export would be {size(n_bytes)}, over the limit of {size(MAX_IMPORT_BYTES)} that an import "
            "accepts; export a copy with fewer revisions (duplicate the assessment, which keeps only the current one).")
    return text


def parse_export(text: str | bytes) -> ExportDocument:
    """Read an export (JSON or YAML) within the document limits and check every section; raises `ImportFormatError`."""
    try:
        data = load_document(text)
    except DocumentError as exc:
        raise ImportFormatError(f"The file cannot be imported: {exc}.") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ImportFormatError(f"This is not an assessment export (expected 'format: {FORMAT}').")
    try:
        return ExportDocument.model_validate(data)
    except (ValidationError, ValueError) as exc:
        raise ImportFormatError(f"The export is incomplete or damaged: {_describe(exc)}") from None


def _describe(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        return "; ".join(
            f"{'.'.join(str(x) for x in e['loc'])}: {_message(e['msg'])}" if e["loc"] else _message(e["msg"])
            for e in exc.errors()[:5]
        )
    return str(exc)


def _message(text: str) -> str:
    return text.removeprefix("Value error, ")
