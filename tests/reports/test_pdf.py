"""The PDF: structure (pages, verdict, every action, page numbers), paper sizes, and the render limits."""

from __future__ import annotations

import re
import time

import pytest

from reports import ReportRenderError, render_pdf
from reports.pdf import html_to_pdf
from tests.reports.pdf_text import has_embedded_files, pdf_reader, pdf_text, squashed

A4_WIDTH_PT, LETTER_WIDTH_PT = 595.3, 612.0


@pytest.fixture(scope="module")
def typical_pdf(typical_report):
    return render_pdf(typical_report)  # its speed is measured by `make bench`, not here


def test_structure(typical_report, typical_pdf):
    reader = pdf_reader(typical_pdf)
    pages = len(reader.pages)
    assert 8 <= pages <= 60
    text = pdf_text(typical_pdf)
    flat = squashed(text)
    assert squashed(f"Verdict: {typical_report.scorecard.verdict.label}") in flat
    for action in typical_report.scorecard.actions:
        assert squashed(action.text) in flat, f"action {action.priority} missing from the PDF"
    for n in range(1, pages + 1):
        assert f"Page {n} of {pages}" in text
    assert "Kickoff assessment · revision 3" in text  # running header
    assert not has_embedded_files(typical_pdf)


def test_contents_has_page_references(typical_pdf):
    contents = pdf_reader(typical_pdf).pages[1].extract_text()
    assert re.search(r"Action plan[ .]*\d+", contents)
    assert re.search(r"Appendix [A-C]: How the scores are computed[ .]*\d+", contents)


def test_paper_sizes(typical_report):
    letter = pdf_reader(render_pdf(typical_report, "letter")).pages[0].mediabox
    assert float(letter.width) == pytest.approx(LETTER_WIDTH_PT, abs=1)


def test_a4_is_default(typical_pdf):
    assert float(pdf_reader(typical_pdf).pages[0].mediabox.width) == pytest.approx(A4_WIDTH_PT, abs=1)


def test_time_limit_gives_a_clear_error():
    with pytest.raises(ReportRenderError, match="longer than"):
        html_to_pdf("<p>" + "word " * 200000 + "</p>", time_limit=0.5)


def test_memory_limit_gives_a_clear_error():
    with pytest.raises(ReportRenderError, match="memory"):
        html_to_pdf("<p>tiny</p>", memory_limit_mb=40)


def test_cli_report_writes_pdf_html_and_json(tmp_path):
    import json

    from typer.testing import CliRunner

    from cli import app
    from tests.reports.conftest import EXAMPLES

    out = tmp_path / "r.pdf"
    result = CliRunner().invoke(app, ["report", str(EXAMPLES / "support_ticket_routing.yaml"), "-o", str(out),
                                      "--html", str(tmp_path / "r.html"), "--json", str(tmp_path / "r.json"),
                                      "--paper", "letter", "--project", "Routing", "--author", "Dana"])
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(b"%PDF")
    assert "Routing" in (tmp_path / "r.html").read_text(encoding="utf-8")
    exported = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    from questionnaire import bundled_questionnaire
    from scoring.engine import score
    from tests.reports.conftest import example_answers
    expected = score(bundled_questionnaire(), example_answers("support_ticket_routing.yaml"))
    assert exported["format"] == "readiness-report" and exported["scorecard"]["verdict"] == expected.verdict.value


def test_cli_report_reads_an_assessment_export(tmp_path):
    import json

    from typer.testing import CliRunner

    from cli import app
    from tests.reports.conftest import example_answers

    export = {"format": "readiness-assessment", "format_version": 1,
              "assessment": {"name": "Retrain 4", "project": "Routing", "owner": "Dana", "current_revision": 2,
                             "created_at": "2026-11-01T00:00:00+00:00"},
              "revisions": [{"number": 1, "snapshot": {"answers": {}}},
                            {"number": 2, "snapshot": {"answers": example_answers("best_practice.yaml")}}]}
    source = tmp_path / "export.json"
    source.write_text(json.dumps(export), encoding="utf-8")
    result = CliRunner().invoke(app, ["report", str(source), "-o", str(tmp_path / "r.pdf"),
                                      "--html", str(tmp_path / "r.html")])
    assert result.exit_code == 0, result.output
    html = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert "Retrain 4 · revision 2" in html and "Verdict: <strong>Ready</strong>" in html


def test_cli_report_rejects_invalid_answers(tmp_path):
    from typer.testing import CliRunner

    from cli import app

    bad = tmp_path / "bad.yaml"
    bad.write_text("answers:\n  no_such_question: 1\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["report", str(bad), "-o", str(tmp_path / "r.pdf")])
    assert result.exit_code == 2 and not (tmp_path / "r.pdf").exists()


def test_a_standby_renderer_is_used_once_and_replaced():
    from reports import pdf

    pdf.warm_up()
    first = pdf._standby
    assert first is not None and first.poll() is None
    assert html_to_pdf("<p>standby</p>").startswith(b"%PDF")
    assert first.returncode == 0  # it rendered this document and exited
    assert pdf._standby is not None and pdf._standby is not first and pdf._standby.poll() is None


def test_other_limits_never_take_the_standby_renderer():
    from reports import pdf

    pdf.warm_up()
    standby = pdf._standby
    with pytest.raises(ReportRenderError, match="memory"):
        html_to_pdf("<p>tiny</p>", memory_limit_mb=40)
    assert standby.poll() is not None  # stopped: it had the default limits, not the ones asked for
    assert pdf._standby is not None and pdf._standby.poll() is None


def test_a_standby_renderer_exits_when_its_parent_goes_away():
    from reports import pdf

    child = pdf._start_child(pdf.TIME_LIMIT_SECONDS, pdf.MEMORY_LIMIT_MB)
    out, _ = child.communicate(b"", timeout=30)
    assert child.returncode == 0 and out == b""


def test_warm_up_soon_starts_a_standby_renderer_in_the_background():
    from reports import pdf

    pdf._stop_standby()
    with pdf._standby_lock:
        pdf._standby = None
    pdf.warm_up_soon()  # returns at once; the page that calls it is not held up by the process start
    deadline = time.monotonic() + 30
    while (pdf._standby is None or pdf._standby.poll() is not None) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert pdf._standby is not None and pdf._standby.poll() is None
    assert html_to_pdf("<p>warm</p>").startswith(b"%PDF")
