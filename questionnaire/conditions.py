"""Conditions on answers: when a question is shown, and when a cross-question rule fires.

A condition is declared as data, e.g. in YAML::

    show_if: {question: ann_overlap_share, gte: 10}
    when:
      all:
        - {question: ann_overlap_share, gte: 10}
        - {question: ann_agreement_measured, in: [no, unknown]}

A leaf names one question and one test. ``all`` / ``any`` / ``not`` combine leaves.
An unanswered question satisfies no test except ``answered: false``.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

_TESTS = ("equals", "in_", "not_in", "includes", "excludes", "gte", "gt", "lte", "lt", "answered")


class Condition(BaseModel):
    """One test on one answer, or a combination of conditions."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    question: str | None = None
    equals: Any = None
    in_: list[Any] | None = Field(default=None, alias="in")
    not_in: list[Any] | None = None
    includes: Any = None  # multiple choice: the answer contains this value (or any of these values)
    excludes: Any = None  # multiple choice: the answer contains none of these values
    gte: float | None = None
    gt: float | None = None
    lte: float | None = None
    lt: float | None = None
    answered: bool | None = None

    all: list[Condition] | None = None
    any: list[Condition] | None = None
    not_: Condition | None = Field(default=None, alias="not")

    @model_validator(mode="after")
    def _one_shape(self) -> Condition:
        combinators = [c for c in (self.all, self.any, self.not_) if c is not None]
        tests = [t for t in _TESTS if getattr(self, t) is not None]
        if combinators and (self.question or tests):
            raise ValueError("a condition is either a combination (all/any/not) or a test on one question, not both")
        if len(combinators) > 1:
            raise ValueError("use only one of all / any / not per condition")
        if not combinators:
            if not self.question:
                raise ValueError("a test needs 'question'")
            if len(tests) != 1:
                raise ValueError(f"a test on '{self.question}' needs exactly one of: {', '.join(_public(_TESTS))}")
        return self

    def questions(self) -> set[str]:
        """Every question id this condition reads."""
        if self.question:
            return {self.question}
        parts = self.all or self.any or ([self.not_] if self.not_ else [])
        return set().union(*(p.questions() for p in parts)) if parts else set()

    def holds(self, answers: dict[str, Any]) -> bool:
        if self.all is not None:
            return all(c.holds(answers) for c in self.all)
        if self.any is not None:
            return any(c.holds(answers) for c in self.any)
        if self.not_ is not None:
            return not self.not_.holds(answers)
        value = answers.get(self.question)  # type: ignore[arg-type]
        given = value is not None and value != [] and value != ""
        if self.answered is not None:
            return given == self.answered
        if not given:
            return False
        return _test(self, value)


def _public(names: tuple[str, ...]) -> list[str]:
    return [n.rstrip("_") if n != "in_" else "in" for n in names]


def _as_list(x: Any) -> list[Any]:
    return list(x) if isinstance(x, (list, tuple, set)) else [x]


def _test(c: Condition, value: Any) -> bool:
    if c.equals is not None:
        return value == c.equals
    if c.in_ is not None:
        return value in c.in_
    if c.not_in is not None:
        return value not in c.not_in
    if c.includes is not None:
        return bool(set(_as_list(value)) & set(_as_list(c.includes)))
    if c.excludes is not None:
        return not (set(_as_list(value)) & set(_as_list(c.excludes)))
    if not isinstance(value, (int, float)) or isinstance(value, bool):
        return False
    return compare(value, gte=c.gte, gt=c.gt, lte=c.lte, lt=c.lt)


def compare(value: float, *, gte: float | None, gt: float | None, lte: float | None, lt: float | None) -> bool:
    """The one bound that is set (the others None) holds for `value`."""
    if gte is not None:
        return value >= gte
    if gt is not None:
        return value > gt
    if lte is not None:
        return value <= lte
    return value < lt  # type: ignore[operator]


Condition.model_rebuild()
