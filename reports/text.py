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
    if scorecard.gates:
        lines += ["", "Stage gates"]
        for g in scorecard.gates:
            blocked = len(g.blocking_risks) + len(g.open_decisions)
            lines.append(f"  {g.label:<26} {'yes' if g.ready else f'no ({blocked} item(s) block it)'}")
    lines += ["", "Areas"]
    for area_id, value in scorecard.areas.items():
        bar = "#" * (value // 5)
        basis = scorecard.basis.get(area_id)
        shown = f"  {value:>3}  {bar:<20}  {basis.label}" if basis else f"  {value:>3}  {bar}"
        lines.append(f"  {titles.get(area_id, area_id):<42}{shown}")
    lines += ["", f"Top risks ({len(scorecard.risks)} in all)"]
    for r in scorecard.risks[:top]:
        evidence = f"; {len(r.evidence)} pieces of evidence" if len(r.evidence) > 1 else ""
        where = f"{titles.get(r.area, r.area)}; {r.source}{evidence}"
        lines.append(f"  [{r.severity.value.upper():<8}] {r.title}  ({where})")
        lines += textwrap.wrap(r.why, 92, initial_indent="             ", subsequent_indent="             ")
        lines += [f"             ({note})" for note in r.adjustments]
    if scorecard.modifiers:
        lines += ["", "Context adjustments"]
        lines += [f"  {'+' if m.shift > 0 else ''}{m.shift} severity: {m.reason}" for m in scorecard.modifiers]
    lines += ["", "Action plan"]
    for a in scorecard.actions:
        lines.append(f"  {a.priority:>2}. [{a.due.label}] ({a.owner}) {a.text}")
    return "\n".join(lines) + "\n"
