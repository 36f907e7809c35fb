"""Fixtures for the auth function: Google and GitHub stand-ins, an admin account, the entry point."""

from __future__ import annotations

import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

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
ADMIN_USER = "admin"
ADMIN_PASSWORD = "correct horse battery staple"
# Cheap scrypt parameters keep the suite fast; production hashes use passwords.make's defaults.
ADMIN_HASH = passwords.make(ADMIN_PASSWORD, n=1024, r=8, p=1)


@pytest.fixture
def google() -> Iterator[GoogleOAuth]:
    with GoogleOAuth(
        client_id="google-client", client_secret="google-secret", redirect_uris=(CALLBACK,)
    ).running() as s:
        assert isinstance(s, GoogleOAuth)
        yield s


@pytest.fixture
def github() -> Iterator[GitHubOAuth]:
    with GitHubOAuth(
        client_id="github-client", client_secret="github-secret", redirect_uris=(CALLBACK,)
    ).running() as s:
        assert isinstance(s, GitHubOAuth)
        yield s


def auth_env(google: GoogleOAuth, github: GitHubOAuth) -> dict[str, str]:
    return {
        "KLEPAAS_CONSOLE_ORIGIN": CONSOLE,
        "KLEPAAS_AUTH_REDIRECT_URIS": CALLBACK,
        "KLEPAAS_AUTH_REQUIRE_STATE": "false",
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


def follow_consent(auth_url: str) -> dict[str, str]:
    """Play the browser: open the provider's consent URL and read the redirect back to the console."""

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args: object, **kwargs: object) -> None:
            return None

    opener = urllib.request.build_opener(NoRedirect)
    try:
        opener.open(auth_url, timeout=5)
    except urllib.error.HTTPError as exc:
        assert exc.code == 302, exc.read()
        location = exc.headers["Location"]
    else:
        raise AssertionError("the provider did not redirect back")
    assert location.startswith(CALLBACK + "?")
    return dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(location).query))
