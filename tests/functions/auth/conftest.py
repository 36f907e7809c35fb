"""Fixtures for the auth function: Google and GitHub stand-ins, an admin account, the entry point."""

from __future__ import annotations

import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import flask.testing
import functions_framework
import pytest

from klepaas_auth import passwords
from klepaas_auth.settings import get_settings
from klepaas_fakes.env import klepaas_env
from klepaas_fakes.oauth import GitHubOAuth, GoogleOAuth

ROOT = Path(__file__).resolve().parents[3]
CONSOLE = "http://127.0.0.1:3000"
CALLBACK = f"{CONSOLE}/console/oauth2-callback"
BACKEND = "http://127.0.0.1:8080"  # KLEPAAS_API_BASE_URL's default: where providers send the browser back


def backend_callback(provider: str) -> str:
    return f"{BACKEND}/api/v1/auth/oauth2/callback/{provider}"


ADMIN_USER = "admin"
ADMIN_PASSWORD = "correct horse battery staple"
# Cheap scrypt parameters keep the suite fast; production hashes use passwords.make's defaults.
ADMIN_HASH = passwords.make(ADMIN_PASSWORD, n=1024, r=8, p=1)


@pytest.fixture
def google() -> Iterator[GoogleOAuth]:
    with GoogleOAuth(
        client_id="google-client", client_secret="google-secret", redirect_uris=(backend_callback("google"),)
    ).running() as s:
        assert isinstance(s, GoogleOAuth)
        yield s


@pytest.fixture
def github() -> Iterator[GitHubOAuth]:
    with GitHubOAuth(
        client_id="github-client", client_secret="github-secret", redirect_uris=(backend_callback("github"),)
    ).running() as s:
        assert isinstance(s, GitHubOAuth)
        yield s


def auth_env(google: GoogleOAuth, github: GitHubOAuth) -> dict[str, str]:
    return {
        "KLEPAAS_CONSOLE_ORIGIN": CONSOLE,
        "KLEPAAS_AUTH_REDIRECT_URIS": CALLBACK,
        "KLEPAAS_API_BASE_URL": BACKEND,
        "KLEPAAS_AUTH_DEFAULT_ROLE": "developer",
        "KLEPAAS_AUTH_HTTP_TIMEOUT_S": "2",
        "KLEPAAS_AUTH_GOOGLE_CLIENT_ID": google.client_id,
        "KLEPAAS_AUTH_GOOGLE_CLIENT_SECRET": google.client_secret,
        "KLEPAAS_AUTH_GOOGLE_AUTHORIZE_URL": google.authorize_url,
        "KLEPAAS_AUTH_GOOGLE_TOKEN_URL": google.token_url,
        "KLEPAAS_AUTH_GOOGLE_USERINFO_URL": google.userinfo_url,
        "KLEPAAS_AUTH_GITHUB_CLIENT_ID": github.client_id,
        "KLEPAAS_AUTH_GITHUB_CLIENT_SECRET": github.client_secret,
        "KLEPAAS_AUTH_GITHUB_AUTHORIZE_URL": github.authorize_url,
        "KLEPAAS_AUTH_GITHUB_TOKEN_URL": github.token_url,
        "KLEPAAS_AUTH_GITHUB_API_URL": github.api_url,
        "KLEPAAS_ADMIN_USERNAME": ADMIN_USER,
        "KLEPAAS_ADMIN_PASSWORD_HASH": ADMIN_HASH,
        "KLEPAAS_AUTH_THROTTLE_AFTER": "3",
        "KLEPAAS_AUTH_LOCKOUT_AFTER": "6",
        "KLEPAAS_AUTH_LOCKOUT_S": "900",
        "KLEPAAS_AUTH_TRUSTED_PROXY_HOPS": "0",
    }


@dataclass
class Env:
    """Change settings inside a test: ``env.set(KLEPAAS_X="...")`` (cleared caches, restored after)."""

    stack: list[object]

    def set(self, **values: str) -> None:
        manager = klepaas_env(values)
        manager.__enter__()
        self.stack.append(manager)
        get_settings.cache_clear()


@pytest.fixture(autouse=True)
def env(google: GoogleOAuth, github: GitHubOAuth) -> Iterator[Env]:
    stack: list[object] = []
    with klepaas_env(auth_env(google, github)):
        get_settings.cache_clear()
        handle = Env(stack)
        try:
            yield handle
        finally:
            for manager in reversed(stack):
                manager.__exit__(None, None, None)  # type: ignore[attr-defined]
            get_settings.cache_clear()


@pytest.fixture
def client() -> flask.testing.FlaskClient:
    app = functions_framework.create_app(target="auth_http", source=str(ROOT / "functions/auth/main.py"))
    return app.test_client()


def follow_consent(auth_url: str) -> str:
    """Play the browser at the provider (over HTTP): consent, and the redirect it answers with."""

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args: object, **kwargs: object) -> None:
            return None

    opener = urllib.request.build_opener(NoRedirect)
    try:
        opener.open(auth_url, timeout=5)
    except urllib.error.HTTPError as exc:
        assert exc.code == 302, exc.read()
        return str(exc.headers["Location"])
    raise AssertionError("the provider did not redirect back")


def query_of(url: str) -> dict[str, str]:
    return dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(url).query))


def at_backend(client: flask.testing.FlaskClient, url: str) -> flask.testing.TestResponse:
    """The browser arriving at our callback (a URL on BACKEND) with whatever the provider put on it."""
    assert url.startswith(BACKEND + "/"), url
    split = urllib.parse.urlsplit(url)
    return client.get(split.path, query_string=split.query)


def start(client: flask.testing.FlaskClient, provider: str, redirect_uri: str = CALLBACK) -> str:
    """A1: the provider's consent URL."""
    response = client.get(f"/api/v1/auth/oauth2/url/{provider}", query_string={"redirect_uri": redirect_uri})
    assert response.status_code == 200, response.get_json()
    return str(response.get_json()["auth_url"])


def to_console(client: flask.testing.FlaskClient, provider: str) -> dict[str, str]:
    """A1, consent at the provider, our callback: the query the console's callback page gets."""
    back = at_backend(client, follow_consent(start(client, provider)))
    assert back.status_code == 302, back.get_data(as_text=True)
    location = back.headers["Location"]
    assert location.startswith(CALLBACK + "?"), location
    return query_of(location)


def redeem(
    client: flask.testing.FlaskClient, provider: str, code: str, redirect_uri: str = CALLBACK
) -> tuple[int, dict[str, Any]]:
    """A2 as the console's callback page sends it: no state, no auth."""
    response = client.post(
        "/api/v1/auth/oauth2/login", json={"provider": provider, "code": code, "redirect_uri": redirect_uri}
    )
    return response.status_code, response.get_json()


def browser_login(client: flask.testing.FlaskClient, provider: str) -> tuple[int, dict[str, Any]]:
    """The whole console login; the console takes the provider from ``state`` as its page does."""
    console = to_console(client, provider)
    assert "error" not in console, console
    return redeem(client, console["state"].split("provider=")[1], console["code"])
