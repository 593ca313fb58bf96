"""Smoke test: the real app starts and its home page renders in Chromium."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.e2e


def test_home_page_loads_in_a_browser(server, page):
    page.goto(server)
    page.get_by_text("Readiness asks the questions").wait_for(timeout=30_000)
    button = page.get_by_role("button", name="Create and start")
    button.wait_for(state="visible", timeout=30_000)  # widgets may render a moment after the text
    assert button.is_visible()
    assert "Traceback" not in page.content()
