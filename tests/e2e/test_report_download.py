"""The PDF download from the results page, in a real browser: the same document the CLI renders."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from assessments import Store
from questionnaire import bundled_questionnaire
from questionnaire.answers import normalize_answers, read_answers_file
from scoring.engine import score

pytestmark = pytest.mark.e2e
EXAMPLE = "examples/support_ticket_routing.yaml"


def test_prepare_and_download_the_pdf(server, page, tmp_path):
    q = bundled_questionnaire()
    store = Store.open(f"sqlite:///{tmp_path / 'e2e.db'}")
    created = store.create("Ticket routing kickoff", project="Helpdesk", owner="Dana")
    answers = normalize_answers(q, read_answers_file(EXAMPLE))
    store.save_answers(created.id, answers, expected_version=created.version, questionnaire_version=q.version,
                       scorecard=score(q, answers).model_dump(mode="json"))
    store.close()

    page.goto(f"{server}/results?assessment={created.id}")
    page.get_by_role("button", name="Prepare PDF").click(timeout=30_000)
    download_button = page.get_by_role("button", name="Download PDF")
    download_button.wait_for(state="visible", timeout=60_000)
    with page.expect_download(timeout=30_000) as info:
        download_button.click()
    download = info.value
    assert download.suggested_filename == f"ticket-routing-kickoff-rev{created.current_revision}.pdf"
    data = open(download.path(), "rb").read()
    text = "\n".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(data)).pages)
    assert data.startswith(b"%PDF")
    assert "Ticket routing kickoff" in text and "Ready with conditions" in text
    assert "Traceback" not in page.content()
