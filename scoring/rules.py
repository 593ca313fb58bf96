"""Cross-question rules and context modifiers, declared in `rules.yaml`.

A rule raises a finding when a combination of answers is risky ("items are double-labeled" and
"agreement is not measured"). A modifier shifts the severity of findings in some areas or of some
questions when the project context makes them weigh more (safety-critical) or less (internal only).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, model_validator

from questionnaire.conditions import Condition
from questionnaire.loader import QuestionnaireError, bundled_questionnaire, check_condition_values, load_yaml_model
from questionnaire.schema import Questionnaire
from scoring.findings import Action
from vocabulary import Severity

DEFAULT_RULES = Path(__file__).with_name("rules.yaml")


class Modifier(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str
    when: Condition
    areas: list[str] = Field(default_factory=list)
    questions: list[str] = Field(default_factory=list)
    shift: int = Field(ge=-3, le=3)
    reason: str

    @model_validator(mode="after")
    def _targets(self) -> Modifier:
        if not self.areas and not self.questions:
            raise ValueError("a modifier needs 'areas' or 'questions' to act on")
        if self.shift == 0:
            raise ValueError("a modifier's shift must not be 0")
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
