"""One question on screen: the right widget for its type, pre-filled from the saved answers.

Answers live in the open draft (see `ui.draft`), never only in widget keys: Streamlit forgets a
widget's value as soon as it is not drawn (e.g. on another step). So every widget is seeded from
the draft before it is drawn, and its `on_change` callback copies the new value back and autosaves.

Stored values follow `questionnaire.answers`: single / yesno -> option value; multi -> list of
values (or "unknown"); number -> int or float (or "unknown"); text -> str; date -> "YYYY-MM-DD".
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import streamlit as st

from questionnaire import UNKNOWN, UNKNOWN_LABEL, Question, Questionnaire, QuestionType
from questionnaire.answers import MAX_TEXT_LENGTH, AnswersError, normalize_answers
from questionnaire.wording import choice_label
from ui import draft as drafts
from ui.errors import guarded_callback

WIDGET_PREFIX = drafts.WIDGET_PREFIX
DATE_RANGE = (dt.date(2000, 1, 1), dt.date(2100, 12, 31))
FIELD_PROBLEM_MARK = ":red[:material/error:"  # a compact red line under the field, not a banner


def widget_key(question: Question, part: str = "") -> str:
    return f"{WIDGET_PREFIX}{question.id}{':' + part if part else ''}"


def is_answered(value: Any) -> bool:
    return value is not None and value != "" and value != []


# -- stored answer <-> widget value -----------------------------------------------------------


def to_widget(question: Question, value: Any) -> Any:
    """The widget value that shows a stored answer."""
    kind = question.type
    if kind == QuestionType.multi:
        return [UNKNOWN] if value == UNKNOWN else list(value or [])
    if kind == QuestionType.number:
        if value == UNKNOWN or not is_answered(value):
            return None
        return int(value) if question.integer else float(value)  # the widget's own number type
    if kind == QuestionType.date:
        try:
            return dt.date.fromisoformat(value) if value else None
        except (TypeError, ValueError):
            return None
    if kind == QuestionType.text:
        return value or ""
    return value if is_answered(value) else None


def from_widget(question: Question, value: Any) -> Any:
    """The stored answer for a widget value (None = unanswered)."""
    kind = question.type
    if kind == QuestionType.multi:
        values = list(value or [])
        return UNKNOWN if values == [UNKNOWN] else (values or None)
    if kind == QuestionType.number:
        if value is None:
            return None
        return int(value) if question.integer else float(value)
    if kind == QuestionType.date:
        return value.isoformat() if isinstance(value, dt.date) else None
    if kind == QuestionType.text:
        return value.strip() or None if isinstance(value, str) else None
    return value


def problem(questionnaire: Questionnaire, question: Question, value: Any, *, insist_required: bool) -> str | None:
    """What is wrong with this answer, in one sentence for the field, or None."""
    if not is_answered(value):
        return "This question is required." if question.required and insist_required else None
    try:
        normalize_answers(questionnaire, {question.id: value})
    except AnswersError as exc:
        text = exc.problems[0].split(": ", 1)[-1]
        return text[:1].upper() + text[1:]
    return None


# -- callbacks ----------------------------------------------------------------------------------


def _changed(question: Question) -> None:
    """on_change: copy the widget's value into the draft and autosave."""
    value = st.session_state.get(widget_key(question))
    if question.type == QuestionType.multi:
        value = _exclusive_unknown(question, list(value or []))
    drafts.set_answer(question.id, from_widget(question, value))


def _exclusive_unknown(question: Question, values: list[str]) -> list[str]:
    """'Don't know yet' cannot be chosen together with real options: the latest choice wins."""
    if UNKNOWN in values and len(values) > 1:
        before = drafts.current().answers.get(question.id)  # type: ignore[union-attr]
        values = [UNKNOWN] if before != UNKNOWN else [v for v in values if v != UNKNOWN]
        st.session_state[widget_key(question)] = values
    return values


def _unknown_toggled(question: Question) -> None:
    """on_change of a number question's "Don't know yet" box: ticking it records "don't know";
    clearing it clears only a "don't know" (never a number drawn next to an unticked box)."""
    if st.session_state.get(widget_key(question, "unknown")):
        st.session_state[widget_key(question)] = None
        drafts.set_answer(question.id, UNKNOWN)
    elif (draft := drafts.current()) is not None and draft.answers.get(question.id) == UNKNOWN:
        drafts.set_answer(question.id, None)


# -- drawing ------------------------------------------------------------------------------------


def render(
    questionnaire: Questionnaire, question: Question, value: Any, *,
    explain: bool, insist_required: bool, highlight: bool = False, disabled: bool = False,
) -> None:
    """Draw one question with its help, its current answer, and a message if the answer has a problem.

    `disabled` shows the answer without letting it change (an assessment shared to view only).

    Each widget is drawn with the saved answer as its default value, never seeded through
    `st.session_state`: a click that reaches Streamlit while a step is still being drawn can drop
    the seeded value on its way to the browser, which then shows the question empty and reports it
    cleared. The default travels with every draw, so the browser always has the answer.
    """
    shown = to_widget(question, value)
    label = question.text + (" :red[*]" if question.required else "")
    common = {"key": widget_key(question), "help": question.help, "on_change": _changed, "args": (question,),
              "disabled": disabled}

    with st.container(border=True):
        if highlight:
            st.markdown(":blue-badge[:material/arrow_forward: Change this answer]")
        kind = question.type
        options = question.allowed_values()
        if kind in (QuestionType.single, QuestionType.yesno):
            st.radio(
                label, options, index=options.index(shown) if shown in options else None,
                horizontal=kind == QuestionType.yesno, format_func=lambda v: choice_label(question, v), **common,
            )
        elif kind == QuestionType.multi:
            st.multiselect(
                label, options, default=[v for v in shown if v in options],
                format_func=lambda v: choice_label(question, v), placeholder="Choose all that apply", **common,
            )
        elif kind == QuestionType.number:
            _number(question, value, shown, label, common)
        elif kind == QuestionType.date:
            st.date_input(label, shown, min_value=DATE_RANGE[0], max_value=DATE_RANGE[1], format="YYYY-MM-DD",
                          **common)
        else:
            st.text_area(label, shown, placeholder=question.placeholder or "", max_chars=MAX_TEXT_LENGTH, height=90,
                         **common)
        if explain:
            st.caption(f"**Why this matters:** {question.help}")
        message = problem(questionnaire, question, value, insist_required=insist_required)
        if message:
            st.markdown(f"{FIELD_PROBLEM_MARK} {message}]")


def _number(question: Question, value: Any, shown: Any, label: str, common: dict[str, Any]) -> None:
    unknown = value == UNKNOWN
    integer = question.integer
    bounds = (int(question.min), int(question.max)) if integer else (question.min, question.max)
    columns = st.columns([3, 1], vertical_alignment="bottom") if question.allow_unknown else [st.container()]
    step = 1 if integer else (1.0 if bounds[1] - bounds[0] > 10 else 0.01)
    with columns[0]:
        st.number_input(
            f"{label} :gray[· {question.unit}]", min_value=bounds[0], max_value=bounds[1], value=shown, step=step,
            format=None if integer else "%g",
            placeholder=f"{bounds[0]:,} to {bounds[1]:,}" if integer else f"{bounds[0]:g} to {bounds[1]:g}",
            **{**common, "disabled": common["disabled"] or unknown},
        )
    if question.allow_unknown:
        with columns[1]:
            st.checkbox(UNKNOWN_LABEL, unknown, key=widget_key(question, "unknown"),
                        on_change=guarded_callback(_unknown_toggled), args=common["args"], disabled=common["disabled"])
