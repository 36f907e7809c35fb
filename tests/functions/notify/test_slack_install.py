"""Slack install: S1 auth URL, the OAuth callback (signed state, no Authorization), S2 status."""

from __future__ import annotations

import base64
import json
import urllib.parse
from collections.abc import Callable
from datetime import UTC, datetime

import flask.testing
import pytest

from klepaas_fakes.slack import FakeSlack
from klepaas_notify.crypto import decrypt, sign_state
from klepaas_notify.installs import USED_STATES
from klepaas_shared.clock import iso, parse_iso
from klepaas_shared.store import TTL_COLLECTIONS, get_store
from klepaas_shared.store.ttl import prune_expired

Client = flask.testing.FlaskClient


def _state_of(client: Client, token: str) -> str:
    reply = client.get("/api/v1/slack/auth/url?user_id=U", headers={"Authorization": f"Bearer {token}"})
    assert reply.status_code == 200
    body = reply.get_json()
    assert body["auth_url"] == body["url"] == body["authUrl"]
    query = urllib.parse.parse_qs(urllib.parse.urlsplit(body["auth_url"]).query)
    assert query["client_id"] == ["cid-1"]
    assert query["redirect_uri"] == ["https://api.klepaas.test/api/v1/slack/auth/callback"]
    return query["state"][0]


def _grant(slack: FakeSlack, code: str = "code-1") -> None:
    slack.state.oauth_codes[code] = {
        "access_token": "xoxb-installed-token",
        "team": {"id": "T000", "name": "K-Le-PaaS"},
        "authed_user": {"id": "U42"},
        "bot_user_id": "UBOT",
        "redirect_uri": "https://api.klepaas.test/api/v1/slack/auth/callback",  # what the authorize URL sent
    }


def test_connect_then_status_is_connected(client: Client, slack: FakeSlack, make_token: Callable[..., str]) -> None:
    token = make_token(sub="user-1")
    assert client.get("/api/v1/slack/status", headers={"Authorization": f"Bearer {token}"}).get_json() == {
        "connected": False
    }
    state = _state_of(client, token)
    _grant(slack)
    reply = client.get(f"/api/v1/slack/auth/callback?code=code-1&state={urllib.parse.quote(state)}")
    assert reply.status_code == 302
    assert reply.headers["Location"] == "https://console.klepaas.test/console?slack=connected"
    install = get_store().get("slack_installs", "user-1")
    assert install is not None and "xoxb" not in str(install)
    assert decrypt(install["token"]) == "xoxb-installed-token" and install["slack_user_id"] == "U42"
    status = client.get("/api/v1/slack/status?user_id=U", headers={"Authorization": f"Bearer {token}"})
    assert status.get_json()["connected"] is True


def test_a_replayed_state_is_refused(client: Client, slack: FakeSlack, make_token: Callable[..., str]) -> None:
    state = urllib.parse.quote(_state_of(client, make_token()))
    _grant(slack, "code-1")
    _grant(slack, "code-2")
    assert client.get(f"/api/v1/slack/auth/callback?code=code-1&state={state}").status_code == 302
    assert client.get(f"/api/v1/slack/auth/callback?code=code-2&state={state}").status_code == 401


def test_a_forged_or_expired_state_is_refused(client: Client, slack: FakeSlack) -> None:
    forged = sign_state({"u": "victim"}).rsplit(".", 1)[0] + ".AAAA"
    expired = sign_state({"u": "victim"}, ttl_s=-1)
    for state in (forged, expired, "garbage", ""):
        reply = client.get(f"/api/v1/slack/auth/callback?code=x&state={urllib.parse.quote(state)}")
        assert reply.status_code == 401, state
    assert get_store().query("slack_installs") == []


def test_a_code_slack_refuses_is_a_400(client: Client, slack: FakeSlack, make_token: Callable[..., str]) -> None:
    state = urllib.parse.quote(_state_of(client, make_token()))
    reply = client.get(f"/api/v1/slack/auth/callback?code=wrong&state={state}")
    assert reply.status_code == 400 and "invalid_code" in reply.get_json()["error"]["message"]


def test_install_without_configuration_is_unavailable(
    client: Client, auth_headers: dict[str, str], set_env: Callable[..., None]
) -> None:
    set_env(slack_client_id="")
    assert client.get("/api/v1/slack/auth/url", headers=auth_headers).status_code == 503


def test_the_auth_url_needs_a_token(client: Client) -> None:
    assert client.get("/api/v1/slack/auth/url").status_code == 401


def test_a_used_state_is_kept_until_the_state_expires_then_pruned(
    client: Client, slack: FakeSlack, make_token: Callable[..., str], monkeypatch: pytest.MonkeyPatch
) -> None:
    state = _state_of(client, make_token())
    claims = json.loads(base64.urlsafe_b64decode(state.split(".")[0] + "=="))
    _grant(slack)
    assert client.get(f"/api/v1/slack/auth/callback?code=code-1&state={urllib.parse.quote(state)}").status_code == 302
    store = get_store()
    (used,) = store.query(USED_STATES)
    assert parse_iso(used.data["expires_at"]) == datetime.fromtimestamp(claims["exp"], UTC)
    assert USED_STATES in TTL_COLLECTIONS
    assert prune_expired(store)[USED_STATES] == 0
    later = iso(datetime.fromtimestamp(claims["exp"] + 1, UTC))
    monkeypatch.setattr("klepaas_shared.store.ttl.now_iso", lambda: later)
    assert prune_expired(store)[USED_STATES] == 1
    assert store.query(USED_STATES) == []
