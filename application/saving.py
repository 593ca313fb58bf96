"""Saving an assessment: one function and one database transaction per user action.

Each function scores first (`assess`), then writes the answers, the check run the scorecard was
computed with, and the scorecard together, so a stored revision never pairs new check results with
an old scorecard (or the reverse). A write that someone else's save overtook raises
`assessments.ConflictError` and changes nothing.

- `save_revision`: the user changed an answer, moved to another step, or ran the data checks (the
  new `check_run` is then stored with the answers rescored against it);
- `start_revision`: the user started a new revision before a retrain (no check results yet; the sign-off's
  names and roles carry over, its dates do not);
- `save_signoff`: the user entered who signs off the current revision (the kickoff brief prints it).

`last_checked_inputs` reads back what the newest check run of an assessment checked (files, column
roles, thresholds), so a new revision's uploads start from the column roles the team chose last time.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from application.assessment import AssessmentResult, assess
from assessments import Revision, Snapshot, Store
from assessments.signoff import Signatory
from checks.check_run import CheckedInputs, CheckRun
from questionnaire import Questionnaire, bundled_questionnaire
from scoring.config import ScoringConfig

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Saved:
    """What a save wrote: the assessment's new version and the result stored with the answers."""

    version: int
    result: AssessmentResult | None  # None when scoring failed (the answers are saved all the same)


def _assess(answers: dict[str, Any], check_run: CheckRun | None, questionnaire: Questionnaire,
            config: ScoringConfig | None) -> AssessmentResult | None:
    try:
        return assess(answers, check_run, config, questionnaire=questionnaire)
    except Exception:  # noqa: BLE001 - a scoring problem must never block saving answers
        log.exception("scoring failed; saving the answers without a scorecard")
        return None


def save_revision(store: Store, assessment_id: int, answers: dict[str, Any], *, expected_version: int,
                  check_run: CheckRun | None, last_step: str | None = None,
                  questionnaire: Questionnaire | None = None, config: ScoringConfig | None = None) -> Saved:
    """Score the answers with `check_run` and store answers, check run and scorecard in one transaction."""
    questionnaire = questionnaire or bundled_questionnaire()
    result = _assess(answers, check_run, questionnaire, config)
    version = store.save_answers(
        assessment_id, answers, expected_version=expected_version, last_step=last_step,
        questionnaire_version=questionnaire.version,
        scorecard=result.scorecard.model_dump(mode="json") if result else None,
        checks=check_run.to_json() if check_run is not None else None)
    return Saved(version, result)


def start_revision(store: Store, assessment_id: int, *, expected_version: int, note: str = "",
                   questionnaire: Questionnaire | None = None, config: ScoringConfig | None = None) -> Revision:
    """A new revision with the current answers, scored without data (a retrain brings fresh samples)."""
    questionnaire = questionnaire or bundled_questionnaire()
    answers = store.get(assessment_id).snapshot.answers
    result = _assess(answers, None, questionnaire, config)
    return store.new_revision(assessment_id, expected_version=expected_version, note=note,
                              scorecard=result.scorecard.model_dump(mode="json") if result else None)


def save_signoff(store: Store, assessment_id: int, signatories: list[Signatory], *, expected_version: int) -> int:
    """Store who signs off the current revision (empty lines dropped) in one transaction; the new version.

    Raises ValueError when there are more lines than a sign-off holds, `ConflictError` when someone else
    saved first (nothing is written then)."""
    return store.save_signoff(assessment_id, signatories, expected_version=expected_version)


def last_checked_inputs(store: Store, assessment_id: int) -> CheckedInputs | None:
    """What the newest revision with check results checked (its column roles and settings), if any."""
    revisions: list[Revision] = store.revisions(assessment_id)
    for revision in reversed(revisions):
        try:
            run = CheckRun.from_json(Snapshot.from_stored(revision.snapshot).checks)
        except ValueError:  # saved by a newer version of the tool
            continue
        if run is not None and run.inputs.files:
            return run.inputs
    return None
