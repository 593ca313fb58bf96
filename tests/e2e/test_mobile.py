"""The app on a phone (390 x 844, touch): no keyboard hints, nothing wider than the screen.

Screenshots of every step at this size were looked at by hand (they are not kept in git); this test
keeps the two things that broke there from coming back: keyboard hints ("Alt + N", "Press Enter to
submit form") shown on a touch screen, and a results page wider than the phone.
"""

from __future__ import annotations

import re

import pytest

from tests.e2e.steps import create_assessment

pytestmark = pytest.mark.e2e
WAIT_MS = 30_000
PHONE = {"width": 390, "height": 844}

OVERFLOW = """() => {
  const wider = [document.scrollingElement, ...document.querySelectorAll(
      '[data-testid=stMain], [data-testid=stAppViewContainer], [data-testid=stMainBlockContainer]')]
    .filter(el => el && el.scrollWidth > el.clientWidth + 1)
    .map(el => `${el.dataset.testid || el.tagName}: ${el.scrollWidth} > ${el.clientWidth}`);
  return wider;
}"""


@pytest.fixture
def phone(browser):
    """A page the size of a phone, with touch input."""
    return browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True).new_page()


def test_phone_shows_no_keyboard_hints_and_the_results_page_fits_the_screen(server, phone):
    from playwright.sync_api import expect

    page = phone
    expect.set_options(timeout=WAIT_MS)
    page.goto(server)
    page.get_by_label("Name").fill("Phone check")
    expect(page.get_by_test_id("InputInstructions")).to_be_hidden()  # "Press Enter to submit form" covers text
    page.get_by_role("button", name="Create and start").click()
    expect(page.get_by_role("heading", name="Project context")).to_be_visible()

    next_button = page.get_by_role("button", name=re.compile("^Next"))
    next_button.scroll_into_view_if_needed()
    expect(next_button).to_be_visible()
    hint = next_button.locator("kbd")
    assert hint.count() == 1, "the button still declares its shortcut (desktop keyboards use it)"
    expect(hint).to_be_hidden()

    page.get_by_test_id("stExpandSidebarButton").click()
    page.get_by_role("link", name="Results").first.click()
    expect(page.get_by_role("heading", name=re.compile("^Results"))).to_be_visible()
    expect(page.get_by_text("Area scores")).to_be_visible()
    expect(page.get_by_test_id("stStatusWidget")).to_have_count(0, timeout=60_000)  # the page is done
    assert page.evaluate(OVERFLOW) == []


def test_desktop_keeps_the_keyboard_hints(server, page):
    from playwright.sync_api import expect

    expect.set_options(timeout=WAIT_MS)
    create_assessment(page, server, "Desk check")
    expect(page.get_by_role("button", name=re.compile("^Next")).locator("kbd")).to_be_visible()
