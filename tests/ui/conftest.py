"""AppTest helpers: a fresh SQLite database per test and a driver that answers questions by type."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from questionnaire import Question, QuestionType, bundled_questionnaire
from ui.fields import FIELD_PROBLEM_MARK

APP = str(Path(__file__).resolve().parents[2] / "app.py")
TIMEOUT = 60


@pytest.fixture
def db_url(tmp_path, monkeypatch) -> str:
    url = f"sqlite:///{tmp_path / 'ui.db'}"
    monkeypatch.setenv("READINESS_DATABASE_URL", url)
    return url


@pytest.fixture
def questionnaire():
    return bundled_questionnaire()


def new_app() -> AppTest:
    return AppTest.from_file(APP, default_timeout=TIMEOUT)


def field_problems(at: AppTest) -> list[str]:
    """The validation messages shown under fields."""
    return [m.value.removeprefix(FIELD_PROBLEM_MARK).strip(" ]") for m in at.markdown
            if m.value.startswith(FIELD_PROBLEM_MARK)]


def assert_clean(at: AppTest) -> None:
    """No exception, no error message and no field problem on screen."""
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    assert not field_problems(at)


def sample_answer(question: Question) -> Any:
    """A valid, deterministic answer of the right type for any question."""
    kind = question.type
    if kind == QuestionType.yesno:
        return "yes"
    if kind == QuestionType.single:
        return question.options[0].value
    if kind == QuestionType.multi:
        return [question.options[0].value]
    if kind == QuestionType.number:
        value = min(max(question.min, 10), question.max)
        return int(value) if question.integer else float(value)
    if kind == QuestionType.date:
        return "2027-03-01"
    return f"Notes on {question.topic.lower()}."


def answer(at: AppTest, question: Question, value: Any) -> AppTest:
    """Set a question's widget to the stored answer `value` and rerun."""
    key = f"w:{question.id}"
    kind = question.type
    if kind in (QuestionType.single, QuestionType.yesno):
        at.radio(key=key).set_value(value)
    elif kind == QuestionType.multi:
        at.multiselect(key=key).set_value(value)
    elif kind == QuestionType.number:
        at.number_input(key=key).set_value(value)
    elif kind == QuestionType.date:
        at.date_input(key=key).set_value(dt.date.fromisoformat(value))
    else:
        at.text_area(key=key).input(value)
    return at.run()


def widget_value(at: AppTest, question: Question) -> Any:
    """What the question's widget currently shows, in stored-answer form."""
    key = f"w:{question.id}"
    kind = question.type
    if kind in (QuestionType.single, QuestionType.yesno):
        return at.radio(key=key).value
    if kind == QuestionType.multi:
        return at.multiselect(key=key).value
    if kind == QuestionType.number:
        return at.number_input(key=key).value
    if kind == QuestionType.date:
        value = at.date_input(key=key).value
        return value.isoformat() if value else None
    return at.text_area(key=key).value or None


def shown(at: AppTest, question: Question) -> bool:
    """Whether the question's widget is on screen."""
    return any(w.key == f"w:{question.id}" for w in _widgets(at))


def _widgets(at: AppTest):
    for kind in ("radio", "multiselect", "number_input", "date_input", "text_area"):
        yield from getattr(at, kind)


def create_assessment(at: AppTest, name: str = "Support triage") -> AppTest:
    at.run()
    at.text_input(key="new:name").input(name)
    at.text_input(key="new:project").input("Helpdesk")
    at.text_input(key="new:owner").input("Ana")
    at.button[0].click()  # the form's submit button
    return at.run()
