"""The JSON export of a report: metadata, answers, the scorecard and (when run) the data checks.

A machine-readable twin of the PDF for pipelines and archives; `format` and `format_version`
make the document self-describing.
"""

from __future__ import annotations

from typing import Any

from reports.model import Report

FORMAT = "readiness-report"
FORMAT_VERSION = 1


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
        "checks": report.checks.to_json() if report.checks is not None else None,
    }
