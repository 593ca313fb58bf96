"""Who is using the app: single-user mode by default, sign-in for shared deployments.

The operator chooses one mode with `READINESS_SIGN_IN` (or `readiness ui --sign-in`):

- unset or `off`: single-user mode. Whoever reaches the port may see and change everything (the app
  binds to 127.0.0.1 by default); new assessments belong to the local account. A notice says so.
- `header`: a trusted reverse proxy (oauth2-proxy, a company gateway) signs users in and passes
  the e-mail address in a header, `X-Forwarded-Email` unless `READINESS_SIGN_IN_HEADER` names another.
  Only the proxy may reach the app: anyone who can talk to it directly can send any header.
- `oidc`: Streamlit's own sign-in (`st.login`) with the OpenID Connect provider configured in
  `.streamlit/secrets.toml` under `[auth]`.

With sign-in on, a request without an identity gets a "sign-in required" page and the page stops:
no view runs, and the store the views use (`ui.services.store`) acts for the signed-in account,
so each user reaches only what they own or what is shared with them (`assessments.access`).
"""

from __future__ import annotations

import os
from enum import StrEnum

import streamlit as st

from assessments.access import LOCAL_PREFIX, USER_ENV, Actor
from ui.format import plain

MODE_ENV = "READINESS_SIGN_IN"
HEADER_ENV = "READINESS_SIGN_IN_HEADER"
DEFAULT_HEADER = "X-Forwarded-Email"
GUIDE = "docs/hardening.md, \"Sign-in\""
ACCOUNT_KEY = "signin:account"  # the account this browser session last acted for


class Mode(StrEnum):
    off = "off"
    header = "header"
    oidc = "oidc"


class SignInError(Exception):
    """The sign-in settings cannot work; the app refuses to show anything until they are fixed."""


def mode() -> Mode:
    raw = os.environ.get(MODE_ENV, "").strip().lower() or Mode.off.value
    try:
        return Mode(raw)
    except ValueError:
        raise SignInError(f"{MODE_ENV}={raw!r} is not a sign-in mode; use off, header or oidc") from None


def header_name() -> str:
    return os.environ.get(HEADER_ENV, "").strip() or DEFAULT_HEADER


def _oidc_configured() -> bool:
    try:
        return "auth" in st.secrets
    except Exception:  # noqa: BLE001 - no secrets file at all (Streamlit raises its own error type)
        return False


def _identity(current: Mode) -> str | None:
    """The signed-in account's address as the sign-in gave it, or None when nobody is signed in."""
    if current is Mode.header:
        return st.context.headers.get(header_name()) or None
    if not _oidc_configured():
        raise SignInError("sign-in through OpenID Connect is switched on, but .streamlit/secrets.toml has no "
                          "[auth] section")
    if not st.user.get("is_logged_in", False):
        return None
    if st.user.get("email_verified") is False:
        raise SignInError("your sign-in provider says your e-mail address is not verified")
    email = st.user.get("email")
    if not email:
        raise SignInError("your sign-in provider did not share your e-mail address, which this app needs to "
                          "know whose assessments to show")
    return str(email)


def actor() -> Actor:
    """The account this browser session acts for. Stops the page (after saying why) when there is none."""
    try:
        current = mode()
        if current is Mode.off:
            try:
                return Actor.single_user()
            except ValueError as exc:  # an unusable READINESS_USER
                raise SignInError(f"{USER_ENV}: {exc}") from None
        identity = _identity(current)
        if identity is not None:
            if identity.strip().lower().startswith(LOCAL_PREFIX):
                raise SignInError(f"'{LOCAL_PREFIX}' accounts belong to the command line, not to signed-in users")
            try:
                return _remembered(Actor.signed_in(identity))
            except ValueError as exc:
                raise SignInError(f"the sign-in gave an unusable account: {exc}") from None
    except SignInError as exc:
        _refused(str(exc))
    _sign_in_page(current)
    raise AssertionError("unreachable")  # _sign_in_page stops the script


def _remembered(who: Actor) -> Actor:
    """`who`, after forgetting everything this browser session held for a different account (its open draft,
    uploads, widgets): signing out and in as someone else in the same tab must not carry anything over."""
    if st.session_state.get(ACCOUNT_KEY, who.user) != who.user:
        st.session_state.clear()
    st.session_state[ACCOUNT_KEY] = who.user
    return who


def _refused(problem: str) -> None:
    st.title("Sign-in problem")
    st.error(f"This app cannot tell who you are: {plain(problem)}. Nothing is shown until this is fixed; ask the "
             f"person who runs the app (see {plain(GUIDE)}).", icon=":material/lock:")
    signed_in_by_oidc = os.environ.get(MODE_ENV, "").strip().lower() == Mode.oidc and _oidc_configured()
    if signed_in_by_oidc and st.user.get("is_logged_in", False):
        st.button("Sign out", key="signin:logout", on_click=st.logout)
    st.stop()


def _sign_in_page(current: Mode) -> None:
    st.title("Sign-in required")
    st.info("Readiness keeps each team's assessments private: sign in to see yours and those shared with you.",
            icon=":material/lock:")
    if current is Mode.oidc:
        st.button("Sign in", key="signin:login", type="primary", icon=":material/login:", on_click=st.login)
    else:
        st.caption("This app is reached through a sign-in gateway, but this request came without a signed-in "
                   "user. Open the app through the gateway's address, or sign in there again.")
    st.stop()


def account_bar(who: Actor) -> None:
    """At the top of every page with sign-in on: who is signed in (and, for OIDC, a way to sign out)."""
    if not who.restricted:
        return
    left, right = st.columns([6, 1], vertical_alignment="center")
    left.caption(f":material/account_circle: Signed in as **{plain(who.user)}**")
    if mode() is Mode.oidc:
        right.button("Sign out", key="signin:logout", type="tertiary", on_click=st.logout)


def single_user_notice(who: Actor) -> None:
    """At the foot of every page without sign-in: a quiet reminder of what single-user mode means."""
    if who.restricted:
        return
    st.caption(":material/person: Single-user mode: anyone who can open this address can see and change every "
               "assessment. It is meant for one computer (the app listens on 127.0.0.1 unless told otherwise); "
               f"to share it, switch on sign-in ({GUIDE}).")
