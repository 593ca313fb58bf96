"""The first pages tell the truth in plain words: verdict, stage gates, what the scores rest on, the risks
that matter in everyday language, where each comes from, and a plan a kickoff can work through."""

from __future__ import annotations

import html
import re

import pytest

from application import assess
from checks.check_run import CheckRun
from questionnaire import bundled_questionnaire
from reports import build_report, render_section
from reports.context import TOP_ACTIONS, build_context
from reports.glossary import terms_in
from tests.answer_sets import extreme_answers
from tests.reports.conftest import example_answers, fixed_clock, sample_checks

FIRST_PAGES = ("cover", "summary", "actions")


def text_of(markup: str) -> str:
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", markup)))


def reports():
    q = bundled_questionnaire()
    typical = example_answers("support_ticket_routing.yaml")
    return {
        "typical": build_report(assess(typical), clock=fixed_clock),
        "typical with data": build_report(assess(typical, CheckRun(report=sample_checks())), clock=fixed_clock),
        "worst": build_report(assess(extreme_answers(q, worst=True)), clock=fixed_clock),
        "best": build_report(assess(extreme_answers(q, worst=False)), clock=fixed_clock),
    }


REPORTS = reports()


@pytest.mark.parametrize("name", REPORTS)
def test_first_pages_carry_no_jargon(name):
    """GroupKFold, temperature scaling, PSI and friends belong in the appendix, next to the glossary."""
    report = REPORTS[name]
    for section in FIRST_PAGES:
        assert terms_in(text_of(render_section(report, section))) == [], section


def test_a_technical_data_finding_reaches_the_summary_without_its_jargon():
    """Data checks explain themselves with statistics (PSI, Jensen-Shannon); the summary keeps the plain title
    and where it comes from, and leaves the statistics to the area section."""
    from scoring.findings import Finding
    from vocabulary import Severity
    technical = Finding(id="check:drift:psi", area="representativeness", severity=Severity.critical,
                        title="4 of 17 columns differ between training and production",
                        why="Production differs in latency_ms (PSI 0.81) and region (JS 0.35).", kind="check",
                        source="check:drift", check="drift")
    checks = sample_checks()
    checks.findings.append(technical)
    report = build_report(assess(example_answers("support_ticket_routing.yaml"), CheckRun(report=checks)),
                          clock=fixed_clock)
    summary = text_of(render_section(report, "summary"))
    assert "4 of 17 columns differ between training and production" in summary
    assert terms_in(summary) == []
    assert "PSI 0.81" in text_of(render_section(report, "area-representativeness"))


def test_the_glossary_explains_the_terms_the_appendix_uses():
    report = REPORTS["typical"]
    appendix = text_of(render_section(report, "appendix-actions"))
    glossary = text_of(render_section(report, "appendix-glossary"))
    used = terms_in(appendix)
    assert {"GroupKFold", "Temperature scaling"} <= set(used)
    assert all(term in glossary for term in used)


def test_cover_shows_stage_gates_and_the_evidence_basis():
    cover = text_of(render_section(REPORTS["typical"], "cover"))
    for gate in ("Ready to kick off", "Ready to label at scale", "Ready to train", "Ready to launch"):
        assert gate in cover
    assert "rests on the team's own answers" in cover
    with_data = text_of(render_section(REPORTS["typical with data"], "cover"))
    assert "backed by" in with_data and "data check" in with_data


def test_a_blocked_gate_names_what_blocks_it_and_best_practice_blocks_nothing():
    context = build_context(REPORTS["worst"])
    assert all(not g.ready and g.blockers for g in context["gates"])
    best = build_context(REPORTS["best"])
    assert all(g.ready and not g.blockers for g in best["gates"])


def test_provenance_is_told_in_words_not_ids():
    summary = text_of(render_section(REPORTS["typical"], "summary"))
    assert "Raised by your answer to \u201c" in summary
    assert not re.search(r"answer:[a-z_]+=", summary)
    area = text_of(render_section(REPORTS["typical"], "area-representativeness"))
    assert "Raised by your answer to \u201cHow will the evaluation set be separated from the training data?\u201d" \
        in area
    assert not re.search(r"\b(answer|rule|check|claim):[a-z_]+", area)


def test_the_high_risk_sentence_appears_only_with_high_risks():
    for report in REPORTS.values():
        summary = text_of(render_section(report, "summary"))
        high = sum(1 for r in report.scorecard.risks if r.severity.rank >= 2)
        if not high:
            assert "high risks in the action plan come first" not in summary


def test_action_plan_shows_the_top_actions_and_the_appendix_all():
    report = REPORTS["worst"]
    context = build_context(report)
    assert len(context["first_actions"]) == min(TOP_ACTIONS, len(report.scorecard.actions))
    plan = text_of(render_section(report, "actions"))
    appendix = text_of(render_section(report, "appendix-actions"))
    assert all(a.text in appendix for a in report.scorecard.actions)
    assert sum(1 for a in report.scorecard.actions if a.text in plan) == len(context["first_actions"])
