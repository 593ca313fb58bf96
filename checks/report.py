"""The result of a check run: every check's status, metrics and declared tables, and the findings.

`CheckReport.to_json()` gives the documented JSON shape used by the CLI, the app and saved
assessment revisions. JSON is strict: NaN and infinities become null. `CheckReport.from_json` also
reads the first shape (saved before tables were declared): a top-level `drift` table, and lists of
records kept among a check's metrics; both become tables of their check.
"""

from __future__ import annotations

import math
from enum import StrEnum
from typing import Any

import numpy as np
from pydantic import BaseModel, Field

from checks.outcome import SEVERITY_RISK
from scoring.findings import Action, Finding
from vocabulary import FindingKind, Severity


class CheckStatus(StrEnum):
    ok = "ok"
    finding = "finding"
    skipped = "skipped"
    error = "error"


class ResultTable(BaseModel):
    """A table a check declared: its title, the fields every row carries (in display order), the rows."""

    title: str
    columns: list[str]
    rows: list[dict[str, Any]] = Field(default_factory=list)


class CheckResult(BaseModel):
    """How one check went: status, its measurements and tables, and why it was skipped or failed."""

    id: str
    area: str
    title: str
    status: CheckStatus
    metrics: dict[str, Any] = Field(default_factory=dict)
    tables: dict[str, ResultTable] = Field(default_factory=dict)
    message: str = ""
    sample_size: int | None = None
    seconds: float = 0.0
    thresholds: dict[str, Any] = Field(default_factory=dict, description="the thresholds this run used")


class CheckReport(BaseModel):
    findings: list[Finding] = Field(default_factory=list)
    checks: list[CheckResult] = Field(default_factory=list)
    sampling: dict[str, Any] = Field(default_factory=dict, description=(
        "frames read as a random sample of a larger file: name -> rows_in_file, rows_used, seed, method; "
        "every statistic on such a frame is computed on the sample"))

    def check(self, check_id: str) -> CheckResult:
        return next(c for c in self.checks if c.id == check_id)

    @classmethod
    def from_json(cls, data: Any) -> CheckReport | None:
        """Rebuild a report from its `to_json()` shape (as saved with a revision); None when unusable.

        Entries this version cannot read are left out rather than failing the whole report.
        """
        if not isinstance(data, dict) or not isinstance(data.get("checks"), list):
            return None
        findings = [f for f in (_finding(x) for x in data.get("findings") or [] if isinstance(x, dict)) if f]
        checks = []
        for c in data["checks"]:
            try:
                checks.append(CheckResult.model_validate(_first_shape(c, data.get("drift"))))
            except (ValueError, TypeError, AttributeError):
                continue
        sampling = data.get("sampling")
        return cls(findings=findings, checks=checks, sampling=sampling if isinstance(sampling, dict) else {})

    def metrics_by_check(self) -> dict[str, dict[str, Any]]:
        """`{check id: metrics}` of the checks that ran: what claims compare the answers against."""
        return {c.id: c.metrics for c in self.checks if c.status in (CheckStatus.ok, CheckStatus.finding)}

    def to_json(self) -> dict[str, Any]:
        """The documented JSON shape (see docs/cli.md), with NaN/inf replaced by null."""
        findings = [{
            "id": f.id, "check": f.check, "area": f.area, "severity": f.severity.value, "title": f.title,
            "message": f.why, "action": f.action.model_dump(mode="json") if f.action else None,
            "metrics": f.metrics,
        } for f in self.findings]
        checks = [{
            "id": c.id, "area": c.area, "title": c.title, "status": c.status.value, "message": c.message,
            "sample_size": c.sample_size, "seconds": round(c.seconds, 4), "thresholds": c.thresholds,
            "metrics": c.metrics, "tables": {name: t.model_dump() for name, t in c.tables.items()},
        } for c in self.checks]
        return strict_json({"findings": findings, "checks": checks, "sampling": self.sampling})


def _first_shape(check: dict[str, Any], drift: Any) -> dict[str, Any]:
    """A saved check in the current shape: the first shape had no `tables`, kept lists of records among the
    metrics, and the drift check's per-column table at the top level (`drift.columns`)."""
    check = {**check, "seconds": check.get("seconds") or 0.0}
    if "tables" in check:
        return check
    metrics = dict(check.get("metrics") or {})
    tables = {name: _table(name, metrics.pop(name)) for name, value in list(metrics.items())
              if isinstance(value, list) and value and all(isinstance(r, dict) for r in value)}
    columns = drift.get("columns") if isinstance(drift, dict) else None
    if check.get("id") == "drift" and isinstance(columns, list) and columns:
        rows = [_drift_row(r, check.get("thresholds") or {}) for r in columns if isinstance(r, dict)]
        tables["columns"] = {"title": "Drift per column", "columns": list(FIRST_SHAPE_DRIFT_COLUMNS), "rows": rows}
    return {**check, "metrics": metrics, "tables": tables}


# the fields the drift check declares for its table (a test keeps the two equal)
FIRST_SHAPE_DRIFT_COLUMNS = ("column", "kind", "statistic", "score", "threshold", "drifted", "level")


def _table(name: str, rows: list[dict[str, Any]]) -> dict[str, Any]:
    columns = list(dict.fromkeys(k for r in rows for k in r))
    return {"title": name.replace("_", " ").capitalize(), "columns": columns, "rows": rows}


def _drift_row(row: dict[str, Any], thresholds: dict[str, Any]) -> dict[str, Any]:
    """A first-shape drift row with the fields the drift table now declares (statistic, score, threshold)."""
    if "statistic" in row:
        return row
    numeric = "psi" in row
    return {**row, "statistic": "PSI" if numeric else "JS distance",
            "score": row.get("psi") if numeric else row.get("js_distance"),
            "threshold": thresholds.get("psi_moderate" if numeric else "js_moderate")}


def _finding(data: dict[str, Any]) -> Finding | None:
    """A check finding from its JSON form (which names `why` as `message`)."""
    try:
        severity = Severity(data["severity"])
        action = data.get("action")
        return Finding(
            id=str(data["id"]), area=str(data["area"]), severity=severity, title=str(data["title"]),
            why=str(data.get("message") or ""), action=Action.model_validate(action) if action else None,
            kind=FindingKind.check, source=f"check:{data.get('check')}", check=data.get("check"),
            risk=SEVERITY_RISK[severity], metrics=data.get("metrics") or {},
        )
    except (KeyError, ValueError, TypeError):
        return None


def strict_json(value: Any) -> Any:
    """Recursively convert numpy scalars/arrays to Python and NaN/inf to None."""
    if isinstance(value, dict):
        return {str(k): strict_json(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [strict_json(v) for v in value]
    if isinstance(value, np.ndarray):
        return strict_json(value.tolist())
    if isinstance(value, (np.bool_, bool)):
        return bool(value)
    if isinstance(value, (np.integer,)):
        return int(value)
    if isinstance(value, (float, np.floating)):
        value = float(value)
        return value if math.isfinite(value) else None
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value
