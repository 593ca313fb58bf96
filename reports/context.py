"""The template context: a `Report` turned into what each section of the document shows.

Templates only lay out; every decision about what to show (which risks are top risks, what is
ready, how answers read, which sections appear) is made here, in plain Python that tests can
call directly.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from reports.answers_view import AnswerRow, answer_rows
from reports.charts import area_scores_chart
from reports.evidence import Evidence, build_evidence
from reports.frameworks import framework_views
from reports.method import MethodView, method_view
from reports.model import Report
from reports.svg import chart_svg
from scoring.findings import Finding
from scoring.scorecard import PlannedAction
from vocabulary import Paper, Severity, Stage, Verdict

VERDICT_CLASS = {Verdict.ready: "ready", Verdict.ready_with_conditions: "conditions", Verdict.not_ready: "not-ready"}

VERDICT_SENTENCE = {
    Verdict.ready: "The data plan is ready: no critical or high risks remain and every area meets the bar.",
    Verdict.ready_with_conditions: "The project can start once the conditions below are met; "
                                   "the high risks in the action plan come first.",
    Verdict.not_ready: "The project is not ready to start: the risks below would undermine the model "
                       "and must be resolved first.",
}

MAX_ACTIONS_PER_STAGE = 3


@dataclass(frozen=True)
class Section:
    """One entry of the document: its anchor, its title in the table of contents, and its partial."""

    id: str
    title: str
    template: str
    appendix: bool = False
    area: str | None = None  # for area sections: the area shown


@dataclass(frozen=True)
class AreaView:
    id: str
    title: str
    summary: str
    score: int
    status: str  # css class: ready | conditions | not-ready
    answers: list[AnswerRow]
    risks: list[Finding]
    data_risks: list[Finding]


@dataclass(frozen=True)
class StagePlan:
    stage: str
    count: int
    actions: list[PlannedAction]


def area_status(value: int, report: Report) -> str:
    policy = report.config.verdict
    if value < policy.not_ready_below:
        return "not-ready"
    return "ready" if value >= policy.ready_weakest_at_least else "conditions"


def sections(report: Report) -> list[Section]:
    """The document's sections in order; data sections appear only when checks ran."""
    out = [
        Section("summary", "Executive summary", "summary.html.j2"),
        Section("actions", "Action plan", "actions.html.j2"),
    ]
    if report.has_evidence:
        out.append(Section("evidence", "Data evidence", "evidence.html.j2"))
    out += [Section(f"area-{a.id}", a.title, "area.html.j2", area=a.id) for a in report.questionnaire.scored_areas()]
    if report.has_evidence:
        out.append(Section("appendix-checks", "Appendix A: Data checks, statistics and thresholds",
                           "appendix_checks.html.j2", appendix=True))
    letter = "B" if report.has_evidence else "A"
    out.append(Section("appendix-method", f"Appendix {letter}: How the scores are computed",
                       "appendix_method.html.j2", appendix=True))
    letter = chr(ord(letter) + 1)
    out.append(Section("appendix-questionnaire", f"Appendix {letter}: Questionnaire version",
                       "appendix_questionnaire.html.j2", appendix=True))
    letter = chr(ord(letter) + 1)
    out.append(Section("appendix-frameworks", f"Appendix {letter}: Coverage of EU AI Act Article 10 and NIST AI RMF",
                       "appendix_frameworks.html.j2", appendix=True))
    return out


def _areas(report: Report) -> list[AreaView]:
    card, q = report.scorecard, report.questionnaire
    views = []
    for area in q.scored_areas():
        risks = card.risks_in(area.id)
        score = card.areas.get(area.id, 0)
        views.append(AreaView(
            id=area.id, title=area.title, summary=area.summary.strip(), score=score,
            status=area_status(score, report),
            answers=answer_rows(q, area.id, report.answers, risks),
            risks=risks,
            data_risks=[r for r in risks if r.kinds & {"check", "claim"}],
        ))
    return views


def _stage_plan(actions: list[PlannedAction]) -> list[StagePlan]:
    plans = []
    for stage in Stage:
        due = [a for a in actions if a.due == stage]
        if due:
            plans.append(StagePlan(stage.label, len(due), due[:MAX_ACTIONS_PER_STAGE]))
    return plans


def build_context(report: Report, *, paper: Paper = Paper.a4, for_pdf: bool = False) -> dict[str, Any]:
    """Everything the templates read. `for_pdf` adds print-only details (bundled font files)."""
    card, q = report.scorecard, report.questionnaire
    titles = {a.id: a.title for a in q.areas}
    areas = _areas(report)
    ready_bar = report.config.verdict.ready_weakest_at_least
    evidence: Evidence = build_evidence(report.checks) if report.has_evidence else Evidence()
    return {
        "meta": report.meta,
        "paper": Paper(paper).value,
        "for_pdf": for_pdf,
        "generated_at": report.generated_at.strftime("%Y-%m-%d %H:%M UTC"),
        "verdict": {
            "label": card.verdict.label,
            "css": VERDICT_CLASS[card.verdict],
            "sentence": VERDICT_SENTENCE[card.verdict],
            "reasons": card.verdict_reasons,
        },
        "overall": card.overall,
        "overall_status": area_status(card.overall, report),
        "weakest": titles.get(card.weakest_area, card.weakest_area),
        "answered": card.answered,
        "applicable": card.applicable,
        "area_titles": titles,
        "areas": areas,
        "areas_by_id": {a.id: a for a in areas},
        "area_chart": chart_svg(area_scores_chart(card, q, report.config), prefix="areas"),
        "ready_areas": [a for a in areas if a.score >= ready_bar
                        and not any(r.severity.rank >= Severity.high.rank for r in a.risks)],
        "ready_bar": ready_bar,
        "top_risks": card.top_risks(report.config.verdict.top_risks),
        "risk_counts": {s.value: sum(1 for r in card.risks if r.severity == s) for s in reversed(Severity)},
        "actions": card.actions,
        "stage_plan": _stage_plan(card.actions),
        "label_batch": report.label_batch,
        "evidence": evidence,
        "claims": card.evidence("claim"),
        "method": _method(report),
        "context_rows": answer_rows(q, q.areas[0].id, report.answers, []) if not q.areas[0].scored else [],
        "questionnaire": {"version": card.questionnaire_version,
                          "areas": [(a.title, len(a.questions), a.scored) for a in q.areas]},
        "sections": sections(report),
        "frameworks": framework_views(report),
    }


def _method(report: Report) -> MethodView:
    titles = {a.id: a.title for a in report.questionnaire.areas}
    return method_view(report.config, titles, report.scorecard.modifiers)
