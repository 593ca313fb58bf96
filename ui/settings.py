"""Settings / about: which database, which questionnaire, where the data lives."""

from __future__ import annotations

import streamlit as st

from assessments.database import DATA_DIR_ENV, DATABASE_URL_ENV, data_dir
from ui import services


def render() -> None:
    store, questionnaire = services.store(), services.questionnaire()
    st.title("Settings and about")
    st.markdown("Readiness assesses whether a project's training data can support a model, before work starts "
                "and before each retrain.")
    url = store.engine.url
    with st.container(border=True):
        st.markdown("**Database**")
        st.code(store.description, language=None)
        if url.get_backend_name() == "sqlite":
            st.caption(f"A SQLite file on this machine. Set `{DATABASE_URL_ENV}` to a PostgreSQL URL "
                       "(`postgresql+psycopg://user:password@host/db`) to share assessments with a team.")
        else:
            st.caption(f"Configured by `{DATABASE_URL_ENV}`; the password is never shown.")
    with st.container(border=True):
        st.markdown("**Data folder**")
        st.code(str(data_dir()), language=None)
        default_in_use = url.get_backend_name() == "sqlite" and url.database == str(data_dir() / "readiness.db")
        st.caption(f"Holds the default SQLite database; move it with `{DATA_DIR_ENV}`."
                   + ("" if default_in_use else f" Not in use now: `{DATABASE_URL_ENV}` points elsewhere."))
    with st.container(border=True):
        st.markdown("**Questionnaire**")
        scored = len(questionnaire.scored_areas())
        st.markdown(f"Version `{questionnaire.version}` · {len(questionnaire.areas)} areas ({scored} scored) · "
                    f"{len(questionnaire.questions())} questions")
        st.caption("Answers are saved with the questionnaire version they were given against.")
    st.caption(f"{store.count()} assessment(s) saved.")
