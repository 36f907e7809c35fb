"""Every receiver under malformed, oversized, unsigned and replayed input: a 4xx envelope, never a
500, nothing half-written."""

from __future__ import annotations

import json
import time
import urllib.parse
from collections.abc import Callable
from typing import Any

import flask.testing
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from klepaas_fakes.slack import signed_headers
from klepaas_shared.store import get_store

FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
SECRET = "slack-signing-secret-for-tests"
AM = {"Authorization": "Bearer alertmanager-shared-secret"}
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=5),
    max_leaves=20,
)
alert_like = st.fixed_dictionaries(
    {"version": st.sampled_from(["4", "3", 4]), "status": st.text(max_size=10)},
    optional={
        "alerts": st.lists(
            st.fixed_dictionaries(
                {"status": st.sampled_from(["firing", "resolved", "odd"])},
                optional={
                    "labels": st.dictionaries(st.text(max_size=8), st.text(max_size=8) | st.integers(), max_size=3),
                    "annotations": json_values,
                    "startsAt": st.text(max_size=35) | st.just("2026-11-20T09:12:41.123456789Z"),
                    "endsAt": st.text(max_size=35),
                    "fingerprint": st.text(max_size=40),
                },
            ),
            max_size=3,
        )
    },
)


def _collections() -> dict[str, int]:
    store = get_store()
    names = ("alerts", "slack_installs", "slack_approvals", "slack_deployments", "audit", "alert_reports")
    return {name: len(store.query(name)) for name in names}


def _check(reply: Any) -> None:
    assert reply.status_code < 500, reply.get_data(as_text=True)
    if reply.status_code >= 400:
        assert set(reply.get_json()["error"]) >= {"code", "message"}


header_text = st.text(st.characters(min_codepoint=32, max_codepoint=126), max_size=80)


@FUZZ
@given(body=st.binary(max_size=300), stamp=header_text, signature=header_text)
def test_interactions_fuzz_unsigned(client: flask.testing.FlaskClient, body: bytes, stamp: str, signature: str) -> None:
    headers = {"X-Slack-Request-Timestamp": stamp, "X-Slack-Signature": signature}
    reply = client.post("/api/v1/slack/interactions", data=body, headers=headers)
    assert reply.status_code == 401


@FUZZ
@given(payload=json_values, raw=st.binary(max_size=200))
def test_interactions_fuzz_signed_garbage(client: flask.testing.FlaskClient, payload: Any, raw: bytes) -> None:
    before = _collections()
    for body in (urllib.parse.urlencode({"payload": json.dumps(payload)}).encode(), raw):
        reply = client.post("/api/v1/slack/interactions", data=body, headers=signed_headers(SECRET, body))
        _check(reply)
    assert _collections() == before


def test_interactions_replayed_outside_the_window_are_401(client: flask.testing.FlaskClient) -> None:
    body = b"payload=%7B%7D"
    for at in (int(time.time()) - 301, int(time.time()) + 301):
        assert (
            client.post(
                "/api/v1/slack/interactions", data=body, headers=signed_headers(SECRET, body, at=at)
            ).status_code
            == 401
        )


@FUZZ
@given(payload=alert_like | json_values)
def test_alertmanager_fuzz(client: flask.testing.FlaskClient, payload: Any) -> None:
    before = _collections()
    reply = client.post("/api/v1/alerts/alertmanager", json=payload, headers=AM)
    _check(reply)
    if reply.status_code >= 400:
        assert _collections() == before


@FUZZ
@given(raw=st.binary(max_size=300), token=header_text)
def test_alertmanager_fuzz_raw_and_secret(client: flask.testing.FlaskClient, raw: bytes, token: str) -> None:
    reply = client.post(
        "/api/v1/alerts/alertmanager",
        data=raw,
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
    )
    assert reply.status_code == 401
    _check(client.post("/api/v1/alerts/alertmanager", data=raw, headers={**AM, "Content-Type": "application/json"}))
    assert _collections()["alerts"] == 0 or reply.status_code < 400


def test_an_oversized_alertmanager_body_is_413(client: flask.testing.FlaskClient) -> None:
    reply = client.post("/api/v1/alerts/alertmanager", data=b"x" * 1_100_000, headers=AM)
    assert reply.status_code == 413


@FUZZ
@given(code=st.text(max_size=40), state=st.text(max_size=200), error=st.text(max_size=10))
def test_callback_fuzz(client: flask.testing.FlaskClient, code: str, state: str, error: str) -> None:
    query = urllib.parse.urlencode({"code": code, "state": state, "error": error})
    reply = client.get(f"/api/v1/slack/auth/callback?{query}")
    assert reply.status_code == 401
    assert _collections()["slack_installs"] == 0


@FUZZ
@given(
    alert_id=st.text(st.characters(blacklist_categories=("Cc", "Cs")), min_size=1, max_size=40).filter(
        lambda s: "/" not in s and s.strip() not in ("", ".", "..")
    ),
    body=st.binary(max_size=100),
)
def test_console_alert_endpoints_fuzz(
    client: flask.testing.FlaskClient, auth_headers: dict[str, str], alert_id: str, body: bytes
) -> None:
    quoted = urllib.parse.quote(alert_id, safe="")
    for path in (f"/api/v1/monitoring/alerts/{quoted}/snapshot", f"/api/v1/monitoring/alerts/{quoted}/resolve"):
        _check(client.post(path, data=body, headers={**auth_headers, "Content-Type": "application/json"}))
    _check(client.get(f"/api/v1/monitoring/alerts?cluster={quoted}", headers=auth_headers))
    assert _collections()["audit"] == 0


@FUZZ
@given(payload=json_values | alert_like, raw=st.binary(max_size=120))
def test_event_entry_points_ack_garbage_and_write_nothing(
    deliver: Callable[..., None], payload: Any, raw: bytes
) -> None:
    before = _collections()
    for target in ("notify_deployment_events", "notify_alerts"):
        deliver(target, payload)
        deliver(target, raw)
        deliver(target, payload, {"kind": "approval_requested"})
    assert _collections() == before
