"""Small layout touches Streamlit has no option for, kept in one place."""

from __future__ import annotations

import streamlit as st

STEP_LIST_CSS = """
<style>
section[data-testid="stSidebar"] .stButton button { justify-content: flex-start; text-align: left; }
section[data-testid="stSidebar"] .stButton button div { justify-content: flex-start; }
section[data-testid="stSidebar"] .stButton button p { text-align: left; }
</style>
"""


def left_aligned_step_list() -> None:
    """Step buttons in the sidebar read as a list: left-aligned, wrapping under their own text."""
    st.html(STEP_LIST_CSS)
