"""Browser steps that several journeys share."""

from __future__ import annotations

import re
from pathlib import Path

CHECKS_WAIT_MS = 60_000


def create_assessment(page, server: str, name: str) -> None:
    """From the home page: name a new assessment and start it; returns once its first step shows."""
    from playwright.sync_api import expect

    page.goto(server)
    page.get_by_label("Name").fill(name)
    page.get_by_role("button", name="Create and start").click()
    expect(page.get_by_role("heading", name="Project context")).to_be_visible()


def upload_samples_and_run_checks(page, folder: Path) -> None:
    """On the Sample data step: upload `train.csv` and `production.csv` from `folder`, run the checks, see results."""
    from playwright.sync_api import expect

    page.get_by_role("button", name=re.compile(r"\d+\. Sample data")).click()
    expect(page.get_by_text("never stored")).to_be_visible()
    for title, name in [("training sample", "train.csv"), ("production sample", "production.csv")]:
        uploader = page.get_by_test_id("stFileUploader").filter(has_text=f"Upload a {title}")
        uploader.locator("input[type=file]").set_input_files(str(folder / name))
        expect(page.get_by_role("tab", name=f"{title.capitalize()}: {name}")).to_be_visible()
    page.get_by_role("button", name="Run checks").click()
    expect(page.get_by_role("heading", name="Check results")).to_be_visible(timeout=CHECKS_WAIT_MS)
