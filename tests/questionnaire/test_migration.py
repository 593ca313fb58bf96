"""Answers saved under questionnaire 2026.11.1 open under today's version, with nothing lost.

A reviewer expects: every old answer is either carried over (under its new id and value) or kept aside
with the revision and named; new questions start unanswered; a saved revision and an export of it go
through export -> import -> export unchanged; the comparison says which risks come from new questions.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

import questionnaire.migration as migration
from assessments import Snapshot, Store
from assessments.compare import compare_revisions
from assessments.transfer import parse_export
from questionnaire import QuestionnaireError, bundled_questionnaire
from questionnaire.answers import read_answers_file, validate_answers
from questionnaire.migration import VERSIONS_DIR, Migrations, bundled_migrations, frozen_version, upgrade_answers
from reports.source import read_report_source
from scoring.engine import score

Q = bundled_questionnaire()
V1 = "2026.11.1"
V1_DIR = Path(__file__).parent / "v1"
V1_EXAMPLES = sorted(V1_DIR.glob("*.yaml"))


def test_the_current_version_is_new_and_a_chain_of_steps_leads_to_it():
    assert Q.version != V1
    assert bundled_migrations().path(V1, Q.version)


FROZEN = sorted(p.stem for p in VERSIONS_DIR.glob("*.yaml"))


def test_every_frozen_version_is_older_than_today_and_reaches_it():
    assert V1 in FROZEN and Q.version not in FROZEN
    for version in FROZEN:
        assert frozen_version(version).version == version
        assert bundled_migrations().path(version, Q.version), f"no steps lead from {version} to {Q.version}"


@pytest.mark.parametrize("version", FROZEN)
def test_every_older_question_and_option_still_exists_or_is_mapped(version):
    frozen = frozen_version(version)
    chain = bundled_migrations().path(version, Q.version)
    for qid, old in frozen.questions.items():
        new_id = qid
        for step in chain:
            if new_id in step.removed:
                break
            new_id = step.renamed.get(new_id, new_id)
        else:
            question = Q.question(new_id)
            assert question is not None, f"{qid} is neither in the questionnaire nor renamed or removed"
            values = {o.value for o in question.options}
            for value in old.values:
                mapped = value
                for step in chain:
                    mapped = step.values.get(new_id, {}).get(mapped, mapped)
                assert mapped in values, f"{qid}={value} no longer exists and is not mapped"


@pytest.mark.parametrize("path", V1_EXAMPLES, ids=lambda p: p.name)
def test_shipped_v1_examples_carry_over_completely(path):
    assert yaml.safe_load(path.read_text())["questionnaire_version"] == V1
    old = read_answers_file(path)
    answers, record = upgrade_answers(old, V1)
    assert record.set_aside == {} and record.from_version == V1 and record.to_version == Q.version
    assert len(answers) == len(old) and validate_answers(Q, answers) == []
    assert set(record.new_questions) == {q.id for q in Q.questions()} - set(frozen_version(V1).questions)
    assert not set(record.new_questions) & set(answers)  # new questions start unanswered
    assert read_report_source(path).answers == answers  # the CLI reads old files the same way
    score(Q, answers)


def test_renamed_ids_and_values_move_and_removed_answers_are_kept_aside():
    steps = Migrations.model_validate({"steps": [
        {"from": "a", "to": "b", "renamed": {"old_guidelines": "ann_guidelines"}, "removed": ["gone"],
         "values": {"ann_guidelines": {"docs": "versioned_with_examples"}}},
        {"from": "b", "to": Q.version, "renamed": {"ctx_kind": "ctx_task_type"}},
    ]})
    old = {"old_guidelines": "docs", "gone": 42, "ctx_kind": "classification", "ctx_error_cost": "no-such-level"}
    answers, record = upgrade_answers(old, "a", migrations=steps)
    assert answers == {"ann_guidelines": "versioned_with_examples", "ctx_task_type": "classification"}
    assert record.renamed == {"old_guidelines": "ann_guidelines", "ctx_kind": "ctx_task_type"}
    assert record.set_aside == {"gone": 42, "ctx_error_cost": "no-such-level"}  # invalid values kept too
    assert "no longer asked" in record.summary() and "gone" in record.summary()
    with pytest.raises(QuestionnaireError, match="no migration"):
        upgrade_answers(old, "z", migrations=steps)


@pytest.fixture
def store(tmp_path):
    opened = Store.open(f"sqlite:///{tmp_path / 'readiness.sqlite'}")
    yield opened
    opened.close()


def _save_v1(store: Store, answers: dict) -> int:
    a = store.create("Support routing")
    card = {"verdict": "ready_with_conditions", "overall": 61, "areas": {"annotation": 61},
            "questionnaire_version": V1, "risks": []}
    store.save_answers(a.id, answers, expected_version=1, questionnaire_version=V1, scorecard=card)
    return a.id


def test_a_saved_v1_revision_opens_under_v2_and_survives_export_and_import(store):
    old = read_answers_file(V1_DIR / "support_ticket_routing.yaml")
    aid = _save_v1(store, old)
    opened = store.get(aid).snapshot
    assert opened.questionnaire_version == Q.version
    assert opened.answers == upgrade_answers(old, V1)[0] == old  # no v1 id was renamed
    assert opened.questionnaire_upgrade["from_version"] == V1
    first = parse_export(store.export(aid))
    imported = store.import_(store.export(aid))
    again = parse_export(store.export(imported.id))
    assert [r.snapshot for r in again.revisions] == [r.snapshot for r in first.revisions]
    assert again.revisions[0].snapshot.answers == old


def test_a_removed_question_is_named_and_kept_through_export_and_import(store, monkeypatch):
    steps = Migrations.model_validate({"steps": [{"from": V1, "to": Q.version, "removed": ["ann_audit_trail"]}]})
    monkeypatch.setattr(migration, "bundled_migrations", lambda: steps)
    old = read_answers_file(V1_DIR / "support_ticket_routing.yaml")
    aid = _save_v1(store, old)
    snapshot = store.get(aid).snapshot
    assert "ann_audit_trail" not in snapshot.answers
    assert snapshot.questionnaire_upgrade["set_aside"] == {"ann_audit_trail": old["ann_audit_trail"]}
    imported = store.get(store.import_(store.export(aid)).id).snapshot
    assert imported.questionnaire_upgrade["set_aside"] == {"ann_audit_trail": "partial"}
    assert {**imported.answers, **imported.questionnaire_upgrade["set_aside"]} == old  # nothing lost


def test_a_hand_written_v1_export_imports_cleanly(store):
    old = read_answers_file(V1_DIR / "best_practice.yaml")
    text = yaml.safe_dump({
        "format": "readiness-assessment", "format_version": 1,
        "assessment": {"name": "Old", "created_at": "2026-11-20T10:00:00+00:00", "current_revision": 1},
        "revisions": [{"number": 1, "created_at": "2026-11-20T10:00:00+00:00", "note": "First revision",
                       "snapshot": {"schema_version": 1, "questionnaire_version": V1, "answers": old}}],
    })
    imported = store.get(store.import_(text).id).snapshot
    assert imported.answers == old and imported.questionnaire_version == Q.version


def test_the_comparison_says_which_new_risks_come_from_new_questions(store):
    old = read_answers_file(V1_DIR / "support_ticket_routing.yaml")
    aid = _save_v1(store, old)
    v = store.get(aid).assessment.version
    store.new_revision(aid, expected_version=v, note="Opened under the new questionnaire")
    card = score(Q, old).model_dump(mode="json")
    store.save_answers(aid, old, expected_version=v + 1, questionnaire_version=Q.version, scorecard=card)
    first, second = store.revisions(aid)
    result = compare_revisions(first, second, Q)
    text = " ".join(result.notes)
    assert f"Answered under questionnaire {V1}, opened under {Q.version}" in text
    assert f"scored under questionnaire {V1}" in text and "come from questions added since" in text
    assert result.answers == []  # the answers themselves did not change


def test_snapshots_already_current_are_left_alone():
    snap = Snapshot(questionnaire_version=Q.version, answers={"ctx_task_type": "classification"})
    assert Snapshot.from_stored(snap.to_stored()) == snap
    assert Snapshot.from_stored({"answers": {"x": 1}}).answers == {"x": 1}  # no version: nothing to map
