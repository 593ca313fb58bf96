"""The assessment open in this browser session, and its autosave.

A `Draft` holds the answers being edited and the version of the assessment they were read at.
Each change is saved at once (`set_answer`), as one transaction that only succeeds if nobody else
saved in between. If somebody did, the change is kept here, marked unsaved, and the user chooses:
load the saved version, or save these answers over it. Nothing is ever dropped silently.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import streamlit as st

from application import AssessmentResult, assess, save_revision
from assessments import ConflictError, NotFoundError, Store, StoreError
from assessments.access import Role
from assessments.signoff import Signatory
from checks.check_run import CheckRun
from questionnaire import Questionnaire
from ui import services
from ui.format import plain

DRAFT_KEY = "draft"
ASSESSED_KEY = "draft:assessed"  # (answers JSON, questionnaire, check run, result) of the last scoring
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
    checks: CheckRun | None = None  # the revision's data-check run (saved, or refused by a conflict)
    checks_unsaved: bool = False  # results computed here that the database refused (a conflict)
    signoff: list[Signatory] = field(default_factory=list)  # who signs off this revision (as saved)
    role: Role = Role.owner  # what this session's account may do with it (a viewer only looks)
    owned_by: str | None = None

    @property
    def read_only(self) -> bool:
        return not self.role.allows(Role.editor)


def current() -> Draft | None:
    return st.session_state.get(DRAFT_KEY)


def _forget_widgets() -> None:
    """Drop widget values so they are seeded again from the (re)loaded answers."""
    for key in [k for k in st.session_state if isinstance(k, str) and k.startswith(WIDGET_PREFIX)]:
        del st.session_state[key]


def open_assessment(store: Store, assessment_id: int) -> Draft:
    """Load an assessment into the session; resume at its last step.

    Raises `StoreError` saying why when its revision or check run was saved by a newer version of the
    tool: it is not opened, so nothing of it can be overwritten with less than it holds.
    """
    try:
        opened = store.get(assessment_id)
        checks = CheckRun.from_json(opened.snapshot.checks)
    except ValueError as exc:  # saved by a newer version of the tool
        raise StoreError(f"This assessment cannot be opened here: {exc}.") from exc
    a = opened.assessment
    draft = Draft(
        assessment_id=a.id, name=a.name, version=a.version, answers=dict(opened.snapshot.answers),
        step=a.last_step, revision=a.current_revision, project=a.project, owner=a.owner, checks=checks,
        signoff=list(opened.snapshot.signoff),
        role=opened.role, owned_by=a.owned_by,
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
        problem = f"Assessment '{plain(wanted)}' was not found; it may have been deleted."
        try:
            draft = open_assessment(store, int(wanted)) if wanted.isdigit() else None
        except NotFoundError:
            draft = None
        except StoreError as exc:
            draft, problem = None, plain(exc)
        if draft is None:
            st.query_params.pop(QUERY_PARAM, None)
            st.warning(problem)
            return None
    if draft is not None:
        st.query_params[QUERY_PARAM] = str(draft.assessment_id)
    return draft


def assessed(questionnaire: Questionnaire, draft: Draft) -> AssessmentResult:
    """The draft's result: its scorecard with the data evidence, and the answers left out (with why).

    Kept for the session while the answers, the check run and the questionnaire stay the same, so the
    results page's reruns (a click on a toggle, opening a section) do not score again.
    """
    answers = json.dumps(draft.answers, sort_keys=True, default=str)
    kept = st.session_state.get(ASSESSED_KEY)
    if kept and kept[0] == answers and kept[1] is questionnaire and kept[2] is draft.checks:
        return kept[3]
    result = assess(draft.answers, draft.checks, questionnaire=questionnaire)
    st.session_state[ASSESSED_KEY] = (answers, questionnaire, draft.checks, result)
    return result


def save(draft: Draft, *, store: Store | None = None, questionnaire: Questionnaire | None = None) -> bool:
    """Write the draft's answers, step and check run, rescored, in one transaction.

    False when refused: a conflict or a database error is kept on the draft for the page to show. A
    viewer's draft is never written (the store would refuse it): moving between steps stays local.
    """
    if draft.conflict or draft.read_only:
        return False
    store = store or services.store()
    questionnaire = questionnaire or services.questionnaire()
    try:
        draft.version = save_revision(
            store, draft.assessment_id, draft.answers, expected_version=draft.version, check_run=draft.checks,
            last_step=draft.step, questionnaire=questionnaire).version
    except ConflictError as exc:
        draft.conflict = str(exc)
        return False
    except StoreError as exc:
        draft.save_error = str(exc)
        return False
    draft.checks_unsaved = False
    draft.saved_at, draft.save_error = datetime.now(UTC), None
    return True


def save_checks(draft: Draft, run: CheckRun, *, store: Store | None = None,
                questionnaire: Questionnaire | None = None) -> bool:
    """Keep a new check run on the draft and save it with the rescored answers (one transaction).

    If the assessment changed elsewhere the results stay here, marked unsaved, and the usual conflict
    banner asks the user what to do; `keep_mine` saves them once that is settled.
    """
    draft.checks, draft.checks_unsaved = run, True
    return save(draft, store=store, questionnaire=questionnaire)


def set_answer(question_id: str, value: Any) -> None:
    """Record one answer (None clears it) and autosave; an answer already recorded changes nothing.

    Streamlit may report a step's widgets as changed when a click reaches it while the step is still
    being drawn; those reports carry the values just drawn, so they must neither save nor clear.
    """
    draft = current()
    if draft is None or draft.answers.get(question_id) == value:
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
    save(draft, store=store)  # the answers and the check run here, unsaved ones included


def unsaved_changes(store: Store, draft: Draft) -> list[str]:
    """Question ids whose answer here differs from the saved version (shown with a conflict)."""
    saved = store.get(draft.assessment_id).snapshot.answers
    return sorted(q for q in set(saved) | set(draft.answers) if saved.get(q) != draft.answers.get(q))
