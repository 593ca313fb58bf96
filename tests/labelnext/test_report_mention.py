"""The report's action plan mentions a labeling batch when one was made, and nothing otherwise."""

from __future__ import annotations

from application import assess
from benchmarks.datagen import production_frame, training_frame
from checks.mapping import ColumnMapping
from labelnext import Plan, select_batch
from questionnaire import bundled_questionnaire
from reports import build_report, render_html
from tests.answer_sets import extreme_answers


def test_action_plan_mentions_the_batch_only_when_made():
    q = bundled_questionnaire()
    answers = extreme_answers(q, worst=True)
    batch = select_batch(training_frame(600, seed=3), production_frame(500, seed=4),
                         ColumnMapping(label="label", segments=["channel"]), Plan(budget=30))
    sentence = batch.sentence()
    assert sentence.startswith("A labeling batch of 30 items was chosen from the production sample")
    result = assess(answers, questionnaire=q)
    with_batch = render_html(build_report(result, label_batch=sentence))
    without = render_html(build_report(result))
    assert "A labeling batch of 30 items" in with_batch
    assert "labeling batch" not in without
