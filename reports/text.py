"""The scorecard as plain text, for terminals and pipeline logs."""

from __future__ import annotations

import textwrap

from questionnaire.schema import Questionnaire
from scoring.scorecard import Scorecard


def scorecard_text(scorecard: Scorecard, questionnaire: Questionnaire, top: int = 10) -> str:
    titles = {a.id: a.title for a in questionnaire.areas}
    lines = [
        f"Verdict: {scorecard.verdict.label.upper()}   overall {scorecard.overall}/100   "
        f"({scorecard.answered} of {scorecard.applicable} decisions made; "
        f"questionnaire {scorecard.questionnaire_version})",
    ]
    lines += [f"  - {r}" for r in scorecard.verdict_reasons]
    lines += ["", "Areas"]
    for area_id, value in scorecard.areas.items():
        bar = "#" * (value // 5)
        lines.append(f"  {titles.get(area_id, area_id):<42} {value:>3}  {bar}")
    lines += ["", f"Top risks ({len(scorecard.risks)} in all)"]
    for r in scorecard.risks[:top]:
        lines.append(f"  [{r.severity.value.upper():<8}] {r.title}  ({titles.get(r.area, r.area)}; {r.source})")
        lines += textwrap.wrap(r.why, 92, initial_indent="             ", subsequent_indent="             ")
    if scorecard.modifiers:
        lines += ["", "Context adjustments"]
        lines += [f"  {'+' if m.shift > 0 else ''}{m.shift} severity: {m.reason}" for m in scorecard.modifiers]
    lines += ["", "Action plan"]
    for a in scorecard.actions:
        lines.append(f"  {a.priority:>2}. [{a.due.label}] ({a.owner}) {a.text}")
    return "\n".join(lines) + "\n"
