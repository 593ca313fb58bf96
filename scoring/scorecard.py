"""The result of scoring: area scores, a verdict with stage gates, risks by root cause and an action plan."""

from __future__ import annotations

from pydantic import BaseModel, Field

from scoring.findings import Finding
from vocabulary import Severity, Stage, Verdict


class Risk(Finding):
    """One root cause with all its evidence (answers, rules, data checks, claims); it deducts once.

    It reads like its lead evidence (the strongest; a claim before a check, a rule before an answer):
    title, why, action, kind, source and question are the lead's, `severity` the strongest evidence's.
    `id` is the cause, so a risk keeps its identity across revisions whatever evidence it carries.
    """

    evidence: list[Finding] = Field(default_factory=list, description="strongest first")
    weight: float = Field(default=0.0, ge=0, description="what the risk deducts: see docs/checks.md, Scoring")
    adjustments: list[str] = Field(
        default_factory=list, description="why the severity moved, in words, e.g. 'raised one step: personal data'")

    @property
    def kinds(self) -> set[str]:
        return {e.kind for e in self.evidence}


class PlannedAction(BaseModel):
    """One line of the action plan; several findings may call for the same action."""

    priority: int = Field(description="1 = do first")
    text: str
    owner: str
    due: Stage
    area: str
    severity: Severity
    finding_ids: list[str]


class AppliedModifier(BaseModel):
    """A context modulation that changed at least one finding's severity."""

    id: str
    shift: int
    reason: str
    finding_ids: list[str]


class StageGate(BaseModel):
    """Whether the project may pass one stage, and what blocks it (items due at or before that stage)."""

    stage: Stage
    label: str = Field(description="e.g. 'Ready to kick off'")
    ready: bool
    blocking_risks: list[str] = Field(default_factory=list, description="ids of critical or high risks due by then")
    open_decisions: list[str] = Field(default_factory=list, description="question ids still undecided, due by then")


class AreaBasis(BaseModel):
    """What an area's score rests on: the answers alone, or also uploaded data."""

    data: bool = Field(description="at least one data check of this area ran on uploaded data")
    checks_run: int = 0
    claims_confirmed: int = Field(default=0, description="answers the data was able to test and did not contradict")
    claims_contradicted: int = 0

    @property
    def label(self) -> str:
        return "answers and uploaded data" if self.data else "self-reported answers only"


class Scorecard(BaseModel):
    questionnaire_version: str
    verdict: Verdict
    overall: int = Field(ge=0, le=100)
    areas: dict[str, int] = Field(description="area id -> score 0-100")
    exact: dict[str, float] = Field(default_factory=dict,
                                    description="unrounded area scores and 'overall', for comparisons")
    weakest_area: str
    verdict_reasons: list[str]
    gates: list[StageGate] = Field(default_factory=list, description="kickoff, labeling, first training, launch")
    basis: dict[str, AreaBasis] = Field(default_factory=dict, description="area id -> evidence basis")
    risks: list[Risk] = Field(description="one per root cause, ranked: most severe first")
    actions: list[PlannedAction] = Field(description="ordered by priority")
    modifiers: list[AppliedModifier] = Field(default_factory=list)
    answered: int = 0
    applicable: int = 0

    @property
    def decided_share(self) -> float:
        return self.answered / self.applicable if self.applicable else 1.0

    def top_risks(self, n: int = 5) -> list[Risk]:
        return self.risks[:n]

    def risks_in(self, area: str) -> list[Risk]:
        return [r for r in self.risks if r.area == area]

    def evidence(self, kind: str | None = None) -> list[Finding]:
        """Every piece of evidence behind the risks (of one kind: answer, rule, check or claim)."""
        return [e for r in self.risks for e in r.evidence if kind is None or e.kind == kind]

    def risk_of(self, finding_id: str) -> Risk | None:
        """The risk a finding (by its id) is evidence of."""
        return next((r for r in self.risks if any(e.id == finding_id for e in r.evidence)), None)
