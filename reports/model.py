"""The report's input: who and what the assessment is about, and everything scoring produced.

A `Report` bundles the metadata printed on the cover (project, assessment name, revision, author,
date), the questionnaire and the answers, the `Scorecard`, and - only when sample data was
checked - the data checks' `CheckReport`. `build_report` scores the answers and assembles one;
the clock is injectable so tests and golden files get a fixed date.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ConfigDict, Field

from questionnaire.loader import bundled_questionnaire
from questionnaire.schema import Questionnaire
from scoring.config import ScoringConfig, default_scoring_config
from scoring.engine import score
from scoring.findings import Finding
from scoring.scorecard import Scorecard

if TYPE_CHECKING:  # the checks package is optional for reports: a report without data has no evidence
    from checks.report import CheckReport

Clock = Callable[[], dt.datetime]


def utc_now() -> dt.datetime:
    """The default clock."""
    return dt.datetime.now(dt.UTC)


class Paper(StrEnum):
    """Page sizes the print stylesheet supports (the values are CSS `@page size` keywords)."""

    a4 = "a4"
    letter = "letter"


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
    questionnaire: Questionnaire
    answers: dict[str, Any]
    scorecard: Scorecard
    config: ScoringConfig
    checks: CheckReport | None = None
    generated_at: dt.datetime = field(default_factory=utc_now)
    label_batch: str | None = None  # one sentence about a labeling batch chosen for the collection actions

    @property
    def has_evidence(self) -> bool:
        """Whether data checks ran, so the data-evidence sections appear."""
        return self.checks is not None and bool(self.checks.checks)


def build_report(
    answers: dict[str, Any],
    *,
    questionnaire: Questionnaire | None = None,
    checks: CheckReport | None = None,
    config: ScoringConfig | None = None,
    project: str = "",
    assessment: str = "",
    revision: int = 1,
    author: str = "",
    clock: Clock = utc_now,
    extra_findings: Iterable[Finding] = (),
    label_batch: str | None = None,
) -> Report:
    """Score normalised answers (plus the data findings of `checks`) and bundle them into a `Report`.

    With `checks`, the scoring also compares the answers' claims with the checks' metrics.

    `answers` must already be valid (see `questionnaire.answers.normalize_answers`).
    """
    questionnaire = questionnaire or bundled_questionnaire()
    config = config or default_scoring_config()
    findings = [*(checks.findings if checks is not None else ()), *extra_findings]
    metrics = checks.metrics_by_check() if checks is not None else None
    scorecard = score(questionnaire, answers, findings, config=config, check_metrics=metrics)
    now = clock()
    meta = ReportMeta(
        project=project,
        assessment=assessment or ReportMeta.model_fields["assessment"].default,
        revision=revision,
        author=author,
        date=now.date(),
    )
    return Report(meta, questionnaire, dict(answers), scorecard, config, checks, now, label_batch)
