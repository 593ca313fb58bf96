"""Claims versus evidence: where an answer says one thing and the uploaded data shows another.

Declared in `claims.yaml`. A claim pairs a condition on the answers (what the team says, e.g. "the
agreement target is 0.8 or more") with a test on a data check's metric (what the data shows, e.g.
"Krippendorff's alpha below 0.8"). When both hold, the claim becomes a finding of kind `claim`
whose text quotes the answer and the measurement side by side. A claim the data was able to test
and did not contradict counts as confirmed (the evidence basis of its area).

Thresholds come from one place: the minimums the answers state (per class, per slice, an agreement
target) become the thresholds of the matching checks (`thresholds` in `claims.yaml`, applied by
`check_config_from_answers`), and a claim may compare with a check's own threshold
(`at_threshold`) instead of a number of its own.
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
from vocabulary import FindingKind, Severity, share_text

DEFAULT_CLAIMS = Path(__file__).with_name("claims.yaml")
_TESTS = ("gte", "gt", "lte", "lt", "below_answer", "at_threshold")


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
    at_threshold: str | None = None  # the measurement reaches this threshold of the check's own (as it ran)
    share: bool = False  # the metric is a share from 0 to 1: the text quotes it as a percent ('39.1 %')

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

    def holds(self, value: float, claimed: Any = None, thresholds: dict[str, Any] | None = None) -> bool | None:
        """Whether the measurement contradicts the claim; None when the threshold it needs is not known."""
        if self.below_answer:
            return isinstance(claimed, (int, float)) and not isinstance(claimed, bool) and value < claimed
        if self.at_threshold:
            bound = (thresholds or {}).get(self.at_threshold)
            return None if not isinstance(bound, (int, float)) else value >= bound
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
    evaluation_sample_only: bool = Field(
        default=False, description="fires only when the second uploaded sample is declared the evaluation set")


class AnswerThreshold(BaseModel):
    """A number the answers state that becomes a check's threshold, e.g. the minimum examples per class."""

    model_config = ConfigDict(extra="forbid")

    answer: str
    check: str
    threshold: str


class ClaimSet(BaseModel):
    model_config = ConfigDict(extra="forbid")

    claims: list[Claim] = Field(default_factory=list)
    thresholds: list[AnswerThreshold] = Field(default_factory=list)


class ClaimOutcome(BaseModel):
    """One claim tested against the data: contradicted (with its finding) or confirmed."""

    claim: str
    area: str
    finding: Finding | None = None

    @property
    def contradicted(self) -> bool:
        return self.finding is not None


def load_claims(questionnaire: Questionnaire, path: Path | str = DEFAULT_CLAIMS) -> ClaimSet:
    path = Path(path)
    claims = load_yaml_model(path, ClaimSet, "claims")
    questions = {q.id: q for q in questionnaire.questions()}
    areas = {a.id for a in questionnaire.scored_areas()}
    for limit in claims.thresholds:
        if limit.answer not in questions:
            raise QuestionnaireError(path, f"threshold for '{limit.check}' reads unknown question '{limit.answer}'")
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


def _measured(claim: Claim, measured: float) -> str:
    """The measurement as the claim's text quotes it: shares as percents, other numbers as numbers."""
    return share_text(measured) if claim.evidence.share else _number(measured)


def _shown(value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(map(str, value))
    return _number(value) if isinstance(value, float) else str(value)


def check_config_from_answers(questionnaire: Questionnaire, answers: dict[str, Any],
                              overrides: dict[str, dict[str, Any]] | None = None,
                              claims: ClaimSet | None = None) -> dict[str, dict[str, Any]]:
    """The checks' configuration ({check id: {threshold: value}}): the answers' own minimums as
    thresholds, under the explicit `overrides` (a threshold file or the app's choices), which win.

    The app and the CLI run the checks with it, so that a check judges the data by the number the team
    committed to, and its claim and its finding agree on where the line is.
    """
    claims = claims or _claims_for(questionnaire)
    config: dict[str, dict[str, Any]] = {}
    for limit in claims.thresholds:
        value = answers.get(limit.answer)
        if isinstance(value, (int, float)) and not isinstance(value, bool) and value > 0:
            config.setdefault(limit.check, {})[limit.threshold] = value
    for check, values in (overrides or {}).items():
        config[check] = {**config.get(check, {}), **values}
    return config


def _claims_for(questionnaire: Questionnaire) -> ClaimSet:
    return bundled_claims() if questionnaire is bundled_questionnaire() else load_claims(questionnaire)


def evaluate_claims(
    questionnaire: Questionnaire,
    effective: dict[str, Any],
    metrics_by_check: dict[str, dict[str, Any]],
    claims: ClaimSet | None = None,
    *,
    thresholds_by_check: dict[str, dict[str, Any]] | None = None,
    evaluation_sample: bool = False,
) -> list[ClaimOutcome]:
    """Every claim the answers make and the data could test: contradicted or confirmed.

    Checks that did not run say nothing; a claim marked `evaluation_sample_only` is tested only when the
    second sample is declared the evaluation set.
    """
    claims = claims or _claims_for(questionnaire)
    outcomes = []
    for claim in claims.claims:
        measured = claim.evidence.measure(metrics_by_check)
        if measured is None or not claim.when.holds(effective):
            continue
        if claim.evaluation_sample_only and not evaluation_sample:
            continue
        claimed = effective.get(claim.answer)
        thresholds = (thresholds_by_check or {}).get(claim.evidence.check)
        contradicted = claim.evidence.holds(measured, claimed, thresholds)
        if contradicted is None:
            continue
        finding = _finding(questionnaire, claim, claimed, measured) if contradicted else None
        outcomes.append(ClaimOutcome(claim=claim.id, area=claim.area, finding=finding))
    return outcomes


def _finding(questionnaire: Questionnaire, claim: Claim, claimed: Any, measured: float) -> Finding:
    anchor = claim.answer
    question = questionnaire.question(anchor)
    option = question.option(claimed) if question is not None and isinstance(claimed, str) else None
    claimed_text = option.label if option else _shown(claimed)
    return Finding(
        id=f"claim:{claim.id}",
        area=claim.area,
        severity=claim.severity,
        title=claim.title,
        why=claim.why.strip().format(claimed=claimed_text, measured=_measured(claim, measured)),
        action=claim.action,
        kind=FindingKind.claim,
        source=f"claim:{claim.id} ({anchor}={_shown(claimed)} vs {claim.evidence.check}.{claim.evidence.metric}"
        f"={_measured(claim, measured)})",
        question_id=anchor,
        check=claim.evidence.check,
        metrics={"claimed": claimed, "measured": measured, "metric": claim.evidence.metric},
    )


def claim_findings(
    questionnaire: Questionnaire,
    effective: dict[str, Any],
    metrics_by_check: dict[str, dict[str, Any]],
    claims: ClaimSet | None = None,
    **options: Any,
) -> list[Finding]:
    """Findings where an answer's claim and a measurement disagree (checks that did not run say nothing)."""
    outcomes = evaluate_claims(questionnaire, effective, metrics_by_check, claims, **options)
    return [o.finding for o in outcomes if o.finding is not None]
