"""One user action, one transaction: answers, check run and scorecard are always stored together."""

from __future__ import annotations

import pytest

import application.saving
from application import assess, save_revision, start_revision
from assessments import ConflictError, Store
from checks.check_run import SCHEMA_VERSION, CheckRun
from questionnaire import bundled_questionnaire
from tests.application.test_check_run import SAVED_BEFORE_VERSIONING
from vocabulary import FindingKind

ANSWERS = {"ctx_task_type": "classification", "vol_size_justified": "instinct"}


@pytest.fixture
def store(tmp_path):
    opened = Store.open(f"sqlite:///{tmp_path / 'saving.db'}")
    yield opened
    opened.close()


@pytest.fixture(scope="module")
def run() -> CheckRun:
    return CheckRun.from_json(SAVED_BEFORE_VERSIONING)


def data_risks(scorecard: dict) -> list[str]:
    """The data-check evidence behind the scorecard's risks."""
    return [e["id"] for r in scorecard["risks"] for e in r["evidence"] if e["kind"] == FindingKind.check]


def test_running_the_checks_stores_run_and_rescored_answers_in_one_write(store, run):
    created = store.create("Triage")
    saved = save_revision(store, created.id, ANSWERS, expected_version=created.version, check_run=run)
    assert saved.version == created.version + 1  # one transaction: the version moved once
    snapshot = store.get(created.id).snapshot
    assert snapshot.answers == ANSWERS
    assert snapshot.checks == run.to_json() and snapshot.checks["schema_version"] == SCHEMA_VERSION
    assert snapshot.scorecard == assess(ANSWERS, run).scorecard.model_dump(mode="json") == \
        saved.result.scorecard.model_dump(mode="json")
    assert data_risks(snapshot.scorecard) == ["check:rare_classes"]
    assert store.get(created.id).assessment.overall == snapshot.scorecard["overall"]


def test_an_answer_change_keeps_the_run_the_scorecard_was_computed_with(store, run):
    created = store.create("Triage")
    version = save_revision(store, created.id, ANSWERS, expected_version=created.version, check_run=run).version
    changed = {**ANSWERS, "vol_size_justified": "learning_curve"}
    save_revision(store, created.id, changed, expected_version=version, check_run=run, last_step="volume_quality")
    snapshot = store.get(created.id).snapshot
    assert snapshot.checks == run.to_json() and data_risks(snapshot.scorecard) == ["check:rare_classes"]
    assert snapshot.scorecard == assess(changed, run).scorecard.model_dump(mode="json")
    assert store.get(created.id).assessment.last_step == "volume_quality"


def test_a_refused_write_changes_neither_the_run_nor_the_scorecard(store, run):
    created = store.create("Triage")
    version = save_revision(store, created.id, ANSWERS, expected_version=created.version, check_run=None).version
    before = store.get(created.id).snapshot
    with pytest.raises(ConflictError):
        save_revision(store, created.id, ANSWERS, expected_version=version - 1, check_run=run)
    after = store.get(created.id).snapshot
    assert after == before and after.checks is None and not data_risks(after.scorecard)


def test_a_scoring_failure_still_saves_the_answers_without_a_stale_scorecard(store, run, monkeypatch):
    created = store.create("Triage")
    version = save_revision(store, created.id, ANSWERS, expected_version=created.version, check_run=run).version

    def broken(*args, **kwargs):
        raise RuntimeError("scoring broke")

    monkeypatch.setattr(application.saving, "assess", broken)
    saved = save_revision(store, created.id, {"ctx_task_type": "ranking"}, expected_version=version, check_run=run)
    snapshot = store.get(created.id).snapshot
    assert saved.result is None and snapshot.answers == {"ctx_task_type": "ranking"}
    assert snapshot.scorecard is None and snapshot.checks == run.to_json()


def test_a_new_revision_starts_without_data_and_is_scored_without_it(store, run):
    created = store.create("Triage")
    version = save_revision(store, created.id, ANSWERS, expected_version=created.version, check_run=run).version
    revision = start_revision(store, created.id, expected_version=version, note="Before the retrain",
                              questionnaire=bundled_questionnaire())
    opened = store.get(created.id)
    assert revision.number == opened.assessment.current_revision == 2
    assert opened.snapshot.checks is None and opened.snapshot.answers == ANSWERS
    assert opened.snapshot.scorecard == assess(ANSWERS).scorecard.model_dump(mode="json")
    assert not data_risks(opened.snapshot.scorecard)
    assert opened.assessment.overall == opened.snapshot.scorecard["overall"]
    first = store.revisions(created.id)[0].snapshot
    assert data_risks(first["scorecard"]) == ["check:rare_classes"]  # revision 1 stays as it was
