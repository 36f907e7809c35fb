"""Bearer tokens: what verifies, what is refused (401) and what lacks a scope (403)."""

from __future__ import annotations

import base64
import json
import time
from typing import Any

import jwt
import pytest

from klepaas_fakes.env import TEST_JWT_SECRET, klepaas_env, reset_caches
from klepaas_shared.auth import (
    INTERNAL_AUDIENCE,
    READ,
    Principal,
    authenticate,
    bearer_token,
    caller_authorization,
    delegate,
    key_id,
    mint,
    verify,
)
from klepaas_shared.errors import Forbidden, Unauthorized

OTHER_SECRET = "another-secret-0123456789-abcdefghijklmnopq"


def signed(claims: dict[str, Any], secret: str = TEST_JWT_SECRET, kid: str | None = None) -> str:
    now = int(time.time())
    base = {"iss": "klepaas", "aud": "klepaas-api", "sub": "u1", "scope": "read", "iat": now, "exp": now + 600}
    headers = {"kid": kid or key_id(secret)}
    return jwt.encode({**base, **claims}, secret, algorithm="HS256", headers=headers)


def refused(token: str, reason: str) -> None:
    with pytest.raises(Unauthorized, match=reason):
        verify(token)


def test_a_minted_token_verifies_to_its_principal() -> None:
    token = mint("github:42", ["read", "deploy:execute"], extra={"email": "a@b.c", "name": "A", "provider": "github"})
    principal = verify(token)
    assert principal.sub == "github:42"
    assert principal.scopes == frozenset({"read", "deploy:execute"})
    assert (principal.email, principal.name, principal.provider) == ("a@b.c", "A", "github")
    assert principal.audience == "klepaas-api"
    assert principal.token_id and principal.via_service == ""
    header = jwt.get_unverified_header(token)
    assert header == {"alg": "HS256", "typ": "JWT", "kid": key_id(TEST_JWT_SECRET)}
    assert TEST_JWT_SECRET not in header["kid"]


def test_an_expired_token_is_refused() -> None:
    refused(mint("u", ["read"], ttl_s=-120), "expired")


def test_a_token_not_valid_yet_is_refused() -> None:
    refused(signed({"nbf": int(time.time()) + 600}), "not valid yet")


def test_a_tampered_token_is_refused() -> None:
    header, payload, signature = mint("u", ["read"]).split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=="))
    claims["scope"] = "read admin:write"
    forged = base64.urlsafe_b64encode(json.dumps(claims).encode()).decode().rstrip("=")
    refused(f"{header}.{forged}.{signature}", "invalid")


def test_an_unsigned_alg_none_token_is_refused() -> None:
    now = int(time.time())
    claims = {"iss": "klepaas", "aud": "klepaas-api", "sub": "u", "scope": "admin:write", "iat": now, "exp": now + 60}
    token = jwt.encode(claims, None, algorithm="none", headers={"kid": key_id(TEST_JWT_SECRET)})
    refused(token, "algorithm")
    refused(signed({}).rsplit(".", 1)[0] + ".", "invalid")  # an HS256 header with the signature cut off


def test_a_token_signed_with_the_right_kid_but_another_key_is_refused() -> None:
    refused(signed({}, secret=OTHER_SECRET, kid=key_id(TEST_JWT_SECRET)), "invalid")


def test_the_wrong_issuer_or_audience_is_refused() -> None:
    refused(signed({"iss": "someone-else"}), "wrong issuer")
    refused(signed({"aud": "another-api"}), "not issued for this service")
    refused(mint("u", ["read"], audience="klepaas-mcp"), "not issued for this service")


def test_an_unknown_key_id_is_refused() -> None:
    refused(signed({}, secret=OTHER_SECRET), "unknown key")


def test_garbage_and_missing_claims_are_refused() -> None:
    refused("not-a-jwt", "malformed")
    now = int(time.time())
    no_exp = jwt.encode(
        {"iss": "klepaas", "aud": "klepaas-api", "sub": "u", "iat": now},
        TEST_JWT_SECRET,
        algorithm="HS256",
        headers={"kid": key_id(TEST_JWT_SECRET)},
    )
    refused(no_exp, "invalid")


