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
