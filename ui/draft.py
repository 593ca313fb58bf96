"""The assessment open in this browser session, and its autosave.

A `Draft` holds the answers being edited and the version of the assessment they were read at.
Each change is saved at once (`set_answer`), as one transaction that only succeeds if nobody else
saved in between. If somebody did, the change is kept here, marked unsaved, and the user chooses:
load the saved version, or save these answers over it. Nothing is ever dropped silently.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import streamlit as st

from assessments import ConflictError, NotFoundError, Store, StoreError
from questionnaire import Questionnaire
from questionnaire.answers import normalize_answers, validate_answers
from scoring.engine import score_with_checks
from scoring.scorecard import Scorecard
from ui import services
from ui.evidence import report_from_saved
from ui.format import plain

log = logging.getLogger(__name__)
DRAFT_KEY = "draft"
WIDGET_PREFIX = "w:"
QUERY_PARAM = "assessment"


@dataclass
class Draft:
    """The open assessment: answers as edited here, and what the database last confirmed."""

    assessment_id: int
    name: str
    version: int
    answers: dict[str, Any]
    step: str | None
    revision: int
    project: str = ""
    owner: str = ""
    conflict: str | None = None  # set when a save was refused; the answers here are then unsaved
    saved_at: datetime | None = None
    save_error: str | None = None
    attempted: set[str] = field(default_factory=set)  # steps where "Next" asked for required answers
    focus: str | None = None  # question to highlight after a jump from the results page
    checks: dict[str, Any] | None = None  # the revision's saved data-check results (see ui.evidence)
    checks_unsaved: bool = False  # results computed here that the database refused (a conflict)


def current() -> Draft | None:
    return st.session_state.get(DRAFT_KEY)


def _forget_widgets() -> None:
    """Drop widget values so they are seeded again from the (re)loaded answers."""
    for key in [k for k in st.session_state if isinstance(k, str) and k.startswith(WIDGET_PREFIX)]:
        del st.session_state[key]


def open_assessment(store: Store, assessment_id: int) -> Draft:
    """Load an assessment into the session; resume at its last step."""
    opened = store.get(assessment_id)
    a = opened.assessment
    draft = Draft(
        assessment_id=a.id, name=a.name, version=a.version, answers=dict(opened.snapshot.answers),
        step=a.last_step, revision=a.current_revision, project=a.project, owner=a.owner,
        checks=opened.snapshot.checks,
    )
    _forget_widgets()
    st.session_state[DRAFT_KEY] = draft
    return draft


def close() -> None:
    st.session_state.pop(DRAFT_KEY, None)
    _forget_widgets()


def from_query(store: Store) -> Draft | None:
    """The draft named by `?assessment=` (opening it after a reload), else the one already open.

    Keeps the query parameter in the URL so that reloading the page reopens the same assessment.
    """
    wanted = st.query_params.get(QUERY_PARAM)
    draft = current()
    if wanted and (draft is None or str(draft.assessment_id) != wanted):
        try:
            draft = open_assessment(store, int(wanted))
        except (ValueError, NotFoundError):
            st.query_params.pop(QUERY_PARAM, None)
            st.warning(f"Assessment '{plain(wanted)}' was not found; it may have been deleted.")
            return None
    if draft is not None:
        st.query_params[QUERY_PARAM] = str(draft.assessment_id)
    return draft


def scorable(questionnaire: Questionnaire, answers: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """The valid answers in canonical form, and the problems of those left out."""
    problems = validate_answers(questionnaire, answers)
    bad = {p.split(":", 1)[0] for p in problems}
    return normalize_answers(questionnaire, {k: v for k, v in answers.items() if k not in bad}), problems


def scorecard(questionnaire: Questionnaire, draft: Draft) -> tuple[Scorecard, list[str]]:
    """The draft's scorecard with its data evidence (findings and claims), and the answers left out."""
    valid, problems = scorable(questionnaire, draft.answers)
    return score_with_checks(questionnaire, valid, report_from_saved(draft.checks)), problems


