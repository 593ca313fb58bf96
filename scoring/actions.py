"""The action plan: one action per root cause, specific, sized, owned, and due at a project stage.

`plan_actions` turns ranked findings into the plan a kickoff meeting can work through:
1. Findings about one root cause (a risk that scoring already grouped with its evidence, or the
   finding's `cause`; otherwise the question an answer or claim is about, the rule, or the data
   check) become one action, led by the most severe evidence; the data findings are kept as its
   evidence, in words.
2. The action text comes from the lead finding. For an answer it is the chosen option's action, or
   the first of its `variants` whose condition holds on the answers (one annotator, safety-critical
   labels...). An action that a data check makes obsolete (`done_when_checked`) is dropped once that
   check ran, and the next finding of the group leads instead.
3. Vague references in a data check's advice ("these segments") name what the check found.
4. Owners are mapped onto the one role vocabulary (`roles.yaml`); effort comes from the option or
   question (medium when nothing says otherwise).
5. The plan is ordered by stage, then severity; `top_actions` picks the few that matter most for a
   summary, in the same order.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from questionnaire.schema import Effort, Question, Questionnaire, Risky
from scoring.findings import Finding
from scoring.roles import canonical_role
from scoring.scorecard import PlannedAction

TOP_ACTIONS = 12  # what a kickoff works through first: the app and the report's action plan show these
DATA_KINDS = ("check", "claim")
MAX_NAMES = 5  # names written into an action before "and N more"
NAME_FIELDS = ("segment", "column", "annotator", "class", "label", "category", "name", "value", "cell")
_EFFORT = [Effort.small, Effort.medium, Effort.large]
VAGUE = re.compile(r"\b([Tt])hese (segments|columns|annotators|categories|classes|cases|periods|edge cases)\b")


def cause_of(finding: Finding) -> str:
    """The root cause a finding belongs to (scoring's own key when it sets one)."""
    cause = getattr(finding, "cause", None)
    if cause:
        return str(cause)
    if finding.kind in ("answer", "claim") and finding.question_id:
        return f"question:{finding.question_id}"
    return finding.check and f"check:{finding.check}" or finding.id


def _names(metrics: Mapping[str, Any]) -> list[str]:
    """The items a check's finding is about (segments, columns, annotators, classes), as text."""
    for value in metrics.values():
        if isinstance(value, Mapping) and value and all(isinstance(v, int | float) for v in value.values()):
            return [str(k) for k in value]
        if isinstance(value, list) and value:
            if all(isinstance(v, str | int) for v in value):
                return [str(v) for v in value]
            if all(isinstance(v, Mapping) for v in value):
                field = next((f for f in NAME_FIELDS if f in value[0]), None)
                if field:
                    return [str(v.get(field)) for v in value]
    return []


def _listing(names: list[str]) -> str:
    shown = names[:MAX_NAMES]
    rest = len(names) - len(shown)
    if rest:
        return ", ".join(shown) + f" and {rest} more"
    return shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " and " + shown[-1]


def specific(text: str, metrics: Mapping[str, Any]) -> str:
    """`text` with "these segments" (columns, annotators...) replaced by the names in `metrics`."""
    names = _names(metrics)
    if not names:
        return text
    return VAGUE.sub(lambda m: f"{'T' if m.group(1) == 'T' else 't'}he {m.group(2)} {_listing(names)}", text, count=1)


class _Advice:
    """What one finding recommends, after variants, owners and effort are resolved."""

    def __init__(self, text: str, owner: str, effort: Effort, adapted_for: str | None = None,
                 how: str | None = None):
        self.text, self.owner, self.effort, self.adapted_for, self.how = text, owner, effort, adapted_for, how


def _answer_advice(question: Question, risky: Risky, finding: Finding, effective: Mapping[str, Any],
                   ran: set[str]) -> _Advice | None:
    if ran.intersection(risky.done_when_checked):
        return None
    effort = risky.effort or question.effort
    owner = finding.action.owner if finding.action else question.owner
    variant = next((v for v in risky.variants if v.when.holds(dict(effective))), None)
    if variant is not None:
        return _Advice(variant.action.strip(), variant.owner or owner, variant.effort or effort, variant.reason,
                       variant.how)
    return _Advice(finding.action.text if finding.action else "", owner, effort, how=risky.how)


def _advice(questionnaire: Questionnaire, finding: Finding, effective: Mapping[str, Any],
            ran: set[str]) -> _Advice | None:
    if finding.action is None or not finding.action.text:
        return None
    question = questionnaire.question(finding.question_id) if finding.question_id else None
    if finding.kind == "answer" and question is not None:
        risky = question.risky_for(effective.get(question.id))
        if risky is not None:
            return _answer_advice(question, risky, finding, effective, ran)
    effort = question.effort if question is not None else Effort.medium
    return _Advice(specific(finding.action.text, finding.metrics), finding.action.owner, effort)


def _evidence(finding: Finding) -> list[Finding]:
    """The pieces of evidence behind a finding: a risk that scoring already grouped by cause lists its own."""
    return list(getattr(finding, "evidence", None) or [finding])


def _with_plan_change(questionnaire: Questionnaire, lead: Finding, advice: _Advice, pieces: list[Finding],
                      effective: Mapping[str, Any], ran: set[str]) -> _Advice:
    """A data check says what is wrong in the data now; a risky answer of the same cause says what to change in
    the plan (a cadence, an owner). When a check leads, the answer's own advice follows the check's, so the
    action fits the answers: stale data with a stated cadence asks for fresh data, not for a cadence."""
    if lead.kind != "check":
        return advice
    answer = next((f for f in pieces if f.kind == "answer"), None)
    extra = _advice(questionnaire, answer, effective, ran) if answer is not None else None
    if extra is None or not extra.text or extra.text in advice.text:
        return advice
    return _Advice(f"{advice.text} {extra.text}", advice.owner, max(advice.effort, extra.effort, key=_EFFORT.index),
                   advice.adapted_for or extra.adapted_for, advice.how or extra.how)


def plan_actions(questionnaire: Questionnaire, ranked: Iterable[Finding], effective: Mapping[str, Any],
                 checks_ran: Iterable[str] = ()) -> list[PlannedAction]:
    """One action per root cause, ordered by stage then severity (see the module docstring)."""
    ran = set(checks_ran)
    groups: dict[str, list[Finding]] = {}
    for f in ranked:
        groups.setdefault(cause_of(f), []).append(f)
    planned = []
    for cause, findings in groups.items():
        pieces = [piece for f in findings for piece in _evidence(f)]
        lead, advice = next(((f, a) for f in pieces if (a := _advice(questionnaire, f, effective, ran))),
                            (None, None))
        if lead is None or advice is None or lead.action is None:
            continue
        advice = _with_plan_change(questionnaire, lead, advice, pieces, effective, ran)
        planned.append(PlannedAction(
            priority=0, text=advice.text, owner=canonical_role(advice.owner), due=lead.action.due,
            area=lead.area, severity=max((f.severity for f in findings), key=lambda s: s.rank),
            finding_ids=list(dict.fromkeys(f.id for f in pieces)), effort=advice.effort.value, cause=cause,
            question_id=next((f.question_id for f in pieces if f.question_id), None),
            evidence=list(dict.fromkeys(f.title for f in pieces if f.kind in DATA_KINDS)),
            adapted_for=advice.adapted_for, how=advice.how and advice.how.strip(),
        ))
    planned.sort(key=lambda p: (p.due.rank, -p.severity.rank))
    for i, action in enumerate(planned, start=1):
        action.priority = i
    return planned


def top_actions(actions: list[PlannedAction], n: int = TOP_ACTIONS) -> list[PlannedAction]:
    """The `n` most severe actions (earlier stages first among equals), in the plan's own order."""
    chosen = sorted(actions, key=lambda a: (-a.severity.rank, a.due.rank, a.priority))[:n]
    keep = {id(a) for a in chosen}
    return [a for a in actions if id(a) in keep]
