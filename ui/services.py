"""The long-lived objects the views share: the store (one per database URL) and the questionnaire."""

from __future__ import annotations

import streamlit as st

from assessments import Store, database_url
from questionnaire import Questionnaire, bundled_questionnaire
from ui import signin


@st.cache_resource(show_spinner="Opening the database…")
def _store_for(url: str) -> Store:
    return Store.open(url)  # migrations run once per process and database


def store() -> Store:
    """The configured database (READINESS_DATABASE_URL or ./data/readiness.db), acting for this session's account.

    With sign-in on and nobody signed in, the page stops here with the sign-in page: no view can
    reach the data without an account (`ui.signin`).
    """
    return _store_for(database_url().render_as_string(hide_password=False)).acting_for(signin.actor())


def questionnaire() -> Questionnaire:
    """The bundled questionnaire (validated and cached on first use)."""
    return bundled_questionnaire()
