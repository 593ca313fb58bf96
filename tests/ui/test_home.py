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


def click_labelled(at, label: str, key_prefix: str, assessment_id: int):
    return at.button(key=f"{key_prefix}:{assessment_id}").click().run()


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
