"""The results page tells the same truth as the report's first page: stage gates, what the scores rest on,
the top actions (the rest one click away) and where each risk comes from, in words."""

from __future__ import annotations

from tests.ui.conftest import answer, create_assessment, new_app


def texts(at) -> str:
    shown = "\n".join([*(m.value for m in at.markdown), *(c.value for c in at.caption)])
    return shown.replace("\\", "")  # plain() escapes markdown characters


def test_results_show_stage_gates_basis_and_a_short_plan(db_url, questionnaire):
    at = create_assessment(new_app(), name="Gates")
    answer(at, questionnaire.question("ctx_impact"), ["safety_critical"])
    at.sidebar.button(key="step:results").click().run()
    assert not at.exception, [e.value for e in at.exception]
    shown = texts(at)
    for gate in ("Ready to kick off", "Ready to label at scale", "Ready to train", "Ready to launch"):
        assert gate in shown
    assert "Not yet" in shown  # nothing is decided yet, so every stage is blocked
    assert "open decision(s)" in shown
    assert "What the scores rest on." in shown and "no sample data was checked" in shown
    assert "Raised by your answer to" in shown
    assert "most important of" in shown
    assert [e.label for e in at.expander if e.label.startswith("The other ")], "the full plan is one click away"
    assert "Decide and record" not in shown


def test_sections_behind_a_click_are_built_only_once_opened(db_url, questionnaire):
    """Every area's answers sit in a closed section: nothing of it is sent until the reader opens it."""
    at = create_assessment(new_app(), name="Lazy")
    answer(at, questionnaire.question("ctx_impact"), ["safety_critical"])
    at.sidebar.button(key="step:results").click().run()
    assert not at.exception, [e.value for e in at.exception]
    area = questionnaire.area_of("ctx_impact")
    assert not [b for b in at.button if b.key == "answer:ctx_impact"]
    at.session_state[f"results:answers:{area.id}"] = True  # the reader opens the section
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert [b for b in at.button if b.key == "answer:ctx_impact"], "the opened section lists the answer and its Edit"
    assert questionnaire.question("ctx_impact").topic in texts(at)
