"""AppTest of the retrain loop: answer, start a new revision, change an answer, compare the two revisions."""

from __future__ import annotations

from assessments import Store
from tests.ui.conftest import answer, assert_clean, create_assessment, new_app

GUIDELINES = "ann_guidelines"


def open_history(at):
    at.sidebar.button(key="step:history").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.title[0].value.startswith("History")
    return at


def go_to_step(at, step: str):
    at.sidebar.button(key=f"step:{step}").click().run()
    return at


def revision_rows(at) -> list[str]:
    return list(at.dataframe[0].value["Revision"])


def start_revision(at, note: str = ""):
    at.button(key="history:new").click().run()
    if note:
        at.text_input(key="history:note").input(note)
    at.button(key="history:new:confirm").click().run()
    return at


def test_new_revision_then_compare_shows_the_changed_answer_and_the_score_delta(db_url, questionnaire):
    at = create_assessment(new_app())
    assessment_id = int(at.query_params["assessment"])
    guidelines = questionnaire.question(GUIDELINES)
    go_to_step(at, "annotation")
    answer(at, guidelines, "none")
    assert_clean(at)

    open_history(at)
    assert revision_rows(at) == ["1 (being edited)"]
    assert any("only one revision" in i.value for i in at.info)

    # Asking first: the box explains that revision 1 stays as it is; cancelling changes nothing.
    at.button(key="history:new").click().run()
    assert any("Revision 1 stays exactly as it is" in m.value for m in at.markdown)
    at.button(key="history:new:cancel").click().run()
    assert revision_rows(at) == ["1 (being edited)"]

    start_revision(at, note="Before the June retrain")
    assert not at.exception and not at.error
    assert revision_rows(at) == ["2 (being edited)", "1"]
    assert "Started revision 2" in at.toast[0].value

    # Edit revision 2 in the wizard; its header names the revision.
    at.button(key="history:edit").click().run()
    go_to_step(at, "annotation")
    assert "revision 2" in at.caption[0].value
    answer(at, guidelines, "versioned_with_examples")
    assert_clean(at)

    # The results page names the revision too, and links to the history.
    at.sidebar.button(key="step:results").click().run()
    link = at.button(key="results:history")
    assert "Editing revision 2" in link.label
    link.click().run()
    assert at.title[0].value.startswith("History")
    page = "\n".join(m.value for m in at.markdown)
    assert guidelines.topic in page
    assert guidelines.option("none").label in page and guidelines.option("versioned_with_examples").label in page
    overall = next(m for m in at.metric if m.label == "Overall score")
    assert overall.delta is not None and float(str(overall.delta).lstrip("+")) > 0
    assert next(m for m in at.metric if m.label == "Answers changed").value == "1"

    # Revision 1 kept its answer.
    store = Store.open(db_url)
    first, second = store.revisions(assessment_id)
    assert first.snapshot["answers"][GUIDELINES] == "none"
    assert second.snapshot["answers"][GUIDELINES] == "versioned_with_examples"
    assert second.note == "Before the June retrain"
    store.close()


def test_starting_a_revision_after_a_change_elsewhere_is_refused_clearly(db_url, questionnaire):
    at = create_assessment(new_app())
    assessment_id = int(at.query_params["assessment"])
    open_history(at)

    store = Store.open(db_url)  # another tab saves in between
    seen = store.get(assessment_id).assessment.version
    store.save_answers(assessment_id, {"ctx_task_type": "ranking"}, expected_version=seen)

    start_revision(at)
    assert any("changed elsewhere" in e.value for e in at.error)
    assert len(store.revisions(assessment_id)) == 1
    at.button(key="history:reload").click().run()
    assert not at.error
    at.button(key="history:new:confirm").click().run()  # the box stayed open: try again
    assert not at.error
    assert [r.number for r in store.revisions(assessment_id)] == [1, 2]
    store.close()
