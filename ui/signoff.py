"""The sign-off entry on the results page: who approves this revision, printed in the kickoff brief.

Names, roles and dates are typed here and saved with the current revision when the user presses
"Save sign-off" (one transaction, through `application.save_signoff`). Lines left empty are dropped
and the brief prints empty lines instead, to be signed by hand. A new revision starts with the same
names and roles and no dates.
"""

from __future__ import annotations

import streamlit as st

from application import save_signoff
from assessments import ConflictError, StoreError
from assessments.signoff import MAX_SIGNATORIES, Signatory
from ui import services
from ui.draft import WIDGET_PREFIX, Draft
from ui.format import plain

MIN_LINES = 3
SAVED_NOTE = "signoff:saved"


def _key(line: int, part: str) -> str:
    return f"{WIDGET_PREFIX}signoff:{line}:{part}"


def _lines(draft: Draft) -> int:
    return min(MAX_SIGNATORIES, max(MIN_LINES, len(draft.signoff) + 1))


def entered(draft: Draft) -> list[Signatory]:
    """The lines as typed on the page (before saving), in order."""
    return [Signatory(name=st.session_state.get(_key(i, "name"), ""), role=st.session_state.get(_key(i, "role"), ""),
                      signed_on=st.session_state.get(_key(i, "date")))
            for i in range(_lines(draft))]


def render(draft: Draft) -> None:
    with st.expander(f"Sign-off ({len(draft.signoff)} of the people entered)" if draft.signoff else
                     "Sign-off: who approves this revision", expanded=False):
        st.caption("Printed in the kickoff brief. Lines left empty are printed blank, to sign by hand. "
                   "A new revision keeps the names and roles, not the dates.")
        for i in range(_lines(draft)):
            saved = draft.signoff[i] if i < len(draft.signoff) else Signatory()
            name_col, role_col, date_col = st.columns([2, 2, 1.3])
            name_col.text_input("Name", value=saved.name, key=_key(i, "name"), max_chars=120,
                                label_visibility="visible" if i == 0 else "collapsed", placeholder="Name")
            role_col.text_input("Role", value=saved.role, key=_key(i, "role"), max_chars=120,
                                label_visibility="visible" if i == 0 else "collapsed", placeholder="Role")
            date_col.date_input("Date signed", value=saved.signed_on, key=_key(i, "date"), format="YYYY-MM-DD",
                                label_visibility="visible" if i == 0 else "collapsed")
        if st.button("Save sign-off", key="signoff:save", icon=":material/draw:"):
            _save(draft)
        if st.session_state.pop(SAVED_NOTE, False):
            st.success("Sign-off saved with this revision.", icon=":material/check:")


def _save(draft: Draft) -> None:
    try:
        lines = entered(draft)
        draft.version = save_signoff(services.store(), draft.assessment_id, lines, expected_version=draft.version)
    except ValueError as exc:
        st.error(f"The sign-off was not saved: {plain(exc)}", icon=":material/error:")
        return
    except ConflictError:
        st.error("The sign-off was not saved: this assessment was changed elsewhere. Reload it, then enter the "
                 "sign-off again.", icon=":material/error:")
        return
    except StoreError as exc:
        st.error(f"The sign-off was not saved: {plain(exc)}", icon=":material/error:")
        return
    draft.signoff = [s for s in lines if not s.empty]
    st.session_state[SAVED_NOTE] = True
    st.rerun()
