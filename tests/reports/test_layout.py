"""How the full report sits on paper, for the three shipped examples (answers only).

A reviewer reads page 3 as the executive summary: all of it must be on that page, the action plan
starting on the next. The report must not waste paper: after the summary and the action plan, sections
follow on, so no page holds only the tail of a section, and the last page is not two stray lines.
Moments print as 'date time' (a line may break between them, never inside a timestamp), and shares
read as percents the same way everywhere.
"""

from __future__ import annotations

import pytest

from application import assess
from reports import build_report, render_pdf
from reports.context import build_context
from reports.evidence import fmt, humanize
from tests.reports.conftest import example_answers, fixed_clock
from tests.reports.pdf_text import pdf_reader, squashed
from vocabulary import share_text

EXAMPLE_NAMES = ["best_practice.yaml", "support_ticket_routing.yaml", "worst_practice.yaml"]
MIN_LINES = 8  # text lines (running header and footer included) below which a page counts as nearly empty


@pytest.fixture(scope="module", params=EXAMPLE_NAMES)
def rendered(request):
    report = build_report(assess(example_answers(request.param)), project="Support ticket routing",
                          clock=fixed_clock)
    pages = [page.extract_text() or "" for page in pdf_reader(render_pdf(report)).pages]
    return request.param, report, pages


def _page_of(pages: list[str], heading: str) -> int:
    return next(i for i, text in enumerate(pages) if any(line.strip() == heading for line in text.splitlines()))


def test_the_executive_summary_fits_one_page(rendered):
    name, report, pages = rendered
    summary, plan = _page_of(pages, "Executive summary"), _page_of(pages, "Action plan")
    assert plan == summary + 1, f"{name}: the summary runs over {plan - summary} pages"
    stages = build_context(report)["stage_plan"]
    for stage in stages:  # the last row of its table ("Each retrain") used to spill onto the next page
        assert squashed(stage.stage) in squashed(pages[summary]), f"{name}: '{stage.stage}' is not on the summary page"


def test_no_nearly_empty_pages_and_no_stray_last_page(rendered):
    name, report, pages = rendered
    lines = [len([line for line in text.splitlines() if line.strip()]) for text in pages]
    summary = _page_of(pages, "Executive summary")
    sparse = [i + 1 for i, n in enumerate(lines) if n < MIN_LINES and i > summary]
    assert not sparse, f"{name}: pages {sparse} are nearly empty ({lines})"
    assert lines[-1] >= 2 * MIN_LINES, f"{name}: the last page has {lines[-1]} lines"


def test_moments_break_between_date_and_time_and_shares_read_as_percents():
    assert fmt("2025-01-01T02:34:52") == "2025-01-01 02:34:52"
    assert fmt("2025-01-01T02:34:52.123456") == "2025-01-01 02:34:52"
    assert fmt("2025-01-01") == "2025-01-01" and fmt("T-shirt") == "T-shirt"
    assert fmt(0.3906, "duplicate_share") == share_text(0.3906) == "39.1 %"
    assert fmt(0.3906, "alpha") == "0.391"  # not a share: a statistic stays a number
    assert [share_text(x) for x in (0, 0.0035, 0.05, 0.123456, 1)] == ["0 %", "0.35 %", "5 %", "12.3 %", "100 %"]


def test_metric_names_read_as_labels():
    assert humanize("psi_epsilon") == "PSI epsilon" and humanize("auc") == "AUC"
    assert humanize("n_pairable_items") == "Number of pairable items"
    assert humanize("columns_drifted") == "Columns drifted"
    assert humanize("shared_ids") == "Shared IDs" and humanize("n") == "N"
