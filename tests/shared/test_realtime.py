"""The console's realtime messages (FRONTEND_API §1.9) from deployment events, and their fan-out."""

from __future__ import annotations

import json

from klepaas_shared.contracts import DeploymentEvent, ErrorInfo
from klepaas_shared.realtime import Hub, messages_for, reply_to


def event(kind: str, **fields: object) -> DeploymentEvent:
    return DeploymentEvent.model_validate({"deployment_id": 7, "type": kind, "owner": "o", "repo": "r", **fields})


def test_a_successful_stage_is_progress_100_then_completed_with_its_duration() -> None:
    progress, done = messages_for(event("stage_completed", stage="sourcebuild", status="success", duration_s=2.5))
    assert progress == {
        "type": "stage_progress",
        "deployment_id": "7",
        "timestamp": progress["timestamp"],
        "stage": "sourcebuild",
        "progress": 100,
        "elapsed_time": 2.5,
    }
    assert (done["type"], done["status"], done["duration"], done["data"]["duration"]) == (
        "stage_completed",
        "success",
        2.5,
        2.5,
    )


def test_a_failure_names_its_stage_but_never_its_reason_the_channel_has_no_auth() -> None:
    secret_reason = "git ls-remote failed: fatal: /srv/private/path"
    [done] = messages_for(
        event(
            "stage_completed",
            stage="sourcecommit",
            status="failed",
            message=secret_reason,
            error=ErrorInfo(code="git", message=secret_reason, stage="sourcecommit"),
        )
    )
    assert done["status"] == "failed" and "sourcecommit failed" in done["data"]["message"]
    assert "/srv/private" not in json.dumps(done) and "o/r" not in json.dumps(done)


def test_start_and_completion_carry_what_the_monitor_reads() -> None:
    [started] = messages_for(event("deployment_started"))
    assert started["type"] == "deployment_started" and started["started_at"] == started["timestamp"]
    [completed] = messages_for(event("deployment_completed", status="success", duration_s=9.0))
    assert (completed["status"], completed["total_duration"], completed["data"]["total_duration"]) == (
        "success",
        9.0,
        9.0,
    )
    [rolled] = messages_for(event("rollback_completed", status="failed"))
    assert (rolled["type"], rolled["status"]) == ("deployment_completed", "failed")


def test_scale_restart_and_eventless_ids_say_nothing() -> None:
    assert messages_for(event("scaled", status="success")) == []
    assert messages_for(event("restarted", status="success")) == []
    assert messages_for(event("deployment_completed", deployment_id=0)) == []


def test_every_client_gets_every_message_and_a_slow_one_keeps_the_newest() -> None:
    hub = Hub(backlog=2)
    first, second = hub.join(), hub.join()
    for stage in ("sourcecommit", "sourcebuild"):
        assert hub.publish(event("stage_started", stage=stage)) == 2
    hub.leave(second)
    hub.publish(event("stage_started", stage="sourcedeploy"))
    assert [json.loads(first.get_nowait())["stage"] for _ in range(2)] == ["sourcebuild", "sourcedeploy"]
    assert second.qsize() == 2


def test_a_ping_is_answered_with_a_pong_and_anything_else_with_nothing() -> None:
    answer = reply_to('{"type": "ping"}')
    assert answer is not None and answer["type"] == "pong"
    assert reply_to('{"type": "subscribe", "subscriber_id": "s", "user_id": "u"}') is None
    assert reply_to("not json") is None and reply_to("[" * 100_000) is None


def test_one_decision_for_both_relays_an_approval_request_or_a_stray_message_is_not_relayed() -> None:
    from klepaas_shared.contracts import APPROVAL_KIND, ApprovalRequest
    from klepaas_shared.realtime import relayed

    request = ApprovalRequest(owner="o", repo="r", args={"environment": "production"}, requested_by="alice")
    assert relayed(request.model_dump_json().encode(), {"kind": APPROVAL_KIND}) is None
    assert relayed(request.model_dump_json().encode(), {}) is None  # not an event, even unmarked
    assert relayed(b"not json", {}) is None
    sent = event("stage_started", stage="sourcebuild")
    assert relayed(sent.model_dump_json().encode(), {"origin": "deploy"}) == sent
