"""Approve / Reject in Slack: signed interactions confirm exactly the pending deploy."""

from __future__ import annotations

import json
import threading
import time
import urllib.parse
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import flask.testing
import pytest

from klepaas_fakes.slack import FakeSlack, signed_headers
from klepaas_shared.auth import DEPLOY_EXECUTE, READ, verify
from klepaas_shared.store import get_store

SECRET = "slack-signing-secret-for-tests"
ARGS = {"github_owner": "K-Le-PaaS", "github_repo": "test01", "environment": "production", "commit_sha": "abc1234"}


@pytest.fixture
def operations(set_env: Callable[..., None]) -> Iterator[list[dict[str, Any]]]:
    """A local deploy operations API that checks the delegated token and records each call."""
    calls: list[dict[str, Any]] = []

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: Any) -> None:
            return

        def do_POST(self) -> None:
            body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            principal = verify(self.headers["Authorization"].removeprefix("Bearer "))
            calls.append({"body": body, "sub": principal.sub, "scopes": sorted(principal.scopes)})
            reply = json.dumps(
                {
                    "type": "deploy",
                    "operation": {"id": "op-1", "kind": "deploy", "args": body["args"], "requested_by": principal.sub},
                    "message": "queued",
                }
            ).encode()
            self.send_response(202)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(reply)))
            self.end_headers()
            self.wfile.write(reply)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    set_env(api_base_url=f"http://127.0.0.1:{server.server_address[1]}")
    yield calls
    server.shutdown()
    server.server_close()


def _link(slack_user: str, scopes: list[str], user_id: str = "user-9") -> None:
    get_store().set(
        "slack_installs",
        user_id,
        {"user_id": user_id, "team_id": "T000", "slack_user_id": slack_user, "scopes": scopes, "token": "-"},
    )


def _request(deliver: Callable[..., None]) -> str:
    deliver(
        "notify_deployment_events",
        {"approval_id": "ap-1", "owner": "K-Le-PaaS", "repo": "test01", "args": ARGS, "requested_by": "user-1"},
        {"kind": "approval_requested"},
    )
    doc = get_store().get("slack_approvals", "ap-1")
    assert doc is not None and doc["status"] == "pending"
    return f"ap-1:{doc['args_hash']}"


def _press(client: flask.testing.FlaskClient, action: str, value: str, user: str = "U1", **sign: Any) -> Any:
    payload = {
        "type": "block_actions",
        "user": {"id": user, "team_id": "T000"},
        "team": {"id": "T000"},
        "actions": [{"action_id": action, "value": value}],
    }
    body = urllib.parse.urlencode({"payload": json.dumps(payload)}).encode()
    return client.post(
        "/api/v1/slack/interactions",
        data=body,
        headers=signed_headers(sign.get("secret", SECRET), body, at=sign.get("at")),
    )


def _carry_out(deliver: Callable[..., None]) -> None:
    """Deliver the decisions the presses published, as Pub/Sub would (again: a redelivery is harmless)."""
    from klepaas_shared.bus import local_bus

    for _topic, _id, data, attributes in list(local_bus().published):
        if attributes.get("kind") == "approval_decided":
            deliver("notify_deployment_events", data, attributes)


def test_the_request_is_posted_with_buttons(slack: FakeSlack, deliver: Callable[..., None]) -> None:
    value = _request(deliver)
    [message] = slack.posts("#deployments")
    buttons = message.blocks[1]["elements"]
    assert [b["action_id"] for b in buttons] == ["approve", "reject"] and buttons[0]["value"] == value
    assert "프로덕션 배포 승인 요청" in message.text


def test_an_approval_deploys_the_exact_operation_once(
    client: flask.testing.FlaskClient, slack: FakeSlack, deliver: Callable[..., None], operations: list[Any]
) -> None:
    value = _request(deliver)
    _link("U1", [READ, DEPLOY_EXECUTE])
    started = time.monotonic()
    reply = _press(client, "approve", value)
    assert reply.status_code == 200 and time.monotonic() - started < 3
    assert "처리하고 있습니다" in reply.get_json()["text"] and operations == []  # decided over Pub/Sub
    _carry_out(deliver)
    [call] = operations
    assert call["body"]["args"] == ARGS and call["body"]["operation_id"] == "slack-approval-ap-1"
    assert call["body"]["source"] == "slack" and call["sub"] == "user-9"
    assert get_store().get("slack_approvals", "ap-1")["status"] == "approved"
    assert "승인했습니다" in slack.posts("#deployments")[0].text  # the buttons are replaced
    again = _press(client, "approve", value)
    assert "이미 처리된" in again.get_json()["text"] and len(operations) == 1


