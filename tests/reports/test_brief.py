"""The kickoff brief: at most 6 pages with its sections, for the three shipped examples with and without data.

"With data" means real checks on generated samples with a known production shift (the same generator
the benchmarks use), so the brief's evidence basis reads "backed by data" and the data's findings can
reach the top risks and actions. The CLI test covers `readiness report --brief` end to end.
"""

from __future__ import annotations

import datetime as dt
import os
import re

import pytest
import yaml
from typer.testing import CliRunner

from application import assess
from assessments.signoff import Signatory
from benchmarks import datagen
from checks.check_run import CheckRun
from checks.registry import run_checks
from checks.sources import build_inputs
from cli import app
from reports import build_report
from reports.brief import MAX_PAGES, MIN_SIGNOFF_LINES, render_brief_html, render_brief_pdf, stage_actions
from reports.context import build_context
from scoring.actions import TOP_ACTIONS, top_actions
from tests.reports.conftest import EXAMPLES, example_answers, fixed_clock
from tests.reports.pdf_text import pdf_reader, pdf_text, squashed

EXAMPLE_NAMES = ["best_practice.yaml", "support_ticket_routing.yaml", "worst_practice.yaml"]
SECTIONS = ["Verdict:", "Stage by stage", "What the scores rest on", "The risks that matter most",
            "What must happen, by stage", "Sign-off"]
GOLDEN = EXAMPLES.parent / "tests" / "reports" / "golden" / "brief-support.html"


@pytest.fixture(scope="module")
def sample_run(tmp_path_factory) -> CheckRun:
    files = datagen.write_samples(tmp_path_factory.mktemp("brief-data"), 2000, 600, 300, fmt="csv")
    report = run_checks(build_inputs(files["train"], files["production"], files["annotations"], label="label",
                                     time="timestamp", text="text", id="id", segment=["region"], item_col="item_id",
                                     annotator_col="annotator", annotation_label_col="label"))
    return CheckRun(report=report)


SIGNERS = [Signatory(name="Dana Reyes", role="Product owner", signed_on=dt.date(2026, 11, 30)),
           Signatory(name="Sam Okafor", role="Annotation lead")]


@pytest.mark.parametrize("with_data", [False, True], ids=["answers only", "with data"])
@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_brief_is_short_and_has_every_section(name, with_data, request):
    run = request.getfixturevalue("sample_run") if with_data else None
    result = assess(example_answers(name), run)
    report = build_report(result, project="Support ticket routing", revision=2, clock=fixed_clock, signoff=SIGNERS)
    pdf = render_brief_pdf(report)
    pages = len(pdf_reader(pdf).pages)
    assert 1 <= pages <= MAX_PAGES, f"{name}: {pages} pages"
    text = squashed(pdf_text(pdf))
    for heading in SECTIONS:
        assert squashed(heading) in text, f"{name}: no '{heading}'"
    assert squashed("Dana Reyes") in text and "2026-11-30" in text and squashed("Annotation lead") in text
    card = result.scorecard
    basis = build_context(report)["basis"]
    assert basis.data_backed == with_data and squashed(basis.sentence)[:60] in text
    # every stage that has an action due shows at least one of them, with its owner
    for group in stage_actions(top_actions(card.actions, TOP_ACTIONS), card.actions):
        assert squashed(group.stage) in text
        assert all(squashed(a.owner) in text for a in group.actions)
    assert squashed(card.verdict.label) in text


def test_sign_off_lines_are_printed_empty_when_nobody_was_entered():
    report = build_report(assess(example_answers("support_ticket_routing.yaml")), clock=fixed_clock)
    html = render_brief_html(report)
    rows = re.findall(r"<tr><td class=\"user-text\">(.*?)</td>", html.split('id="signoff"')[1])
    assert rows == [""] * MIN_SIGNOFF_LINES


def test_brief_reuses_the_full_report_parts_and_matches_its_golden():
    """The cover and the top risks are the full report's own partials, so they read the same in both."""
    from reports import render_section
    report = build_report(assess(example_answers("support_ticket_routing.yaml")), project="Support ticket routing",
                          assessment="Kickoff assessment", revision=3, author="Dana Reyes", clock=fixed_clock,
                          signoff=SIGNERS)
    html = render_brief_html(report)
    summary = render_section(report, "summary")
    top = summary[summary.index('<ol class="top-risks">'):summary.index("</ol>")]
    assert top in html
    html = re.sub(r"<svg\b.*?</svg>", "<svg>(chart)</svg>", html, flags=re.DOTALL)
    html = re.sub(r"<style>.*?</style>", "<style>(styles)</style>", html, flags=re.DOTALL)
    html = "\n".join(line.rstrip() for line in html.splitlines() if line.strip()) + "\n"
    if os.environ.get("UPDATE_GOLDEN") == "1":
        GOLDEN.write_text(html, encoding="utf-8")
    assert html == GOLDEN.read_text(encoding="utf-8"), "the brief differs from its golden; UPDATE_GOLDEN=1 to review"


def test_cli_writes_the_brief_with_the_sign_off_an_export_carries(tmp_path):
    """`readiness report EXPORT --brief` prints the sign-off stored with the exported revision."""
    from assessments import Store
    store = Store.open(f"sqlite:///{tmp_path / 'a.db'}")
    created = store.create("Routing kickoff", project="Support ticket routing")
    version = store.save_answers(created.id, example_answers("support_ticket_routing.yaml"),
                                 expected_version=created.version)
    store.save_signoff(created.id, SIGNERS, expected_version=version)
    export = tmp_path / "export.yaml"
    export.write_text(store.export(created.id), encoding="utf-8")
    store.close()
    assert yaml.safe_load(export.read_text())["revisions"][0]["snapshot"]["signoff"][0]["name"] == "Dana Reyes"
    out = tmp_path / "brief.pdf"
    result = CliRunner().invoke(app, ["report", str(export), "--brief", "-o", str(out)])
    assert result.exit_code == 0, result.output
    pdf = out.read_bytes()
    assert len(pdf_reader(pdf).pages) <= MAX_PAGES
    text = squashed(pdf_text(pdf))
    assert "KickoffbriefRouting" in text or squashed("Kickoff brief") in text
    assert squashed("Dana Reyes") in text and squashed("Sam Okafor") in text
    assert squashed("Appendix") not in text  # the brief, not the full report
