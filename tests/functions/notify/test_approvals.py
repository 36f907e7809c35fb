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


class DeployCalls(list[dict[str, Any]]):
    """The calls deploy accepted; ``refuse[sub]`` is the policy's 403 message for that person."""

    def __init__(self) -> None:
        super().__init__()
        self.refuse: dict[str, str] = {}


FOUR_EYES = "you asked for this operation; another approver must decide it (직접 요청한 작업은 승인할 수 없습니다)"


@pytest.fixture
def operations(set_env: Callable[..., None]) -> Iterator[DeployCalls]:
    """A local deploy operations API that checks the delegated token and records each call; it
    answers 403 with deploy's error envelope for the people in ``refuse``, as its policy does."""
    calls = DeployCalls()

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: Any) -> None:
            return

        def do_POST(self) -> None:
            body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            principal = verify(self.headers["Authorization"].removeprefix("Bearer "))
            if principal.sub in calls.refuse:
                error = {"error": {"code": "forbidden", "message": calls.refuse[principal.sub]}}
                self._answer(403, json.dumps(error).encode())
                return
            calls.append({"body": body, "sub": principal.sub, "scopes": sorted(principal.scopes)})
            reply = json.dumps(
                {
                    "type": "deploy",
                    "operation": {"id": "op-1", "kind": "deploy", "args": body["args"], "requested_by": principal.sub},
                    "message": "queued",
                }
            ).encode()
            self._answer(202, reply)

        def _answer(self, status: int, reply: bytes) -> None:
            self.send_response(status)
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


def _press(
    client: flask.testing.FlaskClient, action: str, value: str, user: str = "U1", response_url: str = "", **sign: Any
) -> Any:
    payload: dict[str, Any] = {
        "type": "block_actions",
        "user": {"id": user, "team_id": "T000"},
        "team": {"id": "T000"},
        "actions": [{"action_id": action, "value": value}],
    }
    if response_url:
        payload["response_url"] = response_url
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


@pytest.fixture
def tell(deliver: Callable[..., None]) -> Callable[[], int]:
    """Deliver the refusals queued for the pressers since the last call, once each, as Pub/Sub
    would; how many there were."""
    from klepaas_shared.bus import local_bus

    seen: set[str] = set()

    def deliver_new() -> int:
        new = [p for p in list(local_bus().published) if p[3].get("kind") == "approval_told" and p[1] not in seen]
        for _topic, message_id, data, attributes in new:
            seen.add(message_id)
            deliver("notify_deployment_events", data, attributes)
        return len(new)

    return deliver_new


def _buttons(message: Any) -> list[str]:
    actions = [b for b in message.blocks or [] if b.get("type") == "actions"]
    return [e["action_id"] for b in actions for e in b["elements"]]


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


def test_a_person_deploy_refuses_at_carry_out_leaves_the_buttons_for_another_approver(
    client: flask.testing.FlaskClient,
    slack: FakeSlack,
    deliver: Callable[..., None],
    operations: DeployCalls,
) -> None:
    """The requester presses Approve on their own change (four eyes): deploy refuses them when the
    decision is carried out. That is no outcome of the approval: the message keeps its request text
    and its buttons, a note beside them says who was refused and why, the refused person is told
    privately, and another approver then approves from the same message."""
    value = _request(deliver)
    _link("U-dev", [READ, DEPLOY_EXECUTE], user_id="user-1")  # user-1 asked for this deploy
    _link("U-ops", [READ, DEPLOY_EXECUTE], user_id="user-9")
    operations.refuse["user-1"] = FOUR_EYES
    [message] = slack.posts("#deployments")
    _press(client, "approve", value, "U-dev", slack.response_url("U-dev", message.channel, message.ts))
    _carry_out(deliver)

    assert get_store().get("slack_approvals", "ap-1")["status"] == "pending" and operations == []
    [message] = slack.posts("#deployments")
    assert _buttons(message) == ["approve", "reject"], message.blocks
    assert "프로덕션 배포 승인 요청" in message.text and "직접 요청한" not in message.text  # not an outcome
    note = message.blocks[0]["text"]["text"]
    assert "<@U-dev>" in note and "another approver must decide it" in note and "결정할 수 없습니다" in note
    [told] = slack.told("U-dev")
    assert "결정할 수 없습니다" in told and "another approver must decide it" in told
    [denied] = [d.data for d in get_store().query("audit") if d.data["action"] == "deploy.decide"]
    assert (denied["actor"], denied["result"]) == ("user-1", "denied")

    again = message.blocks[1]["elements"][0]["value"]  # the button the channel sees now
    _press(client, "approve", again, "U-ops", slack.response_url("U-ops", message.channel, message.ts))
    _carry_out(deliver)
    [call] = operations
    assert call["sub"] == "user-9" and get_store().get("slack_approvals", "ap-1")["status"] == "approved"
    [message] = slack.posts("#deployments")
    assert "승인했습니다" in message.text and _buttons(message) == [] and slack.told("U-ops") == []


