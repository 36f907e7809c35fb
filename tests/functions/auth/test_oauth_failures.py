"""A2 refusals: bad codes, failing providers, redirect URIs off the allow-list; nothing half-written."""

from __future__ import annotations

from typing import Any

import flask.testing
import pytest

from klepaas_fakes.oauth import GitHubOAuth, GoogleOAuth
from klepaas_shared.store import get_store

from .conftest import CALLBACK, Env


def _login(client: flask.testing.FlaskClient, provider: str, code: str, **extra: Any) -> tuple[int, dict[str, Any]]:
    response = client.post(
        "/api/v1/auth/oauth2/login", json={"provider": provider, "code": code, "redirect_uri": CALLBACK, **extra}
    )
    return response.status_code, response.get_json()


def _assert_refused(status: int, body: dict[str, Any], expected: int) -> None:
    assert status == expected, body
    assert body["success"] is False
    assert body["message"] == body["error"]["message"]
    assert "Traceback" not in body["message"]
    assert "access_token" not in body


def _no_users() -> bool:
    return get_store().query("users") == []


@pytest.mark.parametrize("provider", ["google", "github"])
def test_an_unknown_code_is_refused_with_400(client: flask.testing.FlaskClient, provider: str) -> None:
    status, body = _login(client, provider, "not-a-code")
    _assert_refused(status, body, 400)
    assert _no_users()


def test_a_code_used_twice_is_refused_the_second_time(client: flask.testing.FlaskClient, github: GitHubOAuth) -> None:
    code = github.issue_code(CALLBACK)
    assert _login(client, "github", code)[0] == 200
    status, body = _login(client, "github", code)
    _assert_refused(status, body, 400)
    assert "bad_verification_code" in body["message"]


def test_a_code_issued_for_another_redirect_is_refused(client: flask.testing.FlaskClient, google: GoogleOAuth) -> None:
    code = google.issue_code("http://127.0.0.1:3000/console/auth/callback")
    status, body = _login(client, "google", code)
    _assert_refused(status, body, 400)
    assert "redirect_uri_mismatch" in body["message"]


@pytest.mark.parametrize("provider", ["google", "github"])
def test_wrong_client_credentials_are_a_502_not_the_users_fault(
    client: flask.testing.FlaskClient, env: Env, provider: str, google: GoogleOAuth, github: GitHubOAuth
) -> None:
    env.set(**{f"KLEPAAS_AUTH_{provider.upper()}_CLIENT_SECRET": "wrong"})
    stand_in = google if provider == "google" else github
    status, body = _login(client, provider, stand_in.issue_code(CALLBACK))
    _assert_refused(status, body, 502)
    assert "wrong" not in body["message"]
    assert _no_users()


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
    code = stand_in.issue_code(CALLBACK)
    got, body = _login(client, provider, code)
    _assert_refused(got, body, 502)
    assert _no_users()


def test_a_provider_that_hangs_is_cut_off_by_the_timeout(
    client: flask.testing.FlaskClient, env: Env, github: GitHubOAuth
) -> None:
    env.set(KLEPAAS_AUTH_HTTP_TIMEOUT_S="0.3")
    release = github.stall("/user")
    try:
        status, body = _login(client, "github", github.issue_code(CALLBACK))
    finally:
        release.set()
    _assert_refused(status, body, 502)
    assert "could not be reached" in body["message"]


def test_an_unreachable_provider_is_a_502(client: flask.testing.FlaskClient, env: Env) -> None:
    env.set(KLEPAAS_AUTH_GOOGLE_TOKEN_URL="http://127.0.0.1:9/token")
    status, body = _login(client, "google", "code")
    _assert_refused(status, body, 502)


def test_github_form_encoded_token_answers_are_read(client: flask.testing.FlaskClient, github: GitHubOAuth) -> None:
    token_answer = github.issue_token()
    github.respond(
        "/login/oauth/access_token",
        200,
        f"access_token={token_answer}&scope=user%3Aemail&token_type=bearer",
        "application/x-www-form-urlencoded",
    )
    status, body = _login(client, "github", "code")
    assert status == 200, body
    assert body["user"]["provider_id"] == "583231"


def test_github_form_encoded_errors_are_refusals(client: flask.testing.FlaskClient, github: GitHubOAuth) -> None:
    github.respond(
        "/login/oauth/access_token",
        200,
        "error=bad_verification_code&error_description=expired",
        "application/x-www-form-urlencoded",
    )
    status, body = _login(client, "github", "x")
    _assert_refused(status, body, 400)


def test_an_unverified_google_email_is_not_kept(client: flask.testing.FlaskClient, google: GoogleOAuth) -> None:
    google.user["email_verified"] = False
    status, body = _login(client, "google", google.issue_code(CALLBACK))
    assert status == 200
    assert body["user"]["email"] == ""
    assert body["user"]["verified"] is False


def test_github_without_a_verified_email_signs_in_without_one(
    client: flask.testing.FlaskClient, github: GitHubOAuth
) -> None:
    github.user["emails"] = [{"email": "x@example.com", "primary": True, "verified": False, "visibility": None}]
    status, body = _login(client, "github", github.issue_code(CALLBACK))
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
    status, body = _login(client, "github", "code", redirect_uri=redirect_uri)
    _assert_refused(status, body, 400)


def test_an_unknown_provider_is_400_and_an_unconfigured_one_503(client: flask.testing.FlaskClient, env: Env) -> None:
    assert client.get("/api/v1/auth/oauth2/url/gitlab", query_string={"redirect_uri": CALLBACK}).status_code == 400
    env.set(KLEPAAS_AUTH_GOOGLE_CLIENT_ID="")
    response = client.get("/api/v1/auth/oauth2/url/google", query_string={"redirect_uri": CALLBACK})
    assert response.status_code == 503
    assert response.get_json()["success"] is False
