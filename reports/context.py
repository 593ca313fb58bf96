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
from reports.glossary import glossary, terms_in
from reports.headline import basis_view, gate_views
from reports.method import MethodView, method_view
from reports.model import Report
from reports.provenance import adjustment, provenances
from reports.svg import chart_svg
from scoring.actions import TOP_ACTIONS, top_actions
from scoring.findings import Finding
from scoring.scorecard import PlannedAction
from vocabulary import Paper, Severity, Stage, Verdict

VERDICT_CLASS = {Verdict.ready: "ready", Verdict.ready_with_conditions: "conditions", Verdict.not_ready: "not-ready"}

VERDICT_SENTENCE = {
    Verdict.ready: "The data plan is ready: no critical or high risks remain and every area meets the bar.",
    Verdict.ready_with_conditions: "The project can start once the conditions below are met.",
    Verdict.not_ready: "The project is not ready to start: the risks below would undermine the model "
                       "and must be resolved first.",
}
HIGH_RISKS_FIRST = " The high risks in the action plan come first."

MAX_ACTIONS_PER_STAGE = 1


@dataclass(frozen=True)
class Document:
    """Which document this is: the words its cover and running header use (fixed texts, never user text)."""

    kicker: str
    running: str


FULL_REPORT = Document(kicker="Data-readiness assessment", running="Data-readiness report")


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
class RiskView:
    """A risk as the summary tells it: what, why, where it comes from, in words."""

    severity: str
    title: str
    why: str
    area: str
    plain_why: str | None  # the why when it needs no glossary term (the summary shows only plain text)
    provenance: list[str]
    adjustment: str | None
    action: PlannedAction | None  # the plan's action for this risk (context-adapted, with its owner)


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
    if not report.questionnaire.areas[0].scored:
        out.append(Section("context", "About the project", "context.html.j2"))
    if report.has_evidence:
        out.append(Section("evidence", "Data evidence", "evidence.html.j2"))
    out += [Section(f"area-{a.id}", a.title, "area.html.j2", area=a.id) for a in report.questionnaire.scored_areas()]
    appendices = [("appendix-actions", "Full action plan", "appendix_actions.html.j2")]
    if report.has_evidence:
        appendices.append(("appendix-checks", "Data checks, statistics and thresholds", "appendix_checks.html.j2"))
    appendices += [("appendix-method", "How the scores are computed", "appendix_method.html.j2"),
                   ("appendix-glossary", "Glossary", "appendix_glossary.html.j2"),
                   ("appendix-questionnaire", "Questionnaire version", "appendix_questionnaire.html.j2"),
                   ("appendix-frameworks", "Coverage of EU AI Act Article 10 and NIST AI RMF",
                    "appendix_frameworks.html.j2")]
    for i, (anchor, title, template) in enumerate(appendices):
        out.append(Section(anchor, f"Appendix {chr(ord('A') + i)}: {title}", template, appendix=True))
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


def _stage_plan(actions: list[PlannedAction], first: list[PlannedAction]) -> list[StagePlan]:
    """Per stage: how many actions fall due, and the first of them among the plan's top actions."""
    plans = []
    for stage in Stage:
        due = [a for a in actions if a.due == stage]
        if due:
            shown = [a for a in first if a.due == stage] or due
            plans.append(StagePlan(stage.label, len(due), shown[:MAX_ACTIONS_PER_STAGE]))
    return plans


def _check_titles(report: Report) -> dict[str, str]:
    return {c.id: c.title for c in report.checks.checks} if report.checks is not None else {}


def _risk_views(report: Report, risks: list[Finding]) -> list[RiskView]:
    q, titles = report.questionnaire, _check_titles(report)
    reasons = {m.id: m.reason for m in report.scorecard.modifiers}
    area_titles = {a.id: a.title for a in q.areas}
    plan = {fid: a for a in report.scorecard.actions for fid in a.finding_ids}
    return [RiskView(severity=r.severity.value, title=r.title, why=r.why, area=area_titles.get(r.area, r.area),
                     plain_why=None if terms_in(r.why) else r.why,
                     provenance=provenances(r, q, report.answers, titles), adjustment=adjustment(r, reasons),
                     action=plan.get(r.id))
            for r in risks]


def _glossary(report: Report) -> dict[str, str]:
    """The glossary entries for the terms this document uses."""
    card = report.scorecard
    texts = [t for r in card.risks for t in (r.title, r.why, r.action.text if r.action else "")]
    texts += [t for a in card.actions for t in (a.text, a.how or "", *a.evidence)]
    if report.checks is not None:
        texts += [t for c in report.checks.checks for t in (c.title, c.message or "")]
    used = set(terms_in(*texts))
    return {term: meaning for term, meaning in glossary().items() if term in used}


def build_context(report: Report, *, paper: Paper = Paper.a4, for_pdf: bool = False) -> dict[str, Any]:
    """Everything the templates read. `for_pdf` adds print-only details (bundled font files)."""
    card, q = report.scorecard, report.questionnaire
    titles = {a.id: a.title for a in q.areas}
    areas = _areas(report)
    ready_bar = report.config.verdict.ready_weakest_at_least
    evidence: Evidence = build_evidence(report.checks) if report.has_evidence else Evidence()
    first_actions = top_actions(card.actions, TOP_ACTIONS)
    high = sum(1 for r in card.risks if r.severity.rank >= Severity.high.rank)
    sentence = VERDICT_SENTENCE[card.verdict] + (HIGH_RISKS_FIRST if high and card.verdict ==
                                                 Verdict.ready_with_conditions else "")
    risk_views = _risk_views(report, card.risks)
    return {
        "meta": report.meta,
        "document": FULL_REPORT,
        "paper": Paper(paper).value,
        "for_pdf": for_pdf,
        "generated_at": report.generated_at.strftime("%Y-%m-%d %H:%M UTC"),
        "verdict": {
            "label": card.verdict.label,
            "css": VERDICT_CLASS[card.verdict],
            "sentence": sentence,
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
        "top_risks": risk_views[:report.config.verdict.top_risks],
        "provenance": {r.id: v for r, v in zip(card.risks, risk_views, strict=True)},
        "risk_counts": {s.value: sum(1 for r in card.risks if r.severity == s) for s in reversed(Severity)},
        "high_risks": high,
        "actions": card.actions,
        "first_actions": first_actions,
        "stage_plan": _stage_plan(card.actions, first_actions),
        "gates": gate_views(card, q),
        "basis": basis_view(card, q, report.checks),
        "glossary": _glossary(report),
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