def test_only_users_allowed_to_deploy_can_approve(
    client: flask.testing.FlaskClient, slack: FakeSlack, deliver: Callable[..., None], operations: list[Any]
) -> None:
    value = _request(deliver)
    assert "연결된 K-Le-PaaS 계정이 없습니다" in _press(client, "approve", value, user="U-stranger").get_json()["text"]
    _link("U2", [READ], user_id="viewer")
    assert "배포 권한이 없어" in _press(client, "approve", value, user="U2").get_json()["text"]
    assert operations == [] and get_store().get("slack_approvals", "ap-1")["status"] == "pending"


def test_a_rejection_deploys_nothing(
    client: flask.testing.FlaskClient, slack: FakeSlack, deliver: Callable[..., None], operations: list[Any]
) -> None:
    value = _request(deliver)
    _link("U1", [READ, DEPLOY_EXECUTE])
    assert "처리하고 있습니다" in _press(client, "reject", value).get_json()["text"]
    _carry_out(deliver)
    assert operations == [] and get_store().get("slack_approvals", "ap-1")["status"] == "rejected"
    assert "거절했습니다" in slack.posts("#deployments")[0].text


def test_a_changed_operation_cannot_be_approved(
    client: flask.testing.FlaskClient, slack: FakeSlack, deliver: Callable[..., None], operations: list[Any]
) -> None:
    _request(deliver)
    _link("U1", [READ, DEPLOY_EXECUTE])
    assert _press(client, "approve", "ap-1:" + "0" * 32).status_code == 404
    assert operations == []


def test_bad_or_stale_signatures_are_401(
    client: flask.testing.FlaskClient, slack: FakeSlack, deliver: Callable[..., None], operations: list[Any]
) -> None:
    value = _request(deliver)
    _link("U1", [READ, DEPLOY_EXECUTE])
    assert _press(client, "approve", value, secret="wrong").status_code == 401
    assert _press(client, "approve", value, at=int(time.time()) - 301).status_code == 401
    assert operations == [] and get_store().get("slack_approvals", "ap-1")["status"] == "pending"


