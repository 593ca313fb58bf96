"""The home page: saved assessments with search, and every action on them."""

from __future__ import annotations

import streamlit as st

from assessments import Assessment, ImportFormatError, Store
from assessments.access import Role
from ui import draft as drafts
from ui import routes, services, sharing
from ui.errors import guarded_callback
from ui.format import plain, relative_time, verdict_badge

PENDING_DELETE = "home:pending_delete"
CREATING = "home:creating"
NOTICE = "home:notice"


def render() -> None:
    store = services.store()
    st.title("Assessments")
    _notice()
    if store.count() == 0:
        _empty_state(store)
        return
    st.caption("Each assessment records how ready one project's training data is. Open one to continue "
               "where you left off, or start a new one.")
    search_col, archived_col, new_col = st.columns([4, 1.4, 1.4], vertical_alignment="bottom")
    search = search_col.text_input("Search", key="home:search", placeholder="Name, project or owner",
                                   icon=":material/search:")
    show_archived = archived_col.toggle("Show archived", key="home:archived")
    new_col.button("New assessment", key="home:new", type="primary", icon=":material/add:", width="stretch",
                   on_click=guarded_callback(lambda: st.session_state.update({CREATING: True})))
    if st.session_state.get(CREATING):
        with st.container(border=True):
            _new_form(store)
            st.button("Cancel", key="home:new:cancel", type="tertiary",
                      on_click=guarded_callback(lambda: st.session_state.pop(CREATING, None)))
    found = store.list(search, include_archived=show_archived)
    if not found:
        st.info("No assessment matches your search." + ("" if show_archived else " Archived ones are hidden."))
    roles = store.roles(found)
    for assessment in found:
        _row(store, assessment, roles.get(assessment.id, Role.viewer))
    with st.expander("Import an exported assessment", icon=":material/upload_file:"):
        _import(store)


def _notice() -> None:
    message = st.session_state.pop(NOTICE, None)
    if message:
        st.toast(message, icon=":material/check:")


def _empty_state(store: Store) -> None:
    st.markdown(
        "Readiness asks the questions that decide whether your training data can support a model — "
        "scope, edge cases, labels, volume and drift — and turns the answers into a verdict and an "
        "action plan. Start your first assessment: it takes 30 to 60 minutes and saves as you go."
    )
    with st.container(border=True):
        _new_form(store)
    with st.expander("Or import an exported assessment", icon=":material/upload_file:"):
        _import(store)


def _new_form(store: Store) -> None:
    with st.form("new", clear_on_submit=True, border=False):
        st.markdown("**New assessment**")
        name = st.text_input("Name", key="new:name", placeholder="e.g. Support ticket triage v1", max_chars=200)
        left, right = st.columns(2)
        project = left.text_input("Project (optional)", key="new:project", max_chars=200)
        owner = right.text_input("Owner (optional)", key="new:owner", placeholder="Who answers for it",
                                 max_chars=200)
        submitted = st.form_submit_button("Create and start", type="primary", icon=":material/arrow_forward:")
    if submitted:
        if not name.strip():
            st.error("Give the assessment a name.", icon=":material/error:")
            return
        try:
            created = store.create(name, project=project, owner=owner)
        except ValueError as exc:  # a name, project or owner the store refuses (control characters...)
            st.error(str(exc), icon=":material/error:")
            return
        st.session_state.pop(CREATING, None)
        drafts.open_assessment(store, created.id)
        routes.go("wizard", created.id)


def _row(store: Store, a: Assessment, role: Role) -> None:
    with st.container(border=True):
        info, status, actions = st.columns([4, 2.4, 2.2], vertical_alignment="center")
        title = f"**{plain(a.name)}**" + ("  :gray-badge[Archived]" if a.archived else "")
        if store.actor.restricted and role is not Role.owner:
            title += f"  :blue-badge[Shared with you · {role.value}]"
        info.markdown(title)
        shared_by = store.actor.restricted and role is not Role.owner and a.owned_by and f"by {a.owned_by}"
        details = " · ".join(plain(x) for x in (a.project, a.owner and f"owner {a.owner}", shared_by) if x)
        info.caption(f"{details + ' · ' if details else ''}revision {a.current_revision} · "
                     f"updated {relative_time(a.updated_at)}")
        score = f" · **{a.overall}**/100" if a.overall is not None else ""
        status.markdown(verdict_badge(a.verdict) + score)
        open_col, more_col = actions.columns([1.3, 1])
        if open_col.button("Open", key=f"open:{a.id}", icon=":material/edit:", width="stretch"):
            drafts.open_assessment(store, a.id)
            routes.go("wizard", a.id)
        # Keyed by the assessment and closed after each action: an open popover must never end up
        # showing another row's actions when the list reorders (a copy or a rename moves rows).
        with more_col.popover("More", icon=":material/more_horiz:", width="stretch", key=_more_key(a.id),
                              on_change="rerun"):
            _more(store, a, role)
        if st.session_state.get(PENDING_DELETE) == a.id and role is Role.owner:
            _confirm_delete(store, a)
        if sharing.is_open(a.id) and role is Role.owner:
            sharing.render(store, a)


def _more_key(assessment_id: int) -> str:
    return f"more:{assessment_id}"


