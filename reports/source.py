"""Where a report's answers come from on the command line: an answers file or an assessment export.

An answers file (YAML/JSON, flat or with an `answers` key) gives only answers. Answers made under an
older questionnaire version (`questionnaire_version`) are carried over to today's ids. An assessment export
(`format: readiness-assessment`, see `assessments.transfer`) also names the assessment, the project,
its owner and the current revision, and may carry that revision's data-check results and sign-off.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter, ValidationError

from assessments.signoff import Signatory
from questionnaire.answers import AnswersError, answers_of, read_document
from questionnaire.migration import can_upgrade, upgrade_answers

EXPORT_FORMAT = "readiness-assessment"


@dataclass
class ReportSource:
    answers: dict[str, Any]
    assessment: str = ""
    project: str = ""
    author: str = ""
    revision: int = 1
    checks: dict[str, Any] | None = None  # the stored check results (CheckReport JSON), if any
    signoff: list[Signatory] = field(default_factory=list)  # who signs off the revision (entered in the app)


def _current(answers: dict[str, Any], version: Any) -> dict[str, Any]:
    """Answers given under an older questionnaire version, carried over to today's (see questionnaire.migration)."""
    if not isinstance(version, str) or not can_upgrade(version):
        return answers
    return upgrade_answers(answers, version)[0]


def read_report_source(path: Path | str) -> ReportSource:
    """Answers plus whatever metadata the file carries; raises `AnswersError` for an unusable file."""
    path = Path(path)
    data = read_document(path)
    if not (isinstance(data, dict) and data.get("format") == EXPORT_FORMAT):
        version = data.get("questionnaire_version") if isinstance(data, dict) else None
        return ReportSource(answers=_current(answers_of(data, path), version))
    meta = data.get("assessment") if isinstance(data.get("assessment"), dict) else {}
    revisions = [r for r in data.get("revisions") or [] if isinstance(r, dict)]
    current = meta.get("current_revision")
    chosen = next((r for r in revisions if r.get("number") == current), revisions[-1] if revisions else None)
    if chosen is None or not isinstance(chosen.get("snapshot"), dict):
        raise AnswersError([f"{path}: the export has no revision with a snapshot"])
    snapshot = chosen["snapshot"]
    answers = snapshot.get("answers")
    if not isinstance(answers, dict):
        raise AnswersError([f"{path}: revision {chosen.get('number')} has no answers"])
    number = chosen.get("number")
    return ReportSource(
        answers=_current({str(k): v for k, v in answers.items()}, snapshot.get("questionnaire_version")),
        assessment=str(meta.get("name") or ""),
        project=str(meta.get("project") or ""),
        author=str(meta.get("owner") or ""),
        revision=number if isinstance(number, int) and number >= 1 else 1,
        checks=snapshot.get("checks") if isinstance(snapshot.get("checks"), dict) else None,
        signoff=_signoff(snapshot.get("signoff"), path),
    )


def _signoff(stored: Any, path: Path) -> list[Signatory]:
    try:
        return _SIGNATORIES.validate_python(stored or [])
    except ValidationError as exc:
        raise AnswersError([f"{path}: the sign-off is damaged: {exc.errors()[0]['msg']}"]) from None


_SIGNATORIES = TypeAdapter(list[Signatory])
