"""Claims versus evidence: where an answer says one thing and the uploaded data shows another.

Declared in `claims.yaml`. A claim pairs a condition on the answers (what the team says, e.g. "the
agreement target is 0.8 or more") with a test on a data check's metric (what the data shows, e.g.
"Krippendorff's alpha below 0.8"). When both hold, the claim becomes a finding of kind `claim`
whose text quotes the answer and the measurement side by side.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

from questionnaire.conditions import Condition, compare
from questionnaire.loader import QuestionnaireError, bundled_questionnaire, check_condition_values, load_yaml_model
from questionnaire.schema import Questionnaire
from scoring.findings import Action, Finding
from vocabulary import FindingKind, Severity

DEFAULT_CLAIMS = Path(__file__).with_name("claims.yaml")
_TESTS = ("gte", "gt", "lte", "lt", "below_answer")


class Evidence(BaseModel):
    """A test on one metric of one data check, e.g. {check: annotation_agreement, metric: alpha, lt: 0.8}."""

    model_config = ConfigDict(extra="forbid")

    check: str
    metric: str  # a key of the check's metrics; dots reach into nested mappings
    gte: float | None = None
    gt: float | None = None
    lte: float | None = None
    lt: float | None = None
    below_answer: bool | None = None  # the measurement is below the number the answer claims

    @model_validator(mode="after")
    def _one_test(self) -> Evidence:
        if sum(getattr(self, t) is not None for t in _TESTS) != 1:
            raise ValueError(f"evidence on '{self.check}.{self.metric}' needs exactly one of {', '.join(_TESTS)}")
        return self

    def measure(self, metrics_by_check: dict[str, dict[str, Any]]) -> float | None:
        value: Any = metrics_by_check.get(self.check)
        for key in self.metric.split("."):
            value = value.get(key) if isinstance(value, dict) else None
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value != value:
            return None
        return float(value)

    def holds(self, value: float, claimed: Any = None) -> bool:
        if self.below_answer:
            return isinstance(claimed, (int, float)) and not isinstance(claimed, bool) and value < claimed
        return compare(value, gte=self.gte, gt=self.gt, lte=self.lte, lt=self.lt)


class Claim(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str
    area: str
    severity: Severity
    answer: str  # the question whose answer is the claim (quoted, and compared by `below_answer`)
    when: Condition
    evidence: Evidence
    title: str
    why: str  # may use {claimed} (the answer) and {measured} (the metric, rounded)
    action: Action


class ClaimSet(BaseModel):
    model_config = ConfigDict(extra="forbid")

    claims: list[Claim] = Field(default_factory=list)


def load_claims(questionnaire: Questionnaire, path: Path | str = DEFAULT_CLAIMS) -> ClaimSet:
    path = Path(path)
    claims = load_yaml_model(path, ClaimSet, "claims")
    questions = {q.id: q for q in questionnaire.questions()}
    areas = {a.id for a in questionnaire.scored_areas()}
    for claim in claims.claims:
        check_condition_values(path, claim.id, claim.when, questions)
        if claim.answer not in questions:
            raise QuestionnaireError(path, f"claim '{claim.id}' quotes unknown question '{claim.answer}'")
        if claim.area not in areas:
            raise QuestionnaireError(path, f"claim '{claim.id}' names unknown area '{claim.area}'")
    return claims


@lru_cache(maxsize=1)
def bundled_claims() -> ClaimSet:
    return load_claims(bundled_questionnaire())


def _number(x: float) -> str:
    if x == int(x):
        return str(int(x))
    return f"{x:.3f}" if abs(x) < 1 else f"{x:.2f}"


def _shown(value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(map(str, value))
    return _number(value) if isinstance(value, float) else str(value)


def claim_findings(
    questionnaire: Questionnaire,
    effective: dict[str, Any],
    metrics_by_check: dict[str, dict[str, Any]],
    claims: ClaimSet | None = None,
) -> list[Finding]:
    """Findings where an answer's claim and a measurement disagree (checks that did not run say nothing)."""
    if claims is None:
        claims = bundled_claims() if questionnaire is bundled_questionnaire() else load_claims(questionnaire)
    findings = []
    for claim in claims.claims:
        measured = claim.evidence.measure(metrics_by_check)
        if measured is None or not claim.when.holds(effective):
            continue
        anchor = claim.answer
        claimed = effective.get(anchor)
        if not claim.evidence.holds(measured, claimed):
            continue
        question = questionnaire.question(anchor)
        option = question.option(claimed) if question is not None and isinstance(claimed, str) else None
        claimed_text = option.label if option else _shown(claimed)
        findings.append(
            Finding(
                id=f"claim:{claim.id}",
                area=claim.area,
                severity=claim.severity,
                title=claim.title,
                why=claim.why.strip().format(claimed=claimed_text, measured=_number(measured)),
                action=claim.action,
                kind=FindingKind.claim,
                source=f"claim:{claim.id} ({anchor}={_shown(claimed)} vs {claim.evidence.check}.{claim.evidence.metric}"
                f"={_number(measured)})",
                question_id=anchor,
                check=claim.evidence.check,
                metrics={"claimed": claimed, "measured": measured, "metric": claim.evidence.metric},
            )
        )
    return findings
