"""A draft datasheet for the dataset (after "Datasheets for Datasets"), in Markdown, from an assessment.

Each of the seven sections (motivation, composition, collection, preprocessing and labeling, uses,
distribution, maintenance) gathers the answers, notes and data-check results that the framework map
(`questionnaire/frameworks.yaml`, framework `datasheets`) assigns to it, lists what is still undecided
and the known risks, and marks what only a person can write. The draft never claims more than the
assessment says: every section carries a "to be written" list.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from functools import lru_cache

import jinja2

from questionnaire.frameworks import bundled_frameworks
from reports.frameworks import ItemView, framework_view
from reports.model import Report

TEMPLATES = jinja2.FileSystemLoader(str(__import__("pathlib").Path(__file__).with_name("templates")))
TO_WRITE = "To be written by a person"


@dataclass(frozen=True)
class DatasheetSection:
    title: str
    item: ItemView
    ask: list[str]

    @property
    def choices(self):
        return [a for a in self.item.answers if not a.free_text]

    @property
    def notes(self):
        return [a for a in self.item.answers if a.free_text]

    @property
    def open_points(self) -> list[str]:
        return [g for g in self.item.gaps if g.startswith("Not ")]

    @property
    def risks(self) -> list[str]:
        return [g for g in self.item.gaps if not g.startswith("Not ")]

    @property
    def to_write(self) -> list[str]:
        """What a person must still write here: the questions no assessment answers, then open decisions."""
        return [*self.ask, *(f"Decide and describe: {g.split(': ', 1)[1]}" for g in self.open_points)]


def datasheet_sections(report: Report) -> list[DatasheetSection]:
    framework = bundled_frameworks().framework("datasheets")
    view = framework_view(framework, report)
    return [DatasheetSection(i.title, v, i.ask) for i, v in zip(framework.items, view.items, strict=True)]


def _markdown_text(value: object) -> str:
    """User text made safe for one Markdown line: no raw HTML, no line breaks that start new blocks."""
    text = html.escape(str(value), quote=False)
    return re.sub(r"\s+", " ", text).strip()


@lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(loader=TEMPLATES, autoescape=False, undefined=jinja2.StrictUndefined,
                             trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.filters["md"] = _markdown_text
    return env


def render_datasheet(report: Report) -> str:
    """The draft datasheet as Markdown text."""
    sections = datasheet_sections(report)
    return _environment().get_template("datasheet.md.j2").render(
        meta=report.meta, sections=sections, to_write_label=TO_WRITE,
        to_write_count=sum(len(s.to_write) for s in sections),
        version=report.questionnaire.version, has_evidence=report.has_evidence,
    )


DATASHEET_CSS = """
@page { size: A4; margin: 18mm 16mm; @bottom-right { content: "Page " counter(page) " of " counter(pages);
  font-family: "DejaVu Sans", sans-serif; font-size: 8pt; color: #666; } }
body { font-family: "DejaVu Sans", "Liberation Sans", sans-serif; font-size: 9.5pt; line-height: 1.4; color: #1d1d1d; }
h1 { font-size: 17pt; margin: 0 0 6pt; } h2 { font-size: 12.5pt; margin: 16pt 0 4pt; border-bottom: 0.5pt solid #bbb; }
blockquote { margin: 4pt 0; padding: 2pt 8pt; border-left: 2pt solid #bbb; color: #333; }
ul { margin: 2pt 0 6pt; padding-left: 14pt; } li { margin: 1pt 0; } em { color: #555; }
"""


def render_datasheet_html(report: Report) -> str:
    """The draft datasheet as one HTML page (the Markdown rendered; raw HTML in it is shown as text)."""
    from markdown_it import MarkdownIt

    body = MarkdownIt("commonmark", {"html": False}).render(render_datasheet(report))
    title = html.escape(f"Datasheet: {report.meta.assessment}")
    return (f"<!doctype html><html><head><meta charset='utf-8'><title>{title}</title>"
            f"<style>{DATASHEET_CSS}</style></head><body>{body}</body></html>")


def render_datasheet_pdf(report: Report) -> bytes:
    """The draft datasheet as PDF, rendered like the report (limited child process, no outside fetches)."""
    from reports.pdf import html_to_pdf

    return html_to_pdf(render_datasheet_html(report))
