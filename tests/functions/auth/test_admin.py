"""Admin login (A3): the account from configuration, refusals, per-client slowing and lockout."""

from __future__ import annotations

import subprocess
import sys
from typing import Any

import flask.testing
import pytest

from klepaas_auth import passwords
from klepaas_shared.context import get_context
from klepaas_shared.store import get_store

from .conftest import ADMIN_PASSWORD, ADMIN_USER, Env


def _admin(
    client: flask.testing.FlaskClient, password: str, username: str = ADMIN_USER, **environ: str
) -> tuple[int, dict[str, Any], dict[str, str]]:
    response = client.post(
        "/api/v1/auth/oauth2/admin/login",
        json={"username": username, "password": password},
        environ_base={"REMOTE_ADDR": "198.51.100.7", **environ},
    )
    return response.status_code, response.get_json(), dict(response.headers)


@pytest.mark.parametrize(("username", "password"), [(ADMIN_USER, "wrong"), ("root", ADMIN_PASSWORD), ("", "")])
def test_wrong_credentials_are_refused_without_saying_which(
    client: flask.testing.FlaskClient, username: str, password: str
) -> None:
    status, body, _ = _admin(client, password, username)
    assert status in {401, 422}
    assert body["success"] is False
    assert "access_token" not in body
    if status == 401:
        assert body["message"] == "wrong username or password"
    assert get_store().query("users") == []


def test_failures_are_slowed_then_locked_out_and_other_clients_are_unaffected(
    client: flask.testing.FlaskClient,
) -> None:
    assert [_admin(client, "wrong")[0] for _ in range(3)] == [401, 401, 401]
    status, body, headers = _admin(client, ADMIN_PASSWORD)
    assert status == 429  # slowed: even the right password waits
    assert body["success"] is False
    assert int(headers["Retry-After"]) >= 1
    assert _admin(client, ADMIN_PASSWORD, REMOTE_ADDR="203.0.113.9")[0] == 200


def test_the_lockout_lasts_and_is_audited(client: flask.testing.FlaskClient, env: Env) -> None:
    env.set(KLEPAAS_AUTH_THROTTLE_AFTER="100", KLEPAAS_AUTH_ACCOUNT_THROTTLE_AFTER="100")  # straight to the lockout
    assert [_admin(client, "wrong")[0] for _ in range(6)] == [401] * 6
    status, _, headers = _admin(client, ADMIN_PASSWORD)
    assert status == 429
    assert int(headers["Retry-After"]) == 900
    lockouts = get_store().query("audit", [("action", "==", "auth.admin_lockout")])
    assert [a.data["actor"] for a in lockouts] == ["198.51.100.7"]


def test_a_success_clears_the_failure_count(client: flask.testing.FlaskClient, env: Env) -> None:
    env.set(KLEPAAS_AUTH_THROTTLE_AFTER="100", KLEPAAS_AUTH_ACCOUNT_THROTTLE_AFTER="100")
    for _ in range(5):
        _admin(client, "wrong")
    assert _admin(client, ADMIN_PASSWORD)[0] == 200
    assert [_admin(client, "wrong")[0] for _ in range(5)] == [401] * 5


def test_a_forged_x_forwarded_for_does_not_escape_the_lockout(client: flask.testing.FlaskClient) -> None:
    for _ in range(3):
        _admin(client, "wrong")
    forged = client.post(
        "/api/v1/auth/oauth2/admin/login",
        json={"username": ADMIN_USER, "password": ADMIN_PASSWORD},
        headers={"X-Forwarded-For": "192.0.2.55"},
        environ_base={"REMOTE_ADDR": "198.51.100.7"},
    )
    assert forged.status_code == 429


