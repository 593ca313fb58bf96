"""Score an assessment: answers (+ data findings) -> findings -> area scores, verdict, action plan.

The method, step by step (the report's appendix states the same):
1. Each visible decision question yields a finding when its answer carries risk: the chosen
   option's (or number band's) risk level sets the severity. "Don't know yet" and unanswered
   questions count as undecided, a risk of their own.
2. Cross-question rules add findings for risky combinations of answers.
3. Data-check findings are added as given, and claims (`claims.yaml`) add a finding wherever an
   answer says one thing and a data check's measurement shows another.
4. Context modifiers shift the severity of findings in the areas they name.
5. Each finding deducts points by severity from its area's 100; the overall score is the weighted
   mean of the areas, capped at the weakest area plus a margin.
6. The verdict is held back by any critical risk and by the weakest area, never averaged away.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from questionnaire.loader import bundled_questionnaire
from questionnaire.schema import UNKNOWN, Question, Questionnaire, QuestionType, Risky
from scoring.claims import claim_findings
from scoring.config import ScoringConfig, default_scoring_config
from scoring.findings import Action, Finding
from scoring.rules import RuleSet, bundled_rules, load_rules
from scoring.scorecard import AppliedModifier, PlannedAction, Scorecard
from vocabulary import FindingKind, Severity, Verdict


def effective_answers(questionnaire: Questionnaire, answers: dict[str, Any]) -> dict[str, Any]:
    """The answers that count: visible questions only; an unanswered visible decision question is 'unknown'."""
    effective: dict[str, Any] = {}
    for q in questionnaire.questions():
        if not questionnaire.visible(q, answers):
            continue
        value = answers.get(q.id)
        if value in (None, "", []):
            if q.allow_unknown:
                effective[q.id] = UNKNOWN
            continue
        effective[q.id] = value
    return effective


def _chosen(q: Question, value: Any) -> Risky | None:
    """The option or band that an answer selects (for multiple choice, the one that sets the risk)."""
    if q.type in (QuestionType.single, QuestionType.yesno):
        return q.option(value)
    if q.type == QuestionType.multi:
        chosen = [o for o in q.options if o.value in value]
        if not chosen:
            return None
        pick = max if q.aggregate == "max" else min
        return pick(chosen, key=lambda o: o.risk)
    if q.type == QuestionType.number:
        return q.band(float(value))
    return None


def _undecided(q: Question, config: ScoringConfig) -> Risky:
    if q.unknown is not None:
        return q.unknown
    policy = config.unknown
    fields = {"topic": q.topic, "help": q.help.strip(), "text": q.text}
    return Risky(
        risk=policy.risk,
        finding=policy.finding.format(**fields),
        why=policy.why.format(**fields),
        action=policy.action.format(**fields),
    )


def answer_findings(questionnaire: Questionnaire, effective: dict[str, Any], config: ScoringConfig) -> list[Finding]:
    """Findings raised by single answers."""
    findings = []
    for area in questionnaire.scored_areas():
        for q in area.questions:
            if not q.scored or q.id not in effective:
                continue
            value = effective[q.id]
            risky = _undecided(q, config) if value == UNKNOWN else _chosen(q, value)
            if risky is None or risky.risk <= 0:
                continue
            severity = risky.severity or config.severity_for(risky.risk)
            if severity is None:
                continue
            shown = value if not isinstance(value, list) else ",".join(value)
            findings.append(
                Finding(
                    id=q.id,
                    area=area.id,
                    severity=severity,
                    title=risky.finding or q.topic,
                    why=(risky.why or q.help).strip(),
                    action=Action(text=risky.action or "", owner=risky.owner or q.owner, due=risky.due or q.due),
                    kind=FindingKind.answer,
                    source=f"answer:{q.id}={shown}",
                    question_id=q.id,
                    risk=risky.risk,
                )
            )
    return findings


def _anchor(questionnaire: Questionnaire, question_ids: set[str]) -> str | None:
    """The question a rule's finding links back to: the first scored one it names, in questionnaire order."""
    ordered = [q.id for a in questionnaire.scored_areas() for q in a.questions if q.id in question_ids]
    return ordered[0] if ordered else min(question_ids, default=None)


def rule_findings(questionnaire: Questionnaire, ruleset: RuleSet, effective: dict[str, Any]) -> list[Finding]:
    """Findings raised by cross-question rules."""
    return [
        Finding(
            id=f"rule:{rule.id}",
            area=rule.area,
            severity=rule.severity,
            title=rule.title,
            why=rule.why.strip(),
            action=rule.action,
            kind=FindingKind.rule,
            source=f"rule:{rule.id}",
            question_id=_anchor(questionnaire, rule.when.questions()),
        )
        for rule in ruleset.rules
        if rule.when.holds(effective)
    ]


def apply_modifiers(ruleset: RuleSet, effective: dict[str, Any], findings: list[Finding]) -> list[AppliedModifier]:
    """Shift severities as the context demands; returns the modifiers that changed something."""
    applied = []
    for mod in ruleset.modifiers:
        if not mod.when.holds(effective):
            continue
        touched = []
        for f in findings:
            if f.area in mod.areas or (f.question_id and f.question_id in mod.questions):
                shifted = f.severity.shifted(mod.shift)
                if shifted != f.severity:
                    f.severity = shifted
                    f.modified_by.append(mod.id)
                    touched.append(f.id)
        if touched:
            applied.append(AppliedModifier(id=mod.id, shift=mod.shift, reason=mod.reason.strip(), finding_ids=touched))
    return applied


