"""Bounded context: how the project's context moves a finding's severity and weight.

Every modifier in `rules.yaml` whose context holds votes one step up or down on the findings it
targets. For each finding the votes add up, but the net move is bounded (`config.context`):
- at most `max_steps` (one) step, two only when a modifier marked `two_steps` says why;
- an answer whose risk is below `min_risk_to_raise` is never raised (best practice stays best practice);
- context alone never makes a finding critical: a raise stops at high;
- a rule that already reads a context question is not moved again by a modifier reading it;
- each step multiplies the finding's weight by `weight_per_step` (a step down divides), so context
  also shows in the score, and an answer's weight still grows with its risk.
Each moved finding names the context in words, e.g. "raised one step: safety-critical or regulated use".
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from scoring.config import ScoringConfig
from scoring.findings import Finding
from scoring.rules import Modifier, RuleSet
from scoring.scorecard import AppliedModifier
from vocabulary import Severity

STEPS_IN_WORDS = {1: "one step", 2: "two steps"}


@dataclass
class ContextEffect:
    """What the context did to one finding: the net step, its weight factor and the sentence naming it."""

    steps: int
    factor: float
    note: str | None


def _targets(mod: Modifier, finding: Finding, reads: dict[str, set[str]]) -> bool:
    """Whether the modifier acts on the finding; a rule that already reads the modifier's context is not
    raised again by it (the context counts once)."""
    if reads.get(finding.id, set()) & mod.when.questions():
        return False
    return finding.area in mod.areas or bool(finding.question_id and finding.question_id in mod.questions)


def _net(votes: list[Modifier], finding: Finding, config: ScoringConfig) -> int:
    policy = config.context
    bound = max([policy.max_steps] + [abs(m.shift) for m in votes if m.two_steps])
    net = max(-bound, min(bound, sum(m.shift for m in votes)))
    if net > 0 and finding.kind == "answer" and finding.risk < policy.min_risk_to_raise:
        return 0
    return net


def _note(steps: int, moved_to: Severity, before: Severity, votes: list[Modifier]) -> str:
    labels = "; ".join(m.label for m in votes if (m.shift > 0) == (steps > 0))
    if moved_to == before:
        return f"weighs more, already {before.value}: {labels}" if steps > 0 else f"weighs less: {labels}"
    direction = "raised" if steps > 0 else "lowered"
    return f"{direction} {STEPS_IN_WORDS.get(abs(steps), f'{abs(steps)} steps')}: {labels}"


def apply_context(ruleset: RuleSet, effective: dict[str, Any], findings: list[Finding],
                  config: ScoringConfig) -> tuple[dict[str, ContextEffect], list[AppliedModifier]]:
    """Shift severities in place within the bounds; returns each moved finding's effect and the modifiers used."""
    active = [m for m in ruleset.modifiers if m.when.holds(effective)]
    reads = {f"rule:{r.id}": r.when.questions() for r in ruleset.rules}
    effects: dict[str, ContextEffect] = {}
    touched: dict[str, list[str]] = {m.id: [] for m in active}
    for f in findings:
        votes = [m for m in active if _targets(m, f, reads)]
        steps = _net(votes, f, config)
        if not steps:
            continue
        before = f.severity
        moved = before.shifted(steps)
        if steps > 0 and moved == Severity.critical and before != Severity.critical:
            moved = Severity.high  # context alone never creates a critical risk
        f.severity = moved
        voters = [m for m in votes if (m.shift > 0) == (steps > 0)]
        f.modified_by = [m.id for m in voters]
        for m in voters:
            touched[m.id].append(f.id)
        factor = config.context.weight_per_step ** steps
        effects[f.id] = ContextEffect(steps, factor, _note(steps, moved, before, voters))
    applied = [AppliedModifier(id=m.id, shift=m.shift, reason=m.reason.strip(), finding_ids=touched[m.id])
               for m in active if touched[m.id]]
    return effects, applied
