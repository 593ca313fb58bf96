"""The view boundary: no traceback ever reaches the screen, only a clear message."""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from typing import Any

import streamlit as st
from sqlalchemy.exc import OperationalError

from assessments import StoreError, database_url, describe_url
from questionnaire import QuestionnaireError

log = logging.getLogger("readiness.ui")


CALLBACK_PROBLEM = "errors:callback_problem"  # a failed button callback's message, shown by the page's guard


def guarded(view: Callable[[], None]) -> Callable[[], None]:
    """Run a page's view; turn any failure into a message (details go to the server log).

    A message left by a failed button callback (see `guarded_callback`) is shown first.
    Streamlit's own rerun / stop signals are BaseExceptions and pass through untouched.
    """

    @functools.wraps(view)
    def run() -> None:
        if problem := st.session_state.pop(CALLBACK_PROBLEM, None):
            st.error(problem[0], icon=problem[1])
        try:
            view()
        except Exception as exc:  # noqa: BLE001 - the last line of defence for the user
            message, icon = _message(exc, view.__qualname__, "showing this page")
            st.error(message, icon=icon)

    return run


def guarded_callback(callback: Callable[..., Any]) -> Callable[..., Any]:
    """A widget callback that never shows a traceback: a failure becomes a message on the next run.

    Callbacks run before the page (outside `guarded`): a button whose assessment was deleted in
    another tab must say so, not print a stack trace with file paths.
    """

    @functools.wraps(callback)
    def run(*args: Any, **kwargs: Any) -> Any:
        try:
            return callback(*args, **kwargs)
        except Exception as exc:  # noqa: BLE001 - shown as a message by the page's guard
            st.session_state[CALLBACK_PROBLEM] = _message(exc, callback.__qualname__, "doing that")
            return None

    return run


def _message(exc: Exception, where: str, doing: str) -> tuple[str, str]:
    """What to tell the user about `exc` (and its icon); unexpected errors are logged with their traceback."""
    if isinstance(exc, StoreError):
        return str(exc), ":material/database:"
    if isinstance(exc, OperationalError):
        log.warning("database unavailable: %s", exc.orig)
        return (f"The database ({describe_url(database_url())}) cannot be reached or is busy. Your answers on screen "
                "are kept; try again in a moment.", ":material/database:")
    if isinstance(exc, QuestionnaireError):
        return (f"The questionnaire files have a problem, so the wizard cannot start: {exc}",
                ":material/description:")
    log.exception("unexpected error in %s", where, exc_info=exc)
    return (f"Something went wrong while {doing}. Your saved answers are safe. Reload the page to try again; if it "
            f"keeps happening, the server log has the details ({type(exc).__name__}).", ":material/error:")
