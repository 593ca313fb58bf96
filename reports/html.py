"""Render a report to HTML with jinja2: the whole document, or one section (for tests and previews).

The environment autoescapes every value and fails on any undefined variable, so user text can
only ever appear as text and a template typo is an error, not a silent blank. The HTML is
self-contained: styles and charts are inline, nothing refers to another file or URL.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from reports.context import build_context
from reports.model import Report
from vocabulary import Paper

TEMPLATES = Path(__file__).with_name("templates")


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=False,
        lstrip_blocks=False,
        keep_trailing_newline=True,
    )
    return env


def render_html(report: Report, paper: Paper | str = Paper.a4, *, for_pdf: bool = False) -> str:
    """The complete report as one self-contained HTML document.

    `for_pdf` adds the `@font-face` rules that only the PDF renderer can resolve (bundled fonts);
    browsers use the same fonts from the system, or their default sans-serif.
    """
    context = build_context(report, paper=Paper(paper), for_pdf=for_pdf)
    return environment().get_template("report.html.j2").render(context)


def render_section(report: Report, section_id: str, paper: Paper | str = Paper.a4) -> str:
    """The HTML of one section ('cover', 'contents', or an id from `context.sections`)."""
    context = build_context(report, paper=Paper(paper))
    fixed = {"cover": "cover.html.j2", "contents": "contents.html.j2"}
    if section_id in fixed:
        return environment().get_template(fixed[section_id]).render(context)
    section = next((s for s in context["sections"] if s.id == section_id), None)
    if section is None:
        raise KeyError(f"no section {section_id!r} in this report")
    return environment().get_template(section.template).render({**context, "section": section})
