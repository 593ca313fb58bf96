"""The verdict answers "can this project start (kick off and label)?", with a gate for each later stage.

A stage gate is passed when no critical or high risk due at or before that stage remains and no
decision due by then is still open: items due before launch never block kickoff. The verdict:
- Not ready: a critical risk due before kickoff or labeling, the weakest area or the overall score
  below `not_ready_below`, or fewer than `not_ready_decided_below` of the decisions made.
- Ready: the kickoff and labeling gates pass, no critical or high risk anywhere, at least
  `ready_decided_at_least` of the decisions made, and the scores reach the ready bars.
- Ready with conditions: anything in between; the reasons say what to settle and by when.
"""

from __future__ import annotations

from questionnaire.schema import UNKNOWN, Questionnaire
from scoring.config import ScoringConfig
from scoring.scorecard import Risk, StageGate
from vocabulary import Severity, Stage, Verdict, share_text

GATES = {
    Stage.before_kickoff: "Ready to kick off",
    Stage.before_labeling: "Ready to label at scale",
    Stage.before_first_training: "Ready to train",
    Stage.before_launch: "Ready to launch",
}
START = (Stage.before_kickoff, Stage.before_labeling)  # what "can this project start" means


def gate_stage(stage: Stage) -> Stage:
    """The gate an item due at `stage` belongs to (each-retrain items must be in place by launch)."""
    return Stage.before_launch if stage == Stage.each_retrain else stage


def risk_due(risk: Risk) -> Stage:
    """When a risk must be resolved: its lead action's stage, else the earliest stage its evidence names."""
    if risk.action is not None:
        return gate_stage(risk.action.due)
    stages = [gate_stage(e.action.due) for e in risk.evidence if e.action is not None]
    return min(stages, key=lambda s: s.rank, default=Stage.before_kickoff)


def _blocking(risk: Risk) -> bool:
    return risk.severity.rank >= Severity.high.rank


def stage_gates(questionnaire: Questionnaire, effective: dict, risks: list[Risk]) -> list[StageGate]:
    open_due = {q.id: gate_stage(q.due) for q in questionnaire.questions() if effective.get(q.id) == UNKNOWN}
    gates = []
    for stage, label in GATES.items():
        blocking = [r.id for r in risks if _blocking(r) and risk_due(r).rank <= stage.rank]
        undecided = [qid for qid, due in open_due.items() if due.rank <= stage.rank]
        gates.append(StageGate(stage=stage, label=label, ready=not blocking and not undecided,
                               blocking_risks=blocking, open_decisions=undecided))
    return gates


def _titles(risks: list[Risk]) -> str:
    return "; ".join(r.title for r in risks[:3]) + ("; ..." if len(risks) > 3 else "")


def verdict(config: ScoringConfig, areas: dict[str, float], overall: float, risks: list[Risk],
            gates: list[StageGate], decided: float, titles: dict[str, str]) -> tuple[Verdict, str, list[str]]:
    """(verdict, weakest area, reasons in plain words); `risks` ranked, `decided` the share of decisions made."""
    policy = config.verdict
    weakest = min(areas, key=lambda a: areas[a])
    low, shown_overall = round(areas[weakest]), round(overall)
    critical = [r for r in risks if r.severity == Severity.critical]
    critical_now = [r for r in critical if risk_due(r) in START]
    reasons = []
    if critical_now:
        reasons.append(f"{len(critical_now)} critical risk(s) to resolve before kickoff or labeling: "
                       + _titles(critical_now))
    if low < policy.not_ready_below:
        reasons.append(f"{titles[weakest]} scores {low}, below {policy.not_ready_below:g}")
    if shown_overall < policy.not_ready_below:
        reasons.append(f"The overall score {shown_overall} is below {policy.not_ready_below:g}")
    if decided < policy.not_ready_decided_below:
        reasons.append(f"Only {share_text(decided)} of the decisions are made; at least "
                       f"{share_text(policy.not_ready_decided_below)} are needed to judge the project")
    if reasons:
        return Verdict.not_ready, weakest, reasons

    start = [g for g in gates if g.stage in START]
    blockers = list(dict.fromkeys(r for g in start for r in g.blocking_risks))
    open_now = list(dict.fromkeys(q for g in start for q in g.open_decisions))
    if blockers:
        named = [r for r in risks if r.id in blockers]
        reasons.append(f"{len(named)} high or critical risk(s) to resolve before kickoff or labeling: "
                       + _titles(named))
    if open_now:
        reasons.append(f"{len(open_now)} decision(s) due before kickoff or labeling are still open")
    later = [r for r in risks if _blocking(r) and r.id not in blockers]
    if later:
        reasons.append(f"{len(later)} high or critical risk(s) to resolve later, before training or launch, "
                       f"starting with: {later[0].title}")
    if decided < policy.ready_decided_at_least:
        reasons.append(f"{share_text(decided)} of the decisions are made; "
                       f"{share_text(policy.ready_decided_at_least)} are needed to call the project ready")
    if low < policy.ready_weakest_at_least:
        reasons.append(f"{titles[weakest]} scores {low}, below {policy.ready_weakest_at_least:g}")
    if shown_overall < policy.ready_overall_at_least:
        reasons.append(f"The overall score {shown_overall} is below {policy.ready_overall_at_least:g}")
    if reasons:
        return Verdict.ready_with_conditions, weakest, reasons
    return Verdict.ready, weakest, ["No critical or high risks, the decisions due before kickoff and labeling "
                                    f"are made, and every area scores at least {policy.ready_weakest_at_least:g}"]
