"""The Sample data step in a real browser: real file inputs, previews, a check run and its results.

Screenshots of the three stages (before upload, with previews, after the run) are written to
`$READINESS_SCREENSHOTS` when set (else the test's temporary folder) for a human to look at.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from assessments import Snapshot, Store
from tests.ui.sample_files import annotations_csv, production_csv, training_csv

pytestmark = pytest.mark.e2e
WAIT_MS = 60_000


def _shot(page, folder: Path, name: str) -> None:
    page.wait_for_timeout(600)  # let canvases (dataframes) and charts paint
    page.screenshot(path=str(folder / f"{name}.png"), full_page=True)


def test_sample_step_uploads_runs_and_shows_results(server, page, tmp_path):
    folder = Path(os.environ.get("READINESS_SCREENSHOTS", tmp_path))
    folder.mkdir(parents=True, exist_ok=True)
    store = Store.open(f"sqlite:///{tmp_path / 'e2e.db'}")
    answers = {"ann_overlap_share": 20, "ann_agreement_target": 0.8, "ann_agreement_measured": "continuously"}
    assessment = store.create("Support triage", project="Helpdesk", owner="Ana", snapshot=Snapshot(answers=answers))
    store.close()
    for name, content in {"train.csv": training_csv(), "production.csv": production_csv(),
                          "ratings.csv": annotations_csv()}.items():
        (tmp_path / name).write_bytes(content)

    page.set_viewport_size({"width": 1400, "height": 2400})  # Streamlit scrolls inside the page: a tall view
    page.goto(f"{server}/assess?assessment={assessment.id}")
    page.get_by_role("button", name="Sample data").wait_for(timeout=WAIT_MS)
    page.get_by_role("button", name="Sample data").click()
    page.get_by_text("never stored").wait_for(timeout=WAIT_MS)
    _shot(page, folder, "1-before-upload")

    for title, name in [("training sample", "train.csv"), ("production sample", "production.csv"),
                        ("annotations file", "ratings.csv")]:
        uploader = page.get_by_test_id("stFileUploader").filter(has_text=f"Upload a {title}")
        uploader.locator("input[type=file]").set_input_files(str(tmp_path / name))
        page.get_by_role("tab", name=f"{title.capitalize()}: {name}").wait_for(timeout=WAIT_MS)
    page.get_by_text("Column roles", exact=True).wait_for(timeout=WAIT_MS)
    page.get_by_role("tab", name="Production sample: production.csv").click()
    page.locator("[data-testid=stDataFrame] canvas").first.wait_for(timeout=WAIT_MS)
    _shot(page, folder, "2-previews")

    page.get_by_role("button", name="Run checks").click()
    results = page.get_by_role("heading", name="Check results")
    try:
        results.wait_for(timeout=WAIT_MS)
    except Exception:
        _shot(page, folder, "failed")
        raise
    results.scroll_into_view_if_needed()
    _shot(page, folder, "3-results")
    page.get_by_role("tab", name="Charts").click()
    page.locator("[data-testid=stVegaLiteChart]").first.wait_for(timeout=WAIT_MS)
    _shot(page, folder, "4-results-charts")
    page.get_by_role("tab", name="Findings").click()
    _shot(page, folder, "5-results-findings")
    assert "Traceback" not in page.content()

    page.get_by_role("button", name="See results").first.click()
    page.get_by_text("Data evidence", exact=True).wait_for(timeout=WAIT_MS)
    page.get_by_text("Measured agreement falls short").first.wait_for(timeout=WAIT_MS)
    _shot(page, folder, "6-results-page")