def test_rotation_accepts_the_previous_key_until_it_is_removed(monkeypatch: pytest.MonkeyPatch) -> None:
    old_token = mint("u", ["read"])
    monkeypatch.setenv("KLEPAAS_JWT_SECRET", OTHER_SECRET)
    monkeypatch.setenv("KLEPAAS_JWT_PREVIOUS_SECRET", TEST_JWT_SECRET)
    reset_caches()
    assert verify(old_token).sub == "u"
    new_token = mint("v", ["read"])
    assert jwt.get_unverified_header(new_token)["kid"] == key_id(OTHER_SECRET)
    assert verify(new_token).sub == "v"
    monkeypatch.setenv("KLEPAAS_JWT_PREVIOUS_SECRET", "")
    reset_caches()
    refused(old_token, "unknown key")


def test_a_short_signing_secret_fails_fast(monkeypatch: pytest.MonkeyPatch) -> None:
    from klepaas_shared.errors import ConfigError

    monkeypatch.setenv("KLEPAAS_JWT_SECRET", "short")
    reset_caches()
    with pytest.raises(ConfigError, match="KLEPAAS_JWT_SECRET"):
        mint("u", ["read"])


def test_authenticate_wants_a_bearer_token_and_the_scope() -> None:
    with pytest.raises(Unauthorized):
        authenticate({}, READ)
    with pytest.raises(Unauthorized):
        authenticate({"Authorization": "Basic dXNlcjpwYXNz"}, READ)
    with pytest.raises(Unauthorized):
        bearer_token({"Authorization": "Bearer   "})
    viewer = mint("u", ["read"])
    assert authenticate({"Authorization": f"Bearer {viewer}"}, READ).sub == "u"
    with pytest.raises(Forbidden) as raised:
        authenticate({"Authorization": f"bearer {viewer}"}, "deploy:execute")
    assert raised.value.http_status == 403
    assert "deploy:execute" in raised.value.message


def test_a_delegate_token_is_short_lived_internal_and_names_the_acting_service() -> None:
    user = Principal(sub="github:42", scopes=frozenset({"read", "deploy:execute"}), email="a@b.c", provider="github")
    token = delegate(user, "nlp")
    claims = jwt.decode(token, options={"verify_signature": False})
    assert claims["act"] == {"sub": "nlp"}
    assert claims["aud"] == INTERNAL_AUDIENCE
    assert claims["exp"] - claims["iat"] <= 120
    principal = verify(token)
    assert (principal.sub, principal.via_service, principal.email) == ("github:42", "nlp", "a@b.c")
    assert principal.scopes == user.scopes
    with pytest.raises(Unauthorized):
        verify(token, audiences=["klepaas-api"])  # an internal token is not a console token


# Behind API Gateway the gateway's own ID token is in Authorization and the caller's header in
# X-Forwarded-Authorization; anywhere else that header is the client's choice and is ignored.
GATEWAY_ID_TOKEN = "Bearer eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOiJodHRwczovL2FjY291bnRzLmdvb2dsZS5jb20ifQ.c2ln"


def test_x_forwarded_authorization_is_ignored_unless_behind_the_gateway() -> None:
    viewer = mint("u", ["read"])
    with pytest.raises(Unauthorized):
        authenticate({"X-Forwarded-Authorization": f"Bearer {viewer}"}, READ)
    admin = mint("admin", ["read", "admin:write"])
    headers = {"Authorization": f"Bearer {viewer}", "X-Forwarded-Authorization": f"Bearer {admin}"}
    assert authenticate(headers, READ).sub == "u"
    with pytest.raises(Forbidden):
        authenticate(headers, "admin:write")


def test_behind_the_gateway_the_callers_token_comes_from_x_forwarded_authorization() -> None:
    viewer = mint("u", ["read"])
    with klepaas_env({"KLEPAAS_BEHIND_API_GATEWAY": "true"}):
        headers = {"Authorization": GATEWAY_ID_TOKEN, "X-Forwarded-Authorization": f"Bearer {viewer}"}
        assert caller_authorization(headers) == f"Bearer {viewer}"
        assert authenticate(headers, READ).sub == "u"
        # a call from another function carries its ID token elsewhere and the user's in Authorization
        assert authenticate({"Authorization": f"Bearer {viewer}"}, READ).sub == "u"
        # what the forwarded header carries is verified like any token
        forged = signed({"sub": "admin", "scope": "admin:write"}, secret=OTHER_SECRET)
        with pytest.raises(Unauthorized, match="unknown key"):
            authenticate({"Authorization": GATEWAY_ID_TOKEN, "X-Forwarded-Authorization": f"Bearer {forged}"}, READ)
        # the gateway's own token never passes for a caller's
        with pytest.raises(Unauthorized):
            authenticate({"Authorization": GATEWAY_ID_TOKEN}, READ)
