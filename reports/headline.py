"""The report's headline in plain words: the stage gates and what the scores rest on.

Scoring states both on the scorecard (`gates`, `basis`). A scorecard saved before it did is read
with the same rules from its risks: a gate is blocked by critical or high risks due at or before
that stage and by decisions still open that are due by then.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from questionnaire.schema import UNKNOWN, Questionnaire
from scoring.findings import Finding
from scoring.scorecard import Scorecard
from vocabulary import Severity, Stage

GATES = {
    Stage.before_kickoff: "Ready to kick off",
    Stage.before_labeling: "Ready to label at scale",
    Stage.before_first_training: "Ready to train",
    Stage.before_launch: "Ready to launch",
}
SHOWN_BLOCKERS = 2


@dataclass(frozen=True)
class GateView:
    label: str
    ready: bool
    risks: list[str]  # plain titles of the risks that block it, the first few
    more: int = 0  # further blocking risks not listed
    open_topics: list[str] = field(default_factory=list)  # decisions still open that are due by then

    @property
    def css(self) -> str:
        return "ready" if self.ready else "not-ready"

    @property
    def blockers(self) -> list[str]:
        """What blocks the gate, in words: open decisions first (they are the cheapest to clear), then risks."""
        said = []
        if self.open_topics:
            shown = ", ".join(t.lower() for t in self.open_topics[:2])
            rest = len(self.open_topics) - 2
            more = f" and {rest} more" if rest > 0 else ""
            said.append(f"{len(self.open_topics)} open decision(s): {shown}{more}")
        return said + self.risks


@dataclass(frozen=True)
class BasisView:
    """What the scores rest on: one sentence, and per area 'answers only' or 'answers and data'."""

    sentence: str
    data_backed: bool
    areas: dict[str, str] = field(default_factory=dict)  # area id -> label


def _undecided(risk: Finding) -> bool:
    return risk.kind == "answer" and risk.source.endswith(f"={UNKNOWN}")


def _due(risk: Finding) -> Stage:
    return risk.action.due if risk.action else Stage.before_kickoff


def _derived_gates(card: Scorecard) -> list[tuple[Stage, bool, list[Finding], list[str]]]:
    gates = []
    for stage in GATES:
        due = [r for r in card.risks if _due(r).rank <= stage.rank]
        blocking = [r for r in due if r.severity.rank >= Severity.high.rank and not _undecided(r)]
        open_ids = [r.question_id or r.id for r in due if _undecided(r)]
        gates.append((stage, not blocking and not open_ids, blocking, open_ids))
    return gates


def gate_views(card: Scorecard, questionnaire: Questionnaire) -> list[GateView]:
    """Kick off, label at scale, train, launch: whether each is open, and what blocks it in plain titles."""
    declared = getattr(card, "gates", None)
    by_id = {r.id: r for r in card.risks}
    rows: list[tuple[str, bool, list[str], list[str]]] = []
    if declared:
        for g in declared:
            titles = [by_id[i].title for i in g.blocking_risks if i in by_id and not _undecided(by_id[i])]
            rows.append((g.label, g.ready, titles, list(g.open_decisions)))
    else:
        for stage, ready, blocking, open_ids in _derived_gates(card):
            rows.append((GATES[stage], ready, [r.title for r in blocking], open_ids))
    views = []
    for label, ready, titles, open_ids in rows:
        topics = [questionnaire.question(q).topic if questionnaire.question(q) else q for q in open_ids]
        views.append(GateView(label, ready, titles[:SHOWN_BLOCKERS], max(0, len(titles) - SHOWN_BLOCKERS), topics))
    return views


def basis_view(card: Scorecard, questionnaire: Questionnaire, checks: Any = None) -> BasisView:
    """Whether the scores rest on self-reported answers only or also on uploaded data, in words."""
    titles = {a.id: a.title for a in questionnaire.scored_areas()}
    declared = getattr(card, "basis", None)
    if declared:
        backed = {a: b.data for a, b in declared.items()}
        checks_run = sum(b.checks_run for b in declared.values())
        confirmed = sum(b.claims_confirmed for b in declared.values())
        contradicted = sum(b.claims_contradicted for b in declared.values())
    else:
        ran = [c for c in (checks.checks if checks is not None else []) if c.status in ("ok", "finding")]
        backed = {a: any(c.area == a for c in ran) for a in titles}
        checks_run = len(ran)
        confirmed = None
        contradicted = sum(1 for r in card.risks if r.kind == "claim")
    areas = {a: ("answers and uploaded data" if backed.get(a) else "self-reported answers only") for a in titles}
    with_data = [titles[a] for a in titles if backed.get(a)]
    if not with_data:
        sentence = ("Every score rests on the team's own answers: no sample data was checked, so nothing here "
                    "has been verified against the data.")
        return BasisView(sentence, False, areas)
    claims = f"The data contradicted {contradicted} of your answers"
    claims += f" and confirmed {confirmed}." if confirmed is not None else "."
    sentence = (f"{len(with_data)} of {len(titles)} areas are backed by {checks_run} data check(s) on uploaded "
                f"samples ({', '.join(with_data)}); the others rest on your answers alone. {claims}")
    return BasisView(sentence, True, areas)
