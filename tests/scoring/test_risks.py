"""Risks by root cause, bounded context and undecided gates, on the small fixture questionnaire."""

from __future__ import annotations

import math
import textwrap

import pytest

from checks.registry import default_thresholds
from questionnaire import bundled_questionnaire, load_questionnaire
from scoring.answers import effective_answers
from scoring.causes import Cause, CauseCatalogue, load_causes
from scoring.claims import bundled_claims
from scoring.config import default_scoring_config
from scoring.engine import score
from scoring.findings import Action, Finding
from scoring.rules import bundled_rules, load_rules
from scoring.scores import area_sizes
from tests.scoring.fixture_questionnaire import AREA, RULES, write_fixture
from vocabulary import FindingKind, Severity, Stage

BEST = {"ctx_impact": ["internal"], "a_choice": "good", "a_share": 50, "a_follow": "yes", "b_sources": ["logs"]}
ALPHA_RULE = RULES + textwrap.indent(textwrap.dedent("""
- id: bad_choice_thin_share
  area: alpha
  severity: high
  when: {all: [{question: a_choice, in: [meh, bad]}, {question: a_share, lt: 20}]}
  title: A weak choice on a thin share
  why: Both together are worse.
  action: {text: Fix both, owner: Data engineer, due: before_labeling}
"""), "  ")
CATALOGUE = CauseCatalogue(causes={
    "choice_quality": Cause(title="The choice is weak", area="alpha", questions=["a_choice"], checks=["coverage"]),
})


@pytest.fixture
def fx(tmp_path):
    root = write_fixture(tmp_path, rules=ALPHA_RULE)
    q = load_questionnaire(root)
    return q, load_rules(q, root / "rules.yaml")


def run(fx, findings=(), **changes):
    q, rules = fx
    return score(q, {**BEST, **changes}, list(findings), ruleset=rules, causes=CATALOGUE)


def alpha(fx, burden: float) -> float:
    q, _ = fx
    return 100 * math.exp(-default_scoring_config().steepness * burden / area_sizes(q)["alpha"])


def coverage(severity: Severity) -> Finding:
    return Finding(id="check:coverage:x", area="beta", severity=severity, title="Thin coverage", why="Measured.",
                   kind=FindingKind.check, source="check:coverage", check="coverage",
                   action=Action(text="Collect", due=Stage.before_first_training))


def test_an_answer_and_a_check_about_one_cause_are_one_risk_that_deducts_once(fx):
    card = run(fx, [coverage(Severity.high)], a_choice="meh")
    assert [r.id for r in card.risks] == ["choice_quality"]
    risk = card.risks[0]
    assert risk.area == "alpha"  # the cause's area, not the check's
    assert risk.severity == Severity.high and risk.kind == FindingKind.check  # the strongest evidence leads
    assert [e.id for e in risk.evidence] == ["check:coverage:x", "a_choice"]
    weight = default_scoring_config().severity_weight[Severity.high]
    assert risk.weight == weight
    assert card.exact["alpha"] == pytest.approx(alpha(fx, weight), abs=1e-3)
    assert card.areas["beta"] == 100


def test_a_rule_replaces_the_answers_of_its_area_that_it_restates(fx):
    card = run(fx, a_choice="meh", a_share=15)
    risk = card.risk_of("rule:bad_choice_thin_share")
    assert risk is card.risk_of("a_choice") is card.risk_of("a_share")
    assert len(card.risks_in("alpha")) == 1 and risk.kind == FindingKind.rule
    assert risk.weight == pytest.approx(0.4 + 0.4)  # never cheaper than the answers it restates


def test_context_raises_one_step_and_names_the_context(fx):
    card = run(fx, a_choice="meh", ctx_impact=["safety_critical"])
    risk = card.risk_of("a_choice")
    assert risk.severity == Severity.high
    assert risk.adjustments == ["raised one step: safety-critical use"]
    plain = run(fx, a_choice="meh")
    assert card.exact["alpha"] < plain.exact["alpha"]  # the context weighs in the score too


def test_context_never_makes_a_finding_critical_on_its_own(fx):
    risk = run(fx, a_choice="bad", ctx_impact=["safety_critical"]).risk_of("a_choice")
    assert risk.severity == Severity.high
    assert risk.adjustments == ["weighs more, already high: safety-critical use"]


def test_context_never_raises_a_near_best_practice_answer(tmp_path):
    area = textwrap.dedent(AREA).replace(
        "risk: 0.4, finding: Meh finding", "risk: 0.2, finding: Meh finding")
    root = write_fixture(tmp_path, area=area)
    q = load_questionnaire(root)
    answers = {**BEST, "a_choice": "meh", "ctx_impact": ["safety_critical"]}
    card = score(q, answers, ruleset=load_rules(q, root / "rules.yaml"))
    risk = card.risk_of("a_choice")
    assert risk.severity == Severity.low and risk.adjustments == []


def test_an_undecided_gate_counts_its_hidden_follow_up_as_undecided(fx):
    q, _ = fx
    assert effective_answers(q, {**BEST, "a_share": 0})["a_share"] == 0
    assert "a_follow" not in effective_answers(q, {**BEST, "a_share": 0})  # decided: the follow-up does not apply
    assert effective_answers(q, {**BEST, "a_share": "unknown"})["a_follow"] == "unknown"
    card = run(fx, a_share="unknown")
    assert card.answered == card.applicable - 2


def test_best_practice_answers_raise_nothing(fx):
    assert run(fx).risks == []


def test_the_bundled_causes_name_registered_checks_only():
    catalogue = load_causes(bundled_questionnaire(), bundled_rules(), bundled_claims(),
                            check_ids=set(default_thresholds()))
    assert catalogue.causes
    for cause in catalogue.causes.values():
        assert cause.questions or cause.rules or cause.checks or cause.claims


def test_evidence_named_by_two_causes_is_refused(tmp_path):
    path = tmp_path / "causes.yaml"
    path.write_text("causes:\n  one: {title: One, area: annotation, checks: [drift]}\n"
                    "  two: {title: Two, area: annotation, checks: [drift]}\n")
    with pytest.raises(ValueError, match="named by causes 'one' and 'two'"):
        load_causes(bundled_questionnaire(), bundled_rules(), bundled_claims(), path)
