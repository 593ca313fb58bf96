"""The history page: the open assessment's revisions, starting a new one before a retrain, and comparing two.

A revision is a numbered state of the assessment. Only the newest one is edited (by the wizard and
the results page); earlier ones stay exactly as they were, so a team can see what changed since the
last retrain. Comparing and the trend chart are drawn by `ui.revision_compare` from the plain
results of `assessments.compare`.
"""

from __future__ import annotations

import streamlit as st

from application import start_revision
from assessments import ConflictError, Revision, Store
from assessments.compare import compare_revisions, summary, trend
from safety.cells import safe_rows
from ui import draft as drafts
from ui import revision_compare, routes, sample_session, services
from ui.draft import Draft
from ui.errors import guarded_callback
from ui.format import plain, verdict_label
from ui.wizard import conflict_banner

CONFIRMING = "history:confirm_new"  # True while the "start a new revision?" box is open
NOTE_KEY = "history:note"
PROBLEM = "history:problem"  # why the last attempt to start a revision failed
NOTICE = "history:notice"  # a toast to show after the page reruns


def render() -> None:
    store, questionnaire = services.store(), services.questionnaire()
    draft = routes.open_draft(store)
    if draft is None:
        return
    st.title(f"History: {plain(draft.name)}")
    st.caption("Before each retrain, start a new revision, update the answers, upload fresh samples, and "
               "compare the result with the previous revision here.")
    if notice := st.session_state.pop(NOTICE, None):
        st.toast(notice, icon=":material/check:")
    conflict_banner(draft)
    revisions = store.revisions(draft.assessment_id)
    st.subheader("Revisions")
    _revision_list(revisions, draft)
    if draft.read_only:
        st.caption(":material/visibility: Shared with you to view only: you can compare revisions, not start one.")
    else:
        _new_revision(store, draft)
    st.divider()
    st.subheader("Compare two revisions")
    if len(revisions) < 2:
        st.info("There is only one revision so far. Start a new revision before the next retrain; you can "
                "then compare the two here, side by side.", icon=":material/compare_arrows:")
    else:
        older, newer = _pick_pair(revisions)
        revision_compare.render_comparison(compare_revisions(older, newer, questionnaire), questionnaire, draft)
    st.subheader("Scores across revisions")
    revision_compare.render_trend(trend(revisions), questionnaire)


def revision_link(draft: Draft, key: str) -> None:
    """For other pages: which revision is being edited, as a button that opens its history."""
    if st.button(f"Editing revision {draft.revision} · history and comparison", key=key,
                 icon=":material/history:", type="tertiary",
                 help="See earlier revisions, start a new one before a retrain, and compare two."):
        routes.go("history")


def _revision_list(revisions: list[Revision], draft: Draft) -> None:
    rows = []
    for revision in reversed(revisions):  # newest first
        head = summary(revision)
        rows.append({
            "Revision": f"{head.number}" + (" (being edited)" if head.number == draft.revision else ""),
            "Date": head.created_at.strftime("%Y-%m-%d %H:%M") if head.created_at else "",
            "Note": head.note + (f" · {head.upgrade_note}" if head.upgrade_note else ""),
            "Questionnaire": head.scored_under or head.questionnaire_version or "",
            "Verdict": verdict_label(head.verdict),
            "Overall": head.overall,
            "Data checked": "Yes" if head.has_checks else "No",
        })
    st.dataframe(
        safe_rows(rows), hide_index=True, width="stretch", key="history:list",
        column_config={
            "Revision": st.column_config.TextColumn(width="small"),
            "Note": st.column_config.TextColumn(width="large"),
            "Overall": st.column_config.ProgressColumn("Overall score", min_value=0, max_value=100, format="%d"),
        },
    )


