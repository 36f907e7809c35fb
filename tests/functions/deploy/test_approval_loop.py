"""The whole approval loop in one process: deploy holds a production deploy, notify posts the
request to the Slack stand-in, a signed button press reaches deploy over HTTP, deploy releases."""

from __future__ import annotations

import json
import threading
import urllib.parse
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import functions_framework
import pytest
from werkzeug.serving import make_server

from klepaas_deploy.cluster import kube
from klepaas_fakes.env import klepaas_env
from klepaas_fakes.kube import KubeStandIn
from klepaas_fakes.slack import FakeSlack, SlackState, signed_headers, slack_server
from klepaas_shared.auth import DEPLOY_EXECUTE, READ
from klepaas_shared.bus import local_bus
from klepaas_shared.contracts import TOPIC_DEPLOY_REQUESTS, TOPIC_DEPLOYMENT_EVENTS
from klepaas_shared.store import get_store

from .conftest import ROOT, load_main, member, reset
from .test_approvals import APP, ARGS

SIGNING = "loop-signing-secret"


def _clear_notify() -> None:
    from klepaas_notify import settings
    from klepaas_notify.deploys import decisions
    from klepaas_notify.messages import render
    from klepaas_notify.slack import senders

    for cached in (settings.notify_settings, senders.get_sender, senders.limiter, render.environment):
        cached.cache_clear()
    decisions.operations_client.cache_clear()


@pytest.fixture
def wired(cluster: KubeStandIn, tmp_path: Path) -> Iterator[FakeSlack]:
    """deploy served over HTTP, notify and deploy subscribed to the local bus, Slack stand-in."""
    app = functions_framework.create_app(target="deploy_http", source=str(ROOT / "functions/deploy/main.py"))
    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    with slack_server(SlackState(channel_rate_per_s=100, channel_burst=50)) as slack:
        values = {
            "KLEPAAS_API_BASE_URL": f"http://127.0.0.1:{server.server_port}",
            "KLEPAAS_SLACK_BOT_TOKEN": "xoxb-test-token",
            "KLEPAAS_SLACK_API_URL": slack.api_url,
            "KLEPAAS_SLACK_WEBHOOK_URL": "",
            "KLEPAAS_SLACK_SIGNING_SECRET": SIGNING,
            "KLEPAAS_SLACK_RESPONSE_URL_LOCAL_ORIGIN": slack.url,  # the stand-in's response_url (tests only)
            "KLEPAAS_SLACK_LANGUAGE": "en",
            "KLEPAAS_SLACK_TEMPLATES_DIR": "",
            "KLEPAAS_SLACK_REPO_CHANNELS": "{}",
        }
        with klepaas_env(values):
            reset()
            _clear_notify()
            kube.kube_of("nks")  # a warm instance: Slack gives the press 3 s, notify gives deploy 2 s
            bus = local_bus()
            bus.subscribe(TOPIC_DEPLOYMENT_EVENTS, "notify", load_main("notify").notify_deployment_events)
            bus.subscribe(TOPIC_DEPLOY_REQUESTS, "deploy", load_main("deploy").deploy_requests)
            yield slack
            _clear_notify()
    server.shutdown()
    server.server_close()


def _press(action: str, value: str, slack_user: str = "U-ops", response_url: str = "") -> Any:
    payload = {
        "type": "block_actions",
        "user": {"id": slack_user, "team_id": "T1"},
        "team": {"id": "T1"},
        "actions": [{"action_id": action, "value": value}],
        "response_url": response_url,
    }
    body = urllib.parse.urlencode({"payload": json.dumps(payload)}).encode()
    notify = functions_framework.create_app(target="notify_http", source=str(ROOT / "functions/notify/main.py"))
    return notify.test_client().post("/api/v1/slack/interactions", data=body, headers=signed_headers(SIGNING, body))


def _events() -> list[dict[str, Any]]:
    return [
        json.loads(data)
        for topic, _, data, attributes in local_bus().published
        if topic == TOPIC_DEPLOYMENT_EVENTS and not attributes.get("kind")
    ]


def test_slack_approval_releases_the_held_deploy_once(
    wired: FakeSlack, cluster: KubeStandIn, client: Any, headers: dict[str, str]
) -> None:
    get_store().set(
        "slack_installs",
        "ops-1",
        {"user_id": "ops-1", "team_id": "T1", "slack_user_id": "U-ops", "scopes": [READ, DEPLOY_EXECUTE]},
    )
    member("ops-1", "approver")
    held = client.post("/api/v1/operations", json={"type": "deploy", "args": ARGS}, headers=headers).get_json()
    assert held["operation"]["status"] == "pending"
    assert local_bus().drain(10)
    [message] = wired.posts("#deployments")
    approve = message.blocks[1]["elements"][0]
    assert approve["action_id"] == "approve" and cluster.get("deployments", "default", APP) is None

    reply = _press("approve", approve["value"])  # answered at once; decided over Pub/Sub
    assert reply.status_code == 200 and "Processing" in reply.get_json()["text"], reply.get_json()
    assert local_bus().drain(10)
    assert "Approved" in wired.posts("#deployments")[0].text
    operation = client.get(f"/api/v1/operations/{held['operation']['id']}", headers=headers).get_json()
    assert operation["status"] == "succeeded"
    image = cluster.get("deployments", "default", APP)["spec"]["template"]["spec"]["containers"][0]["image"]
    assert image == ARGS["image"]
    completed = [e for e in _events() if e["type"] == "deployment_completed"]
    assert [(e["status"], e["environment"]) for e in completed] == [("success", "production")]
    assert "already" in _press("approve", approve["value"]).get_json()["text"]
    assert len(get_store().query("deployments")) == 1


