"""The JSON export of a report: metadata, answers, the scorecard, its provenance and (when run) the check run.

A machine-readable twin of the PDF for pipelines and archives; `format` and `format_version`
make the document self-describing.
"""

from __future__ import annotations

from typing import Any

from reports.model import Report

FORMAT = "readiness-report"
FORMAT_VERSION = 2  # 2: `provenance`; `checks` is the versioned check-run JSON


def report_json(report: Report) -> dict[str, Any]:
    """The report as plain JSON-compatible data."""
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "generated_at": report.generated_at.isoformat(),
        "meta": report.meta.model_dump(mode="json"),
        "questionnaire_version": report.questionnaire.version,
        "answers": report.answers,
        "scorecard": report.scorecard.model_dump(mode="json"),
        "provenance": report.result.provenance.model_dump(mode="json"),
        "checks": report.check_run.to_json() if report.check_run is not None else None,
    }
