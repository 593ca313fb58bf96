"""Plain renderings of the questionnaire: a JSON-ready dict, readable text, and an answers template."""

from __future__ import annotations

import textwrap
from typing import Any

from questionnaire.schema import UNKNOWN, Question, Questionnaire, QuestionType


def questionnaire_dict(questionnaire: Questionnaire) -> dict[str, Any]:
    """The questionnaire as plain data: areas, and for each question its id, area, type and options."""
    areas = []
    for area in questionnaire.areas:
        questions = []
        for q in area.questions:
            item: dict[str, Any] = {
                "id": q.id,
                "area": area.id,
                "type": q.type.value,
                "topic": q.topic,
                "text": q.text,
                "help": q.help.strip(),
                "required": q.required,
                "allow_unknown": bool(q.allow_unknown),
                "options": [
                    {"value": o.value, "label": o.label, "risk": o.risk, "finding": o.finding, "action": o.action}
                    for o in q.options
                ],
                "show_if": q.show_if.model_dump(by_alias=True, exclude_none=True) if q.show_if else None,
            }
            if q.type == QuestionType.number:
                item.update(unit=q.unit, min=q.min, max=q.max, integer=q.integer)
                item["bands"] = [b.model_dump(exclude_none=True) for b in q.bands]
            questions.append(item)
        areas.append({"id": area.id, "title": area.title, "summary": area.summary.strip(), "scored": area.scored,
                      "questions": questions})
    return {"version": questionnaire.version, "areas": areas}


def _allowed(q: Question) -> str:
    if q.type == QuestionType.number:
        text = f"a number of {q.unit} from {q.min:g} to {q.max:g}"
    elif q.type == QuestionType.text:
        text = "free text"
    elif q.type == QuestionType.date:
        text = "a date, YYYY-MM-DD"
    elif q.type == QuestionType.multi:
        text = "a list of any of: " + ", ".join(o.value for o in q.options)
    else:
        text = "one of: " + ", ".join(o.value for o in q.options)
    return text + (f" (or {UNKNOWN})" if q.allow_unknown else "")


def questionnaire_text(questionnaire: Questionnaire) -> str:
    """A readable listing of every area, question and option with its risk."""
    lines = [f"Questionnaire version {questionnaire.version}", ""]
    for area in questionnaire.areas:
        lines += [f"== {area.title} [{area.id}]" + ("" if area.scored else " (context, not scored)"), ""]
        for q in area.questions:
            cond = " (conditional)" if q.show_if else ""
            lines.append(f"  {q.id}  ({q.type.value}{cond}) {q.text}")
            lines += textwrap.wrap(f"Why: {q.help.strip()}", 96, initial_indent="      ", subsequent_indent="      ")
            for o in q.options:
                lines.append(f"      - {o.value}: {o.label}" + (f"  [risk {o.risk:g}]" if area.scored else ""))
            if q.type == QuestionType.number:
                lines.append(f"      {_allowed(q)}")
            lines.append("")
    return "\n".join(lines)


def answers_template(questionnaire: Questionnaire) -> str:
    """A YAML answers file with every question id, its allowed values and why it matters as comments."""
    out = [
        f"# Answers for the readiness questionnaire, version {questionnaire.version}.",
        "# Fill in a value after each id; leave it empty (or write 'unknown') when not decided yet.",
        "# Conditional questions only count when their condition holds.",
        f"questionnaire_version: \"{questionnaire.version}\"",
        "answers:",
    ]
    for area in questionnaire.areas:
        out += ["", f"  # ---- {area.title} " + "-" * max(4, 70 - len(area.title))]
        for q in area.questions:
            out.append("")
            out += textwrap.wrap(q.text, 94, initial_indent="  # ", subsequent_indent="  #   ")
            out += textwrap.wrap(f"Why: {q.help.strip()}", 94, initial_indent="  # ", subsequent_indent="  #   ")
            if q.show_if:
                out.append(f"  # Only asked when: {q.show_if.model_dump(by_alias=True, exclude_none=True)}")
            out.append(f"  # Allowed: {_allowed(q)}")
            out.append(f"  {q.id}:" + (" []" if q.type == QuestionType.multi else ""))
    return "\n".join(out) + "\n"
