"""The framework appendix reads each item against the answers: addressed, partly, gap, not applicable."""

from __future__ import annotations

from application import assess
from questionnaire import bundled_questionnaire
from reports import build_report
from reports.frameworks import framework_views
from tests.answer_sets import extreme_answers, undecided_answers
from tests.reports.conftest import example_answers, fixed_clock

Q = bundled_questionnaire()


def _items(answers, framework="eu_ai_act_art10"):
    views = {v.id: v for v in framework_views(build_report(assess(answers), clock=fixed_clock))}
    return {i.code: i for i in views[framework].items}


def test_best_practice_addresses_every_applicable_article_10_item():
    items = _items(extreme_answers(Q, worst=False))
    assert {i.status for i in items.values()} <= {"addressed", "not_applicable"}
    assert items["10(2)(d)"].status == "addressed" and not items["10(2)(d)"].gaps


def test_undecided_answers_leave_gaps_named_by_topic():
    items = _items(undecided_answers(Q))
    assert items["10(2)(d)"].status == "gap"
    assert "Not decided yet: Labels checked against a reference standard" in items["10(2)(d)"].gaps


def test_risky_answers_are_listed_with_their_finding():
    items = _items(example_answers("support_ticket_routing.yaml"))
    d = items["10(2)(d)"]
    assert d.status == "partly"
    assert "The labels are a known proxy whose gap to the target is unmeasured (high)" in d.gaps
    assert any(a.topic == "Label source" and a.severity == "low" for a in d.answers)
    assert any("No sample data checked" in e for e in d.evidence)  # no checks ran for this report


def test_fairness_items_do_not_apply_to_an_internal_tool_and_ml_test_score_names_what_it_leaves_out():
    answers = extreme_answers(Q, worst=False)  # internal users, no decisions about people
    nist = _items(answers, "nist_ai_rmf")
    assert nist["MEASURE 2.11"].status == "not_applicable"
    data_tests = _items(answers, "ml_test_score_data")
    assert data_tests["Data 2"].status == "outside" and data_tests["Data 2"].gaps
