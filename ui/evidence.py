"""Data evidence of an assessment: the check results saved with a revision, and how scoring reads them.

A check run is saved in the revision's snapshot (`Snapshot.checks`) as the documented
`CheckReport.to_json()` shape (`findings`, `checks`, `drift`) plus an `inputs` entry describing
what was checked (file names, content digests, row counts, the column mapping, when it ran). The
files themselves are never stored.

`report_from_saved` turns that JSON back into a `CheckReport`, so the results page, the autosaved
scorecard and the sample-data step all score and show the same evidence. Plain Python: no Streamlit.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from questionnaire import Questionnaire
from scoring.engine import score
from scoring.findings import Action, Finding, Severity
from scoring.scorecard import Scorecard

from checks.registry import SEVERITY_RISK
from checks.report import CheckReport, CheckResult, strict_json

INPUTS_KEY = "inputs"  # what was checked; kept beside the report's own keys


def saved_checks(report: CheckReport, inputs: dict[str, Any]) -> dict[str, Any]:
    """The JSON-safe dict stored with a revision: the report plus a description of its inputs."""
    described = {**inputs, "ran_at": inputs.get("ran_at") or datetime.now(UTC).isoformat(timespec="seconds")}
    return {**report.to_json(), INPUTS_KEY: strict_json(described)}


def saved_inputs(saved: dict[str, Any] | None) -> dict[str, Any]:
    """The description of what a saved run checked (empty when unknown)."""
    inputs = (saved or {}).get(INPUTS_KEY)
    return inputs if isinstance(inputs, dict) else {}


def report_from_saved(saved: dict[str, Any] | None) -> CheckReport | None:
    """Rebuild a `CheckReport` from its saved JSON; None when nothing (usable) was saved."""
    if not isinstance(saved, dict) or not isinstance(saved.get("checks"), list):
        return None
    findings = [_finding(f) for f in saved.get("findings") or [] if isinstance(f, dict)]
    checks = [CheckResult.model_validate({**c, "seconds": c.get("seconds") or 0.0})
              for c in saved["checks"] if isinstance(c, dict)]
    drift = saved.get("drift") if isinstance(saved.get("drift"), dict) else {"columns": []}
    return CheckReport(findings=[f for f in findings if f is not None], checks=checks, drift=drift)


def _finding(data: dict[str, Any]) -> Finding | None:
    """A check finding from its saved JSON (the saved shape names `why` as `message`)."""
    try:
        severity = Severity(data["severity"])
        action = data.get("action")
        return Finding(
            id=str(data["id"]), area=str(data["area"]), severity=severity, title=str(data["title"]),
            why=str(data.get("message") or ""), action=Action.model_validate(action) if action else None,
            kind="check", source=f"check:{data.get('check')}", check=data.get("check"),
            risk=SEVERITY_RISK[severity], metrics=data.get("metrics") or {},
        )
    except (KeyError, ValueError):
        return None  # an entry this version cannot read is left out rather than breaking the page


def check_metrics(report: CheckReport | None) -> dict[str, dict[str, Any]] | None:
    """`{check id: metrics}` of the checks that ran, the form claims compare answers against."""
    if report is None:
        return None
    return {c.id: c.metrics for c in report.checks if c.status.value in ("ok", "finding")}


def score_with_evidence(questionnaire: Questionnaire, answers: dict[str, Any],
                        report: CheckReport | None) -> Scorecard:
    """Score valid answers together with the data findings and the claims they contradict."""
    findings = report.findings if report is not None else ()
    return score(questionnaire, answers, findings=findings, check_metrics=check_metrics(report))


def claims(card: Scorecard) -> list[Finding]:
    """Risks where an answer and the data disagree (kind 'claim'), most severe first."""
    return [r for r in card.risks if r.kind == "claim"]


def data_findings(card: Scorecard) -> list[Finding]:
    """Risks raised by the data checks themselves."""
    return [r for r in card.risks if r.kind == "check"]
