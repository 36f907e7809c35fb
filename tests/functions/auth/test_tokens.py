"""Bearer tokens: what every function refuses (401), key rotation with kid, /verify, machine tokens."""

from __future__ import annotations

import base64
import json
import time
from collections.abc import Callable
from typing import Any

import flask.testing
import jwt
import pytest

from klepaas_fakes.env import TEST_JWT_SECRET
from klepaas_shared.auth import ALL_SCOPES, Principal, delegate, key_id, mint, verify
from klepaas_shared.store import get_store

from .conftest import Env

NEW_SECRET = "the-next-signing-key-0123456789-abcdefghij"


def _encode(claims: dict[str, Any], secret: str = TEST_JWT_SECRET, kid: str | None = None) -> str:
    return jwt.encode(claims, secret, algorithm="HS256", headers={"kid": kid or key_id(secret)})


def _claims(**changes: Any) -> dict[str, Any]:
    now = int(time.time())
    base = {
        "iss": "klepaas",
        "aud": "klepaas-api",
        "sub": "u1",
        "scope": "read",
        "iat": now,
        "nbf": now,
        "exp": now + 600,
    }
    return {**base, **changes}


def _b64(data: dict[str, Any]) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()


def _tampered() -> str:
    header, _, signature = mint("u1", ["read"]).split(".")
    return f"{header}.{_b64(_claims(scope=' '.join(ALL_SCOPES)))}.{signature}"


def _alg_none() -> str:
    return f"{_b64({'alg': 'none', 'typ': 'JWT', 'kid': key_id(TEST_JWT_SECRET)})}.{_b64(_claims())}."


REFUSED: dict[str, Callable[[], str]] = {
    "expired": lambda: mint("u1", ["read"], ttl_s=-120),
    "not yet valid": lambda: _encode(_claims(nbf=int(time.time()) + 3600, iat=int(time.time()) + 3600)),
    "tampered": _tampered,
    "alg none": _alg_none,
    "wrong issuer": lambda: _encode(_claims(iss="someone-else")),
    "wrong audience": lambda: mint("u1", ["read"], audience="klepaas-mcp"),
    "unknown kid": lambda: _encode(_claims(), kid="0123456789ab"),
    "no kid": lambda: jwt.encode(_claims(), TEST_JWT_SECRET, algorithm="HS256"),
    "another key under our kid": lambda: _encode(_claims(), NEW_SECRET, kid=key_id(TEST_JWT_SECRET)),
    "RS256 without a JWKS": lambda: f"{_b64({'alg': 'RS256', 'typ': 'JWT'})}.{_b64(_claims())}.c2ln",
    "not a JWT": lambda: "not-a-token",
}


@pytest.mark.parametrize("name", list(REFUSED))
def test_these_tokens_are_refused_with_401(client: flask.testing.FlaskClient, name: str) -> None:
    response = client.get("/api/v1/auth/verify", headers={"Authorization": f"Bearer {REFUSED[name]()}"})
    assert response.status_code == 401, name
    assert response.get_json()["error"]["code"] == "unauthorized"


def test_a_token_from_the_retired_key_is_refused_after_rotation(client: flask.testing.FlaskClient, env: Env) -> None:
    old = mint("u1", ["read"])

    def status(token: str) -> int:
        return client.get("/api/v1/auth/verify", headers={"Authorization": f"Bearer {token}"}).status_code

    env.set(KLEPAAS_JWT_SECRET=NEW_SECRET, KLEPAAS_JWT_PREVIOUS_SECRET=TEST_JWT_SECRET)
    new = mint("u1", ["read"])
    assert jwt.get_unverified_header(new)["kid"] == key_id(NEW_SECRET)
    assert (status(old), status(new)) == (200, 200)  # both keys valid during the rotation
    env.set(KLEPAAS_JWT_PREVIOUS_SECRET="")
    assert (status(old), status(new)) == (401, 200)
    forged = _encode(_claims(), TEST_JWT_SECRET, kid=key_id(NEW_SECRET))
    assert status(forged) == 401


