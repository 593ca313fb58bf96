"""A real server and a real headless Chromium for end-to-end tests."""

from __future__ import annotations

import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from application.server import server_command

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
STARTUP_TIMEOUT_S = 60


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_serving(url: str, process: subprocess.Popen, log: Path) -> None:
    """Poll the server's health endpoint until it answers `ok`; fail with its log if it stops or takes too long."""
    deadline = time.monotonic() + STARTUP_TIMEOUT_S
    while True:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as reply:
                if reply.read().strip() == b"ok":
                    return
        except OSError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            pytest.fail(f"the app did not start:\n{log.read_text()}")
        time.sleep(0.3)


@contextmanager
def serving(tmp_path: Path, database_url: str, *flags: str, port: int | None = None,
            sign_in: str | None = None) -> Iterator[str]:
    """The app as `readiness ui` serves it (extra Streamlit `flags`), on a loopback port; yields its URL."""
    port = port or free_port()
    command, env = server_command(port, "127.0.0.1", database_url, sign_in=sign_in)
    log_path = tmp_path / f"server-{port}.log"
    with log_path.open("w") as log:
        process = subprocess.Popen([*command, *flags], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
        url = f"http://127.0.0.1:{port}"
        try:
            wait_until_serving(url, process, log_path)
            yield url
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()


@pytest.fixture
def server(tmp_path) -> Iterator[str]:
    """The app on a free loopback port with an empty SQLite database; yields its URL."""
    with serving(tmp_path, f"sqlite:///{tmp_path / 'e2e.db'}") as url:
        yield url


@pytest.fixture
def browser():
    """The system's headless Chromium, through Playwright."""
    sync_api = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium)")
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield launched
        finally:
            launched.close()


@pytest.fixture
def page(browser):
    """A Playwright page in the system's headless Chromium."""
    return browser.new_page(viewport={"width": 1280, "height": 900})
