"""The one path from answers and data to a scorecard: `assess`.

The CLI (`score`, `gate`, `report`), the app (autosave, results page, report downloads) and the
report builder all call `assess`, so they cannot disagree: the same answers and the same check run
give the same scorecard JSON everywhere (tests/application/test_same_scorecard.py proves it).

    result = assess(answers, data=check_run, config=scoring_config)
    result.scorecard        # verdict, area scores, risks, action plan
    result.check_run        # the data evidence it was scored with (or None)
    result.provenance       # tool, questionnaire and scoring-config versions, evidence basis
    result.problems         # answers left out because they are not valid (the app keeps editing)
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from importlib import metadata
from typing import Any

from pydantic import BaseModel

from checks.check_run import CheckRun
from questionnaire import Questionnaire, bundled_questionnaire
from questionnaire.answers import AnswersError, normalize_answers
from scoring.config import ScoringConfig, default_scoring_config
from scoring.engine import score_with_checks
from scoring.scorecard import Scorecard

BUNDLED_CONFIG = "bundled"


class Provenance(BaseModel):
    """What a scorecard was computed from and by, so a reader can tell two results apart."""

    tool_version: str
    questionnaire_version: str
    scoring_config: str  # "bundled", or "custom sha256:<first 12 hex digits>" for an override file
    evidence: str  # "answers only" or "answers and data"
    check_run: str | None = None  # the run key of the data evidence, if any


@dataclass(frozen=True)
class AssessmentResult:
    """A scorecard together with the evidence and the versions it came from."""

    questionnaire: Questionnaire
    answers: dict[str, Any]  # the valid answers, in canonical form: what was scored
    scorecard: Scorecard
    check_run: CheckRun | None
    provenance: Provenance
    config: ScoringConfig
    problems: list[str] = field(default_factory=list)  # answers left out of the score, and why


def tool_version() -> str:
    try:
        return metadata.version("readiness")
    except metadata.PackageNotFoundError:
        return "unknown"


def config_name(config: ScoringConfig) -> str:
    """'bundled' for the shipped scoring configuration, else a short digest of the one used."""
    if config == default_scoring_config():
        return BUNDLED_CONFIG
    return "custom sha256:" + hashlib.sha256(config.model_dump_json().encode("utf-8")).hexdigest()[:12]


def scorable(questionnaire: Questionnaire, answers: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """The valid answers in canonical form, and a readable problem for each answer left out."""
    try:
        return normalize_answers(questionnaire, answers), []
    except AnswersError as exc:
        problems = exc.problems
    bad = {p.split(":", 1)[0] for p in problems}
    return normalize_answers(questionnaire, {k: v for k, v in answers.items() if k not in bad}), problems


def assess(answers: dict[str, Any], data: CheckRun | None = None, config: ScoringConfig | None = None, *,
           questionnaire: Questionnaire | None = None) -> AssessmentResult:
    """Score the answers (invalid ones are left out and listed) together with the data evidence, if any."""
    questionnaire = questionnaire or bundled_questionnaire()
    config = config or default_scoring_config()
    valid, problems = scorable(questionnaire, answers)
    evidence = data if data is not None and data.has_results else None
    card = score_with_checks(questionnaire, valid, evidence.report if evidence else None, config=config,
                             evaluation_sample=bool(evidence and evidence.inputs.production_is_evaluation))
    provenance = Provenance(
        tool_version=tool_version(), questionnaire_version=questionnaire.version, scoring_config=config_name(config),
        evidence="answers and data" if evidence else "answers only",
        check_run=(evidence.inputs.run_key or None) if evidence else None)
    return AssessmentResult(questionnaire, valid, card, evidence, provenance, config, problems)
