"""Sign-in end to end: the app served as `readiness ui --sign-in ...` does, driven by headless Chromium.

- header mode: the browser sends `X-Forwarded-Email` the way a sign-in proxy would; each account sees
  only its own assessments and those shared with it, and a request without the header sees none;
- OIDC mode: a real authorization-code flow (PKCE, signed ID token) against the small provider in
  `tests/e2e/oidc_provider.py` on loopback; a token signed with a key the provider does not publish is
  refused.
"""

from __future__ import annotations

import re
import secrets

import pytest

from assessments import Store
from assessments.access import Actor, Role
from tests.e2e.conftest import free_port, serving
from tests.e2e.oidc_provider import Provider, Running

pytestmark = pytest.mark.e2e
ANA, BO = "ana@example.com", "bo@example.com"
TIMEOUT_MS = 30_000


@pytest.fixture
def database(tmp_path) -> str:
    """Ana owns two assessments (one shared with Bo to view); Bo owns one."""
    url = f"sqlite:///{tmp_path / 'signin.db'}"
    store = Store.open(url)
    ana, bo = store.acting_for(Actor.signed_in(ANA)), store.acting_for(Actor.signed_in(BO))
    ana.create("Ana private plan")
    shared = ana.create("Ana shared plan")
    ana.share(shared.id, BO, Role.viewer)
    bo.create("Bo extraction")
    store.close()
    return url


def visible_text(page) -> str:
    """The page's text as a reader sees it (the invisible joiners that keep addresses from becoming links removed)."""
    return page.locator("body").inner_text().replace("\u2060", "")


def wait_for_text(page, *texts: str) -> str:
    """Wait until every one of `texts` is on the page; returns the page's text."""
    page.wait_for_function(
        "texts => texts.every(t => document.body.innerText.replaceAll('\u2060', '').includes(t))",
        arg=list(texts), timeout=TIMEOUT_MS)
    return visible_text(page)


def home_as(browser, url: str, email: str | None, *expected: str) -> str:
    context = browser.new_context(extra_http_headers={"X-Forwarded-Email": email} if email else {})
    page = context.new_page()
    page.goto(url)
    if email is None:
        text = wait_for_text(page, "Sign-in required")
    else:
        text = wait_for_text(page, f"Signed in as {email.lower()}", *expected)
    context.close()
    return text


def test_header_mode_shows_each_account_its_own(tmp_path, database, browser):
    with serving(tmp_path, database, sign_in="header") as url:
        ana = home_as(browser, url, ANA, "Ana private plan", "Ana shared plan")
        assert "Ana private plan" in ana and "Ana shared plan" in ana and "Bo extraction" not in ana
        # addresses are compared in lower case
        bo = home_as(browser, url, "Bo@Example.com", "Bo extraction", "Ana shared plan")
        assert "Bo extraction" in bo and "Ana shared plan" in bo and "Ana private plan" not in bo
        assert "Shared with you · viewer" in bo
        nobody = home_as(browser, url, None)
        assert "plan" not in nobody and "extraction" not in nobody and "Single-user" not in nobody


def test_oidc_mode_signs_in_with_a_real_provider(tmp_path, database, browser):
    port = free_port()
    provider = Provider(client_id="readiness-test", client_secret=secrets.token_urlsafe(16),
                        redirect_uri=f"http://127.0.0.1:{port}/oauth2callback")
    with Running(provider):
        secrets_file = tmp_path / "secrets.toml"
        secrets_file.write_text(
            "[auth]\n"
            f'redirect_uri = "{provider.redirect_uri}"\n'
            f'cookie_secret = "{secrets.token_urlsafe(32)}"\n'
            f'client_id = "{provider.client_id}"\n'
            f'client_secret = "{provider.client_secret}"\n'
            f'server_metadata_url = "{provider.issuer}/.well-known/openid-configuration"\n')
        with serving(tmp_path, database, "--secrets.files", str(secrets_file), port=port, sign_in="oidc") as url:
            context = browser.new_context()
            page = context.new_page()
            page.goto(url)
            assert "plan" not in wait_for_text(page, "Sign-in required")
            page.get_by_role("button", name="Sign in").click()
            page.get_by_label("E-mail").fill(BO)  # the provider's own sign-in page
            page.get_by_role("button", name="Continue").click()
            text = wait_for_text(page, f"Signed in as {BO}", "Bo extraction", "Ana shared plan")
            assert "Ana shared plan" in text and "Ana private plan" not in text
            assert [c["email"] for c in provider.issued] == [BO] and provider.refused == []
            assert provider.issued[0]["nonce"]  # the app sent a nonce and the token carried it back

            page.reload()  # the sign-in is kept in Streamlit's signed cookie
            wait_for_text(page, f"Signed in as {BO}", "Bo extraction")
            page.get_by_role("button", name="Sign out").click()
            assert "extraction" not in wait_for_text(page, "Sign-in required")

            # a token signed with a key the provider never published is refused: nobody is signed in
            provider.signing_key = type(provider.key).generate_key(2048, parameters={"kid": provider.key.kid})
            page.get_by_role("button", name="Sign in").click()
            page.get_by_label("E-mail").fill(ANA)
            page.get_by_role("button", name="Continue").click()
            page.wait_for_url(re.compile(rf"^{re.escape(url)}/?(\?.*)?$"), timeout=TIMEOUT_MS)
            assert "plan" not in wait_for_text(page, "Sign-in required")
            assert provider.issued[-1]["email"] == ANA  # a token was issued, and the app refused its signature
            context.close()