def _new_revision(store: Store, draft: Draft) -> None:
    """The "start a new revision" action: a button, then a confirmation box with an optional note."""
    if problem := st.session_state.get(PROBLEM):
        st.error(problem, icon=":material/sync_problem:")
        st.button("Load the latest saved version", key="history:reload", icon=":material/refresh:",
                  on_click=guarded_callback(_reload), args=(store,))
    if not st.session_state.get(CONFIRMING):
        new, edit, _ = st.columns([1.3, 1.3, 2])
        new.button("Start a new revision (before a retrain)", key="history:new", icon=":material/add:",
                   type="primary", width="stretch",
                   on_click=guarded_callback(lambda: st.session_state.update({CONFIRMING: True})))
        if edit.button(f"Update the answers of revision {draft.revision}", key="history:edit",
                       icon=":material/edit:", width="stretch"):
            routes.go("wizard")
        return
    following = draft.revision + 1
    with st.container(border=True):
        st.markdown(f"**Start revision {following}?**")
        st.markdown(
            f"Revision {draft.revision} stays exactly as it is now, and you can compare against it at any time. "
            f"Revision {following} starts as a copy of its answers and becomes the one the questionnaire and the "
            "results edit. Data check results are not copied: upload fresh samples (new production inputs) in "
            "the Sample data step."
        )
        st.text_input("Note (optional)", key=NOTE_KEY, max_chars=500,
                      placeholder="e.g. Before the June retrain: new support channels added")
        if draft.conflict:
            st.warning("Some answers on screen are not saved yet. Settle that first (see the message above).",
                       icon=":material/sync_problem:")
        confirm, cancel, _ = st.columns([1.4, 1, 3])
        confirm.button(f"Start revision {following}", key="history:new:confirm", type="primary",
                       icon=":material/check:", width="stretch", disabled=bool(draft.conflict),
                       on_click=guarded_callback(_start), args=(store, draft))
        cancel.button("Cancel", key="history:new:cancel", width="stretch",
                      on_click=guarded_callback(_close_confirmation))


def _close_confirmation() -> None:
    st.session_state.pop(CONFIRMING, None)
    st.session_state.pop(NOTE_KEY, None)


def _start(store: Store, draft: Draft) -> None:
    """on_click of the confirmation: snapshot the current answers into a new revision and edit that one."""
    note = (st.session_state.get(NOTE_KEY) or "").strip()
    st.session_state.pop(PROBLEM, None)
    try:
        created = start_revision(store, draft.assessment_id, expected_version=draft.version, note=note,
                                 questionnaire=services.questionnaire())
    except ConflictError:
        st.session_state[PROBLEM] = (
            "This assessment was changed elsewhere (another tab or another person) after you opened it, so no "
            "revision was started and nothing was overwritten. Load the latest saved version, check the "
            "answers, then start the new revision again."
        )
        return
    drafts.open_assessment(store, draft.assessment_id)
    st.session_state.pop(sample_session.STATE_KEY, None)  # the previous revision's uploads are not this one's
    _close_confirmation()
    st.session_state[NOTICE] = f"Started revision {created.number}. Revision {created.number - 1} is kept as it was."


def _reload(store: Store) -> None:
    st.session_state.pop(PROBLEM, None)
    drafts.reload_saved(store)


def _pick_pair(revisions: list[Revision]) -> tuple[Revision, Revision]:
    """Two selectors (default: the latest two); the earlier revision is always the baseline."""
    by_number = {r.number: r for r in revisions}
    numbers = list(by_number)
    labels = {r.number: f"Revision {r.number}" + (f" · {r.note}" if r.note else "") for r in revisions}
    left, right = st.columns(2)
    first = left.selectbox("Baseline", numbers, index=len(numbers) - 2, key="history:from",
                           format_func=labels.get)
    second = right.selectbox("Compared with", numbers, index=len(numbers) - 1, key="history:to",
                             format_func=labels.get)
    if first == second:
        st.caption("Both sides are the same revision; pick another one to see differences.")
    older, newer = sorted((first, second))
    return by_number[older], by_number[newer]
