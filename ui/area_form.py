"""The questions of one area, shown or hidden as the answers so far decide."""

from __future__ import annotations

from typing import Any

import streamlit as st

from questionnaire import Area, Questionnaire
from ui import draft as drafts
from ui import fields
from ui.errors import guarded_callback

EXPLAIN_KEY = "explain_questions"  # the user's preference, kept across steps and pages


def explain_toggle() -> bool:
    """A switch that shows every question's "why this matters" text under it."""
    key = "w:explain_toggle"
    if key not in st.session_state:
        st.session_state[key] = st.session_state.get(EXPLAIN_KEY, False)

    def remember() -> None:
        st.session_state[EXPLAIN_KEY] = st.session_state[key]

    return st.toggle("Show why each question matters", key=key, on_change=guarded_callback(remember))


def render_area(questionnaire: Questionnaire, area: Area, answers: dict[str, Any]) -> None:
    """Draw every question of `area` that applies given `answers`; hidden ones keep their answers."""
    draft = drafts.current()
    insist = draft is not None and area.id in draft.attempted
    focus = draft.focus if draft else None
    explain = explain_toggle()
    shown = 0
    for question in area.questions:
        if not questionnaire.visible(question, answers):
            continue
        shown += 1
        fields.render(
            questionnaire, question, answers.get(question.id),
            explain=explain, insist_required=insist, highlight=question.id == focus,
            disabled=draft is not None and draft.read_only,
        )
    if not shown:
        st.info("No question in this area applies to the answers so far.")
