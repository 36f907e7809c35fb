"""The console's journeys 1 and 2 (FRONTEND_API §5), end to end through the entry point."""

from __future__ import annotations

import flask.testing
import pytest

from klepaas_fakes.oauth import GitHubOAuth, GoogleOAuth
from klepaas_shared.auth import ALL_SCOPES, ROLE_SCOPES, verify
from klepaas_shared.store import get_store

from .conftest import ADMIN_PASSWORD, ADMIN_USER, CALLBACK, at_backend, backend_callback, follow_consent, query_of


def _console_login(client: flask.testing.FlaskClient, provider: str) -> tuple[dict[str, object], str]:
    """What the login modal and /console/oauth2-callback do, step by step."""
    response = client.get(
        f"/api/v1/auth/oauth2/url/{provider}", query_string={"redirect_uri": CALLBACK, "user_id": "x"}
    )
    assert response.status_code == 200, response.get_json()
    auth_url = response.get_json()["auth_url"]
    query = query_of(auth_url)
    assert query["redirect_uri"] == backend_callback(provider)  # the provider comes back to us first
    assert query["state"].endswith(f"provider={provider}")
    assert query["code_challenge_method"] == "S256" and query["code_challenge"]
    back = at_backend(client, follow_consent(auth_url))
    assert back.status_code == 302 and back.headers["Location"].startswith(CALLBACK + "?")
    console = query_of(back.headers["Location"])
    console_provider = console["state"].split("provider=")[1]  # the callback page's own parsing
    assert console_provider == provider
    login = client.post(
        "/api/v1/auth/oauth2/login",
        json={"provider": console_provider, "code": console["code"], "redirect_uri": CALLBACK},
        headers={"Content-Type": "application/json"},
    )
    return login.get_json(), console["state"]


def test_github_login_journey_gives_a_token_whose_sub_is_the_provider_id(
    client: flask.testing.FlaskClient, github: GitHubOAuth
) -> None:
    body, _ = _console_login(client, "github")
    assert body["success"] is True
    user = body["user"]
    assert user == {
        "id": "github:583231",
        "provider": "github",
        "provider_id": "583231",
        "email": "octocat@github.com",
        "name": "The Octocat",
        "picture": "https://avatars.githubusercontent.com/u/583231?v=4",
        "verified": True,
        "role": "developer",
    }
    principal = verify(body["access_token"])
    assert principal.sub == "583231"
    assert principal.provider == "github"
    assert principal.scopes == frozenset(ROLE_SCOPES["developer"])
    me = client.get(
        "/api/v1/auth/me",
        query_string={"user_id": "583231"},
        headers={"Authorization": f"Bearer {body['access_token']}"},
    )
    assert me.status_code == 200
    assert me.get_json()["provider_id"] == "583231"
    sent = next(r for r in github.requests if r.path == "/login/oauth/access_token")
    assert sent.form["client_secret"] == "github-secret"
    assert sent.headers["accept"] == "application/json"


def test_google_login_journey_stores_the_user_keyed_by_provider_and_id(
    client: flask.testing.FlaskClient, google: GoogleOAuth
) -> None:
    body, _ = _console_login(client, "google")
    assert body["success"] is True
    assert body["user"]["provider_id"] == "110248495921238986420"
    assert body["user"]["email"] == "minji@example.com"
    stored = get_store().get("users", "google:110248495921238986420")
    assert stored is not None
    assert stored["role"] == "developer"
    assert stored["created_at"].endswith("Z")
    sent = next(r for r in google.requests if r.path == "/token")
    assert sent.form["grant_type"] == "authorization_code"
    assert sent.form["redirect_uri"] == backend_callback("google")
    assert sent.form["code_verifier"]


def test_a_returning_user_keeps_their_stored_role_and_creation_time(
    client: flask.testing.FlaskClient, github: GitHubOAuth
) -> None:
    _console_login(client, "github")
    created = get_store().get("users", "github:583231")
    assert created is not None
    get_store().update("users", "github:583231", {"role": "viewer"})
    github.user["name"] = "Mona"
    second, _ = _console_login(client, "github")
    assert second["user"]["role"] == "viewer"
    assert second["user"]["name"] == "Mona"
    assert verify(second["access_token"]).scopes == frozenset(ROLE_SCOPES["viewer"])
    again = get_store().get("users", "github:583231")
    assert again is not None and again["created_at"] == created["created_at"]


def test_admin_login_and_session_restore_journey(client: flask.testing.FlaskClient) -> None:
    response = client.post("/api/v1/auth/oauth2/admin/login", json={"username": ADMIN_USER, "password": ADMIN_PASSWORD})
    assert response.status_code == 200
    body = response.get_json()
    assert body["success"] is True
    assert body["user"]["id"] == "admin:admin_user"
    assert body["user"]["provider_id"] == "admin_user"
    assert body["user"]["name"] == ADMIN_USER
    assert verify(body["access_token"]).scopes == frozenset(ALL_SCOPES)
    headers = {"Authorization": f"Bearer {body['access_token']}"}
    restored = client.get("/api/v1/auth/me", query_string={"user_id": "admin_user"}, headers=headers)
    assert restored.status_code == 200
    assert restored.get_json()["role"] == "admin"
    tampered = body["access_token"][:-2] + ("AA" if not body["access_token"].endswith("AA") else "BB")
    refused = client.get("/api/v1/auth/me", headers={"Authorization": f"Bearer {tampered}"})
    assert refused.status_code == 401
    assert refused.get_json()["error"]["code"] == "unauthorized"


@pytest.mark.parametrize("provider", ["google", "github"])
def test_me_is_401_once_the_account_is_gone(client: flask.testing.FlaskClient, provider: str) -> None:
    body, _ = _console_login(client, provider)
    get_store().delete("users", body["user"]["id"])
    response = client.get("/api/v1/auth/me", headers={"Authorization": f"Bearer {body['access_token']}"})
    assert response.status_code == 401
