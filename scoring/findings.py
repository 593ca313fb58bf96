"""The common currency of the product: a finding is one risk with its evidence and its remedy.

Answers (through the questionnaire's options), cross-question rules and data checks all yield
`Finding`s, so scoring and reports never care where a risk came from.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from vocabulary import FindingKind, Severity, Stage


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
    kind: FindingKind
    source: str = Field(description="what raised it, e.g. 'answer:ann_guidelines=none' or 'check:drift'")
    question_id: str | None = None
    check: str | None = None
    risk: float = Field(default=1.0, ge=0, le=1, description="0 = best practice .. 1 = worst")
    metrics: dict[str, Any] = Field(default_factory=dict)
    modified_by: list[str] = Field(default_factory=list, description="context modifiers that shifted the severity")
    cause: str | None = Field(default=None, description="the root cause it is evidence of (scoring/causes.yaml)")
