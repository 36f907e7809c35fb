"""Malformed, unsigned, forged and replayed deliveries: always a 4xx envelope or a 2xx, never a
500, and nothing written for a delivery that is refused or not acted on."""

from __future__ import annotations

import json
import uuid
from typing import Any

import flask
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from klepaas_shared.bus import local_bus
from klepaas_shared.store import get_store
from klepaas_webhook.signature import sign

from .conftest import APP_SECRET, payload

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
EVENTS = st.sampled_from(["push", "release", "pull_request", "installation", "installation_repositories", "ping"])
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=10), inner, max_size=4),
    max_leaves=12,
)


def _nothing_written() -> bool:
    store = get_store()
    return not store.query("deliveries") and not store.query("integrations") and not local_bus().published


def _post(client: flask.testing.FlaskClient, raw: bytes, headers: dict[str, str]) -> Any:
    return client.post("/api/v1/github/webhook", data=raw, headers=headers, content_type="application/json")


@SETTINGS
@given(raw=st.binary(max_size=300), event=EVENTS, signature=st.one_of(st.none(), st.text(max_size=80)))
def test_a_bad_or_missing_signature_is_401_and_writes_nothing(
    client: flask.testing.FlaskClient, raw: bytes, event: str, signature: str | None
) -> None:
    headers = {"X-GitHub-Event": event, "X-GitHub-Delivery": "fuzz"}
    if signature is not None and signature.isascii() and signature.isprintable():
        headers["X-Hub-Signature-256"] = signature
    response = _post(client, raw, headers)
    assert response.status_code == 401
    assert response.get_json()["error"]["code"] == "unauthorized"
    assert _nothing_written()


@SETTINGS
@given(raw=st.binary(max_size=300), event=EVENTS)
def test_malformed_json_after_a_valid_signature_is_400_and_writes_nothing(
    client: flask.testing.FlaskClient, raw: bytes, event: str
) -> None:
    try:
        if isinstance(json.loads(raw), dict):
            return
    except (ValueError, UnicodeDecodeError):
        pass
    headers = {"X-GitHub-Event": event, "X-GitHub-Delivery": "fuzz", "X-Hub-Signature-256": sign(raw, APP_SECRET)}
    response = _post(client, raw, headers)
    assert response.status_code == 400
    assert _nothing_written()


@SETTINGS
@given(event=st.text(min_size=1, max_size=30).filter(lambda e: e.isascii() and e.isprintable()))
def test_an_unknown_event_is_202_with_a_reason_and_writes_nothing(
    client: flask.testing.FlaskClient, event: str
) -> None:
    if event.strip() in ("push", "release", "pull_request", "installation", "installation_repositories", "ping"):
        return
    raw = json.dumps(payload("push")).encode()
    headers = {"X-GitHub-Event": event, "X-GitHub-Delivery": "fuzz", "X-Hub-Signature-256": sign(raw, APP_SECRET)}
    response = _post(client, raw, headers)
    assert response.status_code == 202
    assert response.get_json()["reason"]
    assert _nothing_written()


@SETTINGS
@given(
    body=st.dictionaries(
        st.sampled_from(
            [
                "ref",
                "after",
                "repository",
                "action",
                "release",
                "pull_request",
                "installation",
                "repositories",
                "head_commit",
                "deleted",
            ]
        ),
        json_values,
        max_size=6,
    ),
    event=EVENTS,
)
def test_signed_payloads_of_any_shape_never_cause_a_500(
    client: flask.testing.FlaskClient, body: dict[str, Any], event: str
) -> None:
    raw, guid = json.dumps(body).encode(), uuid.uuid4().hex
    headers = {"X-GitHub-Event": event, "X-GitHub-Delivery": guid, "X-Hub-Signature-256": sign(raw, APP_SECRET)}
    response = _post(client, raw, headers)
    assert response.status_code < 500, response.get_data(as_text=True)
    if response.status_code >= 400:
        assert response.get_json()["error"]["message"]
        assert get_store().get("deliveries", guid) is None


@SETTINGS
@given(repeats=st.integers(min_value=2, max_value=4))
def test_replays_of_a_succeeded_delivery_are_duplicates(client: flask.testing.FlaskClient, repeats: int) -> None:
    raw = json.dumps(payload("installation")).encode()
    guid = f"replay-{repeats}"
    headers = {
        "X-GitHub-Event": "installation",
        "X-GitHub-Delivery": guid,
        "X-Hub-Signature-256": sign(raw, APP_SECRET),
    }
    first = _post(client, raw, headers)
    assert first.status_code == 200
    for _ in range(repeats):
        again = _post(client, raw, headers)
        assert again.status_code == 200 and again.get_json()["duplicate"] is True
    record = get_store().get("deliveries", guid)
    assert record is not None and record["attempts"] == 1
