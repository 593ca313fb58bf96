"""Small layout touches Streamlit has no option for, kept in one place."""

from __future__ import annotations

import json

import streamlit as st

STEP_LIST_CSS = """
<style>
section[data-testid="stSidebar"] .stButton button { justify-content: flex-start; text-align: left; }
section[data-testid="stSidebar"] .stButton button div { justify-content: flex-start; }
section[data-testid="stSidebar"] .stButton button p { text-align: left; }
</style>
"""


# Every page. Keyboard hints ("Alt + N" on buttons, "Press Enter to submit form" under inputs) mean nothing on
# a touch screen or a phone, and the latter covers what is typed there: hidden there.
# The upload card's accepted file types wrap instead of ending in "…".
APP_CSS = """
<style>
@media (max-width: 640px), (hover: none) and (pointer: coarse) {
  button kbd[aria-label^="Shortcut"], [data-testid="InputInstructions"] { display: none !important; }
}
[data-testid="stFileUploaderDropzoneInstructions"] span,
[data-testid="stFileUploaderDropzoneInstructions"] small,
[data-testid="stFileUploaderDropzoneInstructions"] div {
  white-space: normal !important; overflow: visible !important; text-overflow: clip !important;
}
</style>
"""


def app_layout() -> None:
    """The layout touches every page needs (see `APP_CSS`)."""
    st.html(APP_CSS)


def left_aligned_step_list() -> None:
    """Step buttons in the sidebar read as a list: left-aligned, wrapping under their own text."""
    st.html(STEP_LIST_CSS)


# Runs in the page (st.html with JavaScript). The guard makes it act once per step, not on every rerun
# of the same step (an answer saved must not move the page).
STEP_TOP_JS = """
<script>
(() => {
  const step = __STEP__, title = __TITLE__;
  if (window.__readinessStep === step) return;
  window.__readinessStep = step;
  const moveToTop = (tries) => {
    const heading = [...document.querySelectorAll('h1, h2, h3')].find((h) => h.textContent.trim() === title);
    if (!heading && tries > 0) { setTimeout(() => moveToTop(tries - 1), 50); return; }
    for (const el of [document.scrollingElement, ...document.querySelectorAll('[data-testid="stMain"], '
                      + '[data-testid="stAppViewContainer"], [data-testid="stAppScrollToBottomContainer"]')]) {
      if (el) el.scrollTop = 0;
    }
    if (heading) { heading.setAttribute('tabindex', '-1'); heading.focus({preventScroll: true}); }
  };
  moveToTop(20);
})();
</script>
"""


def step_opens_at_top(step_id: str, heading: str) -> None:
    """A new wizard step opens scrolled to its top, with the keyboard focus on its heading."""
    script = STEP_TOP_JS.replace("__STEP__", json.dumps(step_id)).replace("__TITLE__", json.dumps(heading))
    st.html(script, unsafe_allow_javascript=True)
