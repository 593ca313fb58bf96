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
