"""The URL fetcher serves our bundled assets only; anything else stops the render, fatally."""

from __future__ import annotations

import socket

import pytest
from weasyprint import HTML

from reports import ReportRenderError
from reports.fetcher import SCHEME, AssetFetcher, DeniedURL
from reports.pdf import html_to_pdf
from tests.reports.pdf_text import has_embedded_files


@pytest.mark.parametrize("url", [
    "file:///etc/passwd", "http://127.0.0.1:9/", "https://example.com/x.css", "ftp://example.com/a",
    f"{SCHEME}../../etc/passwd", f"{SCHEME}/etc/passwd", f"{SCHEME}fonts/missing.ttf", "relative/path.css",
])
def test_refuses_everything_but_bundled_assets(url):
    fetcher = AssetFetcher()
    with pytest.raises(DeniedURL):
        fetcher.fetch(url)
    assert fetcher.denied == [url]


def test_serves_bundled_fonts_and_data_urls():
    fetcher = AssetFetcher()
    font = fetcher.fetch(f"{SCHEME}fonts/sans-regular.ttf")
    assert len(font.read()) > 10_000
    assert fetcher.fetch("data:text/plain,hello").read() == b"hello"


@pytest.mark.parametrize("markup", [
    '<img src="file:///etc/passwd">',
    '<link rel="attachment" href="file:///etc/hostname">',
    '<style>@import url("file:///etc/hostname");</style>',
])
def test_raw_html_cannot_fetch_files(markup):
    with pytest.raises(ReportRenderError, match="refused"):
        html_to_pdf(f"<html><body><p>x</p>{markup}</body></html>")


def test_svg_image_is_refused_even_where_weasyprint_swallows_the_error():
    """WeasyPrint's SVG code catches fetch errors, so the render goes on, but the file is never read."""
    fetcher = AssetFetcher()
    svg = '<svg width="10" height="10"><image href="file:///etc/passwd" width="10" height="10"/></svg>'
    HTML(string=f"<p>x</p>{svg}", url_fetcher=fetcher).write_pdf()
    assert fetcher.requested == ["file:///etc/passwd"] and fetcher.denied == ["file:///etc/passwd"]


def test_raw_html_cannot_connect():
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(1)
    sock.setblocking(False)
    port = sock.getsockname()[1]
    try:
        with pytest.raises(ReportRenderError, match="refused"):
            html_to_pdf(f"<style>body {{ background: url(http://127.0.0.1:{port}/x.png) }}</style><p>x</p>")
        with pytest.raises(BlockingIOError):
            sock.accept()
    finally:
        sock.close()


def test_plain_html_renders_without_attachments():
    assert not has_embedded_files(html_to_pdf("<p>hello</p>"))
