"""The view boundary: no traceback ever reaches the screen, only a clear message."""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable

import streamlit as st
from sqlalchemy.exc import OperationalError

from assessments import StoreError, database_url, describe_url
from questionnaire import QuestionnaireError

log = logging.getLogger("readiness.ui")


def guarded(view: Callable[[], None]) -> Callable[[], None]:
    """Run a page's view; turn any failure into a message (details go to the server log).

    Streamlit's own rerun / stop signals are BaseExceptions and pass through untouched.
    """

    @functools.wraps(view)
    def run() -> None:
        try:
            view()
        except StoreError as exc:
            st.error(str(exc), icon=":material/database:")
        except OperationalError as exc:
            log.warning("database unavailable: %s", exc.orig)
            st.error(f"The database ({describe_url(database_url())}) cannot be reached or is busy. Your answers "
                     f"on screen are kept; try again in a moment. Details: {exc.orig}", icon=":material/database:")
        except QuestionnaireError as exc:
            st.error(f"The questionnaire files have a problem, so the wizard cannot start: {exc}",
                     icon=":material/description:")
        except Exception as exc:  # noqa: BLE001 - the last line of defence for the user
            log.exception("unexpected error in %s", view.__qualname__)
            st.error(
                "Something went wrong while showing this page. Your saved answers are safe. "
                f"Reload the page to try again; if it keeps happening, report this message: "
                f"{type(exc).__name__}: {exc}",
                icon=":material/error:",
            )

    return run
