"""Login refusals: bad codes, failing providers, redirect URIs off the allow-list; nothing half-written.

A provider that refuses or misbehaves during the exchange (in our callback) sends the browser on
to the console's callback with ``error=…`` (what its page passes to the login window); A2's own
refusals are ``{success: false, message}`` with the error envelope.
"""

from __future__ import annotations

from typing import Any

import flask.testing
import pytest

from klepaas_fakes.oauth import GitHubOAuth, GoogleOAuth
from klepaas_shared.store import get_store

from .conftest import CALLBACK, Env, at_backend, backend_callback, browser_login, query_of, redeem, start, to_console


def _assert_refused(status: int, body: dict[str, Any], expected: int) -> None:
    assert status == expected, body
    assert body["success"] is False
    assert body["message"] == body["error"]["message"]
    assert "Traceback" not in body["message"]
    assert "access_token" not in body


def _no_users() -> bool:
    return get_store().query("users") == []


def _callback_with_code(client: flask.testing.FlaskClient, provider: str, code: str) -> dict[str, str]:
    """Our callback with a state we issued and the given provider code; the console's query."""
    state = query_of(start(client, provider))["state"]
    back = at_backend(client, f"{backend_callback(provider)}?code={code}&state={state}")
    assert back.status_code == 302 and back.headers["Location"].startswith(CALLBACK + "?")
    return query_of(back.headers["Location"])


def _refused_at_callback(console: dict[str, str], provider: str) -> str:
    assert "code" not in console and console["error"], console
    assert console["state"].split("provider=")[1] == provider  # the console's page still finds it
    assert _no_users()
    return console["error"]


@pytest.mark.parametrize("provider", ["google", "github"])
def test_an_unknown_code_is_refused(client: flask.testing.FlaskClient, provider: str) -> None:
    error = _refused_at_callback(_callback_with_code(client, provider, "not-a-code"), provider)
    assert "refused the authorization code" in error
    status, body = redeem(client, provider, "not-a-code")
    _assert_refused(status, body, 400)
    assert _no_users()


def test_a_provider_code_issued_for_another_redirect_is_refused(
    client: flask.testing.FlaskClient, google: GoogleOAuth
) -> None:
    code = google.issue_code(CALLBACK)  # as if the provider had sent the browser straight to the console
    error = _refused_at_callback(_callback_with_code(client, "google", code), "google")
    assert "redirect_uri_mismatch" in error


@pytest.mark.parametrize("provider", ["google", "github"])
def test_wrong_client_credentials_are_a_502_not_the_users_fault(
    client: flask.testing.FlaskClient, env: Env, provider: str, google: GoogleOAuth, github: GitHubOAuth
) -> None:
    env.set(**{f"KLEPAAS_AUTH_{provider.upper()}_CLIENT_SECRET": "wrong"})
    error = _refused_at_callback(to_console(client, provider), provider)
    assert "wrong" not in error and "secret" not in error


@pytest.mark.parametrize(
    ("provider", "path", "status", "payload"),
    [
        ("google", "/token", 503, "<html>Service Unavailable</html>"),
        ("google", "/token", 200, "not json"),
        ("google", "/token", 200, '{"token_type": "Bearer"}'),
        ("google", "/v1/userinfo", 500, '{"error": "backend"}'),
        ("google", "/v1/userinfo", 200, '{"email": "no-sub@example.com"}'),
        ("google", "/v1/userinfo", 200, "[1, 2]"),
        ("google", "/v1/userinfo", 200, '{"sub": "../users/admin"}'),
        ("github", "/login/oauth/access_token", 502, "bad gateway"),
        ("github", "/user", 401, '{"message": "Bad credentials"}'),
        ("github", "/user", 200, '{"login": "x", "id": "583231"}'),
        ("github", "/user", 200, '{"login": "x", "id": true}'),
        ("github", "/user/emails", 404, '{"message": "Not Found"}'),
        ("github", "/user/emails", 200, '{"email": "not-a-list"}'),
    ],
)
def test_a_failing_or_odd_provider_is_a_502_and_writes_no_user(
    client: flask.testing.FlaskClient,
    google: GoogleOAuth,
    github: GitHubOAuth,
    provider: str,
    path: str,
    status: int,
    payload: str,
) -> None:
    stand_in = google if provider == "google" else github
    stand_in.respond(path, status, payload)
    error = _refused_at_callback(to_console(client, provider), provider)
    assert "Traceback" not in error


