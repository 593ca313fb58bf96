"""The Store contract, run on SQLite and PostgreSQL (the only file that touches PostgreSQL)."""

from __future__ import annotations

import threading

import pytest
from alembic import command
from sqlalchemy import inspect

from assessments import ConflictError, NotFoundError, Snapshot, Store
from assessments.database import alembic_config, create_db_engine, current_schema_revision, migrate, writer
from assessments.transfer import parse_export
from questionnaire import bundled_questionnaire

CURRENT = bundled_questionnaire().version
SCORECARD = {"verdict": "ready_with_conditions", "overall": 64, "areas": {"representativeness": 64}}


def test_migration_from_an_empty_database(db_url):
    engine = create_db_engine(db_url)
    assert current_schema_revision(engine) is None
    migrate(engine)
    head = current_schema_revision(engine)
    assert head is not None
    tables = set(inspect(engine).get_table_names())
    assert {"assessment", "revision", "alembic_version"} <= tables
    migrate(engine)  # a second start-up is a no-op
    assert current_schema_revision(engine) == head
    config = alembic_config()  # and every migration can be rolled back cleanly
    with writer(engine).begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "base")
    assert not {"assessment", "revision"} & set(inspect(engine).get_table_names())
    engine.dispose()


def test_create_get_and_list(store):
    a = store.create("  Support triage ", project="Helpdesk", owner="Ana")
    store.create("Invoice extraction", project="Finance", owner="Bo")
    opened = store.get(a.id)
    assert opened.assessment.name == "Support triage"
    assert opened.assessment.version == 1 and opened.assessment.current_revision == 1
    assert opened.snapshot == Snapshot()
    assert {x.name for x in store.list()} == {"Invoice extraction", "Support triage"}
    assert [x.name for x in store.list("HELP")] == ["Support triage"]
    assert [x.name for x in store.list("bo")] == ["Invoice extraction"]
    assert store.list("100%_") == []
    with pytest.raises(ValueError):
        store.create("   ")
    with pytest.raises(NotFoundError):
        store.get(9999)


def test_save_answers_bumps_version_and_updates_queryable_columns(store):
    a = store.create("Triage")
    v2 = store.save_answers(
        a.id, {"ctx_task_type": "classification"}, expected_version=1, last_step="context",
        questionnaire_version=CURRENT, scorecard=SCORECARD,
    )
    assert v2 == 2
    opened = store.get(a.id)
    assert opened.snapshot.answers == {"ctx_task_type": "classification"}
    assert opened.snapshot.questionnaire_version == CURRENT
    assert opened.assessment.last_step == "context"
    assert (opened.assessment.verdict, opened.assessment.overall) == ("ready_with_conditions", 64)
    assert opened.assessment.updated_at >= a.updated_at
    store.save_answers(a.id, {}, expected_version=2)  # no scorecard: none is kept for the new answers
    opened = store.get(a.id)
    assert opened.assessment.verdict is None and opened.snapshot.scorecard is None
    assert opened.assessment.last_step == "context"
    assert opened.snapshot.questionnaire_version == CURRENT


def test_concurrent_edit_is_refused_and_nothing_is_overwritten(store):
    a = store.create("Triage")
    seen_by_tab_one = seen_by_tab_two = store.get(a.id).assessment.version
    store.save_answers(a.id, {"q": "tab one"}, expected_version=seen_by_tab_one)
    with pytest.raises(ConflictError) as raised:
        store.save_answers(a.id, {"q": "tab two"}, expected_version=seen_by_tab_two)
    assert "changed elsewhere" in str(raised.value)
    assert raised.value.current_version == 2
    assert store.get(a.id).snapshot.answers == {"q": "tab one"}
    with pytest.raises(ConflictError):
        store.new_revision(a.id, expected_version=seen_by_tab_two)
    assert len(store.revisions(a.id)) == 1