def scorecard_for(questionnaire: Questionnaire, answers: dict[str, Any],
                  checks: dict[str, Any] | None = None) -> dict[str, Any] | None:
    """The scorecard of these answers (and saved check results) as stored JSON, or None if not scorable."""
    try:
        valid = scorable(questionnaire, answers)[0]
        return score_with_checks(questionnaire, valid, report_from_saved(checks)).model_dump(mode="json")
    except Exception:  # noqa: BLE001 - a scoring problem must never block saving answers
        log.exception("scoring failed; saving the answers without a scorecard")
        return None


def save(draft: Draft, *, store: Store | None = None, questionnaire: Questionnaire | None = None) -> bool:
    """Write the draft's answers and step; False (and the reason kept on the draft) if refused."""
    if draft.conflict:
        return False
    store = store or services.store()
    questionnaire = questionnaire or services.questionnaire()
    saved = _write(draft, lambda: store.save_answers(
        draft.assessment_id, draft.answers, expected_version=draft.version, last_step=draft.step,
        questionnaire_version=questionnaire.version,
        scorecard=scorecard_for(questionnaire, draft.answers, draft.checks),
    ))
    if saved:
        draft.saved_at, draft.save_error = datetime.now(UTC), None
    return saved


def _write(draft: Draft, write: Callable[[], int]) -> bool:
    """Run one database write for the draft (it returns the new version); a refusal is kept on the draft."""
    try:
        draft.version = write()
    except ConflictError as exc:
        draft.conflict = str(exc)
        return False
    except StoreError as exc:
        draft.save_error = str(exc)
        return False
    return True


def save_checks(draft: Draft, checks: dict[str, Any], *, store: Store | None = None) -> bool:
    """Keep new check results on the draft and save them with the revision (then its rescored answers).

    If the assessment changed elsewhere the results stay here, marked unsaved, and the usual conflict
    banner asks the user what to do; `retry_checks` saves them once that is settled.
    """
    store = store or services.store()
    draft.checks, draft.checks_unsaved = checks, True
    if draft.conflict:
        return False
    if not _write(draft, lambda: store.save_checks(draft.assessment_id, checks, expected_version=draft.version)):
        return False
    draft.checks_unsaved = False
    return save(draft, store=store)


def set_answer(question_id: str, value: Any) -> None:
    """Record one answer (None clears it) and autosave."""
    draft = current()
    if draft is None:
        return
    if value is None:
        draft.answers.pop(question_id, None)
    else:
        draft.answers[question_id] = value
    save(draft)


def go_to_step(step_id: str, focus: str | None = None) -> None:
    """Move to a wizard step and remember it as the place to resume."""
    draft = current()
    if draft is None:
        return
    draft.step, draft.focus = step_id, focus
    save(draft)


def reload_saved(store: Store) -> None:
    """Conflict resolution 1: discard the unsaved answers here and load the saved version."""
    draft = current()
    if draft is not None:
        step = draft.step
        fresh = open_assessment(store, draft.assessment_id)
        fresh.step = fresh.step or step


def keep_mine(store: Store) -> None:
    """Conflict resolution 2: save the answers here over the version saved elsewhere (user's choice)."""
    draft = current()
    if draft is None:
        return
    draft.version = store.get(draft.assessment_id).assessment.version
    draft.conflict = None
    if draft.checks_unsaved and draft.checks is not None:
        save_checks(draft, draft.checks, store=store)  # saves the answers too
    else:
        save(draft, store=store)


def unsaved_changes(store: Store, draft: Draft) -> list[str]:
    """Question ids whose answer here differs from the saved version (shown with a conflict)."""
    saved = store.get(draft.assessment_id).snapshot.answers
    return sorted(q for q in set(saved) | set(draft.answers) if saved.get(q) != draft.answers.get(q))
