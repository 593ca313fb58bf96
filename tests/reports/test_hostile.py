"""Hostile text in every free-text answer, the metadata and uploaded column names/values.

It must come out as text: escaped in the HTML, extractable from the PDF, and it must never make
the renderer read a file, open a connection or attach anything.
"""

from __future__ import annotations

import re
import socket
from html.parser import HTMLParser

import pytest
from markupsafe import escape
from weasyprint import HTML

from application import assess
from checks.check_run import CheckRun
from questionnaire import bundled_questionnaire
from questionnaire.schema import QuestionType
from reports import build_report, render_html, render_pdf
from reports.fetcher import SCHEME, AssetFetcher
from tests.reports.conftest import example_answers, fixed_clock, sample_checks
from tests.reports.pdf_text import has_embedded_files, pdf_text, squashed

LONG_WORD = "Supercalifragilistic" * 15  # 300 characters, no spaces
RTL = "שלום עולם مرحبا بالعالم"
EMOJI = "Ship it 🚀🔥 ✓"


@pytest.fixture()
def listener():
    """A local TCP port that must never receive a connection."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    sock.listen(8)
    sock.setblocking(False)
    yield sock
    sock.close()


def connections(sock: socket.socket) -> int:
    count = 0
    while True:
        try:
            conn, _ = sock.accept()
        except BlockingIOError:
            return count
        conn.close()
        count += 1


def payloads(port: int) -> dict[str, str]:
    return {
        "script": "<script>alert(1)</script>",
        "img": '<img src="file:///etc/passwd">',
        "attachment": '<link rel="attachment" href="file:///etc/hostname">',
        "css": f"<style>body {{ background: url(http://127.0.0.1:{port}/) }}</style> url(http://127.0.0.1:{port}/)",
        "template": "{{7*7}} {% raw %}",
        "long_word": LONG_WORD,
        "rtl": RTL,
        "emoji": EMOJI,
    }


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def assert_no_active_markup(html: str) -> None:
    """No element that loads or runs anything, and exactly our one stylesheet."""
    parser = _Tags()
    parser.feed(html)
    names = [t for t, _ in parser.tags]
    assert not {"script", "img", "link", "object", "embed", "iframe", "base", "image"} & set(names)
    assert names.count("style") == 1
    for tag, attrs in parser.tags:
        for name, value in attrs.items():
            assert name not in ("src", "href") or tag == "a" and (value or "").startswith("#"), (tag, name, value)
            outside = re.search(r"url\(\s*['\"]?(?!#)", value or "")
            assert not outside or name.startswith("aria-"), (tag, name, value)


def hostile_report(text: str):
    q = bundled_questionnaire()
    answers = example_answers("support_ticket_routing.yaml")
    for question in q.questions():
        if question.type == QuestionType.text:
            answers[question.id] = text
    result = assess(answers, CheckRun(report=sample_checks(column=text, message=text)), questionnaire=q)
    return build_report(result, project=text, assessment=text, author=text, clock=fixed_clock)


@pytest.mark.parametrize("kind", list(payloads(9)))
def test_hostile_text_stays_text(kind, listener):
    text = payloads(listener.getsockname()[1])[kind]
    report = hostile_report(text)

    html = render_html(report)
    assert str(escape(text)) in html
    assert_no_active_markup(html)
    stylesheet = html.split("<style>", 1)[1].split("</style>", 1)[0]
    assert "127.0.0.1" not in stylesheet and "script" not in stylesheet, "user text reached the stylesheet"

    pdf = render_pdf(report)  # a fetch of anything but bundled assets would abort the render
    assert not has_embedded_files(pdf)
    assert connections(listener) == 0
    extracted = squashed(pdf_text(pdf))
    if kind == "emoji":  # no emoji font is installed: the text around the emoji must survive
        assert "Shipit" in extracted and "✓" in extracted
    elif kind == "rtl":
        for word in RTL.split():
            assert word in pdf_text(pdf) or word[::-1] in pdf_text(pdf)
    else:
        assert squashed(text) in extracted


def test_only_bundled_assets_are_requested(listener):
    """In-process render of the hostile report: the fetcher sees nothing but our own font assets."""
    text = " ".join(payloads(listener.getsockname()[1]).values())
    fetcher = AssetFetcher()
    HTML(string=render_html(hostile_report(text), for_pdf=True), url_fetcher=fetcher).write_pdf()
    assert fetcher.requested and all(url.startswith(SCHEME) for url in fetcher.requested)
    assert fetcher.denied == []
    assert connections(listener) == 0
