"""Risks by root cause: the findings about one fact become one risk with several pieces of evidence.

1. Each finding gets its cause from `causes.yaml` (or is a cause of its own).
2. A rule that fires restates the answers of its own area that it reads: those answer findings become
   evidence of the rule's cause instead of risks of their own.
3. A claim replaces and upgrades the finding of the check it quotes: the data contradicting an answer
   weighs one step more than the same data on its own (up to high; only a claim declared critical is).
4. Each piece of evidence weighs its risk level (answers) or its severity's weight (rules, checks,
   claims), times the context's factor. A risk weighs the most its evidence weighs, but never less
   than the sum of its answers, so a rule never makes the answers it restates cheaper.
"""

from __future__ import annotations

from questionnaire.schema import Questionnaire
from scoring.causes import CauseCatalogue
from scoring.claims import ClaimSet
from scoring.config import ScoringConfig
from scoring.context import ContextEffect
from scoring.findings import Finding
from scoring.rules import RuleSet
from scoring.scorecard import Risk
from vocabulary import Severity

LEAD_ORDER = {"claim": 3, "rule": 2, "check": 1, "answer": 0}  # which evidence speaks for a risk on a tie
CLAIM_UPGRADE = "raised one step: the uploaded data contradicts your answer"


def assign_causes(findings: list[Finding], catalogue: CauseCatalogue, questionnaire: Questionnaire,
                  ruleset: RuleSet) -> None:
    """Set each finding's cause in place; the first firing rule (in file order) takes the answers it restates."""
    for f in findings:
        f.cause = catalogue.cause_of(f)
    fired = {f.id.removeprefix("rule:"): f for f in findings if f.kind == "rule"}
    taken: set[str] = set()
    for rule in ruleset.rules:
        finding = fired.get(rule.id)
        if finding is None:
            continue
        restated = rule.restates(questionnaire)
        for f in findings:
            if f.kind == "answer" and f.question_id in restated and f.id not in taken:
                f.cause = finding.cause
                taken.add(f.id)


def upgrade_claims(findings: list[Finding], claims: ClaimSet) -> set[str]:
    """A claim stands one step above the finding of its own check in the same cause, up to high (a claim
    is critical only when `claims.yaml` declares it so); returns the upgraded ids."""
    checks_of = {f"claim:{c.id}": c.evidence.check for c in claims.claims}
    upgraded = set()
    for claim in (f for f in findings if f.kind == "claim"):
        same = [f for f in findings if f.kind == "check" and f.cause == claim.cause
                and f.check == checks_of.get(claim.id)]
        if not same:
            continue
        above = min(max((f.severity for f in same), key=lambda s: s.rank).shifted(1), Severity.high,
                    key=lambda s: s.rank)
        if above.rank > claim.severity.rank:
            claim.severity = above
            upgraded.add(claim.id)
    return upgraded


def base_weights(findings: list[Finding], config: ScoringConfig) -> dict[str, float]:
    """What each finding weighs before context: an answer its risk level, anything else its severity's weight."""
    return {f.id: f.risk if f.kind == "answer" else config.severity_weight[f.severity] for f in findings}


def _lead(evidence: list[Finding], weights: dict[str, float]) -> Finding:
    return max(evidence, key=lambda f: (f.severity.rank, LEAD_ORDER.get(f.kind, 0), weights[f.id]))


def build_risks(findings: list[Finding], catalogue: CauseCatalogue, weights: dict[str, float],
                effects: dict[str, ContextEffect], upgraded: set[str]) -> list[Risk]:
    """Group findings (causes assigned, context applied) into one risk per cause."""
    by_cause: dict[str, list[Finding]] = {}
    for f in findings:
        by_cause.setdefault(f.cause or f.id, []).append(f)
    risks = []
    for cause_id, evidence in by_cause.items():
        w = {f.id: weights[f.id] * (effects[f.id].factor if f.id in effects else 1.0) for f in evidence}
        lead = _lead(evidence, w)
        ordered = sorted(evidence, key=lambda f: (-f.severity.rank, -LEAD_ORDER.get(f.kind, 0), -w[f.id]))
        notes = [CLAIM_UPGRADE for f in ordered if f.id in upgraded]
        notes += [note for f in ordered if f.id in effects and (note := effects[f.id].note)]
        declared = catalogue.causes.get(cause_id)
        risks.append(Risk(
            **lead.model_dump(exclude={"id", "area", "cause", "question_id", "modified_by"}),
            id=cause_id,
            cause=cause_id,
            area=declared.area if declared else lead.area,
            question_id=lead.question_id or next((f.question_id for f in ordered if f.question_id), None),
            modified_by=sorted({m for f in evidence for m in f.modified_by}),
            evidence=ordered,
            weight=max(max(w.values()), sum(w[f.id] for f in evidence if f.kind == "answer")),
            adjustments=list(dict.fromkeys(notes)),
        ))
    return risks


def rank(questionnaire: Questionnaire, risks: list[Risk]) -> list[Risk]:
    """Most severe first, then the heaviest, then in questionnaire order."""
    area_order = {a.id: i for i, a in enumerate(questionnaire.areas)}
    q_order = {q.id: i for i, q in enumerate(questionnaire.questions())}
    return sorted(risks, key=lambda r: (-r.severity.rank, -r.weight, area_order.get(r.area, 99),
                                        q_order.get(r.question_id or "", 9999)))
