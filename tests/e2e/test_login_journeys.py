"""Journeys 1 and 2 (FRONTEND_API §5): GitHub OAuth login, admin login and session restore."""

from __future__ import annotations

import time
import urllib.parse

import jwt

from .conftest import Console, oauth_login
from .server import DevServer
from .standins import CALLBACK


def test_journey_01_github_login_returns_the_user_the_header_shows(dev: DevServer) -> None:
    console = Console(dev.base_url)
    try:
        found = console.ok(console.get("/api/v1/auth/oauth2/url/github", redirect_uri=CALLBACK))
        query = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(found["auth_url"]).query))
        assert query["state"].endswith("provider=github") and query["code_challenge_method"] == "S256"
        assert query["redirect_uri"] == f"{dev.base_url}/api/v1/auth/oauth2/callback/github"  # back to us first
        body = oauth_login(console)
        assert body["success"] is True and body["access_token"]
        user = body["user"]
        assert user["provider"] == "github" and user["provider_id"] == "583231"
        assert user["name"] and user["email"] and user["picture"].startswith("https://")
        assert console.get("/api/v1/auth/me").status_code == 200
    finally:
        console.close()


def test_journey_02_admin_login_survives_a_reload_and_a_bad_token_logs_out(
    admin: Console, dev: DevServer, dev_env: dict[str, str]
) -> None:
    assert admin.user["provider_id"] and admin.user["id"]
    assert {"email", "name"} <= admin.user.keys()
    assert admin.get("/api/v1/auth/me").status_code == 200  # the reload: verifyToken()
    assert admin.token is not None
    head, payload, signature = admin.token.split(".")
    tampered = f"{head}.{payload}.{signature[:-4]}{'AAAA' if signature[-4:] != 'AAAA' else 'BBBB'}"
    claims = jwt.decode(admin.token, options={"verify_signature": False})
    expired = jwt.encode(
        {**claims, "iat": int(time.time()) - 7200, "exp": int(time.time()) - 3600},
        dev_env["KLEPAAS_JWT_SECRET"],
        algorithm="HS256",
    )
    for bad in (tampered, expired):
        answer = admin.http.get(
            "/api/v1/auth/me", params={"user_id": admin.user_id}, headers={"Authorization": f"Bearer {bad}"}
        )
        assert answer.status_code == 401, answer.text
        assert answer.json()["error"]["code"] == "unauthorized"


def test_login_attacks_over_http_replayed_state_and_code_provider_code_and_wrong_callback(dev: DevServer) -> None:
    """Issue 22's login attacks through the dev server: nothing but our one-time code signs anyone in."""
    import httpx

    console = Console(dev.base_url)
    try:
        found = console.ok(console.get("/api/v1/auth/oauth2/url/github", redirect_uri=CALLBACK))
        at_provider = httpx.get(found["auth_url"], follow_redirects=False, timeout=5.0).headers["Location"]
        provider_code = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(at_provider).query))["code"]
        onward = httpx.get(at_provider, follow_redirects=False, timeout=10.0)
        assert onward.status_code == 302 and provider_code not in onward.headers["Location"]
        replayed = httpx.get(at_provider, follow_redirects=False, timeout=10.0)
        assert replayed.status_code == 400 and "Location" not in replayed.headers
        code = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(onward.headers["Location"]).query))["code"]

        def a2(code: str, redirect_uri: str = CALLBACK) -> httpx.Response:
            body = {"provider": "github", "code": code, "redirect_uri": redirect_uri}
            return console.http.post("/api/v1/auth/oauth2/login", json=body)

        assert a2(provider_code).status_code == 400
        assert a2(code, CALLBACK.replace("oauth2-callback", "auth/callback")).status_code == 400
        assert a2(code).json()["success"] is True
        again = a2(code)
        assert again.status_code == 400 and again.json()["success"] is False
        no_state = httpx.get(
            f"{dev.base_url}/api/v1/auth/oauth2/callback/github", params={"code": provider_code}, timeout=10.0
        )
        assert no_state.status_code == 400
    finally:
        console.close()
