"""The common currency of the product: a finding is one risk with its evidence and its remedy.

Answers (through the questionnaire's options), cross-question rules and data checks all yield
`Finding`s, so scoring and reports never care where a risk came from.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class Severity(StrEnum):
    low = "low"
    medium = "medium"
    high = "high"
    critical = "critical"

    @property
    def rank(self) -> int:
        return SEVERITY_ORDER.index(self)

    def shifted(self, steps: int) -> Severity:
        """This severity moved up (positive) or down (negative) the scale, clamped at its ends."""
        i = min(max(self.rank + steps, 0), len(SEVERITY_ORDER) - 1)
        return SEVERITY_ORDER[i]


SEVERITY_ORDER = [Severity.low, Severity.medium, Severity.high, Severity.critical]


class Stage(StrEnum):
    """When an action is due, in project order."""

    before_kickoff = "before_kickoff"
    before_labeling = "before_labeling"
    before_first_training = "before_first_training"
    before_launch = "before_launch"
    each_retrain = "each_retrain"

    @property
    def label(self) -> str:
        return STAGE_LABELS[self]

    @property
    def rank(self) -> int:
        return list(Stage).index(self)


STAGE_LABELS = {
    Stage.before_kickoff: "Before kickoff",
    Stage.before_labeling: "Before labeling",
    Stage.before_first_training: "Before first training",
    Stage.before_launch: "Before launch",
    Stage.each_retrain: "Each retrain",
}


class Action(BaseModel):
    """A recommended action: what to do, who owns it, and when it is due."""

    model_config = ConfigDict(extra="forbid")

    text: str
    owner: str = "Project lead"
    due: Stage = Stage.before_kickoff


class Finding(BaseModel):
    """One risk raised by an answer, a rule or a data check."""

    model_config = ConfigDict(extra="forbid")

    id: str
    area: str
    severity: Severity
    title: str
    why: str
    action: Action | None = None
    kind: str = Field(description="answer | rule | check | claim")
    source: str = Field(description="what raised it, e.g. 'answer:ann_guidelines=none' or 'check:drift'")
    question_id: str | None = None
    check: str | None = None
    risk: float = Field(default=1.0, ge=0, le=1, description="0 = best practice .. 1 = worst")
    metrics: dict[str, Any] = Field(default_factory=dict)
    modified_by: list[str] = Field(default_factory=list, description="context modifiers that shifted the severity")
    cause: str | None = Field(default=None, description="the root cause this finding is evidence of (scoring/causes.yaml)")
