"""The wizard page: one step per area, a step list with completion, back / next, autosave."""

from __future__ import annotations

import streamlit as st

from questionnaire import Questionnaire
from ui import draft as drafts
from ui import routes, sample_step, services
from ui.draft import Draft
from ui.errors import guarded_callback
from ui.format import plain, relative_time
from ui.steps import Progress, Status, Step, wizard_steps
from ui.style import left_aligned_step_list, step_opens_at_top


def render() -> None:
    store, questionnaire = services.store(), services.questionnaire()
    draft = routes.open_draft(store)
    if draft is None:
        return
    steps = wizard_steps(questionnaire)
    ids = [s.id for s in steps]
    if draft.step not in ids:
        draft.step = ids[0]
    index = ids.index(draft.step)
    step = steps[index]
    progress = {s.id: s.progress(questionnaire, draft.answers) for s in steps}

    _header(draft)
    conflict_banner(draft)
    _step_list(steps, progress, current=step.id)

    st.progress((index + 1) / len(steps), text=f"Step {index + 1} of {len(steps)}")
    st.subheader(step.title)
    st.caption(step.summary)
    if not draft.focus:  # a jump from the results page marks its question instead
        step_opens_at_top(step.id, step.title)
    if draft.focus and questionnaire.question(draft.focus):
        st.info(f"You came from the results to change **{questionnaire.question(draft.focus).topic}** "
                "(marked below).", icon=":material/edit:")
    step.render(questionnaire, draft.answers)
    _missing_summary(draft, step, progress[step.id])
    _navigation(draft, steps, index, progress)


def _header(draft: Draft) -> None:
    st.title(plain(draft.name))
    parts = (draft.project, draft.owner and f"owner {draft.owner}", f"revision {draft.revision}")
    details = [plain(x) for x in parts if x]
    if draft.read_only:
        saved = (":material/visibility: Shared with you to view only"
                 + (f" by {plain(draft.owned_by)}" if draft.owned_by else "") + ": answers cannot be changed here")
    elif draft.conflict:
        saved = ":red[:material/sync_problem: Not saved — see below]"
    elif draft.save_error:
        saved = f":red[:material/error: Saving failed: {plain(draft.save_error)}]"
    elif draft.saved_at:
        saved = f":green[:material/cloud_done: All changes saved {relative_time(draft.saved_at)}]"
    else:
        saved = ":material/cloud_done: Every answer is saved as you go"
    st.caption(" · ".join(details) + "  \n" + saved)


def conflict_banner(draft: Draft) -> None:
    """If a save was refused because the assessment changed elsewhere: explain and offer both ways out."""
    if not draft.conflict:
        return
    store, questionnaire = services.store(), services.questionnaire()
    changed = drafts.unsaved_changes(store, draft)
    topics = ", ".join(questionnaire.question(q).topic for q in changed if questionnaire.question(q)) or "none"
    with st.container(border=True):
        st.error(draft.conflict, icon=":material/sync_problem:")
        st.markdown(f"Answers that differ from the saved version: **{topics}**.")
        left, right, _ = st.columns([1, 1, 2])
        left.button("Load the saved version", key="conflict:reload", on_click=guarded_callback(drafts.reload_saved),
                    args=(store,), help="Discards the unsaved answers shown here.", width="stretch")
        right.button("Keep my answers", key="conflict:mine", type="primary",
                     on_click=guarded_callback(drafts.keep_mine), args=(store,),
                     help="Saves the answers shown here over the other version.",
                     width="stretch")


def _step_list(steps: list[Step], progress: dict[str, Progress], current: str) -> None:
    left_aligned_step_list()
    with st.sidebar:
        st.markdown("**Steps**")
        for number, s in enumerate(steps, start=1):
            p = progress[s.id]
            count = f" · {p.answered}/{p.total}" if p.total and s.area else ""
            st.button(
                f"{p.status.icon if s.id != current else ':material/edit:'} {number}. {s.title}{count}",
                key=f"step:{s.id}",
                type="primary" if s.id == current else "tertiary",
                on_click=guarded_callback(drafts.go_to_step), args=(s.id,),
                width="stretch", help=f"{p.status.replace('_', ' ').capitalize()}: go to this step",
            )
        done = sum(1 for s in steps if progress[s.id].status == Status.complete)
        st.caption(f"{done} of {len(steps)} steps complete")
        st.divider()
        if st.button("See results", key="step:results", icon=":material/insights:", width="stretch"):
            routes.go("results")
        if st.button("History and comparison", key="step:history", icon=":material/history:", width="stretch",
                     help="Earlier revisions, a new revision before a retrain, and what changed"):
            routes.go("history")


def _missing_summary(draft: Draft, step: Step, progress: Progress) -> None:
    if step.id in draft.attempted and progress.missing_required:
        st.warning(f"{progress.missing_required} required question(s) on this step still need an answer.",
                   icon=":material/priority_high:")


def _next(draft: Draft, step: Step, target: str, questionnaire: Questionnaire) -> None:
    """on_click of Next: required questions first (the step list still allows jumping anywhere)."""
    if not draft.read_only and step.progress(questionnaire, draft.answers).missing_required:
        draft.attempted.add(step.id)
        return
    drafts.go_to_step(target)


def _navigation(draft: Draft, steps: list[Step], index: int, progress: dict[str, Progress]) -> None:
    questionnaire = services.questionnaire()
    back, _, forward = st.columns([1, 2, 1])
    if index > 0:
        back.button("Back", key="wiz:back", help=f"Back to {steps[index - 1].title}", icon=":material/arrow_back:",
                    shortcut="Alt+B",
                    on_click=guarded_callback(drafts.go_to_step), args=(steps[index - 1].id,), width="stretch")
    if index < len(steps) - 1:
        forward.button("Next", key="wiz:next", type="primary", icon=":material/arrow_forward:",
                       icon_position="right", shortcut="Alt+N", on_click=guarded_callback(_next),
                       args=(draft, steps[index], steps[index + 1].id, questionnaire), width="stretch")
    else:  # one primary action at a time: "Run checks" while uploaded files wait for their checks
        waiting = steps[index].id == sample_step.STEP_ID and sample_step.awaiting_run(draft, questionnaire)
        if forward.button("See results", key="wiz:results", type="secondary" if waiting else "primary",
                          icon=":material/insights:", width="stretch"):
            routes.go("results")
