"""AppTest walk of the whole wizard: create, answer every step, go back, change, conditionals, results, resume."""

from __future__ import annotations

from typing import Any

from assessments import Store
from questionnaire import Questionnaire
from tests.ui.conftest import (
    answer,
    assert_clean,
    create_assessment,
    field_problems,
    new_app,
    sample_answer,
    shown,
    widget_value,
)

OVERLAP = "ann_overlap_share"
AGREEMENT = ["ann_agreement_coefficient", "ann_agreement_target", "ann_agreement_measured", "ann_adjudication"]


def answer_step(at, questionnaire: Questionnaire, area_id: str, expected: dict[str, Any], overrides=None) -> None:
    """Answer every question of the step that applies, checking conditionals on the way."""
    overrides = overrides or {}
    for question in questionnaire.area(area_id).questions:
        visible = questionnaire.visible(question, expected)
        assert shown(at, question) == visible, f"{question.id}: shown should be {visible}"
        if not visible:
            continue
        value = overrides.get(question.id, sample_answer(question))
        answer(at, question, value)
        assert_clean(at)
        expected[question.id] = value


def test_walk_the_whole_wizard_and_resume_after_reload(db_url, questionnaire):
    at = create_assessment(new_app())
    assert_clean(at)
    assessment_id = int(at.query_params["assessment"])
    areas = [a.id for a in questionnaire.areas]
    assert areas[0] == "context"
    expected: dict[str, Any] = {}

    # Every step in order, "Next" after each; no double labelling at first.
    for i, area_id in enumerate(areas):
        assert at.subheader[0].value == questionnaire.area(area_id).title
        answer_step(at, questionnaire, area_id, expected, overrides={OVERLAP: 0})
        if area_id == "annotation":
            assert not any(shown(at, questionnaire.question(q)) for q in AGREEMENT)
        if i < len(areas) - 1:
            at.button(key="wiz:next").click().run()
            assert_clean(at)

    # Back to annotation: double labelling > 0 makes the agreement questions appear.
    while at.subheader[0].value != questionnaire.area("annotation").title:
        at.button(key="wiz:back").click().run()
    answer(at, questionnaire.question(OVERLAP), 20.0 if not questionnaire.question(OVERLAP).integer else 20)
    expected[OVERLAP] = widget_value(at, questionnaire.question(OVERLAP))
    for qid in AGREEMENT:
        assert shown(at, questionnaire.question(qid)), f"{qid} should appear when {OVERLAP} > 0"
    answer_step(at, questionnaire, "annotation", expected, overrides={OVERLAP: expected[OVERLAP]})

    # Jump to the first step from the step list and change an answer.
    at.sidebar.button(key="step:context").click().run()
    error_cost = questionnaire.question("ctx_error_cost")
    changed = error_cost.options[-1].value
    answer(at, error_cost, changed)
    expected["ctx_error_cost"] = changed

    # Results: a verdict, the chart, and links back to questions.
    at.sidebar.button(key="step:results").click().run()
    assert not at.exception  # (a "not ready" verdict is shown in red, so no assert_clean here)
    assert at.title[0].value.startswith("Results")
    verdict_boxes = [*at.success, *at.warning, *at.error]
    assert any(label in box.value for box in verdict_boxes for label in ("Ready", "Not ready"))
    assert [s.value for s in at.subheader][:2] == ["Area scores", "Top risks"]
    assert "Action plan" in [s.value for s in at.subheader]

    # The database has every answer; the list shows a verdict.
    store = Store.open(db_url)
    saved = store.get(assessment_id)
    assert saved.snapshot.answers == expected
    assert saved.assessment.verdict in ("ready", "ready_with_conditions", "not_ready")
    assert saved.snapshot.scorecard is not None
    store.close()

    # A reload: a new session with only the URL's query parameter resumes at the last step.
    again = new_app()
    again.run()
    again.query_params["assessment"] = str(assessment_id)
    again.switch_page("ui/pages/wizard.py").run()
    assert_clean(again)
    assert again.subheader[0].value == questionnaire.area("context").title  # the last step visited
    for area_id in areas:
        again.sidebar.button(key=f"step:{area_id}").click().run()
        assert_clean(again)
        for question in questionnaire.area(area_id).questions:
            if questionnaire.visible(question, expected):
                assert widget_value(again, question) == expected[question.id], question.id


def test_a_change_made_elsewhere_is_never_overwritten(db_url, questionnaire):
    first = create_assessment(new_app())
    assessment_id = first.query_params["assessment"]
    second = new_app()
    second.run()
    second.query_params["assessment"] = assessment_id
    second.switch_page("ui/pages/wizard.py").run()

    task = questionnaire.question("ctx_task_type")
    answer(first, task, task.options[0].value)
    answer(second, task, task.options[1].value)  # refused: the first tab saved in between
    assert any("changed elsewhere" in e.value for e in second.error)
    store = Store.open(db_url)
    assert store.get(int(assessment_id)).snapshot.answers == {"ctx_task_type": task.options[0].value}

    second.button(key="conflict:mine").click().run()  # an explicit choice to keep this tab's answers
    assert_clean(second)
    assert store.get(int(assessment_id)).snapshot.answers == {"ctx_task_type": task.options[1].value}

    answer(first, task, task.options[2].value)  # now the first tab is behind
    first.button(key="conflict:reload").click().run()
    assert_clean(first)
    assert widget_value(first, task) == task.options[1].value
    store.close()


def test_next_asks_for_required_context_answers(db_url, questionnaire):
    at = create_assessment(new_app())
    at.button(key="wiz:next").click().run()
    required = [q for q in questionnaire.area("context").questions if q.required]
    assert field_problems(at) == ["This question is required."] * len(required)
    assert at.subheader[0].value == questionnaire.area("context").title
    at.sidebar.button(key="step:representativeness").click().run()  # jumping ahead stays possible
    assert at.subheader[0].value == questionnaire.area("representativeness").title
