"""A revision whose check run a newer version of the tool saved is not opened, so it cannot be overwritten."""

from __future__ import annotations

from assessments import Snapshot, Store
from checks.check_run import SCHEMA_VERSION
from tests.application.test_check_run import SAVED_BEFORE_VERSIONING
from tests.ui.conftest import new_app


def test_the_app_explains_and_leaves_the_revision_as_it_is(db_url):
    store = Store.open(db_url)
    newer = {**SAVED_BEFORE_VERSIONING, "schema_version": SCHEMA_VERSION + 1}
    created = store.create("From the future", snapshot=Snapshot(answers={"ctx_task_type": "ranking"}, checks=newer))
    before = store.get(created.id)
    at = new_app().run()
    at.button(key=f"open:{created.id}").click().run()
    assert not at.exception, [e.value for e in at.exception]
    shown = " ".join(e.value for e in at.error)
    assert "cannot be opened here" in shown and "newer version of the tool" in shown
    # opened by its address (a bookmark, a reload), it is explained the same way
    again = new_app().run()
    again.query_params["assessment"] = str(created.id)
    again.switch_page("ui/pages/wizard.py").run()
    assert not again.exception
    assert "newer version of the tool" in " ".join(w.value for w in again.warning)
    after = store.get(created.id)
    store.close()
    assert after.assessment.version == before.assessment.version and after.snapshot == before.snapshot
