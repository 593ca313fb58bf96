"""Report rendering degrades, never fails: very long text is shortened with a note, and when the PDF still
cannot be made the user gets the HTML report and a clear message."""

from __future__ import annotations

import yaml
from typer.testing import CliRunner

from application import assess
from checks.check_run import CheckRun
from cli import app
from reports import ReportRenderError, build_report, render_pdf
from reports.pdf import MAX_TEXT_RUN, shortened
from tests.reports.conftest import EXAMPLES, example_answers, sample_checks
from tests.reports.pdf_text import pdf_text, squashed


def test_long_text_runs_are_cut_with_a_note_and_styles_are_kept():
    css = "<style>" + "p { color: red; }" * 200 + "</style>"
    html = css + "<td>" + "a&amp;" * 800 + "</td><p>short</p>"
    out = shortened(html)
    assert out.startswith(css)
    cell = out[len(css):].split("</td>")[0]
    assert cell.endswith("… [shortened for the PDF: 1,600 characters in full, see the HTML report]")
    assert len(cell) < MAX_TEXT_RUN + 120 and "&am…" not in cell and "&…" not in cell
    assert out.endswith("<p>short</p>")
    assert shortened("<p>" + "x" * MAX_TEXT_RUN + "</p>") == "<p>" + "x" * MAX_TEXT_RUN + "</p>"


def test_a_100000_character_column_name_still_gives_a_pdf():
    column = "c" * 100_000
    result = assess(example_answers("support_ticket_routing.yaml"), CheckRun(report=sample_checks(column=column)))
    report = build_report(result)
    pdf = render_pdf(report)
    text = squashed(pdf_text(pdf))
    assert "shortenedforthePDF:100,000charactersinfull,seetheHTMLreport" in text
    assert "c" * 5000 not in text


def test_when_the_pdf_fails_the_cli_writes_the_html_report(tmp_path, monkeypatch):
    def failing(*_args, **_kwargs):
        raise ReportRenderError("rendering the PDF took longer than 60 s and was stopped")

    monkeypatch.setattr("reports.render_pdf", failing)
    answers = tmp_path / "answers.yaml"
    answers.write_text(yaml.safe_dump(yaml.safe_load((EXAMPLES / "support_ticket_routing.yaml").read_text())))
    result = CliRunner().invoke(app, ["report", str(answers), "--output", str(tmp_path / "report.pdf")])
    assert result.exit_code == 3
    fallback = tmp_path / "report.html"
    assert result.output.strip() == (f"error: rendering the PDF took longer than 60 s and was stopped. Wrote the HTML "
                                     f"report to {fallback} instead: open it in a browser to read or print it.")
    assert fallback.read_text().startswith("<!DOCTYPE html>")
    assert not (tmp_path / "report.pdf").exists()
