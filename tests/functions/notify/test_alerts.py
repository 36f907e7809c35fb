"""Alerts: Alertmanager (v4) and Cloud Monitoring in; M6 list, M7 snapshot, M8 resolve out."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from typing import Any

import flask.testing

from klepaas_fakes.slack import FakeSlack
from klepaas_shared.store import get_store

Client = flask.testing.FlaskClient
AM = {"Authorization": "Bearer alertmanager-shared-secret"}
CONSOLE_FIELDS = {"id", "severity", "title", "description", "timestamp", "status", "source"}


def _send(client: Client, payload: Any, headers: dict[str, str] = AM) -> Any:
    return client.post("/api/v1/alerts/alertmanager", json=payload, headers=headers)


def test_alertmanager_alerts_are_listed_with_the_console_fields(
    client: Client, slack: FakeSlack, fixture_json: Callable[[str], Any], auth_headers: dict[str, str]
) -> None:
    assert _send(client, fixture_json("alertmanager_v4.json")).get_json() == {"status": "success", "received": 2}
    listed = client.get("/api/v1/monitoring/alerts?cluster=nks-cluster&user_id=U", headers=auth_headers).get_json()
    assert [set(a) for a in listed] == [CONSOLE_FIELDS, CONSOLE_FIELDS]
    critical = next(a for a in listed if a["id"] == "3c1b7d2e8f0a4b5c")
    assert critical == {
        "id": "3c1b7d2e8f0a4b5c",
        "severity": "critical",
        "title": "CPU usage above 90% on 10.0.1.12",
        "description": "CPU usage has been above 90% for 10 minutes.",
        "timestamp": "2026-11-20T09:12:41.123Z",
        "status": "firing",
        "source": "alertmanager",
    }
    [posted] = slack.posts("#alerts")  # only the critical one goes to Slack
    assert posted.text.startswith("🚨 알림 발생 [CRITICAL] CPU usage above 90%")


def test_a_repeat_is_deduplicated_and_a_resolution_resolves(
    client: Client, slack: FakeSlack, fixture_json: Callable[[str], Any], auth_headers: dict[str, str]
) -> None:
    payload = fixture_json("alertmanager_v4.json")
    _send(client, payload)
    _send(client, payload)
    assert len(get_store().query("alerts")) == 2 and len(slack.posts("#alerts")) == 1
    resolved = copy.deepcopy(payload)
    resolved["status"] = "resolved"
    for alert in resolved["alerts"]:
        alert["status"], alert["endsAt"] = "resolved", "2026-11-20T09:30:00Z"
    _send(client, resolved)
    listed = client.get("/api/v1/monitoring/alerts", headers=auth_headers).get_json()
    assert {a["status"] for a in listed} == {"resolved"}
    assert slack.posts("#alerts")[-1].text.startswith("✅ 알림 해제")


def test_a_wrong_or_missing_secret_is_401_and_stores_nothing(
    client: Client, fixture_json: Callable[[str], Any]
) -> None:
    payload = fixture_json("alertmanager_v4.json")
    assert _send(client, payload, {"Authorization": "Bearer nope"}).status_code == 401
    assert _send(client, payload, {}).status_code == 401
    assert get_store().query("alerts") == []


def test_another_payload_version_is_400(client: Client, fixture_json: Callable[[str], Any]) -> None:
    payload = fixture_json("alertmanager_v4.json")
    payload["version"] = "3"
    assert _send(client, payload).status_code == 400 and get_store().query("alerts") == []


def test_snapshot_and_resolve(client: Client, fixture_json: Callable[[str], Any], auth_headers: dict[str, str]) -> None:
    _send(client, fixture_json("alertmanager_v4.json"))
    reply = client.post("/api/v1/monitoring/alerts/9a8b7c6d5e4f3a2b/snapshot?cluster=nks-cluster", headers=auth_headers)
    body = reply.get_json()
    assert body["status"] == "success"
    assert {"report_id", "created_at", "summary", "snapshot"} <= set(body["data"])
    snapshot = body["data"]["snapshot"]
    assert snapshot["cluster"] == "nks-cluster" and snapshot["nodes"] == []
    assert snapshot["node_metrics"]["available"] is False  # no Prometheus in these tests: see test_snapshot.py
    assert set(snapshot["thresholds"]) == {"cpu_pct", "mem_pct", "disk_root_pct", "iowait_pct", "io_sat"}
    resolve = client.post(
        "/api/v1/monitoring/alerts/9a8b7c6d5e4f3a2b/resolve", json={"user_id": "U"}, headers=auth_headers
    )
    assert resolve.status_code == 200
    assert get_store().get("alerts", "9a8b7c6d5e4f3a2b")["status"] == "resolved"
    assert [d.data["action"] for d in get_store().query("audit")] == ["alert.resolve"]
    _send(client, fixture_json("alertmanager_v4.json"))  # Alertmanager repeats the same occurrence
    assert get_store().get("alerts", "9a8b7c6d5e4f3a2b")["status"] == "resolved"
    missing = client.post("/api/v1/monitoring/alerts/nope/resolve", json={}, headers=auth_headers)
    assert missing.status_code == 404


def test_cloud_monitoring_incidents_are_stored_listed_and_posted(
    client: Client,
    slack: FakeSlack,
    deliver: Callable[..., None],
    fixture_json: Callable[[str], Any],
    auth_headers: dict[str, str],
) -> None:
    incident = fixture_json("cloud_monitoring_incident.json")
    deliver("notify_alerts", incident)
    [alert] = client.get("/api/v1/monitoring/alerts", headers=auth_headers).get_json()
    assert alert["source"] == "cloud_monitoring" and alert["severity"] == "critical"
    assert alert["title"] == "klepaas functions CPU" and alert["status"] == "firing"
    incident["incident"]["state"], incident["incident"]["ended_at"] = "closed", 1795166961
    deliver("notify_alerts", incident)
    assert client.get("/api/v1/monitoring/alerts", headers=auth_headers).get_json()[0]["status"] == "resolved"
    assert [m.text.split(" ")[0] for m in slack.posts("#alerts")] == ["🚨", "✅"]


def test_an_alert_slack_could_not_take_is_re_raised_for_pubsub_and_posted_once_on_redelivery(
    client: Client,
    slack: FakeSlack,
    main_module: Any,
    fixture_json: Callable[[str], Any],
    auth_headers: dict[str, str],
) -> None:
    """Issue 16, item 5: Cloud Monitoring does not resend, so Pub/Sub must."""
    import pytest
    from cloudevents.http import CloudEvent

    from klepaas_shared.errors import KlepaasError
    from klepaas_shared.events import pubsub_envelope

    def deliver_as(message_id: str) -> None:
        data = json.dumps(fixture_json("cloud_monitoring_incident.json")).encode()
        attributes, body = pubsub_envelope("demo-test", "alerts", "notify", data, message_id=message_id)
        main_module.notify_alerts(CloudEvent(attributes, body))

    slack.state.queued_faults += [503] * 6  # every attempt the sender makes
    with pytest.raises(KlepaasError) as caught:
        deliver_as("incident-1")
    assert caught.value.retryable and slack.posts("#alerts") == []
    assert len(client.get("/api/v1/monitoring/alerts", headers=auth_headers).get_json()) == 1  # kept meanwhile
    deliver_as("incident-1")  # Pub/Sub's redelivery
    deliver_as("incident-1")
    assert len(slack.posts("#alerts")) == 1


def test_behind_the_gateway_the_alertmanager_secret_comes_from_x_forwarded_authorization(
    client: Client, fixture_json: Callable[[str], Any]
) -> None:
    from klepaas_fakes.env import klepaas_env

    forwarded = {"Authorization": "Bearer gateway-id-token", "X-Forwarded-Authorization": AM["Authorization"]}
    assert _send(client, fixture_json("alertmanager_v4.json"), forwarded).status_code == 401  # not behind it
    with klepaas_env({"KLEPAAS_BEHIND_API_GATEWAY": "true"}):
        assert _send(client, fixture_json("alertmanager_v4.json"), forwarded).get_json()["received"] == 2
        assert (
            _send(
                client, fixture_json("alertmanager_v4.json"), {"Authorization": "Bearer gateway-id-token"}
            ).status_code
            == 401
        )
