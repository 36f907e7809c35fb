"""The public receivers (GitHub webhooks, Slack interactivity, Alertmanager) under hostile input
the per-function fuzzers leave out: correctly signed bodies of hostile JSON (deep nesting, huge
numbers, NUL bytes, invalid UTF-8), wrong content types, oversized bodies, and Slack replays inside
the signature window. Always a 2xx or a 4xx envelope, never a 5xx; a refusal writes nothing."""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import time
import uuid
from collections.abc import Iterator
from functools import cache
from typing import Any
from urllib.parse import urlencode

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from klepaas_fakes.env import klepaas_env
from klepaas_fakes.slack import signed_headers
from klepaas_shared.routes import WEBHOOK_MAX_BYTES

from .faults_support import assert_envelope, changes, http_client, snapshot

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "4")) * 10
FUZZ = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
GITHUB_SECRET, APP_SECRET = "repo-webhook-secret-fuzz", "app-webhook-secret-fuzz"
SLACK_SECRET, AM_TOKEN = "slack-signing-secret-fuzz", "alertmanager-secret-fuzz"
CONTENT_TYPES = [
    "application/json",
    "text/plain",
    "application/x-www-form-urlencoded",
    "multipart/form-data; boundary=x",
    "application/json; charset=utf-16",
    "",
]


def _hostile() -> st.SearchStrategy[bytes]:
    deep = st.integers(min_value=50, max_value=5000).map(lambda n: b"[" * n + b"]" * n)
    deep_objects = st.integers(min_value=50, max_value=3000).map(lambda n: b'{"a":' * n + b"1" + b"}" * n)
    huge_numbers = st.sampled_from([b"1" + b"0" * 5000, b"1e999999", b"-1e400", b'{"number": ' + b"9" * 4400 + b"}"])
    nul = st.text(max_size=40).map(lambda t: json.dumps({"action": "\x00" + t, "ref": "refs/heads/\x00"}).encode())
    invalid_utf8 = st.binary(max_size=60).map(lambda b: b'{"action": "' + b"\xff\xfe" + b + b'"}')
    surrogates = st.just(b'{"action": "\\ud800", "repository": {"full_name": "\\udfff/x"}}')
    return st.one_of(deep, deep_objects, huge_numbers, nul, invalid_utf8, surrogates)


def _webhook_forget() -> None:
    from klepaas_webhook import github_api, settings

    settings.settings.cache_clear()
    github_api.get_app.cache_clear()


def _notify_forget() -> None:
    from klepaas_notify import settings as notify_settings
    from klepaas_notify.deploys import decisions
    from klepaas_notify.messages import render
    from klepaas_notify.slack import senders

    for cached in (notify_settings.notify_settings, senders.get_sender, senders.limiter, render.environment):
        cached.cache_clear()
    decisions.operations_client.cache_clear()


@pytest.fixture(autouse=True)
def secrets() -> Iterator[None]:
    values = {
        "KLEPAAS_GITHUB_WEBHOOK_SECRET": GITHUB_SECRET,
        "KLEPAAS_GITHUB_APP_WEBHOOK_SECRET": APP_SECRET,
        "KLEPAAS_GITHUB_APP_ID": "",
        "KLEPAAS_GITHUB_APP_PRIVATE_KEY": "",
        "KLEPAAS_SLACK_SIGNING_SECRET": SLACK_SECRET,
        "KLEPAAS_SLACK_BOT_TOKEN": "",
        "KLEPAAS_SLACK_WEBHOOK_URL": "",
        "KLEPAAS_ALERTMANAGER_TOKEN": AM_TOKEN,
    }
    with klepaas_env(values):
        _webhook_forget()
        _notify_forget()
        yield
    _webhook_forget()
    _notify_forget()


@cache
def client(function: str) -> Any:
    return http_client(function)


def _github(body: bytes, *, content_type: str = "application/json", event: str = "push") -> Any:
    signature = "sha256=" + hmac.new(GITHUB_SECRET.encode(), body, hashlib.sha256).hexdigest()
    headers = {
        "X-Hub-Signature-256": signature,
        "X-GitHub-Event": event,
        "X-GitHub-Delivery": str(uuid.uuid4()),
    }
    if content_type:
        headers["Content-Type"] = content_type
    return client("webhook").post("/api/v1/cicd/webhook", data=body, headers=headers)


