"""Local stand-ins for Google's and GitHub's OAuth endpoints, speaking their documented formats.

Google (OpenID Connect): ``GET /o/oauth2/v2/auth`` (consent: 302 back with ``code`` and
``state``), ``POST /token`` (form in, JSON out; errors ``invalid_client`` 401, ``invalid_grant``,
``redirect_uri_mismatch``, ``invalid_request``, ``unsupported_grant_type`` 400) and
``GET /v1/userinfo`` (``sub``, ``email``, ``email_verified``, ``name``, ``picture``; 401 with
``WWW-Authenticate`` for a bad token).

GitHub: ``GET /login/oauth/authorize``, ``POST /login/oauth/access_token`` (JSON with
``Accept: application/json``, form-encoded otherwise; errors with HTTP 200 and an ``error``
field), ``GET /user`` and ``GET /user/emails`` (``Authorization: Bearer`` or ``token``; 401
``Bad credentials``).

Codes are single-use and bound to the client and redirect URI, as the real providers do, and to
the PKCE challenge of the authorization request (RFC 7636: ``S256`` or ``plain``). A token request
for a code issued with a challenge must carry the matching ``code_verifier``; one that carries a
verifier for a code issued without a challenge is refused too (OAuth 2.1 §4.1.3, against PKCE
downgrade). Both refusals are ``invalid_grant`` (Google) or ``bad_verification_code`` (GitHub). Tests
can inject answers (``respond``) or hold a path until released (``stall``) to play a failing or
hanging provider, and read ``requests`` to see what was sent.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
import threading
import urllib.parse
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

Answer = tuple[int, dict[str, str], bytes]


@dataclass
class Seen:
    """One request as the stand-in received it."""

    method: str
    path: str
    query: dict[str, str]
    headers: dict[str, str]
    form: dict[str, str]


def _json(status: int, value: Any, headers: dict[str, str] | None = None) -> Answer:
    return status, {"Content-Type": "application/json; charset=utf-8", **(headers or {})}, json.dumps(value).encode()


@dataclass
class _Grant:
    user: dict[str, Any]
    client_id: str
    redirect_uri: str
    code_challenge: str = ""
    code_challenge_method: str = ""

    def verifier_fits(self, verifier: str) -> bool:
        """RFC 7636 §4.6, and OAuth 2.1's refusal of a verifier nobody asked for."""
        if not self.code_challenge:
            return not verifier
        if not verifier:
            return False
        if self.code_challenge_method == "plain":
            return hmac.compare_digest(verifier, self.code_challenge)
        digest = hashlib.sha256(verifier.encode("ascii", "replace")).digest()
        expected = base64.urlsafe_b64encode(digest).rstrip(b"=").decode()
        return hmac.compare_digest(expected, self.code_challenge)


@dataclass
class StandIn:
    """What both providers share: a threaded server on 127.0.0.1, codes, tokens, fault injection."""

    client_id: str = "test-client-id"
    client_secret: str = "test-client-secret"
    redirect_uris: tuple[str, ...] = ()
    user: dict[str, Any] = field(default_factory=dict)
    requests: list[Seen] = field(default_factory=list)
    _codes: dict[str, _Grant] = field(default_factory=dict)
    _tokens: dict[str, dict[str, Any]] = field(default_factory=dict)
    _injected: dict[str, list[Answer]] = field(default_factory=dict)
    _stalls: dict[str, threading.Event] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    base_url: str = ""

    def routes(self) -> dict[tuple[str, str], Callable[[Seen], Answer]]:
        """The provider's endpoints (each provider lists its own; anything else is 404)."""
        return {}

    def respond(self, path: str, status: int, body: bytes | str, content_type: str = "application/json") -> None:
        """Answer the next request to ``path`` with exactly this (a failing or odd provider)."""
        raw = body.encode() if isinstance(body, str) else body
        self._injected.setdefault(path, []).append((status, {"Content-Type": content_type}, raw))

    def reset(self) -> None:
        """Forget injected answers and stalls (between fuzzing examples)."""
        self._injected.clear()
        for event in self._stalls.values():
            event.set()
        self._stalls.clear()

    def stall(self, path: str) -> threading.Event:
        """Hold requests to ``path`` until the returned event is set (a hanging provider)."""
        event = threading.Event()
        self._stalls[path] = event
        return event

    def issue_code(
        self, redirect_uri: str, client_id: str | None = None, code_challenge: str = "", method: str = "S256"
    ) -> str:
        """The code the provider would put on the redirect after the user consents."""
        code = secrets.token_urlsafe(20)
        grant = _Grant(
            dict(self.user), client_id or self.client_id, redirect_uri, code_challenge, method if code_challenge else ""
        )
        with self._lock:
            self._codes[code] = grant
        return code

    def issue_token(self) -> str:
        """An access token for the current user, as the token endpoint would hand out."""
        return self._new_token("tok_", dict(self.user))

    def _take_code(self, code: str) -> _Grant | None:
        with self._lock:
            return self._codes.pop(code, None)

    def _new_token(self, prefix: str, user: dict[str, Any]) -> str:
        token = prefix + secrets.token_urlsafe(27)
        with self._lock:
            self._tokens[token] = user
        return token

    def _bearer(self, seen: Seen, schemes: tuple[str, ...] = ("bearer",)) -> dict[str, Any] | None:
        scheme, _, token = seen.headers.get("authorization", "").partition(" ")
        return self._tokens.get(token.strip()) if scheme.lower() in schemes else None

    def _authorize(self, seen: Seen) -> Answer:
        query = seen.query
        if query.get("client_id") != self.client_id:
            return 400, {"Content-Type": "text/html"}, b"<h1>Error 401: invalid_client</h1>"
        redirect_uri = query.get("redirect_uri", "")
        if redirect_uri not in self.redirect_uris:
            return 400, {"Content-Type": "text/html"}, b"<h1>Error 400: redirect_uri_mismatch</h1>"
        challenge, method = query.get("code_challenge", ""), query.get("code_challenge_method", "plain")
        if challenge and method not in ("S256", "plain"):
            return 400, {"Content-Type": "text/html"}, b"<h1>Error 400: invalid_request</h1>"
        code = self.issue_code(redirect_uri, code_challenge=challenge, method=method)
        back = {"code": code, "state": query.get("state", "")}
        return 302, {"Location": f"{redirect_uri}?{urllib.parse.urlencode(back)}"}, b""

    def handle(self, seen: Seen) -> Answer:
        self.requests.append(seen)
        stall = self._stalls.get(seen.path)
        if stall is not None:
            stall.wait(10)
        injected = self._injected.get(seen.path)
        if injected:
            return injected.pop(0)
        route = self.routes().get((seen.method, seen.path))
        if route is None:
            return _json(404, {"message": "Not Found"})
        return route(seen)

    @contextmanager
    def running(self) -> Iterator[StandIn]:
        server = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(self))
        server.daemon_threads = True
        thread = threading.Thread(target=server.serve_forever, args=(0.02,), daemon=True)
        thread.start()
        self.base_url = f"http://127.0.0.1:{server.server_address[1]}"
        try:
            yield self
        finally:
            for event in self._stalls.values():
                event.set()
            server.shutdown()
            server.server_close()
            thread.join(5)


