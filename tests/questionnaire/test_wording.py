"""How an answer reads: one function for the app, the report, the PDF and the revision comparison."""

from __future__ import annotations

import pytest

from assessments.compare import answer_changes
from questionnaire import UNKNOWN, UNKNOWN_LABEL, bundled_questionnaire
from questionnaire.wording import NOT_ANSWERED, answer_text, number_text
from reports.answers_view import answer_rows


@pytest.mark.parametrize(("value", "text"), [
    (33.333, "33.33"),  # the app used to show 33.333 and the PDF 33.33 for this answer
    (20, "20"), (20.0, "20"), (1_234_567, "1,234,567"), (1_234_567.0, "1,234,567"),
    (0.12345, "0.1235"), (0.8, "0.8"), (1234.5, "1,234"), (99.99, "99.99"), (-2.5, "-2.5"), (0.00001234, "0.00001234"),
])
def test_numbers_read_with_four_significant_digits_and_never_in_exponent_form(value, text):
    assert number_text(value) == text


def test_every_kind_of_answer_reads_as_the_wizard_shows_it():
    q = bundled_questionnaire()
    overlap, guidelines = q.question("ann_overlap_share"), q.question("ann_guidelines")
    assert answer_text(overlap, 33.333) == "33.33 % of items"
    assert answer_text(guidelines, guidelines.options[0].value) == guidelines.options[0].label
    assert answer_text(guidelines, "no_such_option") == "no_such_option"  # a value the questionnaire dropped
    assert answer_text(overlap, None) == answer_text(overlap, "") == NOT_ANSWERED
    assert answer_text(guidelines, UNKNOWN) == answer_text(guidelines, [UNKNOWN]) == UNKNOWN_LABEL
    multi = next(x for x in q.questions() if x.type.value == "multi")
    values = [o.value for o in multi.options[:2]]
    assert answer_text(multi, values) == "; ".join(o.label for o in multi.options[:2])


def test_the_report_and_the_comparison_use_the_same_text():
    q = bundled_questionnaire()
    answers = {"ann_overlap_share": 33.333}
    area = q.area_of("ann_overlap_share").id
    row = next(r for r in answer_rows(q, area, answers, []) if r.question_id == "ann_overlap_share")
    change = answer_changes(q, {}, answers)[0]
    assert row.answer == change.after_text == "33.33 % of items"
    assert change.before_text == NOT_ANSWERED
