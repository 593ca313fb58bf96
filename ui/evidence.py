"""Data evidence of an assessment: the check results saved with a revision, and how scoring reads them.

A check run is saved in the revision's snapshot (`Snapshot.checks`) as the documented
`CheckReport.to_json()` shape (`findings`, `checks`, `drift`) plus an `inputs` entry describing
what was checked (file names, content digests, row counts, the column mapping, when it ran). The
files themselves are never stored.

`report_from_saved` turns that JSON back into a `CheckReport`, so the results page, the autosaved
scorecard and the sample-data step all score (`scoring.engine.score_with_checks`) and show the
same evidence. Plain Python: no Streamlit.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from checks.report import CheckReport, strict_json
from scoring.findings import Finding
from scoring.scorecard import Scorecard

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
    return CheckReport.from_json(saved)


def claims(card: Scorecard) -> list[Finding]:
    """Evidence where an answer and the data disagree (kind 'claim'), most severe risk first."""
    return card.evidence("claim")


def data_findings(card: Scorecard) -> list[Finding]:
    """Evidence raised by the data checks themselves."""
    return card.evidence("check")