def test_slack_rejection_cancels_the_held_deploy(
    wired: FakeSlack, cluster: KubeStandIn, client: Any, headers: dict[str, str]
) -> None:
    get_store().set(
        "slack_installs",
        "ops-1",
        {"user_id": "ops-1", "team_id": "T1", "slack_user_id": "U-ops", "scopes": [READ, DEPLOY_EXECUTE]},
    )
    member("ops-1", "approver")
    held = client.post("/api/v1/operations", json={"type": "deploy", "args": ARGS}, headers=headers).get_json()
    assert local_bus().drain(10)
    reject = wired.posts("#deployments")[0].blocks[1]["elements"][1]
    assert "Processing" in _press("reject", reject["value"]).get_json()["text"]
    assert local_bus().drain(10)
    assert "Rejected" in wired.posts("#deployments")[0].text
    operation = client.get(f"/api/v1/operations/{held['operation']['id']}", headers=headers).get_json()
    assert operation["status"] == "cancelled" and cluster.get("deployments", "default", APP) is None


def _link(user_id: str, slack_user: str, scopes: list[str]) -> None:
    get_store().set(
        "slack_installs",
        user_id,
        {"user_id": user_id, "team_id": "T1", "slack_user_id": slack_user, "scopes": scopes},
    )


def test_the_requester_cannot_approve_in_slack_and_a_different_approver_then_can(
    wired: FakeSlack, cluster: KubeStandIn, client: Any, make_token: Any
) -> None:
    member("dev-1", "approver")  # an approver, yet the requester of this deploy
    member("ops-1", "approver")
    _link("dev-1", "U-dev", [READ, DEPLOY_EXECUTE, "admin:write"])  # admin scopes at link time give nothing
    _link("ops-1", "U-ops", [READ, DEPLOY_EXECUTE])
    dev = {"Authorization": f"Bearer {make_token(scopes=(READ, DEPLOY_EXECUTE), sub='dev-1')}"}
    held = client.post("/api/v1/operations", json={"type": "deploy", "args": ARGS}, headers=dev).get_json()
    assert held["operation"]["status"] == "pending", held
    assert local_bus().drain(10)
    approve = wired.posts("#deployments")[0].blocks[1]["elements"][0]

    _press("approve", approve["value"], "U-dev", wired.response_url("U-dev"))  # decided over Pub/Sub
    assert local_bus().drain(10)
    # Refused for that person only: the request keeps its buttons, the note beside them says why,
    # and the requester is told privately.
    [message] = wired.posts("#deployments")
    assert "needs approval" in message.text and "another approver" not in message.text
    assert [e["action_id"] for e in message.blocks[1]["elements"]] == ["approve", "reject"]
    note = message.blocks[0]["text"]["text"]
    assert "<@U-dev> cannot decide" in note and "another approver" in note and "승인" in note
    assert ["another approver" in t for t in wired.told("U-dev")] == [True]
    operation = client.get(f"/api/v1/operations/{held['operation']['id']}", headers=dev).get_json()
    assert operation["status"] == "pending" and cluster.get("deployments", "default", APP) is None
    approve = message.blocks[1]["elements"][0]  # the buttons the channel sees now
    _press("reject", approve["value"], "U-dev", wired.response_url("U-dev"))
    assert local_bus().drain(10)
    assert "Rejected" not in wired.posts("#deployments")[0].text and len(wired.told("U-dev")) == 2

    _press("approve", approve["value"], "U-ops", wired.response_url("U-ops"))
    assert local_bus().drain(10)
    assert "Approved" in wired.posts("#deployments")[0].text
    done = client.get(f"/api/v1/operations/{held['operation']['id']}", headers=dev).get_json()
    assert done["status"] == "succeeded"
    decided = [
        (d.data["actor"], d.data["result"]) for d in get_store().query("audit") if d.data["action"] == "deploy.approve"
    ]
    assert ("ops-1", "ok") in decided and ("dev-1", "ok") not in decided


def test_a_slack_approver_demoted_after_linking_is_refused_at_click_time(
    wired: FakeSlack, cluster: KubeStandIn, client: Any, headers: dict[str, str]
) -> None:
    member("ops-1", "approver")
    _link("ops-1", "U-ops", [READ, DEPLOY_EXECUTE])
    held = client.post("/api/v1/operations", json={"type": "deploy", "args": ARGS}, headers=headers).get_json()
    assert local_bus().drain(10)
    approve = wired.posts("#deployments")[0].blocks[1]["elements"][0]
    member("ops-1", "developer")  # the role changes after the request went out
    _press("approve", approve["value"], response_url=wired.response_url("U-ops"))
    assert local_bus().drain(10)
    [message] = wired.posts("#deployments")
    assert "needs approver" in message.blocks[0]["text"]["text"] and "needs approver" not in message.text
    assert [e["action_id"] for e in message.blocks[1]["elements"]] == ["approve", "reject"]
    assert ["needs approver" in t for t in wired.told("U-ops")] == [True]
    operation = client.get(f"/api/v1/operations/{held['operation']['id']}", headers=headers).get_json()
    assert operation["status"] == "pending"
