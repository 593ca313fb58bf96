"""The product's words, defined once: severities, stages, verdicts, paper sizes, measurement levels, finding kinds,
and how a share reads (`share_text`: '39.1 %', the same in the app, the PDF and the CLI).

Every package uses these enums (the questionnaire's risky options, the checks' findings, scoring,
the reports, the app and the CLI's options), so a value means the same everywhere and its label is
written once. This module imports nothing of ours. How an answer reads is
`questionnaire.wording.answer_text`, next to the questions it reads.
"""

from __future__ import annotations

import math
from enum import StrEnum


def share_text(share: float) -> str:
    """A share (0-1) as a percent: one decimal from 1 % up ('39.1 %'), two significant digits below ('0.35 %')."""
    if isinstance(share, bool) or not math.isfinite(share):
        return str(share)
    percent = share * 100
    if percent == 0 or float(round(percent, 1)).is_integer() and abs(percent) >= 1:
        return f"{round(percent):.0f} %"
    if abs(percent) >= 1:
        return f"{percent:.1f} %"
    return f"{percent:.2g} %"


class Severity(StrEnum):
    """How bad a risk is, from low to critical."""

    low = "low"
    medium = "medium"
    high = "high"
    critical = "critical"

    @property
    def rank(self) -> int:
        return SEVERITY_ORDER.index(self)

    @property
    def label(self) -> str:
        return self.value.capitalize()

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


class Verdict(StrEnum):
    """The answer to "can we start?", from worst to best."""

    not_ready = "not_ready"
    ready_with_conditions = "ready_with_conditions"
    ready = "ready"

    @property
    def label(self) -> str:
        return VERDICT_LABELS[self]

    @property
    def rank(self) -> int:
        """0 for not ready, higher is better (a gate compares ranks)."""
        return list(Verdict).index(self)


VERDICT_LABELS = {
    Verdict.not_ready: "Not ready",
    Verdict.ready_with_conditions: "Ready with conditions",
    Verdict.ready: "Ready",
}


class Paper(StrEnum):
    """Page sizes the report's print stylesheet supports (the values are CSS `@page size` keywords)."""

    a4 = "a4"
    letter = "letter"


class Level(StrEnum):
    """Measurement level of annotation labels: decides how Krippendorff's alpha weighs disagreements."""

    nominal = "nominal"
    ordinal = "ordinal"
    interval = "interval"
    ratio = "ratio"


class FindingKind(StrEnum):
    """Where a risk came from; scoring and reports treat every kind alike."""

    answer = "answer"  # one answer of the questionnaire
    rule = "rule"  # a risky combination of answers (scoring/rules.yaml)
    check = "check"  # a data check on the uploaded samples
    claim = "claim"  # an answer the data contradicts (scoring/claims.yaml)
