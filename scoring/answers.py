"""What the answers say: the decisions that count, and the finding each risky or undecided answer raises.

Undecided is never rewarded. "Don't know yet" (or no answer) weighs at least as much as the worst
decided option of its question, and a question hidden only because the question it depends on is
undecided counts as undecided too: leaving a gate open must not hide the decisions behind it.
"""

from __future__ import annotations

from typing import Any

from questionnaire.conditions import Condition
from questionnaire.schema import UNKNOWN, Question, Questionnaire, QuestionType, Risky
from scoring.config import ScoringConfig
from scoring.findings import Action, Finding
from vocabulary import FindingKind


def _blank(value: Any) -> bool:
    return value in (None, "", [])


def _may_hold(cond: Condition, answers: dict[str, Any], open_ids: set[str]) -> bool:
    """Whether the condition holds, or could hold once the undecided questions in `open_ids` are decided."""
    if cond.all is not None:
        return all(_may_hold(c, answers, open_ids) for c in cond.all)
    if cond.any is not None:
        return any(_may_hold(c, answers, open_ids) for c in cond.any)
    if cond.not_ is not None:
        return bool(cond.not_.questions() & open_ids) or not cond.not_.holds(answers)
    return cond.question in open_ids or cond.holds(answers)


def effective_answers(questionnaire: Questionnaire, answers: dict[str, Any]) -> dict[str, Any]:
    """The answers that count, in questionnaire order.

    A visible decision question left blank is 'unknown'. A hidden question counts as 'unknown' when
    its condition could still hold once the undecided questions it depends on are decided (answers to
    hidden questions do not count, as for visibility).
    """
    effective: dict[str, Any] = {}
    open_ids: set[str] = set()
    for q in questionnaire.questions():
        value = answers.get(q.id)
        if questionnaire.visible(q, answers):
            if _blank(value):
                if not q.allow_unknown:
                    open_ids.add(q.id)  # an unanswered context question is open too
                    continue
                value = UNKNOWN
        elif q.show_if is not None and q.allow_unknown and _may_hold(q.show_if, effective, open_ids):
            value = UNKNOWN
        else:
            continue
        effective[q.id] = value
        if value == UNKNOWN:
            open_ids.add(q.id)
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


def worst_decided_risk(q: Question) -> float:
    """The highest risk any decided answer to the question carries."""
    return max([o.risk for o in q.options] + [b.risk for b in q.bands], default=0.0)


def undecided(q: Question, config: ScoringConfig) -> Risky:
    """What "don't know yet" means for a question: at least the policy's risk and its worst decided option."""
    policy = config.unknown
    risk = max(policy.risk, worst_decided_risk(q), q.unknown.risk if q.unknown else 0.0)
    if q.unknown is not None:
        return q.unknown.model_copy(update={"risk": risk})
    fields = {"topic": q.topic, "help": q.help.strip(), "text": q.text}
    return Risky(
        risk=risk,
        finding=policy.finding.format(**fields),
        why=policy.why.format(**fields),
        action=policy.action.format(**fields),
    )


def _raised(q: Question, value: Any, config: ScoringConfig) -> list[tuple[str, str, Risky | None]]:
    """(finding id, answer shown, option or band) an answer raises; `aggregate: each` raises one per option."""
    if value == UNKNOWN:
        return [(q.id, UNKNOWN, undecided(q, config))]
    if q.type == QuestionType.multi and q.aggregate == "each":
        return [(f"{q.id}:{o.value}", o.value, o) for o in q.options if o.value in value]
    return [(q.id, value if not isinstance(value, list) else ",".join(value), _chosen(q, value))]


def answer_findings(questionnaire: Questionnaire, effective: dict[str, Any], config: ScoringConfig) -> list[Finding]:
    """Findings raised by single answers; best-practice answers (below the lowest severity) raise none."""
    findings = []
    for area in questionnaire.scored_areas():
        for q in area.questions:
            if not q.scored or q.id not in effective:
                continue
            for fid, shown, risky in _raised(q, effective[q.id], config):
                if risky is None or risky.risk < config.finding_from_risk:
                    continue
                severity = risky.severity or config.severity_for(risky.risk)
                if severity is None:
                    continue
                findings.append(Finding(
                    id=fid,
                    area=area.id,
                    severity=severity,
                    title=risky.finding or q.topic,
                    why=(risky.why or q.help).strip(),
                    action=Action(text=risky.action or "", owner=risky.owner or q.owner, due=risky.due or q.due),
                    kind=FindingKind.answer,
                    source=f"answer:{q.id}={shown}",
                    question_id=q.id,
                    risk=risky.risk,
                ))
    return findings