def test_verify_describes_a_good_token(client: flask.testing.FlaskClient) -> None:
    token = mint("583231", ["read", "deploy:execute"], extra={"provider": "github"})
    body = client.get("/api/v1/auth/verify", headers={"Authorization": f"Bearer {token}"}).get_json()
    assert body["valid"] is True
    assert body["sub"] == "583231"
    assert body["scopes"] == ["deploy:execute", "read"]
    assert body["expires_at"].endswith("Z")


def _mint(client: flask.testing.FlaskClient, token: str, **body: Any) -> tuple[int, dict[str, Any]]:
    response = client.post("/api/v1/auth/token", json=body, headers={"Authorization": f"Bearer {token}"})
    return response.status_code, response.get_json()


def test_an_admin_mints_a_machine_token_with_chosen_scopes_audience_and_lifetime(
    client: flask.testing.FlaskClient,
) -> None:
    admin = mint("admin_user", ALL_SCOPES, extra={"provider": "admin"})
    status, body = _mint(
        client, admin, client_id="claude-desktop", scopes=["read", "mcp:execute"], audience="klepaas-mcp", ttl_s=3600
    )
    assert status == 200, body
    principal = verify(body["access_token"], audiences=["klepaas-mcp"])
    assert principal.sub == "machine:claude-desktop"
    assert principal.scopes == {"read", "mcp:execute"}
    assert principal.claims["exp"] - principal.claims["iat"] == 3600
    assert principal.token_id == body["token_id"]
    with pytest.raises(Exception, match="not issued for this service"):
        verify(body["access_token"])  # an MCP token is not an API token
    audits = get_store().query("audit", [("action", "==", "auth.token.mint")])
    assert [a.data["target"] for a in audits] == ["machine:claude-desktop"]
    assert body["access_token"] not in json.dumps(audits[0].data)


def test_a_machine_token_for_the_api_passes_verify(client: flask.testing.FlaskClient) -> None:
    admin = mint("admin_user", ALL_SCOPES)
    _, body = _mint(client, admin, client_id="ci", scopes="read deploy:execute")
    response = client.get("/api/v1/auth/verify", headers={"Authorization": f"Bearer {body['access_token']}"})
    assert response.status_code == 200
    assert response.get_json()["sub"] == "machine:ci"


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ({"client_id": "ci", "scopes": ["root"]}, 422),
        ({"client_id": "ci", "scopes": []}, 422),
        ({"client_id": "ci", "scopes": ["read"], "audience": "klepaas-internal"}, 422),
        ({"client_id": "ci", "scopes": ["read"], "ttl_s": 10}, 422),
        ({"client_id": "ci", "scopes": ["read"], "ttl_s": 400 * 24 * 3600}, 422),
        ({"client_id": "ci", "scopes": ["read"], "ttl_s": True}, 422),
        ({"client_id": "../etc", "scopes": ["read"]}, 422),
        ({"scopes": ["read"]}, 422),
    ],
)
def test_machine_token_requests_out_of_bounds_are_refused(
    client: flask.testing.FlaskClient, body: dict[str, Any], expected: int
) -> None:
    status, answer = _mint(client, mint("admin_user", ALL_SCOPES), **body)
    assert status == expected, answer
    assert "access_token" not in answer


def test_only_admins_mint_and_never_beyond_their_own_scopes(client: flask.testing.FlaskClient) -> None:
    developer = mint("583231", ["read", "deploy:execute", "mcp:execute"])
    assert _mint(client, developer, client_id="ci", scopes=["read"])[0] == 403
    narrow_admin = mint("ops", ["read", "admin:write"])
    assert _mint(client, narrow_admin, client_id="ci", scopes=["deploy:execute"])[0] == 403
    assert _mint(client, narrow_admin, client_id="ci", scopes=["read"])[0] == 200


def test_a_delegated_token_cannot_mint(client: flask.testing.FlaskClient) -> None:
    admin = Principal(sub="admin_user", scopes=frozenset(ALL_SCOPES))
    status, _ = _mint(client, delegate(admin, "nlp"), client_id="ci", scopes=["read"])
    assert status == 401  # a delegation token opens only the routes other functions call