def test_a_provider_that_hangs_is_cut_off_by_the_timeout(
    client: flask.testing.FlaskClient, env: Env, github: GitHubOAuth
) -> None:
    env.set(KLEPAAS_AUTH_HTTP_TIMEOUT_S="0.3")
    release = github.stall("/user")
    try:
        console = to_console(client, "github")
    finally:
        release.set()
    assert "could not be reached" in _refused_at_callback(console, "github")


def test_an_unreachable_provider_is_a_502(client: flask.testing.FlaskClient, env: Env) -> None:
    env.set(KLEPAAS_AUTH_GOOGLE_TOKEN_URL="http://127.0.0.1:9/token")
    assert "could not be reached" in _refused_at_callback(to_console(client, "google"), "google")


def test_github_form_encoded_token_answers_are_read(client: flask.testing.FlaskClient, github: GitHubOAuth) -> None:
    token_answer = github.issue_token()
    github.respond(
        "/login/oauth/access_token",
        200,
        f"access_token={token_answer}&scope=user%3Aemail&token_type=bearer",
        "application/x-www-form-urlencoded",
    )
    status, body = browser_login(client, "github")
    assert status == 200, body
    assert body["user"]["provider_id"] == "583231"


def test_github_form_encoded_errors_are_refusals(client: flask.testing.FlaskClient, github: GitHubOAuth) -> None:
    github.respond(
        "/login/oauth/access_token",
        200,
        "error=bad_verification_code&error_description=expired",
        "application/x-www-form-urlencoded",
    )
    assert "bad_verification_code" in _refused_at_callback(to_console(client, "github"), "github")


def test_an_unverified_google_email_is_not_kept(client: flask.testing.FlaskClient, google: GoogleOAuth) -> None:
    google.user["email_verified"] = False
    status, body = browser_login(client, "google")
    assert status == 200
    assert body["user"]["email"] == ""
    assert body["user"]["verified"] is False


def test_github_without_a_verified_email_signs_in_without_one(
    client: flask.testing.FlaskClient, github: GitHubOAuth
) -> None:
    github.user["emails"] = [{"email": "x@example.com", "primary": True, "verified": False, "visibility": None}]
    status, body = browser_login(client, "github")
    assert status == 200
    assert body["user"]["email"] == ""


@pytest.mark.parametrize(
    "redirect_uri",
    [
        "https://evil.example/console/oauth2-callback",
        CALLBACK + "/",
        CALLBACK + "?next=https://evil.example",
        "http://127.0.0.1:3000.evil.example/console/oauth2-callback",
    ],
)
def test_a_redirect_uri_off_the_allow_list_is_refused_in_a1_and_a2(
    client: flask.testing.FlaskClient, redirect_uri: str
) -> None:
    response = client.get("/api/v1/auth/oauth2/url/github", query_string={"redirect_uri": redirect_uri})
    assert response.status_code == 400
    assert response.get_json()["success"] is False
    status, body = redeem(client, "github", "kl_" + "a" * 43, redirect_uri=redirect_uri)
    _assert_refused(status, body, 400)


def test_an_unknown_provider_is_400_and_an_unconfigured_one_503(client: flask.testing.FlaskClient, env: Env) -> None:
    assert client.get("/api/v1/auth/oauth2/url/gitlab", query_string={"redirect_uri": CALLBACK}).status_code == 400
    env.set(KLEPAAS_AUTH_GOOGLE_CLIENT_ID="")
    response = client.get("/api/v1/auth/oauth2/url/google", query_string={"redirect_uri": CALLBACK})
    assert response.status_code == 503
    assert response.get_json()["success"] is False
