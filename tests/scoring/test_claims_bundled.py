"""The shipped claims: each one fires on contradicting evidence, and each names a metric a check really reports."""

from __future__ import annotations

from pathlib import Path

import pytest

from checks.inputs import CheckInputs  # noqa: F401  (imported so the registry is populated)
from checks.registry import default_thresholds
from questionnaire import bundled_questionnaire
from scoring.claims import bundled_claims
from scoring.engine import score
from scoring.findings import Finding
from tests.answer_sets import extreme_answers, satisfying
from vocabulary import Severity, share_text

Q = bundled_questionnaire()
CLAIMS = bundled_claims().claims


def contradicting_metrics(claim, claimed) -> dict:
    ev = claim.evidence
    if ev.below_answer:
        value = claimed - 1 if claimed >= 1 else claimed / 2
    elif ev.at_threshold is not None:
        value = default_thresholds()[ev.check][ev.at_threshold]  # exactly at the check's own line
    elif ev.gte is not None:
        value = ev.gte
    elif ev.gt is not None:
        value = ev.gt + 1
    elif ev.lte is not None:
        value = ev.lte
    else:
        value = ev.lt - 1
    metrics: dict = {}
    node = metrics.setdefault(ev.check, {})
    *path, last = ev.metric.split(".")
    for key in path:
        node = node.setdefault(key, {})
    node[last] = value
    return metrics


@pytest.mark.parametrize("claim", CLAIMS, ids=lambda c: c.id)
def test_every_claim_fires_when_data_contradicts_the_answer(claim):
    answers = {**extreme_answers(Q, worst=False), **satisfying(claim.when, Q)}
    if Q.question(claim.answer).type.value == "number":
        answers[claim.answer] = max(answers.get(claim.answer) or 0, 50 if Q.question(claim.answer).max > 1 else 0.8)
    card = score(Q, answers, check_metrics=contradicting_metrics(claim, answers[claim.answer]),
                 check_thresholds=default_thresholds(), evaluation_sample=True)
    found = {f.id: f for f in card.evidence()}
    assert f"claim:{claim.id}" in found, claim.id
    finding = found[f"claim:{claim.id}"]
    assert finding.kind == "claim" and finding.question_id == claim.answer
    assert "{" not in finding.why
    if claim.evidence.metric.endswith("_share"):  # shares (0-1) read as percents, as in the checks' findings
        assert claim.evidence.share, f"{claim.id}: declare the share so the text quotes a percent"
        measured = finding.metrics["measured"]
        assert share_text(measured) in finding.why and f"{measured:.3f}" not in finding.why


@pytest.mark.parametrize("claim", CLAIMS, ids=lambda c: c.id)
def test_no_claim_without_contradicting_data(claim):
    answers = {**extreme_answers(Q, worst=False), **satisfying(claim.when, Q)}
    card = score(Q, answers, check_metrics={claim.evidence.check: {}}, check_thresholds=default_thresholds(),
                 evaluation_sample=True)
    assert f"claim:{claim.id}" not in {f.id for f in card.evidence()}


def test_shared_ids_with_a_production_sample_are_no_claim_about_the_evaluation_split():
    """Three customer ids shared with a production sample (0.3 %) are normal traffic, not evaluation leakage."""
    answers = {**extreme_answers(Q, worst=False), "rep_eval_split": "by_entity"}
    metrics = {"leakage": {"shared_ids": 3, "shared_id_share": 0.003}}
    leak = Finding(id="check:leakage", area="volume_quality", severity=Severity.medium, title="Shared ids",
                   why="0.30% of production ids appear in training.", kind="check", source="check:leakage",
                   check="leakage")
    production = score(Q, answers, [leak], check_metrics=metrics, check_thresholds=default_thresholds())
    assert "claim:clean_split_but_shared_ids" not in {f.id for f in production.evidence()}
    assert production.risk_of("check:leakage").severity == Severity.medium
    evaluation = score(Q, answers, [leak], check_metrics=metrics, check_thresholds=default_thresholds(),
                       evaluation_sample=True)
    risk = evaluation.risk_of("claim:clean_split_but_shared_ids")
    # the claim and the check finding are one risk; the contradicted claim stands one step above the check
    assert risk is evaluation.risk_of("check:leakage")
    assert risk.severity == Severity.high and risk.kind == "claim"
    assert "contradicts your answer" in " ".join(risk.adjustments)


def test_shared_ids_below_the_leakage_checks_own_bound_say_nothing():
    answers = {**extreme_answers(Q, worst=False), "rep_eval_split": "by_entity"}
    bound = default_thresholds()["leakage"]["share_medium"]
    card = score(Q, answers, check_metrics={"leakage": {"shared_id_share": bound / 2}},
                 check_thresholds=default_thresholds(), evaluation_sample=True)
    assert card.evidence("claim") == []


def test_every_claim_names_a_registered_check_and_a_metric_it_reports(tmp_path: Path):
    from benchmarks import datagen
    from checks.registry import REGISTRY, run_checks
    from checks.sources import build_inputs

    files = datagen.write_samples(tmp_path, 3000, 800, 300)
    inputs = build_inputs(
        train=files["train"], production=files["production"], annotations=files["annotations"],
        label="label", time="timestamp", text="text", id="id", segment=["region"], edge_tag="region",
        item_col="item_id", annotator_col="annotator", annotation_label_col="label",
    )
    report = run_checks(inputs)
    metrics = {c.id: c.metrics for c in report.checks}
    for claim in CLAIMS:
        assert claim.evidence.check in REGISTRY, claim.id
        assert claim.evidence.measure(metrics) is not None, f"{claim.id}: {claim.evidence.metric} not reported"
