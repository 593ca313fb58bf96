"""In a real browser, hostile text in an assessment makes no request: markdown images and HTML stay text."""

from __future__ import annotations

import socket
import threading

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


def test_hostile_name_and_answer_fetch_nothing(server, page, tmp_path):
    listener = Listener()
    try:
        bait = f"http://127.0.0.1:{listener.port}/pixel.png"
        hostile = f"![pixel]({bait}) <img src=\"{bait}\"> <script>fetch('{bait}')</script>"
        store = Store.open(f"sqlite:///{tmp_path / 'e2e.db'}")
        created = store.create(hostile, project=hostile, owner=hostile)
        store.save_answers(created.id, {"ctx_notes": hostile}, expected_version=created.version)
        store.close()
        for path in ("", f"wizard?assessment={created.id}", f"results?assessment={created.id}"):
            page.goto(f"{server}/{path}")
            page.get_by_text("pixel", exact=False).first.wait_for(timeout=30_000)
            page.wait_for_timeout(500)
        assert "Traceback" not in page.content()
        assert listener.connections == 0
    finally:
        listener.close()
