"""The main journey in a real browser, as a project lead walks it.

Create an assessment -> answer questions on two steps -> reload and find the answers -> upload a
training and a production sample and run the checks -> the results page shows a verdict and a data
finding -> prepare and download the PDF -> start revision 2 on the history page.

Every wait is for a text or a role (Streamlit re-creates elements on each rerun), never a fixed sleep.
"""

from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader

from tests.e2e.steps import create_assessment, upload_samples_and_run_checks
from tests.ui.sample_files import production_csv, training_csv

pytestmark = pytest.mark.e2e
WAIT_MS = 30_000
NAME = "Checkout fraud journey"
TASK = "Classification (one or more classes per item)"
COST = "Moderate (rework, a support ticket)"
POPULATION = "Only informally (people know it, nothing is written)"


def test_create_answer_reload_upload_check_report_and_revise(server, page, tmp_path):
    from playwright.sync_api import expect

    expect.set_options(timeout=WAIT_MS)
    page.set_viewport_size({"width": 1400, "height": 1600})
    for name, content in {"train.csv": training_csv(), "production.csv": production_csv()}.items():
        (tmp_path / name).write_bytes(content)

    # create
    create_assessment(page, server, NAME)
    expect(page).to_have_url(re.compile(r"assessment=\d+"))

    # answer on two steps (each change saves at once; the step list counts it)
    page.get_by_text(TASK).click()
    expect(page.get_by_role("button", name=re.compile(r"1\. Project context · 1[^0-9]"))).to_be_visible()
    page.get_by_text(COST).click()
    expect(page.get_by_role("button", name=re.compile(r"1\. Project context · 2[^0-9]"))).to_be_visible()
    page.get_by_role("button", name=re.compile(r"2\. Collection scope")).click()
    expect(page.get_by_role("heading", name="Collection scope and representativeness")).to_be_visible()
    page.get_by_text(POPULATION).click()
    expect(page.get_by_role("button", name=re.compile(r"2\. Collection scope .* · 1[^0-9]"))).to_be_visible()
    expect(page.get_by_text("All changes saved")).to_be_visible()

    # reload: the answers are still there, on both steps
    page.reload()
    expect(page.get_by_role("heading", name="Collection scope and representativeness")).to_be_visible()
    expect(page.get_by_role("radio", name=POPULATION)).to_be_checked()
    page.get_by_role("button", name=re.compile(r"1\. Project context")).click()
    expect(page.get_by_role("heading", name="Project context")).to_be_visible()
    expect(page.get_by_role("radio", name=TASK)).to_be_checked()
    expect(page.get_by_role("radio", name=COST)).to_be_checked()

    # sample data: two uploads, then the checks
    upload_samples_and_run_checks(page, tmp_path)
    expect(page.get_by_text("columns differ between training and production").first).to_be_visible()

    # results: a verdict and the data evidence
    page.get_by_role("button", name="See results").first.click()
    expect(page.get_by_role("heading", name=f"Results: {NAME}")).to_be_visible()
    expect(page.get_by_text(re.compile(r"^(Not ready|Ready with conditions|Ready)$")).first).to_be_visible()
    expect(page.get_by_text("Data evidence", exact=True)).to_be_visible()
    page.get_by_text("Check results and charts").click()  # the checks' own findings, one click away
    expect(page.get_by_text("columns differ between training and production").first).to_be_visible()

    # the PDF: prepared on request, then downloaded
    page.get_by_role("button", name="Prepare PDF").click()
    download_button = page.get_by_role("button", name="Download PDF")
    expect(download_button).to_be_visible(timeout=60_000)
    with page.expect_download(timeout=WAIT_MS) as info:
        download_button.click()
    data = open(info.value.path(), "rb").read()
    assert data.startswith(b"%PDF")
    text = "\n".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(data)).pages)
    assert NAME in text

    # history: a new revision before the next retrain
    page.get_by_role("button", name=re.compile(r"Editing revision 1")).click()
    expect(page.get_by_role("heading", name=f"History: {NAME}")).to_be_visible()
    page.get_by_role("button", name="Start a new revision (before a retrain)").click()
    page.get_by_role("button", name="Start revision 2").click()
    expect(page.get_by_role("button", name="Update the answers of revision 2")).to_be_visible()
    expect(page.get_by_text("Started revision 2.")).to_be_visible()
    assert "Traceback" not in page.content()
