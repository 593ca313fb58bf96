"""A small OpenID Connect provider on loopback, for testing the app's sign-in in a real browser.

It implements the authorization-code flow the way a real provider does, with nothing faked on the
app's side: discovery, an authorize page where the person types their e-mail address, a token
endpoint that checks the client secret, the redirect URI and the PKCE verifier and issues an ID
token signed with RS256 (`joserfc`, Authlib's JOSE library), and the JWKS the app verifies it with.
`signing_key` can be swapped for a key the JWKS does not publish, to prove forged tokens are refused.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import secrets
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlencode, urlparse

from joserfc import jwt
from joserfc.jwk import RSAKey


@dataclass
class Provider:
    client_id: str
    client_secret: str
    redirect_uri: str
    port: int = 0
    key: RSAKey = field(default_factory=lambda: RSAKey.generate_key(2048, parameters={"kid": "test-key"}))
    signing_key: RSAKey | None = None  # None: sign with `key` (published); else a key nobody published
    codes: dict[str, dict[str, Any]] = field(default_factory=dict)
    issued: list[dict[str, Any]] = field(default_factory=list)  # the claims of every ID token issued
    refused: list[str] = field(default_factory=list)  # why token requests were refused

    @property
    def issuer(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def metadata(self) -> dict[str, Any]:
        return {
            "issuer": self.issuer, "authorization_endpoint": f"{self.issuer}/authorize",
            "token_endpoint": f"{self.issuer}/token", "jwks_uri": f"{self.issuer}/jwks",
            "response_types_supported": ["code"], "subject_types_supported": ["public"],
            "id_token_signing_alg_values_supported": ["RS256"], "scopes_supported": ["openid", "email", "profile"],
            "token_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post"],
            "code_challenge_methods_supported": ["S256"], "claims_supported": ["sub", "email", "email_verified"],
        }

    def authorize(self, form: dict[str, str]) -> str:
        """The user submitted the sign-in form: the redirect back to the app with a one-time code."""
        if form.get("client_id") != self.client_id or form.get("redirect_uri") != self.redirect_uri:
            raise ValueError("unknown client or redirect URI")
        code = secrets.token_urlsafe(24)
        self.codes[code] = {"email": form["email"].strip(), "nonce": form.get("nonce"),
                            "challenge": form.get("code_challenge"), "at": time.time()}
        return f"{self.redirect_uri}?{urlencode({'code': code, 'state': form.get('state', '')})}"

    def token(self, form: dict[str, str], authorization: str | None) -> dict[str, Any]:
        client_id, secret = form.get("client_id"), form.get("client_secret")
        if authorization and authorization.startswith("Basic "):
            client_id, _, secret = base64.b64decode(authorization[6:]).decode().partition(":")
        grant = self.codes.pop(form.get("code", ""), None)  # a code works once
        problem = ("wrong client" if (client_id, secret) != (self.client_id, self.client_secret) else
                   "unknown or used code" if grant is None else
                   "wrong redirect URI" if form.get("redirect_uri") != self.redirect_uri else
                   "PKCE verifier does not match" if grant["challenge"] != _s256(form.get("code_verifier", "")) else
                   None)
        if problem:
            self.refused.append(problem)
            raise ValueError(problem)
        now = int(time.time())
        claims = {"iss": self.issuer, "aud": self.client_id, "sub": hashlib.sha256(grant["email"].encode()).hexdigest(),
                  "email": grant["email"], "email_verified": True, "iat": now, "exp": now + 300,
                  "nonce": grant["nonce"]}
        signer = self.signing_key or self.key
        id_token = jwt.encode({"alg": "RS256", "kid": self.key.kid}, claims, signer)
        self.issued.append(claims)
        return {"access_token": secrets.token_urlsafe(24), "token_type": "Bearer", "expires_in": 300,
                "id_token": id_token}

    def jwks(self) -> dict[str, Any]:
        return {"keys": [self.key.as_dict(private=False)]}


def _s256(verifier: str) -> str:
    return base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()


LOGIN_PAGE = """<!doctype html><title>Test identity provider</title><h1>Sign in to the test provider</h1>
<form method="post" action="/authorize">{hidden}<label>E-mail <input name="email" type="email"></label>
<button type="submit">Continue</button></form>"""


def _handler(provider: Provider) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: Any) -> None:  # quiet
            pass

        def _send(self, status: int, body: str | dict, kind: str = "application/json",
                  headers: dict[str, str] | None = None) -> None:
            data = (json.dumps(body) if isinstance(body, dict) else body).encode()
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(data)))
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(data)

        def _form(self) -> dict[str, str]:
            raw = self.rfile.read(int(self.headers.get("Content-Length") or 0)).decode()
            return {k: v[-1] for k, v in parse_qs(raw).items()}

        def do_GET(self) -> None:  # noqa: N802
            url = urlparse(self.path)
            if url.path == "/.well-known/openid-configuration":
                self._send(200, provider.metadata())
            elif url.path == "/jwks":
                self._send(200, provider.jwks())
            elif url.path == "/authorize":
                query = {k: v[-1] for k, v in parse_qs(url.query).items()}
                hidden = "".join(f'<input type="hidden" name="{html.escape(k)}" value="{html.escape(v)}">'
                                 for k, v in query.items())
                self._send(200, LOGIN_PAGE.format(hidden=hidden), "text/html")
            else:
                self._send(404, {"error": "not_found"})

        def do_POST(self) -> None:  # noqa: N802
            try:
                if self.path == "/authorize":
                    self._send(302, "", "text/plain", {"Location": provider.authorize(self._form())})
                elif self.path == "/token":
                    self._send(200, provider.token(self._form(), self.headers.get("Authorization")))
                else:
                    self._send(404, {"error": "not_found"})
            except ValueError as exc:
                self._send(400, {"error": "invalid_grant", "error_description": str(exc)})

    return Handler


class Running:
    """The provider served on a free loopback port in a background thread (a context manager)."""

    def __init__(self, provider: Provider):
        self.provider = provider
        self.server = ThreadingHTTPServer(("127.0.0.1", provider.port), _handler(provider))
        provider.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> Provider:
        self.thread.start()
        return self.provider

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()
