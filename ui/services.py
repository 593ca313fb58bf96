"""The long-lived objects the views share: the store (one per database URL) and the questionnaire."""

from __future__ import annotations

import streamlit as st

from assessments import Store, database_url
from questionnaire import Questionnaire, bundled_questionnaire


@st.cache_resource(show_spinner="Opening the database…")
def _store_for(url: str) -> Store:
    return Store.open(url)  # migrations run once per process and database


def store() -> Store:
    """The store for the configured database (READINESS_DATABASE_URL or ./data/readiness.db)."""
    return _store_for(database_url().render_as_string(hide_password=False))


def questionnaire() -> Questionnaire:
    """The bundled questionnaire (validated and cached on first use)."""
    return bundled_questionnaire()
