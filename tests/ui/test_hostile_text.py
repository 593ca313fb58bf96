"""Hostile text in names and answers is shown literally: no link, image, colour or HTML reaches the page."""

from __future__ import annotations

import re

import pytest

from tests.ui.conftest import answer, new_app

PAYLOADS = [
    "![pixel](http://127.0.0.1:9/p.png)",
    "[click](javascript:alert(1))",
    "<script>alert(1)</script><img src=x onerror=alert(2)>",
    ":red[**alarm**] $x^2$ `code` # heading",
]
HOSTILE = " ".join(PAYLOADS)
MARKUP = ("![", "](", "<script", "<img", ":red[", "**alarm", "$x", "`code")


def live_markup(text: str) -> list[str]:
    """Markup that would still be interpreted: what is left once escaped characters are taken out."""
    bare = re.sub(r"\\.", "", text)
    return [m for m in MARKUP if m in bare]


def rendered_texts(at) -> list[str]:
    kinds = ("markdown", "caption", "title", "subheader", "header", "warning", "info", "success", "error")
    return [e.value for kind in kinds for e in at.get(kind) if isinstance(getattr(e, "value", None), str)]


def assert_inert(at) -> None:
    shown = [t for t in rendered_texts(at) if "127.0.0.1" in t.replace("\\", "") or "alarm" in t]
    assert shown, "the hostile text should be on the page"
    for text in shown:
        assert not live_markup(text), text


@pytest.mark.parametrize("page", ["ui/pages/home.py", "ui/pages/wizard.py", "ui/pages/results.py",
                                  "ui/pages/history.py"])
def test_hostile_names_and_answers_stay_literal(db_url, questionnaire, page):
    at = new_app()
    at.run()
    at.text_input(key="new:name").input(HOSTILE)
    at.text_input(key="new:project").input(HOSTILE)
    at.text_input(key="new:owner").input(HOSTILE)
    at.button[0].click().run()
    assert not at.exception
    answer(at, questionnaire.question("ctx_notes"), HOSTILE)
    at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    assert_inert(at)
