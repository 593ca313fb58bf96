"""The app ships with the package: a built wheel holds app.py and ui/, and `readiness ui` serves it.

The wheel is installed (without dependencies, which this environment already has) into a folder
of its own and the command runs from another directory, so what is served is the installed copy,
not this checkout.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import urllib.request
import zipfile
from pathlib import Path

import pytest

from tests.e2e.conftest import free_port, wait_until_serving

ROOT = Path(__file__).resolve().parents[1]
EXPECTED = ["app.py", "cli.py", "vocabulary.py", "application/__init__.py", "application/server.py",
            "ui/__init__.py", "ui/routes.py", "ui/streamlit.toml", "ui/pages/home.py", "ui/pages/wizard.py",
            "questionnaire/questionnaire.yaml", "reports/templates/report.html.j2", "scoring/config.yaml",
            "assessments/migrations/env.py"]


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """The wheel built from this checkout, installed into a folder of its own."""
    out = tmp_path_factory.mktemp("wheel")
    tracked = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True).stdout
    for name in filter(None, tracked.decode().split("\0")):  # a clean copy: no build/ left over, none left behind
        if (ROOT / name).is_file():
            (out / "src" / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, out / "src" / name)
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out / "dist"), str(out / "src")],
                   check=True, capture_output=True)
    wheel = next((out / "dist").glob("readiness-*.whl"))
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(out / "site"),
                    str(wheel)], check=True, capture_output=True)
    with zipfile.ZipFile(wheel) as archive:
        (out / "wheel.txt").write_text("\n".join(archive.namelist()))
        (out / "streamlit.toml").write_bytes(archive.read("ui/streamlit.toml"))
    return out


def test_the_wheel_contains_the_app(installed):
    names = set((installed / "wheel.txt").read_text().splitlines())
    assert [n for n in EXPECTED if n not in names] == []
    assert not [n for n in names if n.startswith("tests/")]
    # the Streamlit settings travel as a file: the checkout's .streamlit/config.toml
    assert (installed / "streamlit.toml").read_text() == (ROOT / ".streamlit" / "config.toml").read_text()


def test_readiness_ui_serves_the_installed_app(installed, tmp_path):
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(installed / "site")}
    readiness = [sys.executable, "-c", "import sys; from cli import app; sys.argv[0] = 'readiness'; app()"]
    located = subprocess.run([sys.executable, "-c", "from application.server import app_script; print(app_script())"],
                             cwd=tmp_path, env=env, capture_output=True, text=True, check=True).stdout.strip()
    assert Path(located) == installed / "site" / "app.py"
    log = (tmp_path / "server.log").open("w")
    process = subprocess.Popen([*readiness, "ui", "--port", str(port), "--database-url",
                                f"sqlite:///{tmp_path / 'ui.db'}"],
                               cwd=tmp_path, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_serving(url, process, tmp_path / "server.log")
        with urllib.request.urlopen(url, timeout=10) as reply:
            assert reply.status == 200 and b"<html" in reply.read().lower()
        log.flush()
        output = (tmp_path / "server.log").read_text()
        assert f"http://127.0.0.1:{port}" in output  # loopback only, unless --address says otherwise
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        log.close()
    assert (tmp_path / "ui.db").exists()  # --database-url was opened (and migrated) before serving
