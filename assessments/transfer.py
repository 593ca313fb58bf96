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
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from assessments.errors import ImportFormatError
from assessments.models import Assessment, Revision
from assessments.snapshot import Snapshot

FORMAT = "readiness-assessment"
FORMAT_VERSION = 1
MAX_IMPORT_BYTES = 20 * 1024 * 1024


class ExportedMeta(BaseModel):
    model_config = ConfigDict(extra="ignore")

    name: str = Field(min_length=1, max_length=200)
    project: str = ""
    owner: str = ""
    created_at: datetime
    archived: bool = False
    current_revision: int = Field(ge=1)
    last_step: str | None = None


class ExportedRevision(BaseModel):
    model_config = ConfigDict(extra="ignore")

    number: int = Field(ge=1)
    created_at: datetime
    note: str = ""
    snapshot: Snapshot

    @model_validator(mode="before")
    @classmethod
    def _upgrade_snapshot(cls, data: Any) -> Any:
        if isinstance(data, dict) and isinstance(data.get("snapshot"), dict):
            data = {**data, "snapshot": Snapshot.from_stored(data["snapshot"])}
        return data


class ExportDocument(BaseModel):
    model_config = ConfigDict(extra="ignore")

    format: str
    format_version: int
    exported_at: datetime | None = None
    assessment: ExportedMeta
    revisions: list[ExportedRevision] = Field(min_length=1)

    @model_validator(mode="after")
    def _consistent(self) -> ExportDocument:
        if self.format != FORMAT:
            raise ValueError(f"'format' is '{self.format}', expected '{FORMAT}'")
        if self.format_version > FORMAT_VERSION:
            raise ValueError(f"made by a newer version of the tool (format_version {self.format_version})")
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


def dump_export(assessment: Assessment, revisions: list[Revision], fmt: str = "yaml") -> str:
    """The export as YAML (readable, the default) or JSON text."""
    document = export_document(assessment, revisions)
    if fmt == "json":
        return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    if fmt == "yaml":
        return yaml.safe_dump(document, sort_keys=False, allow_unicode=True, width=100)
    raise ValueError(f"unknown export format '{fmt}': use 'yaml' or 'json'")


def parse_export(text: str | bytes) -> ExportDocument:
    """Read an export (YAML or JSON; JSON is valid YAML) and check it; raises `ImportFormatError`."""
    if isinstance(text, bytes):
        if len(text) > MAX_IMPORT_BYTES:
            raise ImportFormatError(f"The file is larger than {MAX_IMPORT_BYTES // (1024 * 1024)} MB.")
        try:
            text = text.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ImportFormatError("The file is not UTF-8 text; expected a YAML or JSON export.") from None
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise ImportFormatError(f"The file is neither valid YAML nor JSON: {exc}") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ImportFormatError(f"This is not an assessment export (expected 'format: {FORMAT}').")
    try:
        return ExportDocument.model_validate(data)
    except (ValidationError, ValueError) as exc:
        raise ImportFormatError(f"The export is incomplete or damaged: {_describe(exc)}") from None


def _describe(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        return "; ".join(
            f"{'.'.join(str(x) for x in e['loc'])}: {e['msg']}" if e["loc"] else e["msg"] for e in exc.errors()
        )
    return str(exc)
