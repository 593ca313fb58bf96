"""Sign-in in the app (AppTest): single-user notice, refusals without an identity, and what each account sees.

AppTest cannot send request headers, so the signed-in cases use the OIDC mode with AppTest's own
`st.user` (the header mode and the real OIDC flow are driven in Chromium: tests/e2e/test_signin.py).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from assessments import Store
from assessments.access import Actor, Role
from tests.ui.conftest import APP, TIMEOUT

ANA, BO = "ana@example.com", "bo@example.com"
AUTH = {"redirect_uri": "http://127.0.0.1:8501/oauth2callback", "cookie_secret": "x" * 32, "client_id": "readiness",
        "client_secret": "s", "server_metadata_url": "http://127.0.0.1:1/.well-known/openid-configuration"}


def page_text(at) -> str:
    kinds = ("title", "markdown", "caption", "info", "warning", "error")
    parts = [e.value for kind in kinds for e in getattr(at, kind)]
    return " ".join(str(p) for p in parts).replace("\u2060", "").replace("\\", "").replace("**", "")


def signed_in_app(email: str | None, monkeypatch, script: str = APP, **claims):
    monkeypatch.setenv("READINESS_SIGN_IN", "oidc")
    at = AppTest.from_file(script, default_timeout=TIMEOUT)
    at.secrets["auth"] = AUTH
    at.user = {"is_logged_in": True, "email": email, **claims} if email else {"is_logged_in": False}
    return at


@pytest.fixture
def seeded(db_url):
    """Ana's and Bo's assessments, one of Ana's shared with Bo to view."""
    base = Store.open(db_url)
    ana, bo = base.acting_for(Actor.signed_in(ANA)), base.acting_for(Actor.signed_in(BO))
    ids = {"ana private": ana.create("Ana private plan").id, "ana shared": ana.create("Ana shared plan").id,
           "bo": bo.create("Bo extraction").id}
    ana.share(ids["ana shared"], BO, Role.viewer)
    yield base, ids
    base.close()


def test_single_user_mode_says_so_and_shows_everything(seeded, monkeypatch):
    monkeypatch.delenv("READINESS_SIGN_IN", raising=False)
    at = AppTest.from_file(APP, default_timeout=TIMEOUT).run()
    text = page_text(at)
    assert "Single-user mode: anyone who can open this address can see and change every assessment" in text
    assert all(name in text for name in ("Ana private plan", "Ana shared plan", "Bo extraction"))


@pytest.mark.parametrize("mode", ["header", "oidc"])
def test_without_an_identity_the_app_shows_the_sign_in_page_and_no_data(seeded, monkeypatch, mode):
    base, ids = seeded
    at = signed_in_app(None, monkeypatch)
    monkeypatch.setenv("READINESS_SIGN_IN", mode)
    at.query_params["assessment"] = str(ids["ana private"])
    at.run()
    assert [t.value for t in at.title] == ["Sign-in required"]
    text = page_text(at)
    assert "plan" not in text and "extraction" not in text and "Single-user" not in text
    assert [b.label for b in at.button] == (["Sign in"] if mode == "oidc" else [])
    for page in ("home", "wizard", "results", "history", "settings"):  # a page script opened directly
        direct = signed_in_app(None, monkeypatch, str(Path(APP).parent / "ui" / "pages" / f"{page}.py"))
        monkeypatch.setenv("READINESS_SIGN_IN", mode)
        direct.query_params["assessment"] = str(ids["ana private"])
        direct.run()
        assert "plan" not in page_text(direct) and not direct.exception, page


@pytest.mark.parametrize("setting, claims, problem", [
    ("oidc-but-no-auth", {}, "has no [auth] section"),
    ("sometimes", {}, "is not a sign-in mode"),
    ("oidc", {"email_verified": False}, "not verified"),
    ("oidc", {"email": "local:ana"}, "accounts belong to the command line"),
])
def test_settings_that_cannot_identify_anyone_refuse_everything(seeded, monkeypatch, setting, claims, problem):
    at = signed_in_app(claims.pop("email", ANA), monkeypatch, **claims)
    if setting == "oidc-but-no-auth":
        del at.secrets["auth"]
    monkeypatch.setenv("READINESS_SIGN_IN", setting.removesuffix("-but-no-auth"))
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert [t.value for t in at.title] == ["Sign-in problem"]
    assert problem in page_text(at) and "plan" not in page_text(at)


