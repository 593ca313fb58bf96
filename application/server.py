"""How the app is served: the `streamlit run` command line for the installed `app.py`, through `ui.serve`
(which readies the data checks before Streamlit starts listening).

`readiness ui` runs it. The Streamlit settings are `.streamlit/config.toml`, shipped inside the
package as `ui/streamlit.toml` (a link to it in the repository, a copy in the wheel), so an installed
copy behaves like a checkout; they become command-line flags, with a few that serving needs on top.
The server binds to the loopback address unless told otherwise, and the database is chosen with
`READINESS_DATABASE_URL` like everywhere else.
"""

from __future__ import annotations

import os
import sys
import tomllib
from importlib.util import find_spec
from pathlib import Path
from typing import Any

DEFAULT_PORT = 8501
DEFAULT_ADDRESS = "127.0.0.1"
SETTINGS = "streamlit.toml"  # beside the ui package's modules
SERVING = {"server": {
    "headless": True,  # print the address instead of opening a browser (and never ask for an e-mail)
    "fileWatcherType": "none",  # an installed app does not change under its feet
}}


class AppNotInstalledError(RuntimeError):
    """The app's files are not where the installed package should have put them."""


def app_script() -> Path:
    """The installed `app.py` (found without importing it: importing it would start drawing the app)."""
    spec = find_spec("app")
    if spec is None or spec.origin is None or not (Path(spec.origin).parent / "ui" / SETTINGS).is_file():
        raise AppNotInstalledError("the app's files (app.py and ui/) are not installed; reinstall the readiness "
                                   "package")
    return Path(spec.origin)


def settings_flags(settings: dict[str, Any], prefix: str = "") -> list[str]:
    """`{"server": {"port": 1}}` -> `["--server.port", "1"]` (booleans as true/false)."""
    flags = []
    for key, value in settings.items():
        name = f"{prefix}.{key}" if prefix else key
        if isinstance(value, dict):
            flags += settings_flags(value, name)
        else:
            flags += [f"--{name}", str(value).lower() if isinstance(value, bool) else str(value)]
    return flags


def server_command(port: int = DEFAULT_PORT, address: str = DEFAULT_ADDRESS, database_url: str | None = None,
                   sign_in: str | None = None, sign_in_header: str | None = None) -> tuple[list[str], dict[str, str]]:
    """The command line and environment that serve the app on `address:port`.

    `sign_in` (`off`, `header` or `oidc`) and `sign_in_header` become `READINESS_SIGN_IN` and
    `READINESS_SIGN_IN_HEADER` for the app (see docs/hardening.md, "Sign-in").
    """
    script = app_script()
    settings = tomllib.loads((script.parent / "ui" / SETTINGS).read_text(encoding="utf-8"))
    settings.setdefault("server", {}).update(**SERVING["server"], port=port, address=address)
    env = dict(os.environ)
    if database_url:
        env["READINESS_DATABASE_URL"] = database_url
    if sign_in:
        env["READINESS_SIGN_IN"] = sign_in
    if sign_in_header:
        env["READINESS_SIGN_IN_HEADER"] = sign_in_header
    return [sys.executable, "-m", "ui.serve", "run", str(script), *settings_flags(settings)], env
