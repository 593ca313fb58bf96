"""Score an assessment: answers (+ data findings) -> findings -> risks by root cause -> scores, verdict, plan.

The method, step by step (the report's appendix states the same):
1. Each decision question yields a finding when its answer carries risk: the chosen option's (or
   number band's) risk level sets the severity; best-practice answers raise nothing. "Don't know yet"
   and unanswered questions count as undecided, at least as risky as the worst decided answer, and a
   question hidden behind an undecided one counts as undecided too.
2. Cross-question rules add findings for risky combinations of answers, data checks add their
   findings, and claims add a finding wherever an answer says one thing and the uploaded data shows
   another.
3. Findings about the same root cause (causes.yaml) become one risk with all its evidence: a rule
   takes over the answers it restates, a claim stands one step above its check's finding, and the
   risk is as severe as its strongest evidence.
4. The project context moves a finding's severity by at most one step, never raises a near
   best-practice answer, and never makes a risk critical on its own; each move is named in words.
5. Each risk deducts once: area score = 100 x exp(-steepness x burden / questions in the area that apply
   to this project), where the burden sums the risks' weights; questions the answers hide (they do not
   apply) count neither way; the overall score is the weighted harmonic mean of the areas.
6. The verdict answers "can the project start?": it is held back by critical risks due before kickoff
   or labeling, by the weakest area, and by open decisions; stage gates show what blocks kickoff,
   labeling at scale, first training and launch.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from questionnaire.loader import bundled_questionnaire
from questionnaire.schema import UNKNOWN, Questionnaire
from scoring.actions import plan_actions
from scoring.answers import answer_findings, effective_answers
from scoring.basis import area_basis
from scoring.causes import CauseCatalogue, causes_for
from scoring.claims import ClaimSet, bundled_claims, evaluate_claims, load_claims
from scoring.config import ScoringConfig, default_scoring_config
from scoring.context import apply_context
from scoring.findings import Finding
from scoring.risks import assign_causes, base_weights, build_risks, rank, upgrade_claims
from scoring.rules import RuleSet, bundled_rules, load_rules, rule_findings
from scoring.scorecard import Scorecard
from scoring.scores import area_scores, overall_score
from scoring.verdict import stage_gates, verdict

__all__ = ["effective_answers", "plan_actions", "score", "score_with_checks"]


def score(
    questionnaire: Questionnaire,
    answers: dict[str, Any],
    findings: Iterable[Finding] = (),
    config: ScoringConfig | None = None,
    ruleset: RuleSet | None = None,
    check_metrics: dict[str, dict[str, Any]] | None = None,
    *,
    claims: ClaimSet | None = None,
    causes: CauseCatalogue | None = None,
    checks_run: dict[str, str] | None = None,
    check_thresholds: dict[str, dict[str, Any]] | None = None,
    evaluation_sample: bool = False,
) -> Scorecard:
    """Score valid answers (see `questionnaire.answers.normalize_answers`) together with data findings.

    `findings` are data-check findings; `check_metrics` (check id -> its metrics) lets the claims in
    `claims.yaml` compare what the answers say with what the data shows, `check_thresholds` (check id
    -> the thresholds it ran with) gives claims that compare with a check's own bound their line, and
    `evaluation_sample` says the second uploaded sample is the evaluation set. `checks_run` (check id
    -> area) states which checks ran, for each area's evidence basis.
    """
    config = config or default_scoring_config()
    bundled = questionnaire is bundled_questionnaire()
    if ruleset is None:
        ruleset = bundled_rules() if bundled else load_rules(questionnaire)
    if claims is None:
        claims = bundled_claims() if bundled else load_claims(questionnaire) if check_metrics else ClaimSet()
    causes = causes if causes is not None else causes_for(questionnaire)
    effective = effective_answers(questionnaire, answers)
    outcomes = evaluate_claims(questionnaire, effective, check_metrics or {}, claims,
                               thresholds_by_check=check_thresholds, evaluation_sample=evaluation_sample)
    evidence = [
        *answer_findings(questionnaire, effective, config),
        *rule_findings(questionnaire, ruleset, effective, config.severity_weight),
        *(f.model_copy(deep=True) for f in findings),
        *(o.finding for o in outcomes if o.finding is not None),
    ]
    assign_causes(evidence, causes, questionnaire, ruleset)
    upgraded = upgrade_claims(evidence, claims)
    weights = base_weights(evidence, config)
    effects, modifiers = apply_context(ruleset, effective, evidence, config)
    ranked = rank(questionnaire, build_risks(evidence, causes, weights, effects, upgraded))

    settled = {k: v for k, v in answers.items() if v != UNKNOWN}  # shown because a gate is undecided: may apply
    shown = {q.id for q in questionnaire.questions() if q.id in effective and questionnaire.visible(q, settled)}
    exact = area_scores(questionnaire, ranked, config, applicable=shown, maybe=set(effective) - shown)
    overall = overall_score(exact, config)
    decisions = [q for a in questionnaire.scored_areas() for q in a.questions if q.scored and q.id in effective]
    answered = sum(1 for q in decisions if effective[q.id] != UNKNOWN)
    decided = answered / len(decisions) if decisions else 1.0
    gates = stage_gates(questionnaire, effective, ranked)
    titles = {a.id: a.title for a in questionnaire.scored_areas()}
    result, weakest, reasons = verdict(config, exact, overall, ranked, gates, decided, titles)
    return Scorecard(
        questionnaire_version=questionnaire.version,
        verdict=result,
        overall=int(round(overall)),
        areas={a: int(round(v)) for a, v in exact.items()},
        exact={**{a: round(v, 4) for a, v in exact.items()}, "overall": round(overall, 4)},
        weakest_area=weakest,
        verdict_reasons=reasons,
        gates=gates,
        basis=area_basis(questionnaire, checks_run or {}, outcomes),
        risks=ranked,
        actions=plan_actions(questionnaire, ranked, effective, (checks_run or check_metrics or {}).keys()),
        modifiers=modifiers,
        answered=answered,
        applicable=len(decisions),
    )


def score_with_checks(
    questionnaire: Questionnaire,
    answers: dict[str, Any],
    checks: Any = None,
    config: ScoringConfig | None = None,
    *,
    evaluation_sample: bool = False,
) -> Scorecard:
    """Score answers together with a data-check report (a `checks.report.CheckReport`, or None).

    The report's findings count as evidence of their causes, its metrics feed claims versus evidence,
    and the checks that ran set each area's evidence basis.
    """
    if checks is None:
        return score(questionnaire, answers, config=config)
    metrics = checks.metrics_by_check()
    ran = {c.id: c.area for c in checks.checks if c.id in metrics}
    thresholds = {c.id: dict(c.thresholds) for c in checks.checks}
    return score(questionnaire, answers, checks.findings, config=config, check_metrics=metrics, checks_run=ran,
                 check_thresholds=thresholds, evaluation_sample=evaluation_sample)
