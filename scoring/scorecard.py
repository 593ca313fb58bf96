"""The result of scoring: area scores, a verdict with its reasons, ranked risks and an action plan."""

from __future__ import annotations

from pydantic import BaseModel, Field

from scoring.findings import Finding
from vocabulary import Severity, Stage, Verdict


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


class Scorecard(BaseModel):
    questionnaire_version: str
    verdict: Verdict
    overall: int = Field(ge=0, le=100)
    areas: dict[str, int] = Field(description="area id -> score 0-100")
    weakest_area: str
    verdict_reasons: list[str]
    risks: list[Finding] = Field(description="ranked: most severe first")
    actions: list[PlannedAction] = Field(description="ordered by priority")
    modifiers: list[AppliedModifier] = Field(default_factory=list)
    answered: int = 0
    applicable: int = 0

    def top_risks(self, n: int = 5) -> list[Finding]:
        return self.risks[:n]

    def risks_in(self, area: str) -> list[Finding]:
        return [r for r in self.risks if r.area == area]
