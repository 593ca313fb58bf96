"""The framework appendix: for each item of EU AI Act Article 10, the NIST AI RMF and the ML Test Score,
the answers and data evidence that address it, and what is still missing.

Which questions and checks serve which item is data (`questionnaire/frameworks.yaml`); this module
only reads a report against it. An item is *addressed* when every question that applies to the project
is answered without a risk (and its data checks, if run, found nothing), *partly addressed* when some
answers or checks raise risks, a *gap* when none of its questions is decided yet, *not applicable* when
none of its questions applies to this project, and *outside this assessment* when no question serves it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from questionnaire.frameworks import Framework, FrameworkItem, bundled_frameworks
from questionnaire.schema import UNKNOWN, QuestionType
from reports.answers_view import answer_text
from reports.model import Report

STATUS_LABELS = {
    "addressed": "Addressed", "partly": "Partly addressed", "gap": "Gap",
    "not_applicable": "Not applicable", "outside": "Outside this assessment",
}
NO_DATA = "No sample data checked"
CHECK_OUTCOME = {"ok": "nothing found", "finding": "found problems", "skipped": "skipped", "error": "could not run"}
STATUS_CSS = {"addressed": "ok", "partly": "finding", "gap": "error", "not_applicable": "skipped", "outside": "skipped"}


@dataclass(frozen=True)
class ItemAnswer:
    topic: str
    answer: str
    severity: str | None  # of the risk this answer raised, if any
    free_text: bool = False  # a note in the user's words rather than a chosen option


@dataclass(frozen=True)
class ItemView:
    code: str
    title: str
    status: str
    answers: list[ItemAnswer]
    evidence: list[str]
    gaps: list[str]

    @property
    def data_evidence(self) -> list[str]:
        """Evidence from data checks that ran (not the note about checks that could run)."""
        return [e for e in self.evidence if not e.startswith(NO_DATA)]

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]

    @property
    def css(self) -> str:
        return STATUS_CSS[self.status]


@dataclass(frozen=True)
class FrameworkView:
    id: str
    title: str
    items: list[ItemView]

    def count(self, status: str) -> int:
        return sum(1 for i in self.items if i.status == status)

    @property
    def summary(self) -> str:
        parts = [f"{self.count(s)} {STATUS_LABELS[s].lower()}" for s in STATUS_LABELS if self.count(s)]
        return f"{len(self.items)} items: " + ", ".join(parts) + "."


def _undecided(value: Any) -> bool:
    return value in (None, "", [], UNKNOWN, [UNKNOWN])


def _item(item: FrameworkItem, report: Report) -> ItemView:
    if item.outside:
        return ItemView(item.code, item.title, "outside", [], [], [item.outside])
    q, card = report.questionnaire, report.scorecard
    answers, gaps, evidence = [], [], []
    applicable = decided = 0
    for qid in item.questions:
        question = q.question(qid)
        if question is None or not q.visible(question, report.answers):
            continue
        value = report.answers.get(qid)
        if question.type == QuestionType.text and _undecided(value):
            continue  # notes are optional: an empty one is no gap
        applicable += 1
        # the risks this answer is evidence of (led by it, or restated by a rule, or joined to a data check)
        raised = [(e.title, r.severity) for r in card.risks for e in r.evidence
                  if e.kind == "answer" and e.question_id == qid]
        if _undecided(value):
            gaps.append(f"Not decided yet: {question.topic}")
            continue
        decided += 1
        answers.append(ItemAnswer(question.topic, answer_text(question, value),
                                  raised[0][1].value if raised else None, question.type == QuestionType.text))
        gaps += [f"{title} ({severity.value})" for title, severity in raised]
    if report.has_evidence:
        for result in report.checks.checks:
            if result.id in item.checks:
                found = [f for f in report.checks.findings if f.check == result.id]
                outcome = CHECK_OUTCOME.get(result.status.value, result.status.value)
                evidence.append(f"Data check '{result.title}': " + (f"{len(found)} finding(s)" if found else outcome))
                gaps += [f"Data: {f.title} ({f.severity.value})" for f in found]
    if not applicable:
        status = "not_applicable"
    elif not decided:
        status = "gap"
    else:
        status = "addressed" if not gaps else "partly"
    if item.checks and not report.has_evidence and status != "not_applicable":
        evidence.append(f"{NO_DATA}; checks that would add evidence: "
                        + ", ".join(c.replace("_", " ") for c in item.checks))
    return ItemView(item.code, item.title, status, answers, evidence, gaps)


def framework_view(framework: Framework, report: Report) -> FrameworkView:
    return FrameworkView(framework.id, framework.title, [_item(i, report) for i in framework.items])


def framework_views(report: Report) -> list[FrameworkView]:
    """The frameworks the appendix shows, each item read against this report."""
    return [framework_view(f, report) for f in bundled_frameworks().frameworks if f.in_appendix]