def test_a_rejection_deploy_refuses_also_keeps_the_buttons_in_english(
    client: flask.testing.FlaskClient,
    slack: FakeSlack,
    deliver: Callable[..., None],
    operations: DeployCalls,
    set_env: Callable[..., None],
) -> None:
    """An approver who lost the role presses Reject on a held operation: deploy refuses; the
    approval stays pending with its buttons and the English note names them."""
    set_env(slack_language="en")
    deliver(
        "notify_deployment_events",
        {"approval_id": "ap-2", "owner": "K-Le-PaaS", "repo": "test01", "args": ARGS, "requested_by": "user-1"}
        | {"operation_id": "op-held"},
        {"kind": "approval_requested"},
    )
    doc = get_store().get("slack_approvals", "ap-2")
    _link("U-ops", [READ, DEPLOY_EXECUTE], user_id="user-9")
    operations.refuse["user-9"] = "your role in test01 is developer; this needs approver"
    [message] = slack.posts("#deployments")
    url = slack.response_url("U-ops", message.channel, message.ts)
    _press(client, "reject", f"ap-2:{doc['args_hash']}", "U-ops", url)
    _carry_out(deliver)
    assert get_store().get("slack_approvals", "ap-2")["status"] == "pending"
    [message] = slack.posts("#deployments")
    assert _buttons(message) == ["approve", "reject"] and "Rejected" not in message.text
    note = message.blocks[0]["text"]["text"]
    assert "<@U-ops> cannot decide this request: your role in test01 is developer" in note
    assert slack.told("U-ops") == ["🙅 You cannot decide this approval request: " + operations.refuse["user-9"]]


def test_a_press_refused_at_the_press_is_told_to_that_person_privately_outside_the_3_s(
    client: flask.testing.FlaskClient,
    slack: FakeSlack,
    deliver: Callable[..., None],
    operations: DeployCalls,
    tell: Callable[[], int],
) -> None:
    """Slack shows nothing of the HTTP answer to a button press: not linked, not allowed and
    already decided reach the presser as an ephemeral message through response_url, posted by the
    consumer (a slow Slack does not hold the answer), and the channel's message is untouched."""
    value = _request(deliver)
    _link("U-viewer", [READ], user_id="viewer")
    [message] = slack.posts("#deployments")
    before = (message.text, json.dumps(message.blocks), len(message.updates))

    def url(user: str) -> str:
        return slack.response_url(user, message.channel, message.ts)

    slack.state.queued_delays = [5.0]  # Slack's next call is slow: no press waits for it
    started = time.monotonic()
    stranger = _press(client, "approve", value, "U-stranger", url("U-stranger"))
    viewer = _press(client, "approve", value, "U-viewer", url("U-viewer"))
    assert time.monotonic() - started < 3 and stranger.status_code == viewer.status_code == 200
    assert slack.told("U-stranger") == [] and tell() == 2  # queued, then posted by the consumer
    assert slack.told("U-stranger") == [stranger.get_json()["text"]]
    assert "연결된 K-Le-PaaS 계정이 없습니다" in stranger.get_json()["text"]
    assert slack.told("U-viewer") == [viewer.get_json()["text"]] and "배포 권한이 없어" in viewer.get_json()["text"]
    [message] = slack.posts("#deployments")
    assert (message.text, json.dumps(message.blocks), len(message.updates)) == before  # the channel sees nothing

    _link("U1", [READ, DEPLOY_EXECUTE])
    _press(client, "approve", value, "U1", url("U1"))  # accepted: nobody is told anything
    _carry_out(deliver)
    _link("U-late", [READ, DEPLOY_EXECUTE], user_id="user-late")
    late = _press(client, "reject", value, "U-late", url("U-late"))
    assert tell() == 1 and slack.told("U1") == []
    assert late.status_code == 200 and slack.told("U-late") == [late.get_json()["text"]]
    assert "이미 처리된" in late.get_json()["text"]
    assert "승인했습니다" in slack.posts("#deployments")[0].text and len(operations) == 1
    assert [e["response_type"] for _, e in slack.state.ephemerals] == ["ephemeral"] * 3
    assert all(e["replace_original"] is False for _, e in slack.state.ephemerals)


