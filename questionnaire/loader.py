"""Load the questionnaire from its YAML files and check it thoroughly, once, at start-up.

`questionnaire.yaml` names the version and the area files in order; each area file holds one
area and its questions. It may also name addition files (`additions:`, in `questionnaire/additions/`),
each placing questions into existing areas::

    placements:
      - area: context          # the area the questions join
        before: ctx_notes      # optional: insert before this question (default: at the end)
        questions: [...]       # questions exactly as in an area file

Any problem raises `QuestionnaireError` naming the file, the question id and what is wrong, so a
content author can fix it without reading Python.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from questionnaire.conditions import Condition
from questionnaire.schema import CHOICE_TYPES, Area, Question, Questionnaire, QuestionType

DATA_DIR = Path(__file__).parent
PLACEMENT_KEYS = {"area", "before", "questions"}
M = TypeVar("M", bound=BaseModel)


class QuestionnaireError(ValueError):
    """A questionnaire file is wrong; the message names the file, the question and the problem."""

    def __init__(self, file: Path | str, problem: str, question: str | None = None):
        self.file, self.question, self.problem = str(file), question, problem
        where = f"{Path(file).name}" + (f", question '{question}'" if question else "")
        super().__init__(f"{where}: {problem}")


def _read_yaml(path: Path) -> Any:
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise QuestionnaireError(path, f"cannot read YAML: {exc}") from exc


def _check_questions(path: Path, questions: list[Any]) -> None:
    for i, q in enumerate(questions):
        qid = q.get("id") if isinstance(q, dict) else None
        try:
            Question.model_validate(q)
        except ValidationError as exc:
            raise QuestionnaireError(path, _describe(exc), qid or f"#{i + 1}") from exc


def _read_area(path: Path) -> dict[str, Any]:
    raw = _read_yaml(path)
    if not isinstance(raw, dict) or not isinstance(raw.get("questions"), list):
        raise QuestionnaireError(path, "expected a mapping with 'id', 'title', 'summary' and a list 'questions'")
    _check_questions(path, raw["questions"])
    return raw


def _place(path: Path, raw_areas: dict[str, dict[str, Any]], origin: dict[str, Path]) -> None:
    """Insert the questions of one addition file into the areas it names (raw YAML, before validation)."""
    raw = _read_yaml(path)
    blocks = raw.get("placements") if isinstance(raw, dict) else None
    if not isinstance(blocks, list) or not blocks:
        raise QuestionnaireError(path, "expected a list 'placements' of {area, before (optional), questions}")
    for block in blocks:
        if not isinstance(block, dict) or not isinstance(block.get("questions"), list) or set(block) - PLACEMENT_KEYS:
            raise QuestionnaireError(
                path, f"each placement is a mapping of {sorted(PLACEMENT_KEYS)} with a list 'questions'")
        area = raw_areas.get(str(block.get("area")))
        if area is None:
            raise QuestionnaireError(
                path, f"placement names unknown area '{block.get('area')}'; known: {sorted(raw_areas)}")
        _check_questions(path, block["questions"])
        ids = [q.get("id") for q in area["questions"]]
        before = block.get("before")
        if before is not None and before not in ids:
            raise QuestionnaireError(path, f"'before: {before}' is not a question of area '{block['area']}'")
        at = ids.index(before) if before is not None else len(ids)
        area["questions"][at:at] = block["questions"]
        origin.update({q["id"]: path for q in block["questions"]})


def _validate_area(path: Path, raw: dict[str, Any]) -> Area:
    try:
        return Area.model_validate(raw)
    except ValidationError as exc:
        raise QuestionnaireError(path, _describe(exc)) from exc


def load_yaml_model(path: Path, model: type[M], what: str) -> M:
    """Read a YAML file into a pydantic model; any problem raises `QuestionnaireError` naming the file."""
    try:
        return model.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")) or {})
    except (OSError, yaml.YAMLError) as exc:
        raise QuestionnaireError(path, f"cannot read {what}: {exc}") from None
    except ValidationError as exc:
        raise QuestionnaireError(path, _describe(exc)) from None


def _describe(exc: ValidationError) -> str:
    parts = []
    for err in exc.errors():
        loc = ".".join(str(x) for x in err["loc"])
        parts.append(f"{loc}: {err['msg']}" if loc else err["msg"])
    return "; ".join(parts)


def _check_condition(path: Path, q: Question, cond: Condition, earlier: dict[str, Question]) -> None:
    for ref in cond.questions():
        target = earlier.get(ref)
        if target is None:
            raise QuestionnaireError(path, f"show_if refers to '{ref}', which is not an earlier question", q.id)
    check_condition_values(path, q.id, cond, earlier)


def check_condition_values(path: Path | str, owner: str, cond: Condition, questions: dict[str, Question]) -> None:
    """Values named in a condition must be values the referenced question can take."""
    for part in (cond.all or []) + (cond.any or []) + ([cond.not_] if cond.not_ else []):
        check_condition_values(path, owner, part, questions)
    if not cond.question:
        return
    target = questions.get(cond.question)
    if target is None:
        raise QuestionnaireError(path, f"condition refers to unknown question '{cond.question}'", owner)
    if target.type not in CHOICE_TYPES:
        return
    allowed = set(target.allowed_values())
    named = [cond.equals] if cond.equals is not None else []
    for listed in (cond.in_, cond.not_in, cond.includes, cond.excludes):
        if listed is not None:
            named += listed if isinstance(listed, list) else [listed]
    bad = [v for v in named if v not in allowed]
    if bad:
        raise QuestionnaireError(
            path, f"condition on '{cond.question}' names {bad}, not among its values {sorted(allowed)}", owner
        )


def load_questionnaire(directory: Path | str = DATA_DIR) -> Questionnaire:
    """Read and validate the questionnaire in `directory` (the bundled one by default)."""
    directory = Path(directory)
    index_path = directory / "questionnaire.yaml"
    index = _read_yaml(index_path)
    if not isinstance(index, dict) or "version" not in index or not isinstance(index.get("areas"), list):
        raise QuestionnaireError(index_path, "expected 'version' and a list 'areas' of area file names")
    if not isinstance(index.get("additions", []), list):
        raise QuestionnaireError(index_path, "'additions' must be a list of addition file names")
    paths = [directory / "areas" / name for name in index["areas"]]
    raws = [_read_area(path) for path in paths]
    ids = [str(raw.get("id")) for raw in raws]
    if len(set(ids)) != len(ids):
        raise QuestionnaireError(index_path, f"area ids must be unique: {ids}")
    raw_areas = dict(zip(ids, raws, strict=True))
    origin: dict[str, Path] = {}
    for name in index.get("additions", []):
        _place(directory / "additions" / name, raw_areas, origin)
    areas = []
    seen: dict[str, Question] = {}
    for area_path, raw in zip(paths, raws, strict=True):
        area = _validate_area(area_path, raw)
        for q in area.questions:
            path = origin.get(q.id, area_path)
            if q.id in seen:
                raise QuestionnaireError(path, "question id is used twice", q.id)
            if q.allow_unknown is None:
                q.allow_unknown = area.scored and q.type in CHOICE_TYPES | {QuestionType.number}
            if q.show_if is not None:
                _check_condition(path, q, q.show_if, seen)
            seen[q.id] = q
        areas.append(area)
    return Questionnaire(version=str(index["version"]), areas=areas)


@lru_cache(maxsize=1)
def bundled_questionnaire() -> Questionnaire:
    """The questionnaire shipped with the product, loaded once per process."""
    return load_questionnaire(DATA_DIR)