def _rank(questionnaire: Questionnaire, findings: list[Finding]) -> list[Finding]:
    area_order = {a.id: i for i, a in enumerate(questionnaire.areas)}
    q_order = {q.id: i for i, q in enumerate(questionnaire.questions())}
    return sorted(
        findings,
        key=lambda f: (-f.severity.rank, -f.risk, area_order.get(f.area, 99), q_order.get(f.question_id or "", 9999)),
    )


def plan_actions(ranked: list[Finding]) -> list[PlannedAction]:
    """One action per distinct recommendation, prioritised by the most severe finding that calls for it."""
    by_text: dict[str, PlannedAction] = {}
    for f in ranked:
        if f.action is None or not f.action.text:
            continue
        planned = by_text.get(f.action.text)
        if planned is None:
            by_text[f.action.text] = PlannedAction(
                priority=0,
                text=f.action.text,
                owner=f.action.owner,
                due=f.action.due,
                area=f.area,
                severity=f.severity,
                finding_ids=[f.id],
            )
        else:
            planned.finding_ids.append(f.id)
    actions = sorted(by_text.values(), key=lambda a: (-a.severity.rank, a.due.rank))
    for i, a in enumerate(actions, start=1):
        a.priority = i
    return actions


def _shortfalls(areas: dict[str, int], weakest: str, overall: int, titles: dict[str, str],
                weakest_bar: float, overall_bar: float) -> list[str]:
    """Why the weakest area or the overall score misses a bar (empty when both reach it)."""
    reasons = []
    if areas[weakest] < weakest_bar:
        reasons.append(f"{titles[weakest]} scores {areas[weakest]}, below {weakest_bar:g}")
    if overall < overall_bar:
        reasons.append(f"The overall score {overall} is below {overall_bar:g}")
    return reasons


def _verdict(config: ScoringConfig, areas: dict[str, int], overall: int, ranked: list[Finding], titles: dict[str, str]):
    policy = config.verdict
    weakest = min(areas, key=lambda a: areas[a])
    critical = [f for f in ranked if f.severity == Severity.critical]
    high = [f for f in ranked if f.severity == Severity.high]
    reasons = []
    if critical:
        reasons.append(f"{len(critical)} critical risk(s): " + "; ".join(f.title for f in critical[:3]))
    reasons += _shortfalls(areas, weakest, overall, titles, policy.not_ready_below, policy.not_ready_below)
    if reasons:
        return Verdict.not_ready, weakest, reasons
    if high:
        reasons.append(f"{len(high)} high risk(s) to resolve first, starting with: {high[0].title}")
    reasons += _shortfalls(areas, weakest, overall, titles, policy.ready_weakest_at_least,
                           policy.ready_overall_at_least)
    if reasons:
        return Verdict.ready_with_conditions, weakest, reasons
    return Verdict.ready, weakest, ["No critical or high risks, and every area scores at least "
                                    f"{policy.ready_weakest_at_least:g}"]


def score(
    questionnaire: Questionnaire,
    answers: dict[str, Any],
    findings: Iterable[Finding] = (),
    config: ScoringConfig | None = None,
    ruleset: RuleSet | None = None,
    check_metrics: dict[str, dict[str, Any]] | None = None,
) -> Scorecard:
    """Score valid answers (see `questionnaire.answers.normalize_answers`) together with data findings.

    `findings` are data-check findings; `check_metrics` (check id -> its metrics) lets the claims in
    `claims.yaml` compare what the answers say with what the data shows.
    """
    config = config or default_scoring_config()
    if ruleset is None:
        ruleset = bundled_rules() if questionnaire is bundled_questionnaire() else load_rules(questionnaire)
    effective = effective_answers(questionnaire, answers)
    all_findings = [
        *answer_findings(questionnaire, effective, config),
        *rule_findings(questionnaire, ruleset, effective),
        *(f.model_copy(deep=True) for f in findings),
        *(claim_findings(questionnaire, effective, check_metrics) if check_metrics else []),
    ]
    modifiers = apply_modifiers(ruleset, effective, all_findings)
    ranked = _rank(questionnaire, all_findings)

    scored = questionnaire.scored_areas()
    titles = {a.id: a.title for a in scored}
    areas = {}
    for a in scored:
        lost = sum(config.severity_points[f.severity] for f in ranked if f.area == a.id)
        areas[a.id] = int(round(max(0.0, 100.0 - lost)))
    weights = {a: config.area_weights.get(a, 1.0) for a in areas}
    mean = sum(areas[a] * w for a, w in weights.items()) / (sum(weights.values()) or 1.0)
    overall = int(round(min(mean, min(areas.values()) + config.verdict.overall_cap_above_weakest)))
    verdict, weakest, reasons = _verdict(config, areas, overall, ranked, titles)

    decisions = [q for a in scored for q in a.questions if q.scored and q.id in effective]
    return Scorecard(
        questionnaire_version=questionnaire.version,
        verdict=verdict,
        overall=overall,
        areas=areas,
        weakest_area=weakest,
        verdict_reasons=reasons,
        risks=ranked,
        actions=plan_actions(ranked),
        modifiers=modifiers,
        answered=sum(1 for q in decisions if effective[q.id] != UNKNOWN),
        applicable=len(decisions),
    )


def score_with_checks(
    questionnaire: Questionnaire,
    answers: dict[str, Any],
    checks: Any = None,
    config: ScoringConfig | None = None,
) -> Scorecard:
    """Score answers together with a data-check report (a `checks.report.CheckReport`, or None).

    The report's findings count in their areas, and its metrics feed claims versus evidence.
    """
    if checks is None:
        return score(questionnaire, answers, config=config)
    return score(questionnaire, answers, checks.findings, config=config, check_metrics=checks.metrics_by_check())
