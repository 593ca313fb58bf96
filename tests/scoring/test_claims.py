"""Claims versus evidence: an answer and a measurement that disagree become a `claim` finding."""

from __future__ import annotations

import textwrap

import pytest

from questionnaire import QuestionnaireError, load_questionnaire
from scoring.claims import claim_findings, load_claims
from scoring.engine import effective_answers, score
from scoring.rules import load_rules
from tests.scoring.fixture_questionnaire import write_fixture

CLAIMS = """
claims:
  - id: share_vs_measured
    area: alpha
    severity: high
    answer: a_share
    when: {question: a_share, gte: 10}
    evidence: {check: coverage, metric: stats.min_share, below_answer: true}
    title: The data is thinner than the answer says
    why: "You planned at least {claimed} while the data has {measured}."
    action: {text: Collect more, owner: Data engineer, due: before_labeling}
  - id: good_vs_drift
    area: beta
    severity: medium
    answer: a_choice
    when: {question: a_choice, equals: good}
    evidence: {check: drift, metric: drifted, gte: 1}
    title: Claimed good, but columns drift
    why: "Answered {claimed}; {measured} columns drift."
    action: {text: Compare with production, owner: ML engineer, due: before_first_training}
"""


@pytest.fixture
def fx(tmp_path):
    root = write_fixture(tmp_path)
    (root / "claims.yaml").write_text(textwrap.dedent(CLAIMS))
    q = load_questionnaire(root)
    return q, load_claims(q, root / "claims.yaml"), load_rules(q, root / "rules.yaml")


def found(fx, answers, metrics):
    q, claims, _ = fx
    return {f.id: f for f in claim_findings(q, effective_answers(q, answers), metrics, claims)}


@pytest.mark.parametrize(("measured", "fires"), [(14.99, True), (15, False)])
def test_below_answer_compares_with_the_claimed_number(fx, measured, fires):
    result = found(fx, {"a_share": 15}, {"coverage": {"stats": {"min_share": measured}}})
    assert ("claim:share_vs_measured" in result) is fires
    if fires:
        claim = result["claim:share_vs_measured"]
        assert claim.kind == "claim" and claim.question_id == "a_share" and claim.check == "coverage"
        assert claim.why == "You planned at least 15 while the data has 14.99."
        assert claim.metrics == {"claimed": 15, "measured": 14.99, "metric": "stats.min_share"}


@pytest.mark.parametrize(("drifted", "fires"), [(0, False), (1, True)])
def test_threshold_evidence_fires_at_its_bound(fx, drifted, fires):
    result = found(fx, {"a_choice": "good"}, {"drift": {"drifted": drifted}})
    assert ("claim:good_vs_drift" in result) is fires
    if fires:
        assert result["claim:good_vs_drift"].why == "Answered Good; 1 columns drift."


def test_no_claim_without_the_answer_or_the_measurement(fx):
    assert found(fx, {"a_choice": "meh"}, {"drift": {"drifted": 3}}) == {}
    assert found(fx, {"a_choice": "good"}, {}) == {}
    assert found(fx, {"a_choice": "good"}, {"drift": {"drifted": None}}) == {}
    assert found(fx, {"a_choice": "good"}, {"drift": {"drifted": float("nan")}}) == {}


def test_claims_count_in_the_scorecard_when_metrics_are_given(fx):
    q, claims, rules = fx
    answers = {"a_choice": "good", "a_share": 50, "a_follow": "yes", "b_sources": ["logs"]}
    plain = score(q, answers, ruleset=rules, claims=claims)
    with_data = score(q, answers, ruleset=rules, claims=claims, check_metrics={"drift": {"drifted": 2}},
                      checks_run={"drift": "beta"})
    assert plain.areas["beta"] == 100
    assert [r.id for r in with_data.risks] == ["claim:good_vs_drift"]
    assert with_data.areas["beta"] < 100
    assert with_data.basis["beta"].data and with_data.basis["beta"].claims_contradicted == 1
    assert not with_data.basis["alpha"].data and not plain.basis["beta"].data


def test_a_claim_the_data_does_not_contradict_counts_as_confirmed(fx):
    q, claims, rules = fx
    answers = {"a_choice": "good", "a_share": 50, "a_follow": "yes", "b_sources": ["logs"]}
    card = score(q, answers, ruleset=rules, claims=claims, check_metrics={"drift": {"drifted": 0}},
                 checks_run={"drift": "beta"})
    assert card.risks == []
    assert (card.basis["beta"].claims_confirmed, card.basis["beta"].claims_contradicted) == (1, 0)


def test_claim_quoting_an_unknown_question_is_refused(tmp_path):
    root = write_fixture(tmp_path)
    (root / "claims.yaml").write_text(textwrap.dedent(CLAIMS).replace("answer: a_choice", "answer: nope"))
    with pytest.raises(QuestionnaireError, match="nope"):
        load_claims(load_questionnaire(root), root / "claims.yaml")


def test_evidence_needs_exactly_one_test(tmp_path):
    root = write_fixture(tmp_path)
    (root / "claims.yaml").write_text(textwrap.dedent(CLAIMS).replace("gte: 1}", "gte: 1, lt: 5}"))
    with pytest.raises(QuestionnaireError, match="exactly one of"):
        load_claims(load_questionnaire(root), root / "claims.yaml")