def test_an_approval_deploy_does_not_answer_stays_pending_and_is_carried_out_on_redelivery(
    client: flask.testing.FlaskClient,
    slack: FakeSlack,
    deliver: Callable[..., None],
    operations: list[Any],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Issue 16, item 4: Slack's 3 s never wait on deploy, and an outcome deploy did not give is
    shown as pending, never as failed."""
    import os

    from klepaas_fakes.services import free_port
    from klepaas_notify.deploys import decisions
    from klepaas_shared import settings
    from klepaas_shared.errors import KlepaasError

    def deploy_at(url: str) -> None:  # the same instance (and store), deploy somewhere else
        monkeypatch.setenv("KLEPAAS_API_BASE_URL", url)
        settings.common.cache_clear()
        decisions.operations_client.cache_clear()

    value = _request(deliver)
    _link("U1", [READ, DEPLOY_EXECUTE])
    reachable = os.environ["KLEPAAS_API_BASE_URL"]
    deploy_at(f"http://127.0.0.1:{free_port()}")  # deploy is down
    started = time.monotonic()
    reply = _press(client, "approve", value)
    assert reply.status_code == 200 and time.monotonic() - started < 3
    assert "처리하고 있습니다" in reply.get_json()["text"], reply.get_json()
    with pytest.raises(KlepaasError) as caught:  # the consumer re-raises: Pub/Sub retries
        _carry_out(deliver)
    assert caught.value.retryable
    assert get_store().get("slack_approvals", "ap-1")["status"] == "deciding"
    shown = slack.posts("#deployments")[0].text
    assert "처리하고 있습니다" in shown and "못했습니다" not in shown
    deploy_at(reachable)  # deploy is back; Pub/Sub redelivers
    _carry_out(deliver)
    assert len(operations) == 1 and get_store().get("slack_approvals", "ap-1")["status"] == "approved"
    assert "승인했습니다" in slack.posts("#deployments")[0].text


def test_a_press_is_answered_within_3_s_while_slack_is_slow_and_the_message_ends_with_the_outcome(
    client: flask.testing.FlaskClient, slack: FakeSlack, deliver: Callable[..., None], operations: list[Any]
) -> None:
    """Issue 16, deadlines: the interaction only verifies, claims and queues; both edits of the
    message ("deciding…", then the outcome) are the consumer's, in that order, so a Slack that
    takes 5 s over an edit neither delays the answer nor leaves "deciding…" over the outcome."""
    value = _request(deliver)
    _link("U1", [READ, DEPLOY_EXECUTE])
    slack.state.queued_delays = [5.0]  # Slack's next call takes 5 s
    started = time.monotonic()
    reply = _press(client, "approve", value)
    assert reply.status_code == 200 and time.monotonic() - started < 3, time.monotonic() - started
    assert "처리하고 있습니다" in reply.get_json()["text"]
    _carry_out(deliver)  # the slow edit is the consumer's "deciding…"; the outcome follows it
    [message] = slack.posts("#deployments")
    assert "승인했습니다" in message.text and len(operations) == 1
    assert [u["text"] for u in message.updates][1:] == ["⏳ <@U1> 님의 결정을 처리하고 있습니다…"]


def test_a_deciding_edit_landing_after_the_outcome_is_followed_by_the_outcome_again(
    client: flask.testing.FlaskClient, slack: FakeSlack, deliver: Callable[..., None], operations: list[Any]
) -> None:
    """Two deliveries of one decision: the first one's "deciding…" edit is slow and lands after the
    second one showed the outcome; the outcome is shown again after it, and deploy is asked once."""
    from klepaas_shared.bus import local_bus

    value = _request(deliver)
    _link("U1", [READ, DEPLOY_EXECUTE])
    _press(client, "approve", value)
    [(_topic, _id, data, attributes)] = [p for p in local_bus().published if p[3].get("kind") == "approval_decided"]
    slack.state.queued_delays = [5.0]
    slow = threading.Thread(target=deliver, args=("notify_deployment_events", data, attributes))
    slow.start()
    time.sleep(1.0)  # its "deciding…" edit is on its way
    deliver("notify_deployment_events", data, attributes)  # a second delivery carries it out
    assert "승인했습니다" in slack.posts("#deployments")[0].text
    slow.join(30)
    assert "승인했습니다" in slack.posts("#deployments")[0].text and len(operations) == 1


def test_a_decision_nothing_carried_out_is_opened_again_by_maintenance_after_its_lease(
    client: flask.testing.FlaskClient, slack: FakeSlack, deliver: Callable[..., None], operations: list[Any]
) -> None:
    """Issue 16, crashes: an approval claimed for a decision nothing carries out (notify died after
    the claim, or the decision was dead-lettered) does not stay "deciding" forever: after its lease,
    maintenance opens it again with its buttons, shows the outcome as unknown, and audits it."""
    from klepaas_shared.clock import iso, now

    value = _request(deliver)
    _link("U1", [READ, DEPLOY_EXECUTE])
    _press(client, "approve", value)  # claimed and queued; the decision is never delivered
    deliver("notify_maintenance", {"task": "end_stuck_work"})
    assert get_store().get("slack_approvals", "ap-1")["status"] == "deciding"  # within its lease
    get_store().update("slack_approvals", "ap-1", {"lease_until": iso(now())})  # the lease ran out
    deliver("notify_maintenance", {"task": "end_stuck_work"})
    assert get_store().get("slack_approvals", "ap-1")["status"] == "pending"
    [message] = slack.posts("#deployments")
    assert "알 수 없습니다" in message.text or "알 수 없습니다" in json.dumps(message.blocks, ensure_ascii=False)
    assert [b["action_id"] for b in message.blocks[1]["elements"]] == ["approve", "reject"]
    [ended] = [d.data for d in get_store().query("audit") if d.data["source"] == "maintenance"]
    assert (ended["action"], ended["result"], ended["details"]["approval_id"]) == ("deploy.decide", "unknown", "ap-1")
    _carry_out(deliver)  # the lost decision turns up after all: it no longer applies
    assert operations == []
    _press(client, "approve", value)  # decided again, carried out once
    _carry_out(deliver)
    assert len(operations) == 1 and get_store().get("slack_approvals", "ap-1")["status"] == "approved"
    assert "승인했습니다" in slack.posts("#deployments")[0].text
