"""Owners and share lists, enforced by the store itself, on SQLite and PostgreSQL.

Every refusal is tested by calling the store directly (what a front end that forgot to hide a button
would do), never through the app.
"""

from __future__ import annotations

import pytest
from sqlalchemy import text

from assessments import Store
from assessments.access import Actor, Role, local_user
from assessments.database import create_db_engine, migrate
from assessments.errors import AccessDeniedError, NoAccessError, NotFoundError
from assessments.snapshot import Snapshot

ANA, BO, CY = "ana@example.com", "bo@example.com", "cy@example.com"


@pytest.fixture
def stores(store):
    """The same database seen by Ana, Bo and Cy (signed in), and unrestricted."""
    views = {u: store.acting_for(Actor.signed_in(u)) for u in (ANA, BO, CY)}
    views["all"] = store
    return views


def test_signed_in_users_see_only_their_own_and_what_is_shared(stores):
    mine = stores[ANA].create("Ana's triage")
    theirs = stores[BO].create("Bo's extraction")
    assert mine.owned_by == ANA and theirs.owned_by == BO
    assert [a.name for a in stores[ANA].list()] == ["Ana's triage"]
    assert [a.name for a in stores[BO].list()] == ["Bo's extraction"]
    assert stores[CY].list() == [] and stores[CY].count() == 0
    assert stores["all"].count() == 2  # single-user mode sees everything

    stores[ANA].share(mine.id, "  CY@Example.com ", Role.viewer)
    assert [a.name for a in stores[CY].list()] == ["Ana's triage"]
    assert stores[CY].get(mine.id).role is Role.viewer
    assert stores[ANA].get(mine.id).role is Role.owner
    assert stores[CY].roles(stores[CY].list()) == {mine.id: Role.viewer}
    assert [(s.user, s.role) for s in stores[ANA].shares(mine.id)] == [(CY, "viewer")]


def test_a_direct_call_for_someone_elses_assessment_is_refused(stores):
    theirs = stores[BO].create("Bo's extraction")
    cy = stores[CY]
    opened = stores[BO].get(theirs.id)
    refused = [
        lambda: cy.get(theirs.id),
        lambda: cy.revisions(theirs.id),
        lambda: cy.export(theirs.id),
        lambda: cy.duplicate(theirs.id),
        lambda: cy.save_answers(theirs.id, {"x": 1}, expected_version=opened.assessment.version),
        lambda: cy.new_revision(theirs.id, expected_version=opened.assessment.version),
        lambda: cy.rename(theirs.id, "Mine now"),
        lambda: cy.set_archived(theirs.id),
        lambda: cy.delete(theirs.id),
        lambda: cy.shares(theirs.id),
        lambda: cy.share(theirs.id, CY, Role.editor),
        lambda: cy.unshare(theirs.id, BO),
        lambda: cy.transfer(theirs.id, CY),
    ]
    for call in refused:
        with pytest.raises(NoAccessError, match="does not exist or is not shared with you"):
            call()
    # said like "not found": a stranger learns nothing about what exists
    assert issubclass(NoAccessError, NotFoundError)
    after = stores[BO].get(theirs.id)
    assert after.assessment.name == "Bo's extraction" and after.assessment.version == opened.assessment.version
    assert after.snapshot == opened.snapshot and not after.assessment.archived
    assert stores[BO].shares(theirs.id) == []


def test_viewers_read_editors_edit_only_the_owner_shares_and_deletes(stores):
    a = stores[ANA].create("Shared triage")
    stores[ANA].share(a.id, BO, "editor")
    stores[ANA].share(a.id, CY, "viewer")
    version = stores[ANA].get(a.id).assessment.version

    viewer = stores[CY]
    assert viewer.export(a.id).startswith("format: readiness-assessment")
    assert len(viewer.revisions(a.id)) == 1
    with pytest.raises(AccessDeniedError, match="view only"):
        viewer.save_answers(a.id, {"q": "x"}, expected_version=version)
    with pytest.raises(AccessDeniedError, match="view only"):
        viewer.rename(a.id, "Renamed by a viewer")
    with pytest.raises(AccessDeniedError, match="view only"):
        viewer.new_revision(a.id, expected_version=version)

    editor = stores[BO]
    version = editor.save_answers(a.id, {"q": "x"}, expected_version=version)
    editor.rename(a.id, "Triage (edited)")
    editor.new_revision(a.id, expected_version=version)
    for call in (lambda: editor.delete(a.id), lambda: editor.share(a.id, "dee@example.com", "viewer"),
                 lambda: editor.unshare(a.id, CY), lambda: editor.transfer(a.id, BO)):
        with pytest.raises(AccessDeniedError, match=f"Only the owner \\({ANA}\\)"):
            call()

    copy = viewer.duplicate(a.id)  # a copy belongs to whoever made it, shared with nobody
    assert copy.owned_by == CY and stores[CY].shares(copy.id) == []

    assert stores[ANA].unshare(a.id, CY) is True and stores[ANA].unshare(a.id, CY) is False
    with pytest.raises(NoAccessError):
        viewer.get(a.id)
    stores[ANA].delete(a.id)
    assert stores["all"].count() == 1  # only the copy is left; its shares went with it


