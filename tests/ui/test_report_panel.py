"""The results page's report panel: the PDF is rendered on request and is the same document as the CLI's."""

from __future__ import annotations

import io

from pypdf import PdfReader

from tests.ui.conftest import answer, create_assessment, new_app
from ui.draft import Draft
from ui.report_panel import PDF_KEY, file_stem


def downloads(at) -> set[str]:
    return {b.proto.label for b in at.get("download_button")}


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)


def test_prepare_then_download_the_pdf(db_url, questionnaire):
    at = create_assessment(new_app(), name="Churn model kickoff")
    answer(at, questionnaire.question("ctx_error_cost"), "severe")
    at.sidebar.button(key="step:results").click().run()
    assert not at.exception
    assert "Download PDF" not in downloads(at)
    at.button(key="report:pdf:make").click().run()
    assert not at.exception
    assert not [e for e in at.error if "could not be rendered" in e.value]
    fingerprint, pdf = at.session_state[PDF_KEY]
    assert pdf.startswith(b"%PDF")
    text = pdf_text(pdf)
    assert "Churn model kickoff" in text
    assert "Page 1 of" in text

    # Unchanged content: the rendered bytes are kept and offered for download, not rendered again.
    at.run()
    assert at.session_state[PDF_KEY][0] == fingerprint
    assert {"Download PDF", "HTML", "JSON", "Datasheet", "Datasheet PDF"} <= downloads(at)
    # A changed answer makes the PDF stale: "Prepare PDF" is offered again.
    at.switch_page("ui/pages/wizard.py").run()
    answer(at, questionnaire.question("ctx_error_cost"), "low")
    at.sidebar.button(key="step:results").click().run()
    assert at.button(key="report:pdf:make") is not None
    assert "Download PDF" not in downloads(at)  # the kept PDF no longer matches the answers


def test_file_names_are_safe():
    draft = Draft(assessment_id=1, name='Q3 "churn" / <model>', version=1, answers={}, step=None, revision=2)
    assert file_stem(draft) == "q3-churn-model-rev2"
    draft.name = "---"
    assert file_stem(draft) == "assessment-rev2"


def test_sign_off_entered_on_the_results_page_is_saved_printed_and_carried_into_a_new_revision(db_url,
                                                                                                questionnaire):
    import datetime as dt

    from assessments import Store
    from tests.ui.test_history import start_revision

    at = create_assessment(new_app(), name="Routing kickoff")
    answer(at, questionnaire.question("ctx_error_cost"), "severe")
    at.sidebar.button(key="step:results").click().run()
    at.text_input(key="w:signoff:0:name").input("Dana Reyes")
    at.text_input(key="w:signoff:0:role").input("Product owner")
    at.date_input(key="w:signoff:0:date").set_value(dt.date(2026, 11, 30))
    at.text_input(key="w:signoff:1:name").input("Sam Okafor")
    at.button(key="signoff:save").click().run()
    assert not at.exception and not [e.value for e in at.error if "sign-off" in e.value]
    assert [s.value for s in at.success] == ["Sign-off saved with this revision."]

    store = Store.open(db_url)
    opened = store.get(store.list()[0].id)
    assert [(s.name, s.role, s.signed_on) for s in opened.snapshot.signoff] == [
        ("Dana Reyes", "Product owner", dt.date(2026, 11, 30)), ("Sam Okafor", "", None)]

    # The brief chosen on the results page prints them (the PDF is the same document as this HTML).
    at.segmented_control(key="report:document").set_value("Kickoff brief").run()
    at.button(key="report:pdf:make").click().run()
    assert not at.exception
    fingerprint, pdf = at.session_state[PDF_KEY]
    text = pdf_text(pdf)
    assert "Kickoff brief" in text and "Dana Reyes" in text and "2026-11-30" in text and len(PdfReader(
        io.BytesIO(pdf)).pages) <= 6

    # A new revision keeps the people and roles, not the dates: it needs its own approval.
    at.button(key="results:history").click().run()
    start_revision(at)
    assert not at.exception
    opened = store.get(opened.assessment.id)
    assert opened.assessment.current_revision == 2
    assert [(s.name, s.role, s.signed_on) for s in opened.snapshot.signoff] == [
        ("Dana Reyes", "Product owner", None), ("Sam Okafor", "", None)]
    at.button(key="history:edit").click().run()
    at.sidebar.button(key="step:results").click().run()
    assert at.text_input(key="w:signoff:0:name").value == "Dana Reyes"
    assert at.date_input(key="w:signoff:0:date").value is None
    store.close()
def test_the_pdf_is_rendered_ahead_and_prepare_waits_for_that_render(db_url, questionnaire):
    """Opening the results starts the PDF's render; "Prepare PDF" hands over that same render's bytes."""
    from concurrent.futures import wait

    from ui import pdf_jobs
    from ui.report_panel import _fingerprint

    wait(list(pdf_jobs._jobs.values()))  # renders left by other tests: a render ahead waits for none
    at = create_assessment(new_app(), name="Rendered ahead")
    answer(at, questionnaire.question("ctx_error_cost"), "severe")
    at.sidebar.button(key="step:results").click().run()
    assert not at.exception
    ahead = pdf_jobs._jobs.get(_fingerprint(at.session_state["draft"], "a4"))
    assert ahead is not None, "the render starts when the results page opens"
    at.button(key="report:pdf:make").click().run()
    assert not at.exception
    assert at.session_state[PDF_KEY][1] is ahead.result(), "the click reused the render, it did not start another"
    assert "Download PDF" in downloads(at)
