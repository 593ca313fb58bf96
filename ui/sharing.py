"""The owner's share list of one assessment: add someone by e-mail with a role, change a role, remove access.

Shown on the home page under the assessment's row when its owner opens "Share…" (only with sign-in
on: in single-user mode everyone sees everything anyway). The store checks the owner itself
(`Store.share`, `Store.unshare`); this view only draws and asks for confirmation before removing.
"""

from __future__ import annotations

import streamlit as st

from assessments import Assessment, Store
from assessments.access import SHARED_ROLES, Role
from ui.errors import guarded_callback
from ui.format import plain

OPEN = "sharing:open"  # id of the assessment whose share list is open
REMOVING = "sharing:removing"  # (assessment id, account) waiting for confirmation
PROBLEM = "sharing:problem"
ROLE_LABELS = {Role.viewer: "Viewer: can look, compare and download", Role.editor: "Editor: can also change answers"}


def is_open(assessment_id: int) -> bool:
    return st.session_state.get(OPEN) == assessment_id


def open_for(assessment_id: int) -> None:
    st.session_state[OPEN] = assessment_id
    st.session_state.pop(REMOVING, None)
    st.session_state.pop(PROBLEM, None)


def close() -> None:
    for key in (OPEN, REMOVING, PROBLEM):
        st.session_state.pop(key, None)


def render(store: Store, a: Assessment) -> None:
    """The share list of `a` (its owner is the store's actor)."""
    with st.container(border=True, key=f"sharing:{a.id}"):
        st.markdown(f"**Share '{plain(a.name)}'**")
        st.caption(f"Owner: {plain(a.owned_by or store.actor.user or '')} (you). Only you can change who has "
                   "access or delete it.")
        shares = store.shares(a.id)
        if not shares:
            st.caption("Not shared with anyone yet.")
        for share in shares:
            _share_row(store, a, share.user, Role(share.role))
        if problem := st.session_state.get(PROBLEM):
            st.error(problem, icon=":material/error:")
        with st.form(f"sharing:add:{a.id}", clear_on_submit=True, border=False):
            address, role, add = st.columns([3, 2.2, 1], vertical_alignment="bottom")
            address.text_input("E-mail address", key=f"sharing:user:{a.id}", placeholder="name@example.com",
                               max_chars=200)
            role.selectbox("Role", SHARED_ROLES, key=f"sharing:role:{a.id}", format_func=ROLE_LABELS.get)
            add.form_submit_button("Share", type="primary", icon=":material/person_add:",
                                   on_click=guarded_callback(_add), args=(store, a.id))
        st.button("Close", key=f"sharing:close:{a.id}", type="tertiary", on_click=guarded_callback(close))


def _share_row(store: Store, a: Assessment, user: str, role: Role) -> None:
    who, what, remove = st.columns([3, 2.2, 1], vertical_alignment="center")
    who.markdown(plain(user))
    what.selectbox("Role", SHARED_ROLES, index=SHARED_ROLES.index(role), key=f"sharing:change:{a.id}:{user}",
                   format_func=ROLE_LABELS.get, label_visibility="collapsed",
                   on_change=guarded_callback(_change), args=(store, a.id, user))
    if st.session_state.get(REMOVING) == (a.id, user):
        st.warning(f"Remove {plain(user)}'s access to '{plain(a.name)}'? They will no longer see it.",
                   icon=":material/person_remove:")
        yes, no, _ = st.columns([1.2, 1, 4])
        yes.button("Remove access", key=f"sharing:remove:confirm:{a.id}:{user}", type="primary",
                   on_click=guarded_callback(_remove), args=(store, a.id, user))
        no.button("Cancel", key=f"sharing:remove:cancel:{a.id}:{user}",
                  on_click=guarded_callback(lambda: st.session_state.pop(REMOVING, None)))
    else:
        remove.button("Remove", key=f"sharing:remove:{a.id}:{user}", icon=":material/person_remove:",
                      on_click=guarded_callback(lambda: st.session_state.update({REMOVING: (a.id, user)})))


def _add(store: Store, assessment_id: int) -> None:
    user = st.session_state.get(f"sharing:user:{assessment_id}") or ""
    role = st.session_state.get(f"sharing:role:{assessment_id}") or Role.viewer
    if not user.strip():
        st.session_state[PROBLEM] = "Type the e-mail address of the person to share with."
        return
    try:
        store.share(assessment_id, user, role)
    except ValueError as exc:
        st.session_state[PROBLEM] = f"{exc}."
        return
    st.session_state.pop(PROBLEM, None)


def _change(store: Store, assessment_id: int, user: str) -> None:
    store.share(assessment_id, user, st.session_state[f"sharing:change:{assessment_id}:{user}"])


def _remove(store: Store, assessment_id: int, user: str) -> None:
    store.unshare(assessment_id, user)
    st.session_state.pop(REMOVING, None)
