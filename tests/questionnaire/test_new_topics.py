"""Topics added in questionnaires 2026.12.1-2 raise what a senior reviewer would raise, and nothing on best practice.

Cases, with what a reviewer concludes:
- a fraud model whose holds decide which transactions are investigated, retrained on those outcomes:
  censored labels and a feedback loop are its first risks (high);
- a credit model: fairness across groups must be examined, and leaving it open is itself a risk;
- production logs next to scraped and purchased data: each risky source raises its own finding
  (`aggregate: each`) and its own licence / provenance question;
- the best option of every new question raises no finding.
"""

from __future__ import annotations

import pytest

from questionnaire import QuestionType, bundled_questionnaire
from questionnaire.migration import frozen_version
from scoring.engine import score
from scoring.findings import Severity
from tests.answer_sets import extreme_answers, satisfying

Q = bundled_questionnaire()
# every decision question v2 added (the new context questions decide visibility and are not scored)
NEW = [q for a in Q.scored_areas() for q in a.questions if q.id not in frozen_version("2026.11.1").questions]

FRAUD = {
    "ctx_task_type": "classification", "ctx_modality": ["tabular"], "ctx_impact": ["customer_facing"],
    "ctx_error_cost": "high", "ctx_production_data": "existing_logged", "ctx_privacy": ["personal_data"],
    "ctx_phase": "production", "ctx_labels_exist": "existing",
    "rep_sources": ["production_logs"], "shift_retrain_cadence": "scheduled",
    "lab_source": ["business_field"], "lab_censored": "censored", "lab_feedback_loop": "not_considered",
}
CREDIT = {
    "ctx_task_type": "classification", "ctx_modality": ["tabular"], "ctx_impact": ["regulated"],
    "ctx_error_cost": "high", "ctx_production_data": "existing_logged", "ctx_privacy": ["personal_data"],
    "ctx_phase": "production", "lab_source": ["business_field"],
}


def _risks(answers):
    return {r.id: r for r in score(Q, answers).risks}


def test_fraud_model_with_holds_raises_censored_labels_and_feedback_loop_as_high_risks():
    risks = _risks(FRAUD)
    assert risks["lab_censored"].severity == Severity.high
    assert risks["lab_feedback_loop"].severity == Severity.high
    assert "lab_source:business_field" in risks
    fixed = _risks({**FRAUD, "lab_censored": "random_holdout", "lab_feedback_loop": "exploration"})
    assert "lab_censored" not in fixed and "lab_feedback_loop" not in fixed


def test_credit_model_raises_fairness_when_open_and_more_severely_than_an_unregulated_one():
    open_questions = _risks(CREDIT)
    assert {"fair_groups", "fair_eval", "fair_label_bias", "fair_proxies"} <= set(open_questions)
    answered = {**CREDIT, "fair_groups": "informal", "fair_eval": "reported", "fair_label_bias": "suspected",
                "fair_proxies": "partly"}
    regulated = _risks(answered)
    unregulated = _risks({**answered, "ctx_impact": ["customer_facing"]})
    for qid in ("fair_groups", "fair_eval", "fair_label_bias", "fair_proxies"):
        assert regulated[qid].severity == unregulated[qid].severity.shifted(1), qid
        assert "regulated_raises_fairness" in regulated[qid].modified_by


def test_no_fairness_questions_for_an_internal_tool_that_decides_nothing_about_people():
    internal = {**CREDIT, "ctx_impact": ["internal"], "ctx_people_affected": "no"}
    assert not any(r.startswith("fair_") for r in _risks(internal))
    assert any(r.startswith("fair_") for r in _risks({**internal, "ctx_people_affected": "yes"}))


def test_scraped_and_purchased_sources_raise_licence_and_provenance_despite_production_logs():
    best = {k: v for k, v in extreme_answers(Q, worst=False).items() if not k.startswith("gov_rights_")}
    mixed = {**best, "rep_sources": ["production_logs", "scraped", "purchased"]}
    undecided = _risks(mixed)
    assert {"rep_sources:scraped", "rep_sources:purchased"} <= set(undecided)  # production logs hide neither
    assert "rep_sources:production_logs" not in undecided
    assert "licence" in undecided["rep_sources:scraped"].why and "licence" in undecided["rep_sources:purchased"].why
    assert {"gov_rights_scraped", "gov_rights_purchased"} <= set(undecided)
    decided = _risks({**mixed, "gov_rights_scraped": "recorded_unchecked", "gov_rights_purchased": "training_only"})
    assert decided["gov_rights_scraped"].title == "The terms of scraped sources are unchecked"
    assert decided["gov_rights_purchased"].area == "data_governance"
    clean = _risks({**mixed, "gov_rights_scraped": "checked_recorded", "gov_rights_purchased": "granted"})
    assert not {"gov_rights_scraped", "gov_rights_purchased"} & set(clean)


def test_each_risky_label_source_raises_its_own_finding():
    risks = _risks({**FRAUD, "lab_source": ["human_annotation", "business_field", "model_labels"]})
    assert {"lab_source:business_field", "lab_source:model_labels"} <= set(risks)
    assert "lab_source:human_annotation" not in risks and "lab_source" not in risks


@pytest.mark.parametrize("question", [q for q in NEW if q.scored], ids=lambda q: q.id)
def test_best_option_of_every_new_question_raises_nothing(question):
    answers = {**extreme_answers(Q, worst=False), **(satisfying(question.show_if, Q) if question.show_if else {})}
    if question.options:
        best = min(question.options, key=lambda o: o.risk)
        answers[question.id] = [best.value] if question.type == QuestionType.multi else best.value
    else:
        answers[question.id] = next(b.lt - 1 for b in question.bands if b.risk == 0 and b.lt)
    assert Q.visible(question, answers)
    assert not [r for r in score(Q, answers).risks if r.question_id == question.id]


def test_every_new_risky_option_has_its_own_why_owner_and_due_stage():
    for q in NEW:
        for choice in [*q.options, *q.bands]:
            if choice.risk > 0:
                assert choice.why and choice.why.strip() != q.help.strip(), q.id
                assert (choice.owner or q.owner) and (choice.due or q.due), q.id


def test_dont_know_yet_on_a_new_question_gets_a_recommended_default_not_decide_and_record():
    for q in NEW:
        if not q.scored:
            continue
        assert q.unknown is not None and q.unknown.finding and q.unknown.why, q.id
        assert not q.unknown.action.startswith("Decide and record"), q.id
        assert q.unknown.action not in {o.action for o in [*q.options, *q.bands]}, q.id
