"""What changed between two revisions of an assessment, and how its scores moved across all of them.

Before each retrain a team starts a new revision, updates the answers and uploads fresh samples.
This module answers "what changed since last time?" in plain Python (no Streamlit), so the app,
the CLI and the tests read the same result:

    comparison = compare_revisions(older, newer, questionnaire)   # two `Revision` rows
    comparison.overall.delta        # e.g. +12
    comparison.answers              # each changed answer, with option labels
    comparison.new_risks, comparison.resolved_risks, comparison.changed_risks
    points = trend(store.revisions(assessment_id))                 # one point per revision

Risks are matched by their finding id (an answer's question id, `rule:...`, `check:...`,
`claim:...`). Risks that come from sample data (kinds `check` and `claim`) are only compared when
both revisions have check results: a new revision starts without them (fresh samples are due), and
calling its missing data risks "resolved" would be wrong. They are counted in `data_not_compared`.

Answers are described with the questionnaire given (normally today's). A question that no longer
exists in it is still reported, by its id, and a note says so; nothing here fails on old revisions.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from pydantic import BaseModel, Field

from assessments.models import Revision
from assessments.snapshot import Snapshot
from questionnaire.migration import QuestionnaireUpgrade, questions_added_since
from questionnaire.schema import Questionnaire
from questionnaire.wording import NOT_ANSWERED, answer_text, is_blank
from scoring.findings import Finding
from scoring.scorecard import Risk
from vocabulary import Severity

DATA_KINDS = frozenset({"check", "claim"})  # risks that exist only when sample data was checked


class RevisionSummary(BaseModel):
    """The headline of one revision: which one, when, why, and its result."""

    number: int
    created_at: datetime | None = None
    note: str = ""
    verdict: str | None = None
    overall: int | None = None
    questionnaire_version: str | None = None
    scored_under: str | None = Field(default=None, description="the questionnaire version of the stored scorecard")
    upgrade_note: str | None = Field(default=None, description="how older answers were carried over")
    has_checks: bool = False


class ScoreDelta(BaseModel):
    """One score (the overall one, or an area's) in both revisions; None where it was not scored."""

    area: str | None = Field(default=None, description="area id, None for the overall score")
    title: str
    before: int | None = None
    after: int | None = None

    @property
    def delta(self) -> int | None:
        """after - before, or None when either side has no score."""
        return None if self.before is None or self.after is None else self.after - self.before


class AnswerChange(BaseModel):
    """One question whose answer differs between the revisions (values as stored, and as read)."""

    question_id: str
    topic: str
    area: str | None = Field(default=None, description="area id, None if the question no longer exists")
    area_title: str = ""
    before: Any = None
    after: Any = None
    before_text: str
    after_text: str
    removed: bool = Field(default=False, description="the question is not in the current questionnaire")


class RiskChange(BaseModel):
    """A risk that appeared, disappeared or changed severity between the revisions."""

    finding_id: str
    title: str
    area: str
    area_title: str
    kind: str
    before: Severity | None = None
    after: Severity | None = None
    question_id: str | None = None

    @property
    def worse(self) -> bool:
        """True when the risk is new or its severity went up."""
        if self.before is None:
            return True
        return self.after is not None and self.after.rank > self.before.rank


class RevisionComparison(BaseModel):
    """Everything that differs between an older and a newer revision."""

    older: RevisionSummary
    newer: RevisionSummary
    overall: ScoreDelta
    areas: list[ScoreDelta]
    answers: list[AnswerChange]
    new_risks: list[RiskChange]
    resolved_risks: list[RiskChange]
    changed_risks: list[RiskChange]
    data_not_compared: int = Field(default=0, description="data risks left out: a side has no check results")
    notes: list[str] = Field(default_factory=list, description="what the reader should know, in plain words")

    @property
    def verdict_changed(self) -> bool:
        return self.older.verdict != self.newer.verdict

    @property
    def unchanged(self) -> bool:
        """No difference in answers, risks or scores."""
        return not (self.answers or self.new_risks or self.resolved_risks or self.changed_risks
                    or self.verdict_changed or self.overall.delta or any(a.delta for a in self.areas))


class TrendPoint(BaseModel):
    """One revision on the trend chart."""

    number: int
    created_at: datetime | None = None
    note: str = ""
    verdict: str | None = None
    overall: int | None = None
    areas: dict[str, int] = Field(default_factory=dict)


def summary(revision: Revision) -> RevisionSummary:
    """The headline of a stored revision."""
    snapshot = Snapshot.from_stored(revision.snapshot)
    return RevisionSummary(
        number=revision.number, created_at=revision.created_at, note=revision.note,
        verdict=snapshot.verdict, overall=snapshot.overall,
        questionnaire_version=snapshot.questionnaire_version, has_checks=snapshot.checks is not None,
        scored_under=(snapshot.scorecard or {}).get("questionnaire_version"),
        upgrade_note=QuestionnaireUpgrade.model_validate(snapshot.questionnaire_upgrade).summary()
        if snapshot.questionnaire_upgrade else None,
    )


def compare_revisions(older: Revision, newer: Revision, questionnaire: Questionnaire) -> RevisionComparison:
    """Compare two revisions of one assessment; `older` is the baseline the deltas are measured from."""
    before, after = Snapshot.from_stored(older.snapshot), Snapshot.from_stored(newer.snapshot)
    old_summary, new_summary = summary(older), summary(newer)
    answers = answer_changes(questionnaire, before.answers, after.answers)
    old_risks, new_risks = _risks(before), _risks(after)
    data_compared = before.checks is not None and after.checks is not None
    left_out = 0
    if not data_compared:
        left_out = sum(1 for r in [*old_risks.values(), *new_risks.values()] if r.kind in DATA_KINDS)
        old_risks = {k: r for k, r in old_risks.items() if r.kind not in DATA_KINDS}
        new_risks = {k: r for k, r in new_risks.items() if r.kind not in DATA_KINDS}
    appeared, resolved, changed = risk_changes(questionnaire, old_risks, new_risks)
    return RevisionComparison(
        older=old_summary,
        newer=new_summary,
        overall=ScoreDelta(title="Overall", before=before.overall, after=after.overall),
        areas=area_deltas(questionnaire, before, after),
        answers=answers,
        new_risks=appeared,
        resolved_risks=resolved,
        changed_risks=changed,
        data_not_compared=left_out,
        notes=_notes(questionnaire, old_summary, new_summary, answers, left_out)
        + questionnaire_notes(questionnaire, old_summary, new_summary, appeared),
    )


def area_deltas(questionnaire: Questionnaire, before: Snapshot, after: Snapshot) -> list[ScoreDelta]:
    """Each scored area's score in both snapshots: questionnaire order first, then areas it no longer has."""
    old_areas = (before.scorecard or {}).get("areas") or {}
    new_areas = (after.scorecard or {}).get("areas") or {}
    ids = [a.id for a in questionnaire.scored_areas()]
    ids += [a for a in [*old_areas, *new_areas] if a not in ids]
    deltas = []
    for area_id in dict.fromkeys(ids):
        if area_id not in old_areas and area_id not in new_areas:
            continue
        area = questionnaire.area(area_id)
        deltas.append(ScoreDelta(area=area_id, title=area.title if area else area_id,
                                 before=old_areas.get(area_id), after=new_areas.get(area_id)))
    return deltas


def _same(a: Any, b: Any) -> bool:
    """Equal answers; the order of a multiple-choice answer does not matter."""
    if isinstance(a, list) and isinstance(b, list):
        return sorted(map(str, a)) == sorted(map(str, b))
    return a == b


def answer_changes(questionnaire: Questionnaire, before: dict[str, Any], after: dict[str, Any]) -> list[AnswerChange]:
    """The answers that differ, in questionnaire order; answers to questions it no longer has come last."""
    order = {q.id: i for i, q in enumerate(questionnaire.questions())}
    ids = sorted(set(before) | set(after), key=lambda q: (order.get(q, len(order)), q))
    changes = []
    for qid in ids:
        old, new = before.get(qid), after.get(qid)
        if _same(old, new) or (is_blank(old) and is_blank(new)):
            continue
        question = questionnaire.question(qid)
        if question is None:
            changes.append(AnswerChange(
                question_id=qid, topic=qid, before=old, after=new, removed=True,
                before_text=NOT_ANSWERED if is_blank(old) else str(old),
                after_text=NOT_ANSWERED if is_blank(new) else str(new),
            ))
            continue
        area = questionnaire.area_of(qid)
        changes.append(AnswerChange(
            question_id=qid, topic=question.topic, area=area.id, area_title=area.title, before=old, after=new,
            before_text=answer_text(question, old), after_text=answer_text(question, new),
        ))
    return changes


def _risks(snapshot: Snapshot) -> dict[str, Finding]:
    """The snapshot's risks by id (the first, most severe, wins if an id repeats); older snapshots hold findings."""
    found: dict[str, Finding] = {}
    for raw in (snapshot.scorecard or {}).get("risks") or []:
        try:
            finding = Risk.model_validate(raw)
        except ValueError:
            continue  # a risk saved by an older version in a shape we no longer read: leave it out
        found.setdefault(finding.id, finding)
    return found


def _risk_change(questionnaire: Questionnaire, finding: Finding, before: Severity | None,
                 after: Severity | None) -> RiskChange:
    area = questionnaire.area(finding.area)
    return RiskChange(
        finding_id=finding.id, title=finding.title, area=finding.area, area_title=area.title if area else finding.area,
        kind=finding.kind, before=before, after=after, question_id=finding.question_id,
    )


def _by_severity(changes: Iterable[RiskChange]) -> list[RiskChange]:
    """Most severe first (by the newer severity, else the older one), then by title."""
    return sorted(changes, key=lambda c: (-(c.after or c.before).rank, c.title))


def risk_changes(
    questionnaire: Questionnaire, before: dict[str, Finding], after: dict[str, Finding]
) -> tuple[list[RiskChange], list[RiskChange], list[RiskChange]]:
    """(new, resolved, severity changed) between two sets of risks keyed by finding id."""
    appeared = [_risk_change(questionnaire, f, None, f.severity) for k, f in after.items() if k not in before]
    resolved = [_risk_change(questionnaire, f, f.severity, None) for k, f in before.items() if k not in after]
    changed = [_risk_change(questionnaire, after[k], f.severity, after[k].severity)
               for k, f in before.items() if k in after and after[k].severity != f.severity]
    return _by_severity(appeared), _by_severity(resolved), _by_severity(changed)


def _revisions_have(numbers: Sequence[int]) -> str:
    """'Revision 2 has' or 'Revisions 1 and 2 have'."""
    if len(numbers) == 1:
        return f"Revision {numbers[0]} has"
    return f"Revisions {' and '.join(map(str, numbers))} have"


def _notes(questionnaire: Questionnaire, older: RevisionSummary, newer: RevisionSummary,
           answers: Sequence[AnswerChange], data_left_out: int) -> list[str]:
    notes = []
    if older.questionnaire_version != newer.questionnaire_version:
        notes.append(
            f"The questionnaire changed between these revisions (version {older.questionnaire_version or 'unknown'}"
            f" → {newer.questionnaire_version or 'unknown'}): some differences may come from new or reworded "
            "questions rather than from the project."
        )
    removed = [a.question_id for a in answers if a.removed]
    if removed:
        notes.append(f"{len(removed)} changed answer(s) belong to questions the current questionnaire "
                     f"(version {questionnaire.version}) no longer asks: {', '.join(removed)}.")
    if older.overall is None or newer.overall is None:
        unscored = [s.number for s in (older, newer) if s.overall is None]
        notes.append(f"{_revisions_have(unscored)} no score yet, so score changes cannot be shown.")
    if data_left_out:
        missing = [s.number for s in (older, newer) if not s.has_checks]
        notes.append(
            f"{_revisions_have(missing)} no data check results, so {data_left_out} risk(s) found in "
            "sample data are left out of this comparison; their absence also moves the scores. Upload fresh "
            "samples in the Sample data step to compare the data as well."
        )
    return notes


def questionnaire_notes(questionnaire: Questionnaire, older: RevisionSummary, newer: RevisionSummary,
                        appeared: Sequence[RiskChange]) -> list[str]:
    """What a questionnaire upgrade changed: answers carried over, and new risks that only new questions raise."""
    notes = [f"Revision {s.number}: {s.upgrade_note}" for s in (older, newer)
             if s.upgrade_note and (s is older or s.upgrade_note != older.upgrade_note)]
    if older.scored_under and newer.scored_under and older.scored_under != newer.scored_under:
        added = set(questions_added_since(older.scored_under, questionnaire))
        from_new = [r.title for r in appeared if r.question_id in added]
        note = (f"Revision {older.number} was scored under questionnaire {older.scored_under}, revision "
                f"{newer.number} under {newer.scored_under}")
        if from_new:
            note += (f"; {len(from_new)} of the new risks come from questions added since, not from a change in "
                     "the project: " + "; ".join(from_new[:5]) + ("…" if len(from_new) > 5 else ""))
        notes.append(note + ".")
    return notes


def trend(revisions: Iterable[Revision]) -> list[TrendPoint]:
    """One point per revision, oldest first; revisions never scored have no scores (gaps in the chart)."""
    points = []
    for revision in sorted(revisions, key=lambda r: r.number):
        snapshot = Snapshot.from_stored(revision.snapshot)
        card = snapshot.scorecard or {}
        points.append(TrendPoint(
            number=revision.number, created_at=revision.created_at, note=revision.note,
            verdict=snapshot.verdict, overall=snapshot.overall, areas=dict(card.get("areas") or {}),
        ))
    return points
