"""One run of the data checks as it is kept and exchanged: the results plus what was checked.

A `CheckRun` is the `CheckReport` (every check's status, metrics and declared tables, the findings,
the sampling note) together with `CheckedInputs`: the files described (name, size, sha256, rows,
columns; never their content), the column mappings, the threshold overrides, the reference date,
when it ran, and the run key that names the run by content.

Its JSON form is the one document the database snapshot, the assessment export, the report's JSON
export and `readiness check --format json` all hold (documented in docs/cli.md):

    {"schema_version": 2, "findings": [...], "checks": [{..., "tables": {...}}], "sampling": {...},
     "inputs": {"files": {...}, "mapping": {...}, "annotation_mapping": ..., "config": {...},
                "today": ..., "ran_at": ..., "run_key": ...}}

Version 1 had no `tables` in a check (its records were among the metrics) and the drift check's
table at the top level (`drift.columns`); revisions saved before the version field existed hold the
version-1 keys without `schema_version` (and sometimes without `inputs` or `sampling`).
`CheckRun.from_json` reads both (see `CheckReport.from_json`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from typing import Any

from pydantic import BaseModel, Field, ValidationError

from checks.mapping import AnnotationMapping, ColumnMapping
from checks.report import CheckReport, strict_json

SCHEMA_VERSION = 2  # 2: declared tables per check, no top-level drift table
ROLES = ("train", "production", "annotations")  # the sample files a run can read, in this order


def digest(raw: bytes) -> str:
    """The sha256 of a file's bytes: the identity of a sample file everywhere."""
    return hashlib.sha256(raw).hexdigest()


class FileDescription(BaseModel):
    """What is kept about one checked file (never its content)."""

    name: str
    bytes: int = Field(ge=0)
    sha256: str
    rows: int = Field(ge=0)
    columns: int = Field(ge=0)


class CheckedInputs(BaseModel):
    """What a run checked and with which settings."""

    files: dict[str, FileDescription] = Field(default_factory=dict, description="role -> file")
    mapping: ColumnMapping = Field(default_factory=ColumnMapping)
    annotation_mapping: AnnotationMapping | None = None
    config: dict[str, dict[str, Any]] = Field(default_factory=dict, description="threshold overrides")
    today: dt.date | None = Field(default=None, description="the reference date for data age")
    task: str | None = Field(default=None, description=(
        "the task type the answers declare (`ctx_task_type`): it decides which label checks apply"))
    production_is_evaluation: bool = Field(default=False, description=(
        "the second sample is the evaluation set (then ids shared with training count as evaluation leakage)"))
    ran_at: dt.datetime | None = None
    run_key: str = ""

    def key(self) -> str:
        """The identity of the run: file digests by role, both mappings, the thresholds and the declared task."""
        return run_key({role: f.sha256 for role, f in self.files.items()}, self.mapping, self.annotation_mapping,
                       self.config, self.task)


def run_key(digests: dict[str, str], mapping: ColumnMapping, annotation_mapping: AnnotationMapping | None,
            config: dict[str, Any] | None = None, task: str | None = None) -> str:
    """Names one check run by content: the same files, mappings, thresholds and declared task give the same key.

    The task enters the key only when one is declared, so the keys of runs without one (and of every
    run saved before the task was part of the key) stay what they were.
    """
    spec = {
        "files": dict(sorted(digests.items())),
        "mapping": mapping.model_dump(mode="json"),
        "annotation_mapping": annotation_mapping.model_dump(mode="json") if annotation_mapping else None,
        "config": config or {},
        **({"task": task} if task else {}),
    }
    return digest(json.dumps(spec, sort_keys=True, default=str).encode("utf-8"))


class CheckRun(BaseModel):
    """The results of one run of the data checks and what they were computed from."""

    report: CheckReport
    inputs: CheckedInputs = Field(default_factory=CheckedInputs)

    @property
    def has_results(self) -> bool:
        return bool(self.report.checks)

    def to_json(self) -> dict[str, Any]:
        """The documented, versioned JSON form (strict: NaN and infinities become null)."""
        return {"schema_version": SCHEMA_VERSION, **self.report.to_json(),
                "inputs": strict_json(self.inputs.model_dump(mode="json"))}

    @classmethod
    def from_json(cls, data: Any) -> CheckRun | None:
        """Read the JSON form (any version up to this one); None when nothing usable is there.

        Raises `ValueError` for a run saved by a newer version of the tool.
        """
        if not isinstance(data, dict):
            return None
        version = data.get("schema_version", 1)
        if isinstance(version, int) and version > SCHEMA_VERSION:
            raise ValueError(f"these check results were saved by a newer version of the tool (check-run schema "
                             f"{version}); please upgrade")
        report = CheckReport.from_json(data)
        if report is None:
            return None
        sampling = data.get("sampling")
        report.sampling = sampling if isinstance(sampling, dict) else {}
        return cls(report=report, inputs=_inputs(data.get("inputs")))


def _inputs(data: Any) -> CheckedInputs:
    """The description of what was checked; what an older or damaged entry lacks stays empty."""
    if not isinstance(data, dict):
        return CheckedInputs()
    try:
        return CheckedInputs.model_validate(data)
    except ValidationError:
        files = data.get("files")
        kept: dict[str, FileDescription] = {}
        for role, described in (files.items() if isinstance(files, dict) else ()):
            try:
                kept[str(role)] = FileDescription.model_validate(described)
            except ValidationError:
                continue
        ran_at = data.get("ran_at")
        try:
            moment = dt.datetime.fromisoformat(ran_at) if isinstance(ran_at, str) else None
        except ValueError:
            moment = None
        return CheckedInputs(files=kept, ran_at=moment, run_key=str(data.get("run_key") or ""))
