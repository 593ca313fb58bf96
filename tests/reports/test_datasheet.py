"""The datasheet draft: golden Markdown for the support example, every section marked for a person, safe text.

A reviewer expects the draft to say only what the assessment says (answers, notes, check outcomes, the
risks they raise), to put every open decision and every question no assessment can answer under
"To be written by a person", and never to let user text break the Markdown.
"""

from __future__ import annotations

import os
from pathlib import Path

from typer.testing import CliRunner

from application import assess
from checks.check_run import CheckRun
from cli import app
from reports import build_report
from reports.datasheet import TO_WRITE, datasheet_sections, render_datasheet
from tests.reports.conftest import EXAMPLES, example_answers, fixed_clock, sample_checks

GOLDEN = Path(__file__).with_name("golden") / "datasheet-support.md"
SECTIONS = ["Motivation", "Composition", "Collection process", "Preprocessing, cleaning and labeling", "Uses",
            "Distribution", "Maintenance"]


def _report(answers, checks=None, **kwargs):
    return build_report(assess(answers, CheckRun(report=checks) if checks else None), clock=fixed_clock, **kwargs)


def _support(checks=None):
    return _report(example_answers("support_ticket_routing.yaml"), checks,
                   assessment="Support ticket routing", project="Helpdesk")


def test_support_example_matches_the_golden_datasheet():
    text = render_datasheet(_support())
    if os.environ.get("UPDATE_GOLDEN") == "1":
        GOLDEN.write_text(text, encoding="utf-8")
    assert text == GOLDEN.read_text(encoding="utf-8"), "regenerate with UPDATE_GOLDEN=1 and read the diff"


def test_every_section_is_present_and_asks_a_person_for_something():
    text = render_datasheet(_support())
    headings = [line[3:].split(". ", 1)[1] for line in text.splitlines() if line.startswith("## ")]
    assert headings == SECTIONS
    assert text.count(f"**{TO_WRITE}:**") == len(SECTIONS)
    for section in datasheet_sections(_support()):
        assert section.to_write, section.title


def test_notes_answers_and_risks_land_in_their_sections():
    sections = {s.title: s for s in datasheet_sections(_support())}
    labeling = sections["Preprocessing, cleaning and labeling"]
    assert any("final team" in n.answer for n in labeling.notes)
    assert "The labels are a known proxy whose gap to the target is unmeasured (high)" in labeling.risks
    assert any(a.topic == "Project phase" for a in sections["Motivation"].choices)


def test_open_decisions_become_points_to_write():
    answers = {k: v for k, v in example_answers("support_ticket_routing.yaml").items() if k != "shift_versioning"}
    maintenance = next(s for s in datasheet_sections(_report(answers))
                       if s.title == "Maintenance")
    assert "Decide and describe: Dataset versioning and lineage" in maintenance.to_write


def test_check_results_become_evidence():
    text = render_datasheet(_support(checks=sample_checks()))
    assert "*Data check 'Inter-annotator agreement': nothing found*" in text
    assert "No sample data checked" not in text


def test_user_text_cannot_inject_markup_or_headings():
    answers = {**example_answers("support_ticket_routing.yaml"),
               "ctx_notes": "Fine <script>alert(1)</script>\n\n# Not a heading\n- not a list"}
    text = render_datasheet(_report(answers, assessment="<b>x</b>"))
    assert "<script>" not in text and "<b>" not in text
    assert "\n# Not a heading" not in text and "&lt;script&gt;" in text


def test_cli_writes_the_same_draft(tmp_path):
    out = tmp_path / "datasheet.md"
    result = CliRunner().invoke(app, ["datasheet", str(EXAMPLES / "support_ticket_routing.yaml"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "to be written by a person" in result.output
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# Datasheet: ") and "## 7. Maintenance" in text
    bad = CliRunner().invoke(app, ["datasheet", str(tmp_path / "missing.yaml"), "-o", str(out)])
    assert bad.exit_code == 2


def test_the_pdf_draft_has_every_section_and_the_marks(tmp_path):
    import io

    from pypdf import PdfReader

    out = tmp_path / "datasheet.pdf"
    result = CliRunner().invoke(app, ["datasheet", str(EXAMPLES / "support_ticket_routing.yaml"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    text = "\n".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(out.read_bytes())).pages)
    assert all(title in text for title in SECTIONS)
    assert text.count(TO_WRITE) >= len(SECTIONS) and "Page 1 of" in text
