"""Delegated tokens reused while young: the same claims as a fresh one, a new one once old."""

from __future__ import annotations

import pytest

from klepaas_shared import delegation
from klepaas_shared.auth import DEPLOY_EXECUTE, INTERNAL_AUDIENCE, READ, Principal, verify
from klepaas_shared.delegation import REUSE_S, TTL_S, Delegations


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def alice(*scopes: str) -> Principal:
    return Principal(sub="github:1", scopes=frozenset(scopes or (READ,)), email="a@x.io", name="A", provider="github")


def test_a_reused_token_carries_the_users_identity_for_the_callee() -> None:
    tokens = Delegations("mcp")
    token = tokens.token(alice(READ, DEPLOY_EXECUTE))
    assert tokens.token(alice(READ, DEPLOY_EXECUTE)) == token
    seen = verify(token, audiences=[INTERNAL_AUDIENCE])
    expected = ("github:1", {READ, DEPLOY_EXECUTE}, "a@x.io", "mcp")
    assert (seen.sub, seen.scopes, seen.email, seen.via_service) == expected
    assert seen.claims["exp"] - seen.claims["iat"] == TTL_S


def test_a_token_is_signed_anew_once_its_reuse_window_has_passed() -> None:
    clock = Clock()
    tokens = Delegations("mcp", clock=clock)
    first = tokens.token(alice())
    clock.now += REUSE_S - 0.5
    assert tokens.token(alice()) == first
    clock.now += 1
    second = tokens.token(alice())
    assert second != first
    ids = {verify(t, audiences=[INTERNAL_AUDIENCE]).token_id for t in (first, second)}
    assert len(ids) == 2


def test_other_claims_or_another_service_never_get_the_same_token() -> None:
    mcp, nlp = Delegations("mcp"), Delegations("nlp")
    base = mcp.token(alice(READ))
    assert mcp.token(alice(READ, DEPLOY_EXECUTE)) != base  # more scopes: a token saying so
    assert mcp.token(Principal(sub="github:2", scopes=frozenset({READ}))) != base
    assert nlp.token(alice(READ)) != base
    assert verify(nlp.token(alice(READ)), audiences=[INTERNAL_AUDIENCE]).via_service == "nlp"


def test_the_held_tokens_are_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(delegation, "MAX_HELD", 2)
    tokens = Delegations("mcp")
    users = [Principal(sub=f"u{i}", scopes=frozenset({READ})) for i in range(3)]
    first = [tokens.token(u) for u in users]
    assert tokens.token(users[2]) == first[2]  # still held
    assert tokens.token(users[0]) != first[0]  # the oldest was forgotten, so signed again
