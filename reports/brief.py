"""The kickoff brief: the few pages a team signs at kickoff, next to the full report.

It is the full report's front matter and nothing new: the same cover (verdict, stage gates, what the
scores rest on, scores by area), the same top risks in plain words, the plan's top actions grouped by
the stage they fall due with their owners, and a sign-off block. Every part is rendered by the full
report's own partials from the same template context (`reports.context.build_context`); this module
only adds the grouping by stage and the sign-off lines. At most `MAX_PAGES` pages.
"""

from __future__ import annotations

from dataclasses import dataclass

from assessments.signoff import MAX_SIGNATORIES, Signatory
from reports.context import Document, build_context
from reports.html import environment
from reports.model import Report
from reports.pdf import html_to_pdf
from scoring.scorecard import PlannedAction
from vocabulary import Paper, Stage

MAX_PAGES = 6
MIN_SIGNOFF_LINES = 3  # lines printed even when nobody was entered, to sign by hand
BRIEF = Document(kicker="Kickoff brief · data-readiness assessment", running="Kickoff brief")


@dataclass(frozen=True)
class StageActions:
    stage: str
    due: int  # actions due by this stage in the whole plan
    actions: list[PlannedAction]  # those among the plan's top actions
    first: int  # the number of the first row


def stage_actions(top: list[PlannedAction], every: list[PlannedAction]) -> list[StageActions]:
    """Per stage with anything due: its actions among the plan's top ones (else its first action, so no
    stage is left out), numbered on from one group to the next."""
    groups, number = [], 1
    for stage in Stage:
        due = [a for a in every if a.due == stage]
        if due:
            shown = [a for a in top if a.due == stage] or due[:1]
            groups.append(StageActions(stage.label, len(due), shown, number))
            number += len(shown)
    return groups


def signoff_lines(signatories: list[Signatory]) -> list[Signatory]:
    """The people entered, then empty lines up to `MIN_SIGNOFF_LINES` to be filled in by hand."""
    entered = [s for s in signatories if not s.empty][:MAX_SIGNATORIES]
    return entered + [Signatory()] * max(0, MIN_SIGNOFF_LINES - len(entered))


def render_brief_html(report: Report, paper: Paper | str = Paper.a4, *, for_pdf: bool = False) -> str:
    """The kickoff brief as one self-contained HTML document."""
    context = build_context(report, paper=Paper(paper), for_pdf=for_pdf)
    context |= {"document": BRIEF, "stage_actions": stage_actions(context["first_actions"], context["actions"]),
                "signoff": signoff_lines(report.signoff)}
    return environment().get_template("brief.html.j2").render(context)


def render_brief_pdf(report: Report, paper: Paper | str = Paper.a4) -> bytes:
    """The kickoff brief as PDF bytes (rendered like the full report, in a limited child process)."""
    return html_to_pdf(render_brief_html(report, paper, for_pdf=True))