def _slack(body: bytes, *, at: int | None = None, content_type: str | None = None) -> Any:
    headers = signed_headers(SLACK_SECRET, body, at=at)
    if content_type is not None:
        headers["Content-Type"] = content_type
    return client("notify").post("/api/v1/slack/interactions", data=body, headers=headers)


def _alertmanager(body: bytes, content_type: str = "application/json") -> Any:
    headers = {"Authorization": f"Bearer {AM_TOKEN}"}
    if content_type:
        headers["Content-Type"] = content_type
    return client("notify").post("/api/v1/alerts/alertmanager", data=body, headers=headers)


def _refused_cleanly(response: Any, before: dict[tuple[str, str], Any]) -> None:
    assert response.status_code < 500, (response.status_code, response.data[:300])
    if response.status_code >= 400:
        assert_envelope(response)
        written = {c for c, _ in changes(before, snapshot())}
        # a refused delivery may leave its own record (GitHub redelivers by id; the outcome is kept)
        assert written <= {"deliveries", "audit"}, written


@FUZZ
@given(body=_hostile(), content_type=st.sampled_from(CONTENT_TYPES), event=st.sampled_from(["push", "ping", "x"]))
def test_a_signed_github_delivery_of_hostile_json_is_refused_cleanly(
    body: bytes, content_type: str, event: str
) -> None:
    before = snapshot()
    _refused_cleanly(_github(body, content_type=content_type, event=event), before)


@FUZZ
@given(body=_hostile(), content_type=st.sampled_from(CONTENT_TYPES))
def test_an_alertmanager_post_of_hostile_json_is_refused_cleanly(body: bytes, content_type: str) -> None:
    before = snapshot()
    _refused_cleanly(_alertmanager(body, content_type), before)


@FUZZ
@given(raw=_hostile(), form=st.booleans(), content_type=st.sampled_from([None, *CONTENT_TYPES]))
def test_a_signed_slack_interaction_of_hostile_json_is_refused_cleanly(
    raw: bytes, form: bool, content_type: str | None
) -> None:
    body = urlencode({"payload": raw.decode("utf-8", "surrogateescape")}, encoding="utf-8", errors="surrogateescape")
    before = snapshot()
    _refused_cleanly(_slack(body.encode() if form else raw, content_type=content_type), before)


@FUZZ
@given(skew=st.one_of(st.integers(min_value=301, max_value=10**9), st.integers(max_value=-301, min_value=-(10**9))))
def test_a_slack_request_outside_the_window_is_401_even_when_signed(skew: int) -> None:
    body = urlencode({"payload": json.dumps({"type": "block_actions", "actions": []})}).encode()
    before = snapshot()
    response = _slack(body, at=int(time.time()) + skew)
    assert_envelope(response, 401)
    assert changes(before, snapshot()) == {}


def test_a_slack_interaction_replayed_inside_the_window_acts_at_most_once() -> None:
    payload = {
        "type": "block_actions",
        "user": {"id": "U1", "username": "dev"},
        "actions": [{"action_id": "approve", "value": "approval-unknown"}],
        "response_url": "",
    }
    body = urlencode({"payload": json.dumps(payload)}).encode()
    at = int(time.time())
    first = _slack(body, at=at)
    assert first.status_code < 500
    before = snapshot()
    for _ in range(3):
        again = _slack(body, at=at)
        assert again.status_code < 500
        assert again.status_code == first.status_code
    written = changes(before, snapshot())
    assert not [k for k in written if k[0] not in ("audit",)], written  # nothing acted on twice


@pytest.mark.parametrize("receiver", ["github", "alertmanager", "slack"])
def test_an_oversized_body_is_413_in_the_envelope(receiver: str) -> None:
    limit = WEBHOOK_MAX_BYTES if receiver == "github" else 1024 * 1024
    body = b'{"a": "' + b"x" * limit + b'"}'
    before = snapshot()
    response = {"github": _github, "alertmanager": _alertmanager, "slack": _slack}[receiver](body)
    assert_envelope(response, 413)
    assert changes(before, snapshot()) == {}
