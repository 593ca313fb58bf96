"""Stored answers <-> widget values, and the messages shown next to a field."""

from __future__ import annotations

import datetime as dt

import pytest

from questionnaire import UNKNOWN, QuestionType
from ui.fields import from_widget, problem, to_widget


def first(questionnaire, kind: QuestionType, scored: bool | None = None):
    return next(q for a in questionnaire.areas for q in a.questions
                if q.type == kind and (scored is None or a.scored == scored))


@pytest.mark.parametrize("kind", [QuestionType.single, QuestionType.multi, QuestionType.number,
                                  QuestionType.text, QuestionType.date])
def test_round_trip_of_a_real_answer(questionnaire, kind):
    question = first(questionnaire, kind)
    stored = {
        QuestionType.single: lambda: question.options[0].value,
        QuestionType.multi: lambda: [o.value for o in question.options[:2]],
        QuestionType.number: lambda: int(question.min) + 1 if question.integer else question.min + 0.5,
        QuestionType.text: lambda: "Route emails",
        QuestionType.date: lambda: "2027-03-01",
    }[kind]()
    assert from_widget(question, to_widget(question, stored)) == stored


def test_unknown_and_empty_values(questionnaire):
    multi = first(questionnaire, QuestionType.multi, scored=True)
    assert to_widget(multi, UNKNOWN) == [UNKNOWN] and from_widget(multi, [UNKNOWN]) == UNKNOWN
    assert from_widget(multi, []) is None
    number = first(questionnaire, QuestionType.number, scored=True)
    assert to_widget(number, UNKNOWN) is None
    text = first(questionnaire, QuestionType.text)
    assert from_widget(text, "   ") is None
    date = first(questionnaire, QuestionType.date)
    assert to_widget(date, "not a date") is None and to_widget(date, "2027-03-01") == dt.date(2027, 3, 1)


def test_field_messages(questionnaire):
    required = next(q for q in questionnaire.questions() if q.required)
    assert problem(questionnaire, required, None, insist_required=False) is None
    assert problem(questionnaire, required, None, insist_required=True) == "This question is required."
    number = first(questionnaire, QuestionType.number)
    assert "out of range" in problem(questionnaire, number, number.max + 1, insist_required=False)
    assert problem(questionnaire, number, number.min, insist_required=False) is None
    context_choice = first(questionnaire, QuestionType.single, scored=False)
    assert "not allowed" in problem(questionnaire, context_choice, UNKNOWN, insist_required=False)