def _more(store: Store, a: Assessment, role: Role) -> None:
    """The row's less frequent actions, as far as `role` allows; each runs as a callback, then closes the popover."""
    if role.allows(Role.editor):
        with st.form(f"rename:{a.id}", border=False):
            st.text_input("Name", value=a.name, key=f"rename:name:{a.id}", max_chars=200)
            st.text_input("Project", value=a.project, key=f"rename:project:{a.id}", max_chars=200)
            st.text_input("Owner", value=a.owner, key=f"rename:owner:{a.id}", max_chars=200)
            st.form_submit_button("Save details", icon=":material/save:", on_click=guarded_callback(_rename),
                                  args=(store, a.id))
        if problem := st.session_state.get(f"rename:problem:{a.id}"):
            st.error(problem)
        st.divider()
    st.button("Duplicate", key=f"duplicate:{a.id}", icon=":material/content_copy:", width="stretch",
              on_click=guarded_callback(_duplicate), args=(store, a.id))
    st.download_button(
        "Export (YAML)", data=lambda: store.export(a.id, "yaml"), file_name=f"{_slug(a.name)}.readiness.yaml",
        mime="application/yaml", key=f"export:{a.id}", icon=":material/download:", width="stretch",
        on_click="ignore",
    )
    if role.allows(Role.editor):
        label, icon = ("Restore", ":material/unarchive:") if a.archived else ("Archive", ":material/archive:")
        st.button(label, key=f"archive:{a.id}", icon=icon, width="stretch",
                  on_click=guarded_callback(_toggle_archived), args=(store, a))
    if role is not Role.owner:
        return
    if store.actor.restricted:
        st.button("Share…", key=f"share:{a.id}", icon=":material/group:", width="stretch",
                  on_click=guarded_callback(_ask_share), args=(a.id,))
    st.button("Delete…", key=f"delete:{a.id}", icon=":material/delete:", width="stretch",
              on_click=guarded_callback(_ask_delete),
              args=(a.id,))


def _rename(store: Store, assessment_id: int) -> None:
    name, project, owner = (st.session_state.get(f"rename:{part}:{assessment_id}") or ""
                            for part in ("name", "project", "owner"))
    if not name.strip():
        st.session_state[f"rename:problem:{assessment_id}"] = "The name cannot be empty."
        return
    try:
        store.rename(assessment_id, name, project=project, owner=owner)
    except ValueError as exc:
        st.session_state[f"rename:problem:{assessment_id}"] = str(exc)
        return
    st.session_state.pop(f"rename:problem:{assessment_id}", None)
    _refresh_open_draft(store, assessment_id)
    _finish(assessment_id, f"Saved the details of '{name.strip()}'.")


def _duplicate(store: Store, assessment_id: int) -> None:
    copy = store.duplicate(assessment_id)
    _finish(assessment_id, f"Created '{copy.name}'.")


def _toggle_archived(store: Store, a: Assessment) -> None:
    store.set_archived(a.id, not a.archived)
    _finish(a.id, f"{'Restored' if a.archived else 'Archived'} '{a.name}'.")


def _ask_share(assessment_id: int) -> None:
    sharing.open_for(assessment_id)
    _finish(assessment_id)


def _ask_delete(assessment_id: int) -> None:
    st.session_state[PENDING_DELETE] = assessment_id
    _finish(assessment_id)


def _finish(assessment_id: int, message: str | None = None) -> None:
    """End of a popover action (a callback): close the popover and toast what happened."""
    st.session_state[_more_key(assessment_id)] = False
    if message:
        st.session_state[NOTICE] = message


def _confirm_delete(store: Store, a: Assessment) -> None:
    revisions = len(store.revisions(a.id))
    st.warning(f"Delete **{plain(a.name)}** and its {revisions} revision(s) for good? This cannot be undone; "
               "archiving hides it instead.", icon=":material/delete_forever:")
    yes, no, _ = st.columns([1.2, 1, 4])
    if yes.button("Delete for good", key=f"delete:confirm:{a.id}", type="primary", width="stretch"):
        store.delete(a.id)
        st.session_state.pop(PENDING_DELETE, None)
        draft = drafts.current()
        if draft is not None and draft.assessment_id == a.id:
            drafts.close()
        _done(f"Deleted '{a.name}'.")
    if no.button("Cancel", key=f"delete:cancel:{a.id}", width="stretch"):
        st.session_state.pop(PENDING_DELETE, None)
        st.rerun()


def _import(store: Store) -> None:
    upload = st.file_uploader("Export file (YAML or JSON)", type=["yaml", "yml", "json"], key="home:import")
    if upload is not None and st.button("Import", key="home:import:go", icon=":material/upload:"):
        try:
            created = store.import_(upload.getvalue())
        except ImportFormatError as exc:
            st.error(str(exc), icon=":material/error:")
            return
        _done(f"Imported '{created.name}' as a new assessment.")


def _refresh_open_draft(store: Store, assessment_id: int) -> None:
    draft = drafts.current()
    if draft is not None and draft.assessment_id == assessment_id:
        fresh = store.get(assessment_id).assessment
        draft.name, draft.project, draft.owner = fresh.name, fresh.project, fresh.owner


def _done(message: str) -> None:
    st.session_state[NOTICE] = message
    st.rerun()


def _slug(name: str) -> str:
    return "".join(c if c.isalnum() else "-" for c in name.lower()).strip("-") or "assessment"
