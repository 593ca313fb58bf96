"""The framework map: which questions and data checks serve which item of EU AI Act Article 10, the
NIST AI RMF, the ML Test Score and Datasheets for Datasets (`frameworks.yaml`).

Loaded and checked once: every question id must exist in the questionnaire, and an item served by
no question must say why (`outside`). Check ids are checked by the tests (this package never imports
`checks`).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, model_validator

from questionnaire.loader import DATA_DIR, QuestionnaireError, bundled_questionnaire, load_yaml_model
from questionnaire.schema import Questionnaire

FRAMEWORKS_FILE = DATA_DIR / "frameworks.yaml"


class FrameworkItem(BaseModel):
    model_config = ConfigDict(extra="forbid")

    code: str
    title: str
    questions: list[str] = Field(default_factory=list)
    checks: list[str] = Field(default_factory=list)
    outside: str | None = Field(default=None, description="why no question serves this item")
    ask: list[str] = Field(default_factory=list, description="what only a person can write (the datasheet marks it)")

    @model_validator(mode="after")
    def _served_or_explained(self) -> FrameworkItem:
        if not self.questions and not self.outside:
            raise ValueError(f"item {self.code} names no question; say why in 'outside'")
        return self


class Framework(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str
    title: str
    in_appendix: bool = True
    items: list[FrameworkItem]


class FrameworkMap(BaseModel):
    model_config = ConfigDict(extra="forbid")

    frameworks: list[Framework]

    def framework(self, framework_id: str) -> Framework:
        return next(f for f in self.frameworks if f.id == framework_id)

    def items_of(self, question_id: str) -> list[tuple[Framework, FrameworkItem]]:
        """Every framework item a question serves."""
        return [(f, i) for f in self.frameworks for i in f.items if question_id in i.questions]


def load_frameworks(questionnaire: Questionnaire, path: Path | str = FRAMEWORKS_FILE) -> FrameworkMap:
    path = Path(path)
    mapped = load_yaml_model(path, FrameworkMap, "the framework map")
    ids = [f.id for f in mapped.frameworks]
    if len(set(ids)) != len(ids):
        raise QuestionnaireError(path, f"framework ids must be unique: {ids}")
    for framework in mapped.frameworks:
        for item in framework.items:
            unknown = [q for q in item.questions if questionnaire.question(q) is None]
            if unknown:
                raise QuestionnaireError(path, f"{framework.id} {item.code} names unknown questions {unknown}")
    return mapped


@lru_cache(maxsize=1)
def bundled_frameworks() -> FrameworkMap:
    return load_frameworks(bundled_questionnaire())
