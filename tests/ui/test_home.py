"""The home page: empty state, list, search, and the actions on a saved assessment."""

from __future__ import annotations

from assessments import Store
from tests.ui.conftest import assert_clean, new_app


def home(db_url, *names: str):
    store = Store.open(db_url)
    ids = [store.create(n, project=f"{n} project", owner="Ana").id for n in names]
    at = new_app()
    at.run()
    return at, store, ids


def test_empty_state_explains_and_offers_a_new_assessment(db_url):
    at = new_app().run()
    assert_clean(at)
    assert "Readiness asks the questions" in at.markdown[0].value
    at.button[0].click().run()  # submitting without a name
    assert [e.value for e in at.error] == ["Give the assessment a name."]


def test_list_search_and_open(db_url):
    at, store, (triage, invoices) = home(db_url, "Support triage", "Invoice extraction")
    assert_clean(at)
    markdown = " ".join(m.value for m in at.markdown)
    assert "Support triage" in markdown and "Invoice extraction" in markdown
    at.text_input(key="home:search").input("invoice").run()
    markdown = " ".join(m.value for m in at.markdown)
    assert "Invoice extraction" in markdown and "Support triage" not in markdown
    at.button(key=f"open:{invoices}").click().run()
    assert at.title[0].value == "Invoice extraction"
    assert at.query_params["assessment"] == str(invoices)
    store.close()


def test_rename_duplicate_archive(db_url):
    at, store, (a,) = home(db_url, "Support triage")
    at.text_input(key=f"rename:name:{a}").input("Ticket triage")
    at.button(key=f"FormSubmitter:rename:{a}-Save details").click().run()
    assert store.get(a).assessment.name == "Ticket triage"
    at.button(key=f"duplicate:{a}").click().run()
    assert sorted(x.name for x in store.list()) == ["Copy of Ticket triage", "Ticket triage"]
    at.button(key=f"archive:{a}").click().run()
    assert [x.name for x in store.list()] == ["Copy of Ticket triage"]
    at.toggle(key="home:archived").set_value(True).run()
    assert "Archived" in " ".join(m.value for m in at.markdown)
    at.button(key=f"archive:{a}").click().run()  # now "Restore"
    assert len(store.list()) == 2
    store.close()


def test_delete_asks_for_confirmation(db_url):
    at, store, (a, b) = home(db_url, "Keep me", "Delete me")
    at.button(key=f"delete:{b}").click().run()
    assert any("cannot be undone" in w.value for w in at.warning)
    at.button(key=f"delete:cancel:{b}").click().run()
    assert store.count() == 2
    at.button(key=f"delete:{b}").click().run()
    at.button(key=f"delete:confirm:{b}").click().run()
    assert [x.name for x in store.list()] == ["Keep me"]
    assert_clean(at)
    store.close()


def test_import_an_export_as_a_new_assessment(db_url):
    at, store, (a,) = home(db_url, "Support triage")
    store.save_answers(a, {"ctx_task_type": "classification"}, expected_version=1)
    exported = store.export(a, "yaml").encode()
    at.file_uploader(key="home:import").upload("triage.readiness.yaml", exported, "application/yaml").run()
    at.button(key="home:import:go").click().run()
    assert_clean(at)
    imported = [x for x in store.list() if x.id != a]
    assert len(imported) == 1 and imported[0].name == "Support triage"
    assert store.get(imported[0].id).snapshot.answers == {"ctx_task_type": "classification"}
    store.close()


def test_a_damaged_import_file_says_what_is_wrong(db_url):
    at, store, _ = home(db_url, "Support triage")
    at.file_uploader(key="home:import").upload("notes.yaml", b"just: some notes", "application/yaml").run()
    at.button(key="home:import:go").click().run()
    assert any("not an assessment export" in e.value for e in at.error)
    assert store.count() == 1
    store.close()


def test_an_unreachable_database_gives_a_message_not_a_traceback(monkeypatch):
    monkeypatch.setenv("READINESS_DATABASE_URL", "postgresql+psycopg://ana:s3cret@127.0.0.1:1/readiness")
    at = new_app().run()
    assert not at.exception
    assert any("cannot be reached" in e.value and "s3cret" not in e.value for e in at.error)


def test_a_row_action_closes_its_menu(db_url):
    """After an action the list may reorder (a copy comes first): an open menu would then show another row."""
    at, store, (a,) = home(db_url, "Support triage")
    at.session_state[f"more:{a}"] = True  # the "More" popover is open
    at.button(key=f"duplicate:{a}").click().run()
    assert at.session_state[f"more:{a}"] is False
    copy = next(x.id for x in store.list() if x.id != a)
    assert at.session_state[f"more:{copy}"] is not True
    at.text_input(key=f"rename:name:{a}").input("  ")
    at.button(key=f"FormSubmitter:rename:{a}-Save details").click().run()
    assert "The name cannot be empty." in [e.value for e in at.error]
    assert store.get(a).assessment.name == "Support triage"
    store.close()