def test_simultaneous_writers_exactly_one_wins(store):
    a = store.create("Race")
    writers = 6
    barrier = threading.Barrier(writers)
    outcomes: list[str] = []

    def write(i: int) -> None:
        barrier.wait()
        try:
            store.save_answers(a.id, {"writer": i}, expected_version=1)
            outcomes.append("saved")
        except ConflictError:
            outcomes.append("conflict")

    threads = [threading.Thread(target=write, args=(i,)) for i in range(writers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["conflict"] * (writers - 1) + ["saved"]
    assert store.get(a.id).assessment.version == 2


def test_new_revision_snapshots_current_answers(store):
    a = store.create("Triage")
    v = store.save_answers(a.id, {"q": 1}, expected_version=1, scorecard=SCORECARD)
    v = store.save_answers(a.id, {"q": 1}, expected_version=v, scorecard=SCORECARD, checks={"drift": {"psi": 0.3}})
    revision = store.new_revision(a.id, expected_version=v, note="Before the March retrain")
    assert revision.number == 2
    store.save_answers(a.id, {"q": 2}, expected_version=v + 1)
    history = store.revisions(a.id)
    assert [r.number for r in history] == [1, 2]
    assert history[0].snapshot["answers"] == {"q": 1} and history[0].snapshot["checks"] == {"drift": {"psi": 0.3}}
    assert history[1].snapshot["answers"] == {"q": 2} and history[1].snapshot["checks"] is None
    assert history[1].note == "Before the March retrain"
    assert store.get(a.id).assessment.current_revision == 2


def test_repeated_duplicates_get_distinct_names(store):
    a = store.create("Triage")
    assert [store.duplicate(a.id).name for _ in range(3)] == ["Copy of Triage", "Copy of Triage (2)",
                                                              "Copy of Triage (3)"]
    store.set_archived(store.list("Copy of Triage (3)")[0].id)
    assert store.duplicate(a.id).name == "Copy of Triage (4)"  # archived names count as taken


def test_rename_duplicate_archive_delete(store):
    a = store.create("Triage", project="Helpdesk", owner="Ana")
    store.save_answers(a.id, {"q": "x"}, expected_version=1, scorecard=SCORECARD)
    renamed = store.rename(a.id, "Ticket triage", owner="Bo")
    assert (renamed.name, renamed.project, renamed.owner) == ("Ticket triage", "Helpdesk", "Bo")
    assert store.get(a.id).assessment.version == 2  # metadata edits do not disturb an open editor

    copy = store.duplicate(a.id)
    assert copy.name == "Copy of Ticket triage" and copy.id != a.id
    assert store.get(copy.id).snapshot.answers == {"q": "x"}
    assert copy.verdict == "ready_with_conditions"

    store.set_archived(a.id)
    assert [x.id for x in store.list()] == [copy.id]
    assert {x.id for x in store.list(include_archived=True)} == {a.id, copy.id}
    store.set_archived(a.id, False)
    assert len(store.list()) == 2

    store.delete(a.id)
    with pytest.raises(NotFoundError):
        store.get(a.id)
    with pytest.raises(NotFoundError):
        store.revisions(a.id)
    assert store.get(copy.id).snapshot.answers == {"q": "x"}
    assert store.count() == 1


@pytest.mark.parametrize("fmt", ["yaml", "json"])
def test_export_import_round_trip(store, fmt):
    a = store.create("Triage", project="Helpdesk", owner="Ana")
    answers = {"ctx_task_type": "classification", "ctx_modality": ["text", "tabular"], "ctx_notes": "Ünïcode ✓",
               "ctx_launch_date": "2027-03-01", "ctx_production_volume": 12000}
    v = store.save_answers(a.id, answers, expected_version=1, last_step="edge_cases", scorecard=SCORECARD)
    store.new_revision(a.id, expected_version=v, note="retrain")
    exported = store.export(a.id, fmt)

    b = store.import_(exported)
    assert b.id != a.id
    again = store.export(b.id, fmt)
    strip = lambda doc: parse_export(doc).model_dump(exclude={"exported_at"})  # noqa: E731
    assert strip(again) == strip(exported)
    opened = store.get(b.id)
    assert opened.snapshot.answers == answers
    assert opened.assessment.last_step == "edge_cases" and opened.assessment.current_revision == 2
    assert opened.assessment.verdict == "ready_with_conditions"
    assert [r.note for r in store.revisions(b.id)] == ["First revision", "retrain"]


def test_store_open_uses_the_configured_url(db_url, monkeypatch):
    monkeypatch.setenv("READINESS_DATABASE_URL", db_url)
    store = Store.open()
    try:
        assert store.list() == []
        assert store.engine.url.get_backend_name() == db_url.split(":")[0].split("+")[0]
    finally:
        store.close()
