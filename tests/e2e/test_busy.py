"""A wait shows that the app is busy: the running indicator is on screen while the checks run."""

from __future__ import annotations

import re

import pytest

from tests.e2e.steps import create_assessment
from tests.ui.sample_files import production_csv, training_csv

pytestmark = pytest.mark.e2e
WAIT_MS = 60_000


def test_running_checks_shows_the_busy_indicator_until_they_finish(server, page, tmp_path):
    from playwright.sync_api import expect

    expect.set_options(timeout=WAIT_MS)
    for name, content in {"train.csv": training_csv(4000), "production.csv": production_csv(2000)}.items():
        (tmp_path / name).write_bytes(content)
    create_assessment(page, server, "Busy check")
    page.get_by_role("button", name=re.compile(r"\d\. Sample data")).click()
    expect(page.get_by_text("never stored")).to_be_visible()
    for title, name in [("training sample", "train.csv"), ("production sample", "production.csv")]:
        uploader = page.get_by_test_id("stFileUploader").filter(has_text=f"Upload a {title}")
        uploader.locator("input[type=file]").set_input_files(str(tmp_path / name))
        expect(page.get_by_role("tab", name=re.compile(name))).to_be_visible()

    busy = page.get_by_test_id("stStatusWidget")
    page.get_by_role("button", name="Run checks").click()
    expect(busy).to_be_visible()
    expect(page.get_by_role("heading", name="Check results")).to_be_visible()
    expect(busy).to_be_hidden()
