"""The report's input: who and what the assessment is about, and the assessment's result.

A `Report` bundles the metadata printed on the cover (project, assessment name, revision, author,
date) with an `application.AssessmentResult`: the questionnaire and the answers scored, the
`Scorecard`, the scoring configuration, and - only when sample data was checked - the `CheckRun`.
`build_report` never scores: it takes the result `application.assess` computed, the same one the
CLI prints and the app shows. The clock is injectable so tests and golden files get a fixed date.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from application.assessment import AssessmentResult
from assessments.signoff import Signatory
from checks.check_run import CheckRun
from checks.report import CheckReport
from questionnaire.schema import Questionnaire
from scoring.config import ScoringConfig
from scoring.scorecard import Scorecard

Clock = Callable[[], dt.datetime]


def utc_now() -> dt.datetime:
    """The default clock."""
    return dt.datetime.now(dt.UTC)


class ReportMeta(BaseModel):
    """What the cover and the running header say about the assessment. All free text is user text."""

    model_config = ConfigDict(extra="forbid")

    project: str = Field(default="", max_length=1000)
    assessment: str = Field(default="Data-readiness assessment", max_length=1000)
    revision: int = Field(default=1, ge=1)
    author: str = Field(default="", max_length=1000)
    date: dt.date


@dataclass
class Report:
    """Everything a report shows. Build one with `build_report`; render it with `reports.render_*`."""

    meta: ReportMeta
    result: AssessmentResult
    generated_at: dt.datetime = field(default_factory=utc_now)
    label_batch: str | None = None  # one sentence about a labeling batch chosen for the collection actions
    signoff: list[Signatory] = field(default_factory=list)  # who signs off this revision (the kickoff brief)

    @property
    def questionnaire(self) -> Questionnaire:
        return self.result.questionnaire

    @property
    def answers(self) -> dict[str, Any]:
        return self.result.answers

    @property
    def scorecard(self) -> Scorecard:
        return self.result.scorecard

    @property
    def config(self) -> ScoringConfig:
        return self.result.config

    @property
    def check_run(self) -> CheckRun | None:
        return self.result.check_run

    @property
    def checks(self) -> CheckReport | None:
        """The data checks' results, when sample data was checked."""
        return self.result.check_run.report if self.result.check_run is not None else None

    @property
    def has_evidence(self) -> bool:
        """Whether data checks ran, so the data-evidence sections appear."""
        return self.checks is not None and bool(self.checks.checks)


def build_report(result: AssessmentResult, *, project: str = "", assessment: str = "", revision: int = 1,
                 author: str = "", clock: Clock = utc_now, label_batch: str | None = None,
                 signoff: list[Signatory] | None = None) -> Report:
    """Bundle an assessment's result (from `application.assess`) with what the cover says about it.

    `label_batch`: one sentence about a labeling batch chosen for the collection actions (the action
    plan shows it). `signoff`: who signs off this revision, as entered in the app (the kickoff brief prints it)."""
    now = clock()
    meta = ReportMeta(
        project=project,
        assessment=assessment or ReportMeta.model_fields["assessment"].default,
        revision=revision,
        author=author,
        date=now.date(),
    )
    return Report(meta, result, now, label_batch, list(signoff or []))