def test_sharing_validates_the_account_and_role(stores):
    a = stores[ANA].create("Triage")
    with pytest.raises(ValueError, match="owns this assessment already"):
        stores[ANA].share(a.id, ANA.upper(), "editor")
    with pytest.raises(ValueError, match="without spaces"):
        stores[ANA].share(a.id, "bo at example.com", "viewer")
    with pytest.raises(ValueError, match="viewer or editor"):
        stores[ANA].share(a.id, BO, "owner")
    with pytest.raises(ValueError):
        stores[ANA].share(a.id, BO, "admin")
    stores[ANA].share(a.id, BO, "viewer")
    stores[ANA].share(a.id, BO, "editor")  # changing a role keeps one row
    assert [(s.user, s.role) for s in stores[ANA].shares(a.id)] == [(BO, "editor")]


def test_transfer_hands_over_everything(stores):
    a = stores[ANA].create("Triage")
    stores[ANA].share(a.id, BO, "viewer")
    stores[ANA].transfer(a.id, BO)
    assert stores[BO].get(a.id).role is Role.owner and stores[BO].shares(a.id) == []
    with pytest.raises(NoAccessError):
        stores[ANA].get(a.id)


def test_imports_and_copies_belong_to_whoever_makes_them(stores):
    a = stores[ANA].create("Triage")
    stores[ANA].share(a.id, BO, "viewer")
    exported = stores[BO].export(a.id)
    imported = stores[BO].import_(exported)
    assert imported.owned_by == BO and stores[BO].get(imported.id).role is Role.owner
    assert stores[BO].shares(imported.id) == []  # an export carries no sharing
    with pytest.raises(NoAccessError):
        stores[ANA].get(imported.id)


def test_local_accounts_act_for_the_command_line(store, monkeypatch):
    monkeypatch.setenv("READINESS_USER", "Ops@Example.com")
    assert local_user() == "ops@example.com"
    monkeypatch.delenv("READINESS_USER")
    assert local_user().startswith("local:")
    cli = store.acting_for(Actor.local())
    made = cli.create("Made on the command line")
    assert made.owned_by == local_user()
    bo = store.acting_for(Actor.signed_in(BO))
    assert bo.list() == []
    assert [a.name for a in cli.list()] == ["Made on the command line"]
    single = store.acting_for(Actor.single_user())
    assert single.create("Made in the single-user app").owned_by == local_user()
    assert store.create("Made unrestricted").owned_by is None


def test_an_existing_database_gains_owners_and_shares(db_url):
    """The upgrade path: assessments saved before accounts existed have no owner after the migration.

    Local accounts (command line, single-user app) use them as before; signed-in accounts do not see
    them until they are given an owner.
    """
    engine = create_db_engine(db_url)
    migrate(engine, "eb6851ca5eb0")  # the schema before accounts
    with engine.begin() as connection:
        connection.execute(text(
            "INSERT INTO assessment (name, project, owner, created_at, updated_at, archived, current_revision, "
            "version) VALUES ('Before accounts', '', 'Ana', '2026-01-01 00:00:00', '2026-01-01 00:00:00', "
            "false, 1, 1)"))
        connection.execute(text(
            "INSERT INTO revision (assessment_id, number, created_at, note, snapshot) "
            "SELECT id, 1, '2026-01-01 00:00:00', 'First revision', '{}' FROM assessment"))
    engine.dispose()
    store = Store.open(db_url)  # migrates to the head
    try:
        [old] = store.list()
        assert old.owned_by is None and store.get(old.id).snapshot == Snapshot()
        local = store.acting_for(Actor.local())
        assert [a.name for a in local.list()] == ["Before accounts"]
        assert local.get(old.id).role is Role.owner
        signed_in = store.acting_for(Actor.signed_in(ANA))
        assert signed_in.list() == []
        with pytest.raises(NoAccessError):
            signed_in.get(old.id)
        local.transfer(old.id, ANA)
        assert [a.name for a in signed_in.list()] == ["Before accounts"]
        assert local.list() == []  # now Ana's: the command line no longer owns it
    finally:
        store.close()
