"""Golden HTML of every report section, with a fixed clock and a sample check report.

Regenerate after an intended change with `UPDATE_GOLDEN=1 pytest tests/reports/test_golden.py`
and review the diff. Chart SVGs are replaced by a placeholder: vl-convert's exact output is its
own business; the charts are covered by the PDF tests and by looking at the pages.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from reports import render_section
from reports.context import sections

GOLDEN = Path(__file__).with_name("golden")
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"


def normalise(html: str) -> str:
    html = re.sub(r"<svg\b.*?</svg>", "<svg>(chart)</svg>", html, flags=re.DOTALL)
    html = re.sub(r"Generated \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC", "Generated (time)", html)
    return "\n".join(line.rstrip() for line in html.splitlines() if line.strip()) + "\n"


def section_ids(report) -> list[str]:
    return ["cover", "contents", *(s.id for s in sections(report))]


def test_every_section_has_a_golden(typical_report):
    ids = section_ids(typical_report)
    assert len(ids) == len(set(ids))
    if not UPDATE:
        missing = [i for i in ids if not (GOLDEN / f"{i}.html").exists()]
        assert not missing, f"no golden for {missing}; run with UPDATE_GOLDEN=1"


@pytest.mark.parametrize("section_id", [
    "cover", "contents", "summary", "actions", "evidence", "area-representativeness", "area-edge_cases",
    "area-annotation", "area-volume_quality", "area-shift_maintenance", "area-label_validity",
    "area-data_governance", "appendix-checks", "appendix-method",
    "appendix-questionnaire", "appendix-frameworks",
])
def test_section_matches_golden(typical_report, section_id):
    html = normalise(render_section(typical_report, section_id))
    path = GOLDEN / f"{section_id}.html"
    if UPDATE:
        path.parent.mkdir(exist_ok=True)
        path.write_text(html, encoding="utf-8")
    assert path.exists(), f"missing golden {path.name}; run with UPDATE_GOLDEN=1"
    assert html == path.read_text(encoding="utf-8"), f"{section_id} differs from its golden file"


def test_sections_without_data_leave_out_evidence():
    from application import assess
    from reports import build_report
    from tests.reports.conftest import example_answers, fixed_clock

    report = build_report(assess(example_answers("support_ticket_routing.yaml")), clock=fixed_clock)
    ids = [s.id for s in sections(report)]
    assert "evidence" not in ids and "appendix-checks" not in ids
    assert "Evidence from the data" not in render_section(report, "area-representativeness")
