"""The wizard's steps, declared as data: one per questionnaire area (context first), plus extras.

A step knows its id, title, how to draw its body and how complete it is. To add a step that is
not an area (like the "Sample data" step with uploads and column mapping), write a
`Step` with its own `render` and `progress` and list it in `EXTRA_STEPS` with the id of the step
it follows; nothing else in the wizard needs to change.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from questionnaire import Area, Questionnaire, QuestionType


class Status(StrEnum):
    not_started = "not_started"
    partial = "partial"
    complete = "complete"

    @property
    def icon(self) -> str:
        """A coloured icon (Streamlit markdown), readable without relying on colour alone."""
        return {"not_started": ":gray[:material/radio_button_unchecked:]", "partial": ":orange[:material/timelapse:]",
                "complete": ":green[:material/check_circle:]"}[self]


@dataclass(frozen=True)
class Progress:
    answered: int
    total: int
    missing_required: int = 0

    @property
    def status(self) -> Status:
        if self.total and self.answered >= self.total and not self.missing_required:
            return Status.complete
        return Status.partial if self.answered else Status.not_started


@dataclass(frozen=True)
class Step:
    """One page of the wizard.

    `render(questionnaire, answers)` draws the step's body (the wizard adds title, navigation and
    autosave); `progress(questionnaire, answers)` says how far it is filled in.
    """

    id: str
    title: str
    summary: str
    render: Callable[[Questionnaire, dict[str, Any]], None]
    progress: Callable[[Questionnaire, dict[str, Any]], Progress]
    area: str | None = None  # the questionnaire area it asks about, if any


def sample_data_step() -> Step:
    """Optional uploads of sample data and the automated checks on them (see `ui.sample_step`)."""

    def render(questionnaire: Questionnaire, answers: dict[str, Any]) -> None:
        from ui.sample_step import render as draw  # imports Streamlit and the checks

        draw(questionnaire, answers)

    def progress(questionnaire: Questionnaire, answers: dict[str, Any]) -> Progress:
        from ui.sample_step import progress as measure

        return measure(questionnaire, answers)

    return Step(id="sample_data", title="Sample data",
                summary="Optional: upload samples so automated checks can test the answers against real data.",
                render=render, progress=progress)


# Steps that are not questionnaire areas: (id of the step they follow, Step).
EXTRA_STEPS: list[tuple[str, Step]] = [("shift_maintenance", sample_data_step())]


def area_progress(area: Area) -> Callable[[Questionnaire, dict[str, Any]], Progress]:
    """Answered vs applicable questions of an area (free-text notes are optional and not counted)."""

    def progress(questionnaire: Questionnaire, answers: dict[str, Any]) -> Progress:
        counted = [q for q in area.questions if q.type != QuestionType.text and questionnaire.visible(q, answers)]
        given = [q for q in counted if answers.get(q.id) not in (None, "", [])]
        missing = [q for q in counted if q.required and q not in given]
        return Progress(len(given), len(counted), len(missing))

    return progress


def area_step(area: Area) -> Step:
    from ui.area_form import render_area  # draws the questions (imports Streamlit)

    return Step(
        id=area.id, title=area.title, summary=area.summary, area=area.id,
        render=lambda questionnaire, answers: render_area(questionnaire, area, answers),
        progress=area_progress(area),
    )


def wizard_steps(questionnaire: Questionnaire) -> list[Step]:
    """Every step in order: the areas as the questionnaire lists them, with extras inserted."""
    steps = [area_step(a) for a in questionnaire.areas]
    for after, extra in EXTRA_STEPS:
        position = next((i + 1 for i, s in enumerate(steps) if s.id == after), len(steps))
        steps.insert(position, extra)
    return steps


def step_of_question(questionnaire: Questionnaire, question_id: str) -> str | None:
    """The id of the step that asks a question."""
    question = questionnaire.question(question_id)
    return questionnaire.area_of(question_id).id if question else None
