"""Actions on the home page that fail (the assessment was deleted in another tab, a refused name) show a
message, never a traceback."""

from __future__ import annotations

from tests.ui.conftest import new_app
from tests.ui.test_home import home


def test_duplicate_after_a_delete_in_another_tab_says_so(db_url):
    at, store, (a,) = home(db_url, "Support triage")
    store.delete(a)  # another tab
    at.button(key=f"duplicate:{a}").click().run()
    assert not at.exception
    assert [e.value for e in at.error] == [f"Assessment {a} does not exist (it may have been deleted)."]
    assert store.count() == 0


def test_archive_after_a_delete_in_another_tab_says_so(db_url):
    at, store, (a,) = home(db_url, "Support triage")
    store.delete(a)
    at.button(key=f"archive:{a}").click().run()
    assert not at.exception
    assert [e.value for e in at.error] == [f"Assessment {a} does not exist (it may have been deleted)."]


def test_a_name_with_control_characters_is_refused_with_the_reason(db_url):
    at = new_app().run()
    at.text_input(key="new:name").input("bell\x07")
    at.button[0].click().run()
    assert not at.exception
    assert [e.value for e in at.error] == ["The name contains the control character U+0007; remove it"]


def test_a_failing_callback_is_logged_and_shown_without_details(db_url, monkeypatch, caplog):
    at, store, (a,) = home(db_url, "Support triage")

    def broken(*_args, **_kwargs):
        raise RuntimeError("/secret/path/in/a/message")

    monkeypatch.setattr(store.__class__, "duplicate", broken)
    at.button(key=f"duplicate:{a}").click().run()
    assert not at.exception
    (message,) = [e.value for e in at.error]
    assert message.startswith("Something went wrong while doing that. Your saved answers are safe.")
    assert "/secret/path" not in message
    assert "/secret/path/in/a/message" in caplog.text
