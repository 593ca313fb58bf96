"""Turn a chart specification into inline SVG for the HTML and PDF reports (no fetching, no files).

vl-convert renders the Vega-Lite spec locally; the SVG it returns escapes every data string. We
drop the XML prolog so the SVG can sit inside HTML, and refuse any SVG that references an
external resource, so a chart can never make the PDF renderer fetch something.
"""

from __future__ import annotations

import hashlib
import re
from typing import Any

import altair as alt
import vl_convert as vlc
from defusedxml import ElementTree
from markupsafe import Markup

# attributes that may hold url(...) references; labels and text may mention URLs harmlessly
_URL_ATTRIBUTES = {"style", "fill", "stroke", "clip-path", "mask", "filter", "marker-start", "marker-mid",
                   "marker-end", "cursor"}
_URL = re.compile(r"url\(\s*['\"]?(?!#)", re.IGNORECASE)


class ChartRenderError(RuntimeError):
    """A chart could not be rendered to a safe inline SVG."""


def chart_svg(chart: alt.TopLevelMixin, prefix: str = "chart") -> Markup:
    """The chart as an inline `<svg>` element, safe to place in a template unescaped.

    Vega numbers its clip paths `clip1`, `clip2`... in every SVG; `prefix` (unique per chart in a
    document) keeps two charts on one page from sharing ids.
    """
    if not re.fullmatch(r"[a-z][a-z0-9-]*", prefix):
        raise ValueError(f"chart id prefix must be a plain slug, got {prefix!r}")
    try:  # our own specs, built by `reports.charts`: validating them again costs ~60 ms a chart
        svg = vlc.vegalite_to_svg(_short_data(chart.to_dict(validate=False)))
    except Exception as exc:  # vl-convert raises plain ValueError/RuntimeError with the Vega message
        raise ChartRenderError(f"cannot render chart: {exc}") from exc
    svg = re.sub(r"^\s*<\?xml[^>]*>\s*", "", svg)
    svg = re.sub(r'(id="|url\(#)(clip\d+)', lambda m: f"{m.group(1)}{prefix}-{m.group(2)}", svg)
    if _references_outside(svg):
        raise ChartRenderError("the chart SVG references an external resource")
    return Markup(svg)


MAX_DATA_TEXT = 200  # characters of one text value in a chart's data (a label); the layout of longer ones is slow


def _short_data(spec: Any, in_data: bool = False) -> Any:
    """The spec with every text value in its data cut to `MAX_DATA_TEXT` characters.

    Laying out a 10,000-character label takes the converter tens of seconds (100,000: minutes),
    and a chart shows a few dozen characters of it at most. A cut value keeps a short digest of the
    full text, so two long labels that start alike stay two categories.
    """
    if isinstance(spec, dict):
        return {k: _short_data(v, in_data or k in ("datasets", "values")) for k, v in spec.items()}
    if isinstance(spec, list):
        return [_short_data(v, in_data) for v in spec]
    if in_data and isinstance(spec, str) and len(spec) > MAX_DATA_TEXT:
        digest = hashlib.sha256(spec.encode("utf-8", "replace")).hexdigest()[:6]
        return f"{spec[: MAX_DATA_TEXT - 10]}… #{digest}"
    return spec


def _references_outside(svg: str) -> bool:
    """Whether any element or attribute (not text content) could make a renderer fetch something."""
    try:
        root = ElementTree.fromstring(svg)
    except ElementTree.ParseError:
        return True
    for element in root.iter():
        tag = element.tag.rsplit("}", 1)[-1].lower()
        if tag in ("image", "use", "a", "foreignobject", "script", "style", "feimage"):
            return True
        for name, value in element.attrib.items():
            local = name.rsplit("}", 1)[-1].lower()
            if local in ("href", "src") and not value.startswith("#"):
                return True
            if local in _URL_ATTRIBUTES and _URL.search(value):
                return True
    return False


def warm_up() -> None:
    """Load the chart converter (its first conversion costs a few tenths of a second)."""
    vlc.vegalite_to_svg({"data": {"values": [{"x": 1}]}, "mark": "point", "encoding": {"x": {"field": "x"}}})
