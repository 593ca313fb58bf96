"""Open answers saved under an older questionnaire version under the current one.

`migrations.yaml` lists one step per version change (renamed ids, renamed option values, removed
questions); `versions/<version>.yaml` freezes each older version's questions. `upgrade_answers`
walks the steps from the saved version to the current one and returns the answers in today's ids
together with a `QuestionnaireUpgrade` record: what was renamed, which answers were set aside
(kept, never dropped) and which questions are new. Nothing here touches storage.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from questionnaire.answers import validate_answers
from questionnaire.loader import DATA_DIR, QuestionnaireError, bundled_questionnaire, load_yaml_model
from questionnaire.schema import Questionnaire


class Step(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    from_version: str = Field(alias="from")
    to_version: str = Field(alias="to")
    renamed: dict[str, str] = Field(default_factory=dict)
    values: dict[str, dict[str, str]] = Field(default_factory=dict)
    removed: list[str] = Field(default_factory=list)


class Migrations(BaseModel):
    model_config = ConfigDict(extra="forbid")

    steps: list[Step] = Field(default_factory=list)

    def path(self, start: str, end: str) -> list[Step] | None:
        """The steps leading from version `start` to `end`, or None when there is no such chain."""
        chain: list[Step] = []
        at = start
        while at != end:
            step = next((s for s in self.steps if s.from_version == at), None)
            if step is None or len(chain) > len(self.steps):
                return None
            chain.append(step)
            at = step.to_version
        return chain


class FrozenQuestion(BaseModel):
    model_config = ConfigDict(extra="forbid")

    area: str
    type: str
    values: list[str] = Field(default_factory=list)


class FrozenVersion(BaseModel):
    """The questions of an older questionnaire version, as they were when it was replaced."""

    model_config = ConfigDict(extra="forbid")

    version: str
    questions: dict[str, FrozenQuestion]


class QuestionnaireUpgrade(BaseModel):
    """What happened to a revision's answers when it was opened under a newer questionnaire."""

    from_version: str
    to_version: str
    renamed: dict[str, str] = Field(default_factory=dict, description="old id -> new id, for answered questions")
    values_renamed: dict[str, dict[str, str]] = Field(default_factory=dict)
    set_aside: dict[str, Any] = Field(default_factory=dict, description="answers no longer asked: old id -> value")
    new_questions: list[str] = Field(default_factory=list, description="questions the older version did not ask")

    def summary(self) -> str:
        """One sentence for the revision history and the comparison."""
        parts = [f"{len(self.new_questions)} new question(s) start unanswered"]
        if self.renamed:
            parts.append("renamed: " + ", ".join(f"{old} → {new}" for old, new in self.renamed.items()))
        if self.values_renamed:
            parts.append(f"{len(self.values_renamed)} answer(s) mapped to reworded options")
        if self.set_aside:
            parts.append("no longer asked (answers kept with the revision): " + ", ".join(self.set_aside))
        return (f"Answered under questionnaire {self.from_version}, opened under {self.to_version}: "
                + "; ".join(parts) + ".")


MIGRATIONS_FILE = DATA_DIR / "migrations.yaml"
VERSIONS_DIR = DATA_DIR / "versions"


@lru_cache(maxsize=1)
def bundled_migrations() -> Migrations:
    return load_yaml_model(MIGRATIONS_FILE, Migrations, "migrations")


@lru_cache(maxsize=8)
def frozen_version(version: str, directory: Path = VERSIONS_DIR) -> FrozenVersion | None:
    """An older version's frozen questions, or None when it was not kept."""
    path = directory / f"{version}.yaml"
    return load_yaml_model(path, FrozenVersion, "a frozen questionnaire version") if path.is_file() else None


def can_upgrade(version: str | None, questionnaire: Questionnaire | None = None) -> bool:
    """True when answers saved under `version` are older and a chain of steps leads to today's version."""
    current = (questionnaire or bundled_questionnaire()).version
    return version is not None and version != current and bundled_migrations().path(version, current) is not None


def upgrade_answers(
    answers: dict[str, Any], version: str, questionnaire: Questionnaire | None = None,
    migrations: Migrations | None = None,
) -> tuple[dict[str, Any], QuestionnaireUpgrade]:
    """`answers` saved under `version`, in the current questionnaire's ids and values, and what changed.

    Answers that no longer fit (a removed question, or a value the question no longer offers) are
    set aside in the record, never dropped. Raises `QuestionnaireError` if no steps lead to today.
    """
    questionnaire = questionnaire or bundled_questionnaire()
    chain = (migrations or bundled_migrations()).path(version, questionnaire.version)
    if chain is None:
        raise QuestionnaireError(MIGRATIONS_FILE,
                                 f"no migration leads from version {version} to {questionnaire.version}")
    record = QuestionnaireUpgrade(from_version=version, to_version=questionnaire.version)
    # new id -> (old id, value)
    current: dict[str, tuple[str, Any]] = {qid: (qid, value) for qid, value in answers.items()}
    for step in chain:
        moved: dict[str, tuple[str, Any]] = {}
        for qid, (origin, value) in current.items():
            if qid in step.removed:
                record.set_aside[origin] = value
                continue
            new_id = step.renamed.get(qid, qid)
            mapping = step.values.get(new_id, {})
            if mapping:
                if isinstance(value, list):
                    mapped: Any = [mapping.get(str(v), v) for v in value]
                else:
                    mapped = mapping.get(str(value), value)
                if mapped != value:
                    record.values_renamed[new_id] = {str(value): str(mapped)}
                value = mapped
            moved[new_id] = (origin, value)
        current = moved
    upgraded = {}
    for qid, (origin, value) in current.items():
        if validate_answers(questionnaire, {qid: value}):
            record.set_aside[origin] = value  # no longer a valid answer: kept, not lost
            continue
        upgraded[qid] = value
        if origin != qid:
            record.renamed[origin] = qid
    record.new_questions = questions_added_since(version, questionnaire, migrations)
    return upgraded, record


def questions_added_since(version: str, questionnaire: Questionnaire | None = None,
                          migrations: Migrations | None = None) -> list[str]:
    """Ids of today's questions that version `version` did not ask (empty when that version is unknown)."""
    questionnaire = questionnaire or bundled_questionnaire()
    chain = (migrations or bundled_migrations()).path(version, questionnaire.version)
    old = frozen_version(version)
    if chain is None or old is None:
        return []
    asked = set(old.questions)
    for step in chain:
        asked = {step.renamed.get(q, q) for q in asked if q not in step.removed}
    return [q.id for q in questionnaire.questions() if q.id not in asked]
