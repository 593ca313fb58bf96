"""The app's pages and how to move between them, keeping `?assessment=<id>` in the URL.

Each page is a tiny script in `ui/pages/` (file pages can be opened directly in AppTest and by
URL); `app.py` hands `all_pages()` to `st.navigation`.
"""

from __future__ import annotations

from typing import NoReturn

import streamlit as st

from ui import draft as drafts

PAGES = {  # name -> (script relative to app.py, title, icon, url path)
    "home": ("ui/pages/home.py", "Assessments", ":material/folder_open:", "home"),
    "wizard": ("ui/pages/wizard.py", "Questionnaire", ":material/checklist:", "assess"),
    "results": ("ui/pages/results.py", "Results", ":material/insights:", "results"),
    "history": ("ui/pages/history.py", "History", ":material/history:", "history"),
    "settings": ("ui/pages/settings.py", "Settings", ":material/settings:", "settings"),
}


def page(name: str) -> st.Page:
    script, title, icon, url_path = PAGES[name]
    return st.Page(script, title=title, icon=icon, url_path=url_path, default=name == "home")


def all_pages() -> list[st.Page]:
    return [page(name) for name in PAGES]


def go(name: str, assessment_id: int | None = None) -> NoReturn:
    """Switch to a page; the open assessment (or `assessment_id`) travels in the URL."""
    if assessment_id is None and (draft := drafts.current()) is not None and name != "home":
        assessment_id = draft.assessment_id
    params = {drafts.QUERY_PARAM: str(assessment_id)} if assessment_id is not None else None
    st.switch_page(page(name), query_params=params)


def nothing_open() -> None:
    """What the pages about one assessment show when none is open."""
    st.info("No assessment is open. Pick one from the list or start a new one.", icon=":material/info:")
    if st.button("Go to assessments", key="nothing:home", type="primary", icon=":material/folder_open:"):
        go("home")


def open_draft(store) -> drafts.Draft | None:
    """The assessment named in the URL, or None once the page has said that none is open."""
    draft = drafts.from_query(store)
    if draft is None:
        nothing_open()
    return draft
