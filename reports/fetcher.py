"""The only way the PDF renderer may load anything: a URL fetcher that serves our own assets.

Report text comes from users, so the renderer must never read a file or open a connection because
of it. `AssetFetcher` answers exactly one scheme, `readiness-asset:NAME`, from a fixed table of
bundled files (the report's fonts, taken from the system font package), plus inline `data:` URLs.
Every other URL - `file:`, `http(s):`, an unknown asset name, a relative path - raises
`FatalURLFetchingError`, which stops the rendering instead of being logged and skipped. The
fetcher records every URL it was asked for, so tests can assert what was (not) requested.
"""

from __future__ import annotations

from pathlib import Path

from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse

SCHEME = "readiness-asset:"

_FONT_DIRS = ("/usr/share/fonts/truetype/liberation", "/usr/share/fonts/truetype/liberation2",
              "/usr/share/fonts/truetype/dejavu")

# asset name -> candidate files, first existing wins (fonts-liberation preferred, fonts-dejavu fallback)
BUNDLED_FONTS: dict[str, tuple[str, ...]] = {
    "fonts/sans-regular.ttf": ("LiberationSans-Regular.ttf", "DejaVuSans.ttf"),
    "fonts/sans-bold.ttf": ("LiberationSans-Bold.ttf", "DejaVuSans-Bold.ttf"),
    "fonts/sans-italic.ttf": ("LiberationSans-Italic.ttf", "DejaVuSans-Oblique.ttf"),
}


class DeniedURL(FatalURLFetchingError):
    """The report asked for something other than a bundled asset; rendering stops."""


def asset_path(name: str) -> Path | None:
    """The file behind an asset name, or None when the name is not bundled or the file is missing."""
    for filename in BUNDLED_FONTS.get(name, ()):
        for directory in _FONT_DIRS:
            path = Path(directory) / filename
            if path.is_file():
                return path
    return None


class AssetFetcher(URLFetcher):
    """Serves `readiness-asset:` names and `data:` URLs; refuses everything else, fatally."""

    def __init__(self) -> None:
        super().__init__(timeout=1, allowed_protocols=("data",), allow_redirects=False, fail_on_errors=True)
        self.requested: list[str] = []
        self.denied: list[str] = []

    def fetch(self, url: str, headers: dict | None = None) -> URLFetcherResponse:
        self.requested.append(url)
        if url.startswith(SCHEME):
            path = asset_path(url[len(SCHEME):])
            if path is not None:
                return URLFetcherResponse(url, body=path.read_bytes(), headers={"Content-Type": "font/ttf"})
        elif url[:5].lower() == "data:":
            return super().fetch(url, headers)  # decoded in memory; the base class allows only 'data' here
        self.denied.append(url)
        raise DeniedURL(f"the report may only load its own bundled assets; refused {url[:200]!r}")