def test_a_signed_in_user_sees_only_what_they_own_or_is_shared(seeded, monkeypatch):
    at = signed_in_app(BO, monkeypatch).run()
    text = page_text(at)
    assert f"Signed in as {BO}" in text
    assert "Bo extraction" in text and "Ana shared plan" in text and "Ana private plan" not in text
    assert "Shared with you · viewer" in text and f"by {ANA}" in text


def test_someone_elses_assessment_in_the_url_is_not_found(seeded, monkeypatch):
    _, ids = seeded
    at = signed_in_app(BO, monkeypatch).run()
    at.query_params["assessment"] = str(ids["ana private"])
    at.switch_page("ui/pages/wizard.py").run()
    assert "was not found" in page_text(at) and "Ana private plan" not in page_text(at)


def test_a_viewer_gets_the_wizard_read_only_and_no_owner_actions(seeded, monkeypatch):
    base, ids = seeded
    shared = ids["ana shared"]
    at = signed_in_app(BO, monkeypatch).run()
    keys = {b.key for b in at.button}
    assert f"duplicate:{shared}" in keys and f"archive:{shared}" not in keys
    assert f"delete:{shared}" not in keys and f"share:{shared}" not in keys
    assert f"delete:{ids['bo']}" in keys and f"share:{ids['bo']}" in keys  # Bo owns his own
    at.button(key=f"open:{shared}").click().run()
    assert at.title[0].value == "Ana shared plan"
    assert "Shared with you to view only" in page_text(at)
    widgets = [w for kind in ("radio", "multiselect", "number_input", "text_area", "date_input")
               for w in getattr(at, kind) if str(w.key).startswith("w:")]
    assert widgets and all(w.disabled for w in widgets)
    at.button(key="wiz:next").click().run()  # moving on is allowed, and stays in this session
    assert "Step 2 of" in " ".join(p.text for p in at.get("progress"))
    assert base.get(shared).assessment.version == 1  # opening, looking and moving wrote nothing


def test_the_owner_shares_changes_and_removes_access(seeded, monkeypatch):
    base, ids = seeded
    a = ids["ana private"]
    at = signed_in_app(ANA, monkeypatch).run()
    at.button(key=f"share:{a}").click().run()
    assert "Not shared with anyone yet." in page_text(at)
    at.text_input(key=f"sharing:user:{a}").input("not an address")
    at.button(key=f"FormSubmitter:sharing:add:{a}-Share").click().run()
    assert "without spaces" in page_text(at) and base.shares(a) == []
    at.text_input(key=f"sharing:user:{a}").input(" Bo@Example.com ")
    at.selectbox(key=f"sharing:role:{a}").set_value(Role.editor)
    at.button(key=f"FormSubmitter:sharing:add:{a}-Share").click().run()
    assert [(s.user, s.role) for s in base.shares(a)] == [(BO, "editor")]
    at.selectbox(key=f"sharing:change:{a}:{BO}").set_value(Role.viewer).run()
    assert [(s.user, s.role) for s in base.shares(a)] == [(BO, "viewer")]
    at.button(key=f"sharing:remove:{a}:{BO}").click().run()
    assert "They will no longer see it" in page_text(at) and len(base.shares(a)) == 1  # asks first
    at.button(key=f"sharing:remove:confirm:{a}:{BO}").click().run()
    assert base.shares(a) == []
    assert "Ana private plan" not in page_text(signed_in_app(BO, monkeypatch).run())


def test_signing_in_as_someone_else_in_the_same_tab_forgets_the_open_assessment(seeded, monkeypatch):
    _, ids = seeded
    at = signed_in_app(ANA, monkeypatch).run()
    at.button(key=f"open:{ids['ana private']}").click().run()
    assert at.title[0].value == "Ana private plan"
    at.user = {"is_logged_in": True, "email": BO}
    del at.query_params["assessment"]
    at.switch_page("ui/pages/wizard.py").run()
    assert "Ana private plan" not in page_text(at)
