"""A new wizard step opens at its top with the focus on its heading; answering keeps the place."""

from __future__ import annotations

import re

import pytest

from tests.e2e.steps import create_assessment

pytestmark = pytest.mark.e2e
WAIT_MS = 30_000
LOW_OPTION = "Per slice, reported but without thresholds"  # a question far down the edge-case step
SCROLL_TOP = "() => document.querySelector('[data-testid=stMain]').scrollTop"


def test_next_opens_the_next_step_at_its_top_and_an_answer_keeps_the_place(server, page):
    from playwright.sync_api import expect

    expect.set_options(timeout=WAIT_MS)
    create_assessment(page, server, "Scroll check")
    page.get_by_role("button", name=re.compile(r"2\. Collection scope")).click()
    expect(page.get_by_role("heading", name="Collection scope and representativeness")).to_be_visible()

    expect(page.get_by_role("button", name="Next")).to_be_attached()
    page.evaluate("document.querySelector('[data-testid=stMain]').scrollTo(0, 1e6)")  # down to the Next button
    assert page.evaluate(SCROLL_TOP) > 500  # the Next button sits far below the first question
    expect(page.get_by_role("button", name="Next")).to_have_count(1)  # a rerun may briefly show the old one too
    page.get_by_role("button", name="Next").click()
    heading = page.get_by_role("heading", name="Edge cases and rare events")
    expect(heading).to_be_focused()
    assert page.evaluate(SCROLL_TOP) == 0

    low = page.get_by_role("radio", name=LOW_OPTION)
    expect(low).to_be_attached()
    # in the page, in one go: Streamlit may still re-create the element after the step change
    page.evaluate("(text) => [...document.querySelectorAll('label')].find((l) => l.textContent.trim() === text)"
                  ".scrollIntoView({block: 'center'})", LOW_OPTION)
    place = page.evaluate(SCROLL_TOP)
    assert place > 0
    page.get_by_text(LOW_OPTION, exact=True).click()
    expect(low).to_be_checked()
    expect(page.get_by_text("All changes saved")).to_be_visible()
    assert page.evaluate(SCROLL_TOP) == place
