"""One Slack message per deployment, through the notify_deployment_events entry point."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from klepaas_fakes.slack import FakeSlack
from klepaas_notify.crypto import encrypt
from klepaas_shared.idempotency import InFlight
from klepaas_shared.store import get_store

Deliver = Callable[..., None]


def event(kind: str, n: int, **extra: Any) -> dict[str, Any]:
    return {
        "event_id": f"ev-{n}",
        "deployment_id": 7,
        "type": kind,
        "owner": "K-Le-PaaS",
        "repo": "test01",
        "environment": "staging",
        "commit": {"sha": "abc1234def", "message": "Fix the <login> page", "author": "dev"},
        "requested_by": "user-1",
        **extra,
    }


def run_through(deliver: Deliver) -> None:
    deliver("notify_deployment_events", event("deployment_started", 1))
    for n, stage in enumerate(("sourcecommit", "sourcebuild", "sourcedeploy"), start=2):
        deliver("notify_deployment_events", event("stage_completed", n, stage=stage, status="success"))
    deliver("notify_deployment_events", event("deployment_completed", 9, status="success", duration_s=42.0))


def test_a_deployment_is_one_message_updated_as_stages_complete(slack: FakeSlack, deliver: Deliver) -> None:
    run_through(deliver)
    [message] = slack.posts("#deployments")
    assert message.text.startswith("✅ 배포 성공 · K-Le-PaaS/test01 (staging)")
    assert "✅ 이미지 빌드" in message.text and "소요 시간: 42s" in message.text
    assert len(message.updates) == 4
    assert message.updates[0]["text"].startswith("🚀 배포 시작")
    assert message.blocks[0]["type"] == "header"
    assert "&lt;login&gt;" in str(message.blocks)  # user text is escaped for mrkdwn


def test_a_failure_gets_a_thread_reply_and_the_quota_channel(slack: FakeSlack, deliver: Deliver) -> None:
    deliver("notify_deployment_events", event("deployment_started", 1))
    error = {"code": "rate_limited", "message": "registry quota exceeded", "stage": "sourcebuild"}
    deliver("notify_deployment_events", event("deployment_completed", 2, status="failed", error=error))
    [main] = slack.posts("#deployments")[:1]
    thread = [m for m in slack.posts("#deployments") if m.thread_ts == main.ts]
    assert main.text.startswith("❌ 배포 실패")
    assert len(thread) == 1 and "registry quota exceeded" in thread[0].text and "rate_limited" in thread[0].text
    assert len(slack.posts("#quota")) == 1 and slack.posts("#credentials") == []


def test_the_same_event_twice_posts_once(slack: FakeSlack, deliver: Deliver) -> None:
    deliver("notify_deployment_events", event("deployment_started", 1))
    deliver("notify_deployment_events", event("deployment_started", 1))  # a new Pub/Sub message, same event
    failed = event("deployment_completed", 2, status="failed", error={"code": "build_failed", "message": "x"})
    deliver("notify_deployment_events", failed)
    deliver("notify_deployment_events", failed)
    assert len(slack.posts()) == 2  # the message and one thread reply
    assert len(slack.posts()[0].updates) == 1


def test_events_out_of_order_end_in_the_final_state(slack: FakeSlack, deliver: Deliver) -> None:
    deliver("notify_deployment_events", event("deployment_completed", 9, status="success"))
    deliver("notify_deployment_events", event("stage_started", 3, stage="sourcebuild", status="running"))
    deliver("notify_deployment_events", event("deployment_started", 1))
    [message] = slack.posts()
    assert message.text.startswith("✅ 배포 성공")


def test_a_broken_template_falls_back_to_plain_text(
    slack: FakeSlack, deliver: Deliver, tmp_path: Path, set_env: Callable[..., None]
) -> None:
    (tmp_path / "deployment.txt.j2").write_text("{{ no_such_variable.attribute }}")
    set_env(slack_templates_dir=str(tmp_path))
    deliver("notify_deployment_events", event("deployment_started", 1))
    [message] = slack.posts()
    assert message.text.startswith("🚀 배포 시작 · K-Le-PaaS/test01 (staging)") and message.blocks is None


def test_a_configured_template_replaces_the_packaged_one(
    slack: FakeSlack, deliver: Deliver, tmp_path: Path, set_env: Callable[..., None]
) -> None:
    (tmp_path / "deployment.txt.j2").write_text("{{ owner }}/{{ repo }} is {{ status }}")
    set_env(slack_templates_dir=str(tmp_path), slack_repo_channels='{"K-Le-PaaS/test01": "#team-a"}')
    deliver("notify_deployment_events", event("deployment_started", 1))
    assert [m.text for m in slack.posts("#team-a")] == ["K-Le-PaaS/test01 is running"]


def test_english_messages_on_request(slack: FakeSlack, deliver: Deliver, set_env: Callable[..., None]) -> None:
    set_env(slack_language="en")
    deliver("notify_deployment_events", event("rollback_completed", 1, status="success"))
    assert slack.posts()[0].text.startswith("🔄 Rollback completed")


def test_the_requester_gets_a_direct_message_when_connected(slack: FakeSlack, deliver: Deliver) -> None:
    slack.state.bot_tokens.add("xoxb-user-workspace")
    get_store().set(
        "slack_installs",
        "user-1",
        {"user_id": "user-1", "team_id": "T000", "slack_user_id": "U42", "token": encrypt("xoxb-user-workspace")},
    )
    run_through(deliver)
    [dm] = slack.posts("DU42")
    assert dm.text.startswith("✅ 배포 성공")


def test_console_mode_writes_readable_messages_to_the_log(deliver: Deliver, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level("INFO", logger="klepaas.notify.slack"):
        deliver("notify_deployment_events", event("deployment_started", 1))
    [line] = [r.getMessage() for r in caplog.records if r.name == "klepaas.notify.slack"]
    assert line.startswith("[slack → #deployments]\n🚀 배포 시작 · K-Le-PaaS/test01")
    assert get_store().get("slack_deployments", "7")["slack"]["ts"]


def test_an_invalid_event_is_acked_and_writes_nothing(slack: FakeSlack, deliver: Deliver) -> None:
    deliver("notify_deployment_events", {"type": "deployment_started"})
    deliver("notify_deployment_events", b"\xff not json")
    assert slack.posts() == [] and get_store().query("slack_deployments") == []


def test_with_an_incoming_webhook_the_start_and_the_outcome_are_posted(
    deliver: Deliver, set_env: Callable[..., None]
) -> None:
    from klepaas_fakes.slack import SlackState, slack_server

    with slack_server(SlackState()) as fake:
        set_env(slack_webhook_url=fake.webhook_url)
        run_through(deliver)
        texts = [post["text"] for post in fake.state.webhook_posts]
    assert len(texts) == 2
    assert texts[0].startswith("🚀 배포 시작") and texts[1].startswith("✅ 배포 성공")


def test_a_redelivered_failure_does_not_repeat_the_posts_that_went_out(slack: FakeSlack, deliver: Deliver) -> None:
    """Issue 16, item 8: the thread reply and the error-channel post have keys of their own."""
    from klepaas_shared.errors import KlepaasError

    deliver("notify_deployment_events", event("deployment_started", 1))
    error = {"code": "rate_limited", "message": "registry quota exceeded", "stage": "sourcebuild"}
    failed = event("deployment_completed", 2, status="failed", error=error)
    slack.state.channel_faults["#quota"] = [500] * 6  # every attempt of the error-channel post
    with pytest.raises(KlepaasError):
        deliver("notify_deployment_events", failed)
    deliver("notify_deployment_events", failed)  # Pub/Sub's redelivery
    [main, *thread] = slack.posts("#deployments")
    assert main.text.startswith("❌ 배포 실패") and [m.thread_ts for m in thread] == [main.ts]
    assert len(slack.posts("#quota")) == 1


def test_an_event_arriving_while_the_first_post_is_under_way_waits_for_it_not_fails(
    slack: FakeSlack, deliver: Deliver
) -> None:
    """The first-run walk logged "will retry … InFlight" warnings: an update that found the first post
    under way failed as an error, and the bus, counting it an attempt, could bury it before a slow post ended."""
    slack.state.queued_delays.append(1.5)
    first = threading.Thread(target=deliver, args=("notify_deployment_events", event("deployment_started", 1)))
    first.start()
    try:
        time.sleep(0.3)
        with pytest.raises(InFlight) as busy:
            deliver("notify_deployment_events", event("stage_completed", 2, stage="sourcebuild", status="success"))
        assert busy.value.retry_after_s is not None and 0 < busy.value.retry_after_s <= 1.0
    finally:
        first.join()
    deliver("notify_deployment_events", event("stage_completed", 2, stage="sourcebuild", status="success"))
    [message] = slack.posts("#deployments")
    assert len(message.updates) == 1 and "✅ 이미지 빌드" in message.text
