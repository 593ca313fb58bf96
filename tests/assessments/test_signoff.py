"""The sign-off: stored with the current revision, refused when bad, exported and imported whole, and carried
into a new revision without its dates (on SQLite and PostgreSQL)."""

from __future__ import annotations

import datetime as dt

import pytest

from application import save_signoff, start_revision
from assessments import ConflictError
from assessments.signoff import MAX_SIGNATORIES, Signatory

DANA = Signatory(name="Dana Reyes", role="Product owner", signed_on=dt.date(2026, 11, 30))
SAM = Signatory(name="Sam Okafor", role="Annotation lead")


def test_stored_with_the_revision_exported_imported_and_renewed(store):
    a = store.create("Routing kickoff")
    version = save_signoff(store, a.id, [DANA, Signatory(), SAM], expected_version=a.version)
    assert store.get(a.id).snapshot.signoff == [DANA, SAM]  # the empty line is dropped

    copy = store.import_(store.export(a.id), name="Imported")
    assert store.get(copy.id).snapshot.signoff == [DANA, SAM]

    start_revision(store, a.id, expected_version=version)
    renewed = store.get(a.id)
    assert renewed.assessment.current_revision == 2
    assert renewed.snapshot.signoff == [DANA.model_copy(update={"signed_on": None}), SAM]
    first = next(r for r in store.revisions(a.id) if r.number == 1)
    assert first.snapshot["signoff"][0]["signed_on"] == "2026-11-30"  # revision 1 keeps its approval


def test_refused_without_writing_anything(store):
    a = store.create("Routing kickoff")
    with pytest.raises(ValueError, match=f"at most {MAX_SIGNATORIES}"):
        save_signoff(store, a.id, [SAM] * (MAX_SIGNATORIES + 1), expected_version=a.version)
    with pytest.raises(ValueError, match="control character"):
        Signatory(name="Dana\x07")
    with pytest.raises(ConflictError):
        save_signoff(store, a.id, [DANA], expected_version=a.version + 5)
    assert store.get(a.id).snapshot.signoff == []
    assert store.get(a.id).assessment.version == a.version