def test_a_refusal_slack_fails_to_take_is_retried_by_pubsub_and_a_used_up_url_is_dropped(
    client: flask.testing.FlaskClient,
    slack: FakeSlack,
    deliver: Callable[..., None],
    operations: DeployCalls,
) -> None:
    """The post to response_url is the consumer's: Slack failing it raises for Pub/Sub to
    redeliver (that message alone); a response_url Slack no longer takes is dropped, not retried."""
    from klepaas_shared.bus import local_bus
    from klepaas_shared.errors import KlepaasError

    value = _request(deliver)
    url = slack.response_url("U-stranger")
    _press(client, "approve", value, "U-stranger", url)
    [(_topic, _id, data, attributes)] = [p for p in local_bus().published if p[3].get("kind") == "approval_told"]
    slack.state.queued_faults = [503] * 3  # every try of this delivery fails
    with pytest.raises(KlepaasError) as caught:
        deliver("notify_deployment_events", data, attributes)
    assert caught.value.retryable and slack.told("U-stranger") == []
    deliver("notify_deployment_events", data, attributes)  # Pub/Sub redelivers
    assert len(slack.told("U-stranger")) == 1
    slack.state.response_urls[url.removeprefix(slack.url)].uses = 5  # Slack's limit: nobody can be told now
    deliver("notify_deployment_events", data, attributes)  # acked, not retried
    assert len(slack.told("U-stranger")) == 1


@pytest.mark.parametrize(
    "url",
    [
        "https://attacker.example/actions/T000/1/x",
        "http://hooks.slack.com/actions/T000/1/x",
        "https://hooks.slack.com.attacker.example/actions/T000/1/x",
        "https://hooks.slack.com@attacker.example/actions/T000/1/x",
        "https://user@hooks.slack.com/actions/T000/1/x",
        "https://hooks.slack.com:8443/actions/T000/1/x",
        "https://hooks.slack.com/",
        "https://hooks.slack.com/actions/T000/1/x\nHost: attacker.example",
        "https://hooks.slack.com/actions/T000/1/\x7f",
        "https://hooks.slack.com/actions/T000/1/승인",
        "file:///etc/passwd",
        "//hooks.slack.com/actions/T000/1/x",
    ],
)
def test_a_response_url_that_is_not_slacks_is_a_400_and_claims_nothing(
    client: flask.testing.FlaskClient, slack: FakeSlack, deliver: Callable[..., None], url: str
) -> None:
    from klepaas_shared.bus import local_bus

    value = _request(deliver)
    _link("U1", [READ, DEPLOY_EXECUTE])
    reply = _press(client, "approve", value, "U1", url)
    assert reply.status_code == 400 and "response_url" in reply.get_json()["error"]["message"]
    assert get_store().get("slack_approvals", "ap-1")["status"] == "pending"
    assert not [p for p in local_bus().published if p[3].get("kind") in ("approval_decided", "approval_told")]


def test_only_slacks_hooks_host_and_in_local_or_test_the_stand_in_are_response_urls(
    slack: FakeSlack, monkeypatch: pytest.MonkeyPatch
) -> None:
    from klepaas_notify.slack.responses import allowed

    from .conftest import clear_notify_caches

    assert allowed("https://hooks.slack.com/actions/T000/123/abc")
    assert allowed("https://hooks.slack.com:443/app/T000/123/abc")
    stand_in = slack.response_url("U1")
    assert allowed(stand_in) and not allowed(stand_in.replace("127.0.0.1", "127.0.0.2"))
    monkeypatch.setenv("KLEPAAS_ENV", "production")  # the stand-in's setting is ignored outside local and test
    clear_notify_caches()
    assert not allowed(stand_in) and allowed("https://hooks.slack.com/actions/T000/123/abc")
