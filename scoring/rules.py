"""Cross-question rules and context modifiers, declared in `rules.yaml`.

A rule raises a finding when a combination of answers is risky ("items are double-labeled" and
"agreement is not measured"). A modifier shifts the severity of findings in some areas or of some
questions when the project context makes them weigh more (safety-critical) or less (internal only).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

from questionnaire.conditions import Condition
from questionnaire.loader import QuestionnaireError, bundled_questionnaire, check_condition_values, load_yaml_model
from questionnaire.schema import Questionnaire
from scoring.findings import Action, Finding
from vocabulary import FindingKind, Severity

DEFAULT_RULES = Path(__file__).with_name("rules.yaml")


class Modifier(BaseModel):
    """A context that makes some findings weigh more or less, by one step (two only with a stated reason)."""

    model_config = ConfigDict(extra="forbid")

    id: str
    label: str = Field(description="the context in a few words, e.g. 'safety-critical use'")
    when: Condition
    areas: list[str] = Field(default_factory=list)
    questions: list[str] = Field(default_factory=list)
    shift: int = Field(ge=-2, le=2)
    two_steps: str | None = Field(default=None, description="why this context may move a finding two steps")
    reason: str

    @model_validator(mode="after")
    def _targets(self) -> Modifier:
        if not self.areas and not self.questions:
            raise ValueError("a modifier needs 'areas' or 'questions' to act on")
        if self.shift == 0:
            raise ValueError("a modifier's shift must not be 0")
        if abs(self.shift) > 1 and not self.two_steps:
            raise ValueError("a modifier that moves two steps must say why in 'two_steps'")
        return self


class Rule(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str
    area: str
    severity: Severity
    when: Condition
    title: str
    why: str
    action: Action


    def restates(self, questionnaire: Questionnaire) -> set[str]:
        """The scored questions of the rule's own area that its condition reads: the rule restates their answers."""
        area = questionnaire.area(self.area)
        own = {q.id for q in area.questions} if area else set()
        return self.when.questions() & own


class RuleSet(BaseModel):
    model_config = ConfigDict(extra="forbid")

    modifiers: list[Modifier] = Field(default_factory=list)
    rules: list[Rule] = Field(default_factory=list)


def load_rules(questionnaire: Questionnaire, path: Path | str = DEFAULT_RULES) -> RuleSet:
    """Read the rules file and check every id and value it names against the questionnaire."""
    path = Path(path)
    ruleset = load_yaml_model(path, RuleSet, "rules")
    questions = {q.id: q for q in questionnaire.questions()}
    area_ids = {a.id for a in questionnaire.scored_areas()}
    ids = [r.id for r in ruleset.rules] + [m.id for m in ruleset.modifiers]
    if len(set(ids)) != len(ids):
        raise QuestionnaireError(path, "rule and modifier ids must be unique")
    items: list[Rule | Modifier] = [*ruleset.rules, *ruleset.modifiers]
    for item in items:
        check_condition_values(path, item.id, item.when, questions)
        targets = [item.area] if isinstance(item, Rule) else item.areas
        unknown_areas = [a for a in targets if a not in area_ids]
        if unknown_areas:
            raise QuestionnaireError(path, f"'{item.id}' names unknown scored areas {unknown_areas}")
        for qid in getattr(item, "questions", []):
            if qid not in questions:
                raise QuestionnaireError(path, f"'{item.id}' names unknown question '{qid}'")
    return ruleset


@lru_cache(maxsize=1)
def bundled_rules() -> RuleSet:
    """The rules shipped with the product, checked against the bundled questionnaire, loaded once."""
    return load_rules(bundled_questionnaire())


def _anchor(questionnaire: Questionnaire, question_ids: set[str]) -> str | None:
    """The question a rule's finding links back to: the first scored one it names, in questionnaire order."""
    ordered = [q.id for a in questionnaire.scored_areas() for q in a.questions if q.id in question_ids]
    return ordered[0] if ordered else min(question_ids, default=None)


def rule_findings(questionnaire: Questionnaire, ruleset: RuleSet, effective: dict[str, Any],
                  weights: dict[Severity, float]) -> list[Finding]:
    """Findings raised by cross-question rules; each weighs what its severity weighs."""
    return [
        Finding(
            id=f"rule:{rule.id}",
            area=rule.area,
            severity=rule.severity,
            title=rule.title,
            why=rule.why.strip(),
            action=rule.action,
            kind=FindingKind.rule,
            source=f"rule:{rule.id}",
            question_id=_anchor(questionnaire, rule.when.questions()),
            risk=weights[rule.severity],
        )
        for rule in ruleset.rules
        if rule.when.holds(effective)
    ]
