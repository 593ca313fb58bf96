"""In a real browser: the app fetches nothing from other hosts, and bare URLs in user text are not links."""

from __future__ import annotations

from urllib.parse import urlparse

import pytest

from assessments import Store

pytestmark = pytest.mark.e2e


def test_no_external_fetch_and_no_autolinked_url(server, page, tmp_path):
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    text = "see https://example.invalid/x and www.example.invalid now"
    store = Store.open(f"sqlite:///{tmp_path / 'e2e.db'}")
    created = store.create(text, project=text, owner=text)
    store.save_answers(created.id, {"ctx_notes": text}, expected_version=created.version)
    store.close()
    for path in ("", f"wizard?assessment={created.id}", f"results?assessment={created.id}"):
        page.goto(f"{server}/{path}")
        page.get_by_text("example.invalid", exact=False).first.wait_for(timeout=30_000)
        page.wait_for_timeout(800)
        assert page.locator('a[href*="example.invalid"]').count() == 0, path
    external = {urlparse(u).hostname for u in requested if urlparse(u).scheme in ("http", "https", "ws", "wss")}
    assert external <= {"127.0.0.1"}, external
    icon = page.locator('link[rel*="icon"]').first.get_attribute("href") or ""
    assert not urlparse(icon).hostname or urlparse(icon).hostname == "127.0.0.1", icon
