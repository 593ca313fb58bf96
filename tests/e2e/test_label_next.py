"""The "Label next" panel in a real browser: upload samples, choose a batch on the results page, and
download it as Label Studio tasks (AppTest cannot read a download's bytes)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from assessments import Snapshot, Store
from tests.ui.sample_files import production_csv, training_csv

pytestmark = pytest.mark.e2e
WAIT_MS = 60_000


def test_choose_and_download_a_label_studio_batch(server, page, tmp_path):
    folder = Path(os.environ.get("READINESS_SCREENSHOTS", tmp_path))
    folder.mkdir(parents=True, exist_ok=True)
    store = Store.open(f"sqlite:///{tmp_path / 'e2e.db'}")
    assessment = store.create("Support triage", snapshot=Snapshot(answers={}))
    store.close()
    for name, content in {"train.csv": training_csv(), "production.csv": production_csv()}.items():
        (tmp_path / name).write_bytes(content)

    page.set_viewport_size({"width": 1400, "height": 2400})
    page.goto(f"{server}/assess?assessment={assessment.id}")
    page.get_by_role("button", name="Sample data").wait_for(timeout=WAIT_MS)
    page.get_by_role("button", name="Sample data").click()
    for title, name in [("training sample", "train.csv"), ("production sample", "production.csv")]:
        uploader = page.get_by_test_id("stFileUploader").filter(has_text=f"Upload a {title}")
        uploader.locator("input[type=file]").set_input_files(str(tmp_path / name))
        page.get_by_role("tab", name=f"{title.capitalize()}: {name}").wait_for(timeout=WAIT_MS)
    page.get_by_role("button", name="Run checks").click()
    page.get_by_role("heading", name="Check results").wait_for(timeout=WAIT_MS)
    page.get_by_role("button", name="See results").first.click()

    choose = page.get_by_role("button", name="Choose the batch")
    choose.wait_for(timeout=WAIT_MS)
    choose.scroll_into_view_if_needed()
    choose.click()
    page.get_by_text("items chosen").wait_for(timeout=WAIT_MS)
    page.locator("[data-testid=stDataFrame] canvas").first.wait_for(timeout=WAIT_MS)
    page.wait_for_timeout(600)
    page.screenshot(path=str(folder / "label-next-panel.png"), full_page=True)
    with page.expect_download(timeout=30_000) as info:
        page.get_by_role("button", name="Label Studio").click()
    download = info.value
    assert download.suggested_filename == "label-next.json"
    tasks = json.loads(Path(download.path()).read_text(encoding="utf-8"))
    assert len(tasks) == 100
    assert all(set(t) == {"data", "meta"} and t["meta"]["label_next_reasons"] for t in tasks)
    assert "Traceback" not in page.content()
