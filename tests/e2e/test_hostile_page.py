"""In a real browser, hostile text in an assessment makes no request: markdown images, HTML and bare URLs stay
text, and the app fetches nothing from other hosts."""

from __future__ import annotations

import socket
import threading
from urllib.parse import urlparse

import pytest

from assessments import Store

pytestmark = pytest.mark.e2e


class Listener:
    """A loopback TCP port that records every connection made to it."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen()
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.connections = 0
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        while not self.stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            self.connections += 1
            conn.close()

    def close(self) -> None:
        self.stop.set()
        self.thread.join(timeout=2)
        self.sock.close()


def seeded(tmp_path, text: str) -> int:
    """An assessment whose name, project, owner and a text answer are all `text`; returns its id."""
    store = Store.open(f"sqlite:///{tmp_path / 'e2e.db'}")
    created = store.create(text, project=text, owner=text)
    store.save_answers(created.id, {"ctx_notes": text}, expected_version=created.version)
    store.close()
    return created.id


def pages_showing(page, server: str, assessment_id: int, needle: str):
    """Open the home, wizard and results pages in turn, each once `needle` is on screen; yields each path."""
    for path in ("", f"wizard?assessment={assessment_id}", f"results?assessment={assessment_id}"):
        page.goto(f"{server}/{path}")
        page.get_by_text(needle, exact=False).first.wait_for(timeout=30_000)
        page.wait_for_timeout(800)
        yield path


def test_hostile_name_and_answer_fetch_nothing(server, page, tmp_path):
    listener = Listener()
    try:
        bait = f"http://127.0.0.1:{listener.port}/pixel.png"
        hostile = f"![pixel]({bait}) <img src=\"{bait}\"> <script>fetch('{bait}')</script>"
        for _ in pages_showing(page, server, seeded(tmp_path, hostile), "pixel"):
            pass
        assert "Traceback" not in page.content()
        assert listener.connections == 0
    finally:
        listener.close()


def test_no_external_fetch_and_no_autolinked_url(server, page, tmp_path):
    """Bare URLs and e-mail addresses in user text stay text; no request leaves the server's host (page icon
    included: a Material or emoji icon would be fetched from an external host)."""
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    text = "see https://example.invalid/x and www.example.invalid or ana@example.invalid now"
    for path in pages_showing(page, server, seeded(tmp_path, text), "example.invalid"):
        assert page.locator('a[href*="example.invalid"]').count() == 0, path
    external = {urlparse(u).hostname for u in requested if urlparse(u).scheme in ("http", "https", "ws", "wss")}
    assert external <= {"127.0.0.1"}, external
    icon = page.locator('link[rel*="icon"]').first.get_attribute("href") or ""
    assert urlparse(icon).hostname in (None, "127.0.0.1"), icon
