"""Comparing two revisions (scores, answers, risks, questionnaire changes) and the trend across revisions."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from assessments.compare import compare_revisions, trend
from assessments.models import Revision
from assessments.snapshot import Snapshot
from questionnaire import bundled_questionnaire
from scoring.engine import score
from scoring.findings import Finding
from vocabulary import Severity

BASE = {
    "ctx_task_type": "classification", "ctx_modality": ["text"], "ctx_impact": ["internal"],
    "ann_guidelines": "none", "edge_inventory": "maintained", "rep_population_defined": "informal",
}
DRIFT = Finding(id="check:drift:country", area="representativeness", severity=Severity.high,
                title="Column 'country' drifts", why="Production differs.", kind="check", source="check:drift")


@pytest.fixture(scope="module")
def questionnaire():
    return bundled_questionnaire()


def revision(questionnaire, number: int, answers: dict[str, Any], *, findings=(), checks=None,
             scored: bool = True, version: str | None = None) -> Revision:
    """A revision row as the store keeps it (not saved anywhere)."""
    card = score(questionnaire, answers, findings).model_dump(mode="json") if scored else None
    snapshot = Snapshot(answers=answers, scorecard=card, checks=checks,
                        questionnaire_version=version or questionnaire.version)
    return Revision(assessment_id=1, number=number, note=f"note {number}", snapshot=snapshot.to_stored(),
                    created_at=datetime(2026, 1, number, tzinfo=UTC))


def test_identical_revisions_are_unchanged(questionnaire):
    one = revision(questionnaire, 1, BASE)
    result = compare_revisions(one, revision(questionnaire, 2, dict(BASE)), questionnaire)
    assert result.unchanged
    assert result.overall.delta == 0 and not result.verdict_changed
    assert result.answers == [] and result.notes == []


def test_score_deltas_follow_better_answers(questionnaire):
    better = {**BASE, "ann_guidelines": "versioned_with_examples", "rep_population_defined": "written_with_shares"}
    old, new = revision(questionnaire, 1, BASE), revision(questionnaire, 2, better)
    result = compare_revisions(old, new, questionnaire)
    before, after = Snapshot.from_stored(old.snapshot), Snapshot.from_stored(new.snapshot)
    assert result.overall.before == before.overall and result.overall.after == after.overall
    assert (result.overall.before, result.overall.after) == (before.overall, after.overall)
    assert result.overall.delta > 0
    by_area = {d.area: d for d in result.areas}
    assert [d.area for d in result.areas] == [a.id for a in questionnaire.scored_areas()]
    assert by_area["annotation"].delta > 0 and by_area["representativeness"].delta > 0
    assert by_area["edge_cases"].delta == 0
    assert by_area["annotation"].title == questionnaire.area("annotation").title


def test_changed_answers_carry_topics_areas_and_option_labels(questionnaire):
    changed = {**BASE, "ann_guidelines": "written_basic", "ctx_modality": ["text", "tabular"]}
    del changed["rep_population_defined"]
    result = compare_revisions(revision(questionnaire, 1, BASE), revision(questionnaire, 2, changed), questionnaire)
    by_id = {c.question_id: c for c in result.answers}
    assert set(by_id) == {"ann_guidelines", "ctx_modality", "rep_population_defined"}
    guidelines = questionnaire.question("ann_guidelines")
    change = by_id["ann_guidelines"]
    assert (change.before, change.after) == ("none", "written_basic")
    assert change.before_text == guidelines.option("none").label
    assert change.after_text == guidelines.option("written_basic").label
    assert change.topic == guidelines.topic and change.area == "annotation"
    assert by_id["rep_population_defined"].after_text == "Not answered"
    # questionnaire order: context first
    assert result.answers[0].question_id == "ctx_modality"


def test_reordered_multiple_choice_is_not_a_change(questionnaire):
    old = revision(questionnaire, 1, {**BASE, "ctx_modality": ["text", "image"]})
    new = revision(questionnaire, 2, {**BASE, "ctx_modality": ["image", "text"]})
    assert compare_revisions(old, new, questionnaire).answers == []


def test_new_resolved_and_changed_risks_are_matched_by_finding_id(questionnaire):
    after = {**BASE, "ann_guidelines": "written_basic", "rep_population_defined": "written_with_shares",
             "edge_inventory": "none"}
    result = compare_revisions(revision(questionnaire, 1, BASE), revision(questionnaire, 2, after), questionnaire)
    assert "edge_inventory" in [r.finding_id for r in result.new_risks]
    assert all(r.before is None and r.worse for r in result.new_risks)
    assert "rep_population_defined" in [r.finding_id for r in result.resolved_risks]
    assert all(r.after is None and not r.worse for r in result.resolved_risks)
    changed = {r.finding_id: r for r in result.changed_risks}
    assert "ann_guidelines" in changed
    assert changed["ann_guidelines"].after.rank < changed["ann_guidelines"].before.rank
    assert not changed["ann_guidelines"].worse
    assert changed["ann_guidelines"].area_title == questionnaire.area("annotation").title


def test_data_risks_compare_only_when_both_revisions_were_checked(questionnaire):
    checked = revision(questionnaire, 1, BASE, findings=[DRIFT], checks={"findings": []})
    fresh = revision(questionnaire, 2, BASE)  # a new revision starts without check results
    result = compare_revisions(checked, fresh, questionnaire)
    assert "check:drift:country" not in [r.finding_id for r in result.resolved_risks]
    assert result.data_not_compared == 1
    assert any("Revision 2 has no data check results" in n for n in result.notes)

    rechecked = revision(questionnaire, 3, BASE, checks={"findings": []})
    result = compare_revisions(checked, rechecked, questionnaire)
    assert [r.finding_id for r in result.resolved_risks] == ["check:drift:country"]
    assert result.data_not_compared == 0


def test_a_question_that_no_longer_exists_is_reported(questionnaire):
    old = revision(questionnaire, 1, BASE, version="2025.01.0")
    old.snapshot = {**old.snapshot, "answers": {**BASE, "retired_question": "yes"}}
    result = compare_revisions(old, revision(questionnaire, 2, BASE), questionnaire)
    [gone] = result.answers
    assert gone.removed and gone.question_id == "retired_question" and gone.area is None
    assert (gone.before_text, gone.after_text) == ("yes", "Not answered")
    assert any("2025.01.0" in n for n in result.notes)
    assert any("retired_question" in n for n in result.notes)


def test_an_area_the_questionnaire_no_longer_has_is_kept(questionnaire):
    old = revision(questionnaire, 1, BASE)
    card = dict(old.snapshot["scorecard"])
    card["areas"] = {**card["areas"], "legacy_area": 40}
    old.snapshot = {**old.snapshot, "scorecard": card}
    result = compare_revisions(old, revision(questionnaire, 2, BASE), questionnaire)
    legacy = result.areas[-1]
    assert (legacy.area, legacy.title, legacy.before, legacy.after, legacy.delta) == (
        "legacy_area", "legacy_area", 40, None, None)


def test_an_unscored_revision_gives_no_deltas_and_says_why(questionnaire):
    result = compare_revisions(revision(questionnaire, 1, {}, scored=False), revision(questionnaire, 2, BASE),
                               questionnaire)
    assert result.overall.before is None and result.overall.delta is None
    assert result.new_risks  # every risk of revision 2 is new
    assert any("Revision 1 has no score yet" in n for n in result.notes)


def test_trend_has_one_point_per_revision_in_order(questionnaire):
    better = {**BASE, "ann_guidelines": "versioned_with_examples", "rep_population_defined": "written_with_shares"}
    revisions = [revision(questionnaire, 2, better), revision(questionnaire, 1, BASE),
                 revision(questionnaire, 3, better, scored=False)]
    points = trend(revisions)
    assert [p.number for p in points] == [1, 2, 3]
    # two better answers among mostly undecided ones: their areas rise, none falls, the overall does not fall
    rose = [a for a in points[0].areas if points[1].areas[a] > points[0].areas[a]]
    assert rose and all(points[1].areas[a] >= points[0].areas[a] for a in points[0].areas)
    assert points[1].overall >= points[0].overall
    assert points[0].areas.keys() == {a.id for a in questionnaire.scored_areas()}
    assert points[2].overall is None and points[2].areas == {}
    assert points[0].note == "note 1" and points[0].verdict is not None


def test_trend_of_a_single_revision(questionnaire):
    [point] = trend([revision(questionnaire, 1, BASE)])
    assert point.number == 1 and point.overall is not None


def test_the_retrain_loop_through_the_store(store, questionnaire):
    """Answer, start a new revision, change an answer, compare the stored revisions (both backends)."""
    a = store.create("Triage")
    card = score(questionnaire, BASE).model_dump(mode="json")
    v = store.save_answers(a.id, BASE, expected_version=1, scorecard=card, questionnaire_version=questionnaire.version)
    store.new_revision(a.id, expected_version=v, note="Before the June retrain")
    better = {**BASE, "ann_guidelines": "versioned_with_examples", "rep_population_defined": "written_with_shares"}
    store.save_answers(a.id, better, expected_version=v + 1, questionnaire_version=questionnaire.version,
                       scorecard=score(questionnaire, better).model_dump(mode="json"))
    first, second = store.revisions(a.id)
    result = compare_revisions(first, second, questionnaire)
    assert [c.question_id for c in result.answers] == ["rep_population_defined", "ann_guidelines"]
    assert result.overall.delta > 0 and result.newer.note == "Before the June retrain"
    assert "ann_guidelines" in [r.question_id for r in result.resolved_risks]
    assert [p.number for p in trend(store.revisions(a.id))] == [1, 2]


def typical_answers(questionnaire) -> dict[str, Any]:
    from pathlib import Path

    from questionnaire.answers import normalize_answers, read_answers_file
    examples = Path(__file__).resolve().parents[2] / "examples"
    return normalize_answers(questionnaire, read_answers_file(examples / "support_ticket_routing.yaml"))


def test_a_gain_that_comes_only_from_missing_data_checks_is_not_shown(questionnaire):
    """Revision 2 has the same answers but no check results yet: its saved score is higher only because the
    data's risks are absent. A reviewer would call that no change, and so does the comparison."""
    typical = typical_answers(questionnaire)
    checked = revision(questionnaire, 1, typical, findings=[DRIFT], checks={"findings": []})
    fresh = revision(questionnaire, 2, typical)
    saved_before = Snapshot.from_stored(checked.snapshot).scorecard["areas"]["representativeness"]
    saved_after = Snapshot.from_stored(fresh.snapshot).scorecard["areas"]["representativeness"]
    assert saved_after > saved_before  # what a naive comparison would show as a green gain
    result = compare_revisions(checked, fresh, questionnaire)
    assert result.basis == "answers_only"
    assert result.overall.delta == 0 and all(a.delta == 0 for a in result.areas)
    assert any("on their answers alone" in n for n in result.notes)