def _handler_for(stand_in: StandIn) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def _serve(self) -> None:
            url = urllib.parse.urlsplit(self.path)
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length).decode("utf-8", "replace") if length else ""
            is_form = (self.headers.get("Content-Type") or "").startswith("application/x-www-form-urlencoded")
            seen = Seen(
                method=self.command,
                path=url.path,
                query=dict(urllib.parse.parse_qsl(url.query)),
                headers={k.lower(): v for k, v in self.headers.items()},
                form=dict(urllib.parse.parse_qsl(raw)) if is_form else {},
            )
            status, headers, body = stand_in.handle(seen)
            try:
                self.send_response(status)
                for key, value in headers.items():
                    self.send_header(key, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up (a timeout under test)

        do_GET = do_POST = _serve  # noqa: N815 - http.server's naming

        def log_message(self, format: str, *args: Any) -> None:
            return

    return Handler


def _client_pair(seen: Seen) -> tuple[str, str]:
    """Client credentials from HTTP Basic or the form (both are allowed by RFC 6749 §2.3.1)."""
    scheme, _, value = seen.headers.get("authorization", "").partition(" ")
    if scheme.lower() == "basic":
        import base64

        client_id, _, secret = base64.b64decode(value).decode().partition(":")
        return urllib.parse.unquote(client_id), urllib.parse.unquote(secret)
    return seen.form.get("client_id", ""), seen.form.get("client_secret", "")


@dataclass
class GoogleOAuth(StandIn):
    """accounts.google.com, oauth2.googleapis.com and openidconnect.googleapis.com in one server."""

    user: dict[str, Any] = field(
        default_factory=lambda: {
            "sub": "110248495921238986420",
            "name": "Kim Minji",
            "given_name": "Minji",
            "family_name": "Kim",
            "picture": "https://lh3.googleusercontent.com/a/minji=s96-c",
            "email": "minji@example.com",
            "email_verified": True,
            "locale": "ko",
        }
    )

    @property
    def authorize_url(self) -> str:
        return f"{self.base_url}/o/oauth2/v2/auth"

    @property
    def token_url(self) -> str:
        return f"{self.base_url}/token"

    @property
    def userinfo_url(self) -> str:
        return f"{self.base_url}/v1/userinfo"

    def routes(self) -> dict[tuple[str, str], Callable[[Seen], Answer]]:
        return {
            ("GET", "/o/oauth2/v2/auth"): self._authorize,
            ("POST", "/token"): self._token,
            ("GET", "/v1/userinfo"): self._userinfo,
        }

    def _token(self, seen: Seen) -> Answer:
        client_id, secret = _client_pair(seen)
        if client_id != self.client_id or secret != self.client_secret:
            return _json(401, {"error": "invalid_client", "error_description": "Unauthorized"})
        if seen.form.get("grant_type") != "authorization_code":
            return _json(400, {"error": "unsupported_grant_type", "error_description": "Invalid grant_type: "})
        if not seen.form.get("code"):
            return _json(400, {"error": "invalid_request", "error_description": "Missing required parameter: code"})
        grant = self._take_code(seen.form["code"])
        if grant is None or grant.client_id != client_id:
            return _json(400, {"error": "invalid_grant", "error_description": "Bad Request"})
        if seen.form.get("redirect_uri") != grant.redirect_uri:
            return _json(400, {"error": "redirect_uri_mismatch", "error_description": "Bad Request"})
        if not grant.verifier_fits(seen.form.get("code_verifier", "")):
            return _json(400, {"error": "invalid_grant", "error_description": "Invalid code verifier."})
        token = self._new_token("ya29.", grant.user)
        body = {
            "access_token": token,
            "expires_in": 3599,
            "scope": "openid https://www.googleapis.com/auth/userinfo.email https://www.googleapis.com/auth/userinfo.profile",
            "token_type": "Bearer",
            "id_token": "eyJhbGciOiJSUzI1NiJ9.e30.stand-in",
        }
        return _json(200, body, {"Cache-Control": "no-cache, no-store, max-age=0, must-revalidate"})

    def _userinfo(self, seen: Seen) -> Answer:
        user = self._bearer(seen)
        if user is None:
            challenge = 'Bearer realm="https://accounts.google.com/", error="invalid_token"'
            return _json(
                401,
                {"error": "invalid_request", "error_description": "Invalid Credentials"},
                {"WWW-Authenticate": challenge},
            )
        return _json(200, user)


@dataclass
class GitHubOAuth(StandIn):
    """github.com's OAuth endpoints and api.github.com's ``/user`` and ``/user/emails``."""

    user: dict[str, Any] = field(
        default_factory=lambda: {
            "login": "octocat",
            "id": 583231,
            "node_id": "MDQ6VXNlcjU4MzIzMQ==",
            "avatar_url": "https://avatars.githubusercontent.com/u/583231?v=4",
            "html_url": "https://github.com/octocat",
            "type": "User",
            "name": "The Octocat",
            "email": None,
            "emails": [
                {"email": "octocat@users.noreply.github.com", "primary": False, "verified": True, "visibility": None},
                {"email": "octocat@github.com", "primary": True, "verified": True, "visibility": "public"},
            ],
        }
    )

    @property
    def authorize_url(self) -> str:
        return f"{self.base_url}/login/oauth/authorize"

    @property
    def token_url(self) -> str:
        return f"{self.base_url}/login/oauth/access_token"

    @property
    def api_url(self) -> str:
        return self.base_url

    def routes(self) -> dict[tuple[str, str], Callable[[Seen], Answer]]:
        return {
            ("GET", "/login/oauth/authorize"): self._authorize,
            ("POST", "/login/oauth/access_token"): self._token,
            ("GET", "/user"): self._user,
            ("GET", "/user/emails"): self._emails,
        }

    def _oauth_answer(self, seen: Seen, fields: dict[str, str]) -> Answer:
        if "application/json" in seen.headers.get("accept", ""):
            return _json(200, fields)
        body = urllib.parse.urlencode(fields).encode()
        return 200, {"Content-Type": "application/x-www-form-urlencoded; charset=utf-8"}, body

    def _error(self, seen: Seen, error: str, description: str) -> Answer:
        uri = "https://docs.github.com/apps/managing-oauth-apps/troubleshooting-oauth-app-access-token-request-errors"
        return self._oauth_answer(seen, {"error": error, "error_description": description, "error_uri": uri})

    def _token(self, seen: Seen) -> Answer:
        params = {**seen.query, **seen.form}
        if params.get("client_id") != self.client_id or params.get("client_secret") != self.client_secret:
            return self._error(
                seen, "incorrect_client_credentials", "The client_id and/or client_secret passed are incorrect."
            )
        grant = self._take_code(params.get("code", ""))
        if grant is None:
            return self._error(seen, "bad_verification_code", "The code passed is incorrect or expired.")
        if params.get("redirect_uri", grant.redirect_uri) != grant.redirect_uri:
            return self._error(
                seen,
                "redirect_uri_mismatch",
                "The redirect_uri MUST match the registered callback URL for this application.",
            )
        if not grant.verifier_fits(params.get("code_verifier", "")):
            return self._error(seen, "bad_verification_code", "The code_verifier does not match the code_challenge.")
        token = self._new_token("gho_", grant.user)
        return self._oauth_answer(
            seen, {"access_token": token, "token_type": "bearer", "scope": "read:user,user:email"}
        )

    def _api_user(self, seen: Seen) -> dict[str, Any] | None:
        return self._bearer(seen, ("bearer", "token"))

    def _unauthorized(self) -> Answer:
        return _json(
            401, {"message": "Bad credentials", "documentation_url": "https://docs.github.com/rest", "status": "401"}
        )

    def _user(self, seen: Seen) -> Answer:
        user = self._api_user(seen)
        if user is None:
            return self._unauthorized()
        return _json(200, {k: v for k, v in user.items() if k != "emails"})

    def _emails(self, seen: Seen) -> Answer:
        user = self._api_user(seen)
        if user is None:
            return self._unauthorized()
        return _json(200, user.get("emails", []))