def test_with_one_trusted_proxy_the_address_it_appended_is_the_client(
    client: flask.testing.FlaskClient, env: Env
) -> None:
    env.set(KLEPAAS_AUTH_TRUSTED_PROXY_HOPS="1")

    def attempt(forwarded: str, password: str = "wrong") -> int:
        response = client.post(
            "/api/v1/auth/oauth2/admin/login",
            json={"username": ADMIN_USER, "password": password},
            headers={"X-Forwarded-For": forwarded},
            environ_base={"REMOTE_ADDR": "169.254.1.1"},
        )
        return response.status_code

    for n in range(3):
        assert attempt(f"10.0.0.{n}, 198.51.100.7") == 401  # the client-chosen left part varies
    assert attempt("10.9.9.9, 198.51.100.7", ADMIN_PASSWORD) == 429
    assert attempt("198.51.100.8", ADMIN_PASSWORD) == 200


def test_admin_login_is_503_when_not_configured_or_misconfigured(client: flask.testing.FlaskClient, env: Env) -> None:
    env.set(KLEPAAS_ADMIN_PASSWORD_HASH="scrypt$n=3,r=8,p=1$short$short")
    status, body, _ = _admin(client, ADMIN_PASSWORD)
    assert status == 503
    assert "scrypt" not in body["message"]
    env.set(KLEPAAS_ADMIN_PASSWORD_HASH="")
    assert _admin(client, ADMIN_PASSWORD)[0] == 503


def test_password_hashes_round_trip_and_carry_their_parameters() -> None:
    encoded = passwords.make("s3cret-passphrase", n=1024, r=8, p=1)
    assert encoded.startswith("scrypt$n=1024,r=8,p=1$")
    parsed = passwords.parse(encoded)
    assert passwords.check("s3cret-passphrase", parsed)
    assert not passwords.check("s3cret-passphrasf", parsed)
    assert passwords.parse(passwords.make("x" * 12)).n == passwords.DEFAULT_N


@pytest.mark.parametrize(
    "encoded",
    [
        "",
        "argon2$whatever",
        "scrypt$n=1000,r=8,p=1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAA",
        "scrypt$n=1048576,r=32,p=16$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAA",
        "scrypt$n=1024,r=8,p=1$AAAA$AAAAAAAAAAAAAAAAAAAAAA",
    ],
)
def test_malformed_or_unreasonable_hashes_are_rejected(encoded: str) -> None:
    with pytest.raises(ValueError, match="password hash"):
        passwords.parse(encoded)


def test_the_hash_helper_reads_a_password_from_stdin() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "klepaas_auth.passwords"],
        input="a long enough password\n",
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    encoded = done.stdout.strip()
    assert passwords.check("a long enough password", passwords.parse(encoded))
    assert "a long enough password" not in done.stdout + done.stderr


def test_failures_from_many_addresses_back_the_account_off_exponentially(client: flask.testing.FlaskClient) -> None:
    for n in range(5):
        assert _admin(client, "wrong", REMOTE_ADDR=f"192.0.2.{n + 1}")[0] == 401
    waits = []
    for n in range(3):
        status, _, headers = _admin(client, "wrong", REMOTE_ADDR=f"192.0.2.{n + 50}")
        assert status == 429
        waits.append(int(headers["Retry-After"]))
        get_context().delete("auth:admin-login-account:wait:" + _account())  # as if the wait had passed
        _admin(client, "wrong", REMOTE_ADDR=f"192.0.2.{n + 80}")
    assert waits[0] >= 1 and waits == sorted(waits) and waits[-1] > waits[0]


def test_an_attacker_rotating_addresses_cannot_lock_the_admin_out(client: flask.testing.FlaskClient) -> None:
    assert _admin(client, ADMIN_PASSWORD, REMOTE_ADDR="198.51.100.7")[0] == 200  # the admin's usual address
    for n in range(40):
        _admin(client, "wrong", REMOTE_ADDR=f"203.0.113.{n + 1}")
    status, _, headers = _admin(client, ADMIN_PASSWORD, REMOTE_ADDR="198.51.100.99")  # a new address waits a little
    assert status == 429 and int(headers["Retry-After"]) <= 60
    assert _admin(client, ADMIN_PASSWORD, REMOTE_ADDR="198.51.100.7")[0] == 200


def _account() -> str:
    import hashlib

    return hashlib.sha256(ADMIN_USER.encode()).hexdigest()[:32]