def test_answers_only_comparison_still_shows_real_improvements(questionnaire):
    better = {**BASE, "ann_guidelines": "versioned_with_examples"}
    checked = revision(questionnaire, 1, BASE, findings=[DRIFT], checks={"findings": []})
    result = compare_revisions(checked, revision(questionnaire, 2, better), questionnaire)
    assert result.basis == "answers_only"
    assert {a.area: a.delta for a in result.areas}["annotation"] > 0


def test_revisions_both_with_data_compare_their_saved_scores(questionnaire):
    one = revision(questionnaire, 1, BASE, findings=[DRIFT], checks={"findings": []})
    two = revision(questionnaire, 2, BASE, checks={"findings": []})
    result = compare_revisions(one, two, questionnaire)
    assert result.basis == "as_saved"
    assert result.overall.after == Snapshot.from_stored(two.snapshot).overall


def test_trend_marks_the_points_that_had_data(questionnaire):
    points = trend([revision(questionnaire, 1, BASE, checks={"findings": []}), revision(questionnaire, 2, BASE)])
    assert [p.has_checks for p in points] == [True, False]


def test_risks_saved_with_their_evidence_are_still_compared(questionnaire):
    """A scorecard that groups findings into risks (with evidence, weight...) still compares by risk id."""
    old = revision(questionnaire, 1, BASE)
    card = dict(old.snapshot["scorecard"])
    card["risks"] = [{**r, "evidence": r.get("evidence") or [dict(r)], "weight": 1.5, "adjustments": []}
                     for r in card["risks"]]
    old.snapshot = {**old.snapshot, "scorecard": card}
    better = {**BASE, "ann_guidelines": "versioned_with_examples"}
    result = compare_revisions(old, revision(questionnaire, 2, better), questionnaire)
    assert "ann_guidelines" in [r.question_id for r in result.resolved_risks]


def test_a_move_below_one_point_still_shows_when_scores_are_kept_unrounded(questionnaire):
    old, new = revision(questionnaire, 1, BASE), revision(questionnaire, 2, BASE)
    for rev, exact in ((old, 12.506), (new, 13.03)):
        card = {**rev.snapshot["scorecard"], "overall": 13, "exact": {"overall": exact}}
        rev.snapshot = {**rev.snapshot, "scorecard": card}
    result = compare_revisions(old, new, questionnaire)
    assert (result.overall.before, result.overall.after) == (13, 13)
    assert result.overall.delta == 0.5
