"""The questionnaire's shape: areas hold questions, questions hold options that carry risk.

Everything here is validated when the YAML files are loaded (see `loader.py`), so the rest of
the product can trust a `Questionnaire` without re-checking it.
"""

from __future__ import annotations

from enum import StrEnum
from functools import cached_property
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

from questionnaire.conditions import Condition
from vocabulary import Severity, Stage

UNKNOWN = "unknown"  # the value of "Don't know yet" on every decision question
UNKNOWN_LABEL = "Don't know yet"


class QuestionType(StrEnum):
    single = "single"  # one of the options
    multi = "multi"  # any number of the options
    yesno = "yesno"  # options 'yes' and 'no' (plus "don't know yet")
    number = "number"  # a number with a unit and bounds, risk by bands
    text = "text"  # free text, never scored
    date = "date"  # an ISO date (YYYY-MM-DD), never scored


CHOICE_TYPES = {QuestionType.single, QuestionType.multi, QuestionType.yesno}


class Risky(BaseModel):
    """What an answer means when it is risky: the finding it raises and the action it calls for."""

    model_config = ConfigDict(extra="forbid")

    risk: float = Field(default=0, ge=0, le=1, description="0 = best practice .. 1 = worst")
    finding: str | None = Field(default=None, description="short title of the risk this answer raises")
    why: str | None = Field(default=None, description="why the risk matters; defaults to the question's help")
    action: str | None = None
    owner: str | None = None
    due: Stage | None = None
    severity: Severity | None = Field(default=None, description="overrides the severity derived from the risk")

    @model_validator(mode="after")
    def _risky_needs_remedy(self) -> Risky:
        if self.risk > 0 and not (self.finding and self.action):
            raise ValueError(f"risk {self.risk} > 0 needs both 'finding' and 'action'")
        return self


class Option(Risky):
    value: str
    label: str


class Band(Risky):
    """A range of a number answer: the first band whose bounds contain the answer applies."""

    lt: float | None = None
    gte: float | None = None

    def contains(self, x: float) -> bool:
        return (self.lt is None or x < self.lt) and (self.gte is None or x >= self.gte)


class Question(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    topic: str = Field(description="a short name for the question, used in findings and tables")
    text: str
    help: str = Field(description="why the question matters, in one or two sentences")
    type: QuestionType
    required: bool = False
    options: list[Option] = Field(default_factory=list)
    aggregate: str = Field(
        default="max", pattern="^(max|min|each)$",
        description="multi: the riskiest chosen option counts (max), the safest (min), or each risky one alone (each)",
    )
    unit: str | None = None
    min: float | None = None
    max: float | None = None
    integer: bool = False
    bands: list[Band] = Field(default_factory=list)
    show_if: Condition | None = None
    allow_unknown: bool | None = Field(default=None, description="defaults to true for scored areas")
    unknown: Risky | None = Field(
        default=None, description="what 'don't know yet' means; defaults from the scoring config")
    owner: str = "Project lead"
    due: Stage = Stage.before_kickoff
    placeholder: str | None = None

    @model_validator(mode="after")
    def _consistent(self) -> Question:
        values = [o.value for o in self.options]
        if len(set(values)) != len(values):
            raise ValueError("option values must be unique")
        if UNKNOWN in values:
            raise ValueError(f"'{UNKNOWN}' is added automatically; do not declare it as an option")
        if self.type in CHOICE_TYPES and len(self.options) < 2:
            raise ValueError(f"a {self.type} question needs at least two options")
        if self.type == QuestionType.yesno and set(values) != {"yes", "no"}:
            raise ValueError("a yesno question has exactly the options 'yes' and 'no'")
        if self.type not in CHOICE_TYPES and self.options:
            raise ValueError(f"a {self.type} question has no options")
        if self.type == QuestionType.number:
            if self.min is None or self.max is None or self.min >= self.max:
                raise ValueError("a number question needs bounds with min < max")
            if not self.unit:
                raise ValueError("a number question needs a unit")
        elif self.bands:
            raise ValueError("only number questions have bands")
        if self.aggregate != "max" and self.type != QuestionType.multi:
            raise ValueError(f"'aggregate: {self.aggregate}' applies to multi questions only")
        return self

    @property
    def scored(self) -> bool:
        return self.type not in (QuestionType.text, QuestionType.date)

    def option(self, value: str) -> Option | None:
        return next((o for o in self.options if o.value == value), None)

    def band(self, x: float) -> Band | None:
        return next((b for b in self.bands if b.contains(x)), None)

    def allowed_values(self) -> list[str]:
        values = [o.value for o in self.options]
        return values + [UNKNOWN] if self.allow_unknown else values


class Area(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    title: str
    summary: str = Field(description="what this area is about, one or two sentences")
    scored: bool = True
    questions: list[Question]


class Questionnaire(BaseModel):
    model_config = ConfigDict(extra="forbid")

    version: str
    areas: list[Area]

    def questions(self) -> list[Question]:
        return [q for a in self.areas for q in a.questions]

    def question(self, qid: str) -> Question | None:
        return self._index.get(qid)

    def area(self, area_id: str) -> Area | None:
        return next((a for a in self.areas if a.id == area_id), None)

    def area_of(self, qid: str) -> Area:
        return next(a for a in self.areas if any(q.id == qid for q in a.questions))

    def scored_areas(self) -> list[Area]:
        return [a for a in self.areas if a.scored]

    def visible(self, question: Question, answers: dict[str, Any]) -> bool:
        """Whether a question applies, given the answers so far.

        Conditions chain: the answer to a question that is itself hidden counts as not given.
        """
        if question.show_if is None:
            return True
        given = {}
        for qid in question.show_if.questions():
            ref = self.question(qid)
            if qid in answers and (ref is None or self.visible(ref, answers)):
                given[qid] = answers[qid]
        return question.show_if.holds(given)

    @cached_property
    def _index(self) -> dict[str, Question]:
        return {q.id: q for q in self.questions()}
