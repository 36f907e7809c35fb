"""The OAuth state: signed, short-lived, single-use, bound to provider and callback, provider last."""

from __future__ import annotations

import time
import urllib.parse
from typing import Any

import flask.testing
import pytest

from klepaas_auth import state
from klepaas_auth.settings import get_settings
from klepaas_fakes.env import TEST_JWT_SECRET
from klepaas_fakes.oauth import GitHubOAuth

from .conftest import CALLBACK, Env, follow_consent


def _fresh_state(client: flask.testing.FlaskClient, provider: str = "github") -> str:
    response = client.get(f"/api/v1/auth/oauth2/url/{provider}", query_string={"redirect_uri": CALLBACK})
    query = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(response.get_json()["auth_url"]).query))
    return query["state"]


def _login(client: flask.testing.FlaskClient, code: str, given_state: str | None) -> tuple[int, dict[str, Any]]:
    body = {"provider": "github", "code": code, "redirect_uri": CALLBACK}
    if given_state is not None:
        body["state"] = given_state
    response = client.post("/api/v1/auth/oauth2/login", json=body)
    return response.status_code, response.get_json()


def test_the_state_carries_a_signature_before_provider_which_comes_last(client: flask.testing.FlaskClient) -> None:
    issued = _fresh_state(client)
    head, _, provider = issued.partition(".provider=")
    assert provider == "github"
    assert issued.split("provider=")[1] == "github"
    assert len(head.split(".")) == 4
    assert _fresh_state(client) != issued


def test_a_state_we_issued_is_accepted_once_then_refused_as_replayed(
    client: flask.testing.FlaskClient, github: GitHubOAuth
) -> None:
    issued = _fresh_state(client)
    assert _login(client, github.issue_code(CALLBACK), issued)[0] == 200
    status, body = _login(client, github.issue_code(CALLBACK), issued)
    assert status == 400
    assert "already used" in body["message"]


@pytest.mark.parametrize(
    "tamper",
    [
        lambda s: s.replace(".provider=github", ".provider=google"),
        lambda s: s.replace("v1.", "v2.", 1),
        lambda s: "v1.AAAAAAAAAAAAAAAAAAAAAA." + s.split(".", 2)[2],
        lambda s: s[: s.index(".provider=") - 3] + "abc" + s[s.index(".provider=") :],
        lambda s: s.split(".")[0] + "." + s.split(".")[1] + ".9999999999." + ".".join(s.split(".")[3:]),
        lambda s: ".".join([*s.split(".")[:2], "\u00b2", *s.split(".")[3:]]),
        lambda s: "provider=github",
        lambda s: s + "x",
        lambda s: "x" * 600 + s,
    ],
)
def test_a_tampered_state_is_refused_and_no_user_is_written(
    client: flask.testing.FlaskClient, github: GitHubOAuth, tamper: Any
) -> None:
    from klepaas_shared.store import get_store

    status, body = _login(client, github.issue_code(CALLBACK), tamper(_fresh_state(client)))
    assert status in {400, 422}  # 422 only for the oversized one
    assert body["success"] is False
    assert get_store().query("users") == []


def test_a_state_for_another_callback_is_refused(client: flask.testing.FlaskClient, env: Env) -> None:
    other = "http://127.0.0.1:3000/console/auth/callback"
    env.set(KLEPAAS_AUTH_REDIRECT_URIS=f"{CALLBACK},{other}")
    issued = state.issue("github", other, get_settings())
    status, _ = _login(client, "code", issued)
    assert status == 400


def test_an_expired_state_is_refused() -> None:
    settings = get_settings()
    key = state._keys(settings)[0]
    expires = int(time.time()) - 1
    signature = state._sign(key, "nonce", expires, "github", CALLBACK)
    expired = f"v1.nonce.{expires}.{signature}.provider=github"
    with pytest.raises(state.BadRequest, match="expired"):
        state.check(expired, "github", CALLBACK, settings)


def test_a_state_issued_before_a_key_rotation_is_still_accepted(env: Env) -> None:
    issued = state.issue("google", CALLBACK, get_settings())
    env.set(KLEPAAS_JWT_SECRET="a-brand-new-signing-key-0123456789abcdef", KLEPAAS_JWT_PREVIOUS_SECRET=TEST_JWT_SECRET)
    state.check(issued, "google", CALLBACK, get_settings())


def test_the_state_is_required_when_configured(
    client: flask.testing.FlaskClient, github: GitHubOAuth, env: Env
) -> None:
    env.set(KLEPAAS_AUTH_REQUIRE_STATE="true")
    status, body = _login(client, github.issue_code(CALLBACK), None)
    assert status == 422
    assert "state" in body["message"]
    back = follow_consent(
        f"{github.authorize_url}?"
        + urllib.parse.urlencode(
            {"client_id": github.client_id, "redirect_uri": CALLBACK, "state": _fresh_state(client)}
        )
    )
    assert _login(client, back["code"], back["state"])[0] == 200
