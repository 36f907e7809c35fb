"""notify under faults: Slack answering errors or slow, deliveries duplicated and reordered, the
store crashing at any write. Each deployment ends as one Slack message in its final state: never
lost (the event is nacked and redelivered), never posted twice."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from klepaas_fakes.env import klepaas_env
from klepaas_fakes.slack import FakeSlack, SlackState, slack_server
from klepaas_shared.contracts import TOPIC_DEPLOYMENT_EVENTS
from klepaas_shared.errors import KlepaasError
from klepaas_shared.store import get_store

from .faults_support import FailingWrites, event, main_of, snapshot


def _clear_notify() -> None:
    from klepaas_notify import settings as notify_settings
    from klepaas_notify.deploys import decisions
    from klepaas_notify.messages import render
    from klepaas_notify.slack import senders

    for cached in (notify_settings.notify_settings, senders.get_sender, senders.limiter, render.environment):
        cached.cache_clear()
    decisions.operations_client.cache_clear()


@pytest.fixture
def slack() -> Iterator[FakeSlack]:
    with slack_server(SlackState(channel_rate_per_s=100, channel_burst=50)) as fake:
        env = {
            "KLEPAAS_SLACK_BOT_TOKEN": "xoxb-test-token",
            "KLEPAAS_SLACK_API_URL": fake.api_url,
            "KLEPAAS_SLACK_WEBHOOK_URL": "",
            "KLEPAAS_SLACK_TOKEN_KEY": "token-key-for-tests",
            "KLEPAAS_SLACK_REPO_CHANNELS": "{}",
            "KLEPAAS_SLACK_RATE_PER_S": "50",
            "KLEPAAS_SLACK_BURST": "20",
        }
        with klepaas_env(env):
            _clear_notify()
            yield fake
        _clear_notify()


def _events(deployment_id: int, outcome: str = "success") -> list[dict[str, Any]]:
    base = {"deployment_id": deployment_id, "owner": "K-Le-PaaS", "repo": "test01", "environment": "staging"}
    stages = [
        {**base, "event_id": f"{deployment_id}-{n}", "type": "stage_completed", "stage": stage, "status": "success"}
        for n, stage in enumerate(("sourcecommit", "sourcebuild", "sourcedeploy"), start=2)
    ]
    final = {
        **base,
        "event_id": f"{deployment_id}-9",
        "type": "deployment_completed" if outcome == "success" else "deployment_failed",
        "status": outcome,
    }
    return [{**base, "event_id": f"{deployment_id}-1", "type": "deployment_started"}, *stages, final]


def _deliver(message: dict[str, Any], *, message_id: str | None = None, attempts: int = 5) -> int:
    """Deliver until acked, as Pub/Sub does (nacks retried); returns the deliveries it took."""
    for attempt in range(1, attempts + 1):
        try:
            main_of("notify").notify_deployment_events(
                event(TOPIC_DEPLOYMENT_EVENTS, message, message_id=message_id or f"m-{message['event_id']}")
            )
            return attempt
        except KlepaasError as exc:
            assert exc.retryable, exc
    raise AssertionError(f"event {message['event_id']} was never acked")


def _top_level(slack: FakeSlack) -> list[Any]:
    return [m for m in slack.posts() if m.thread_ts is None]


def _assert_one_final_message(slack: FakeSlack, deployment_id: int) -> None:
    tops = _top_level(slack)
    assert len(tops) == 1, [m.text for m in tops]
    state = get_store().get("slack_deployments", str(deployment_id))
    assert state is not None and state["slack"]["ts"] == tops[0].ts
    assert "배포 성공" in tops[0].text, tops[0].text  # the final state (Korean, the default language)


def test_slack_errors_and_slowness_are_retried_to_one_message_in_its_final_state(slack: FakeSlack) -> None:
    # every kind of trouble, enough of it to outlast the sender's own retries on the first event
    slack.state.queued_faults.extend([503] * 6 + [500, 429, 502])
    slack.state.queued_delays.extend([0.3, 0.0, 0.3])
    deliveries = [_deliver(m) for m in _events(7)]
    assert deliveries[0] > 1  # the first event was nacked and redelivered
    _assert_one_final_message(slack, 7)


@settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_duplicated_and_reordered_deliveries_end_in_one_message_in_the_final_state(data: st.DataObject) -> None:
    with slack_server(SlackState(channel_rate_per_s=100, channel_burst=50)) as fake:
        env = {"KLEPAAS_SLACK_BOT_TOKEN": "xoxb-test-token", "KLEPAAS_SLACK_API_URL": fake.api_url}
        with klepaas_env({**env, "KLEPAAS_SLACK_RATE_PER_S": "50", "KLEPAAS_SLACK_BURST": "20"}):
            _clear_notify()
            events = _events(8)
            doubled = events + data.draw(st.lists(st.sampled_from(events), max_size=5))
            for message in data.draw(st.permutations(doubled)):
                # a duplicate is sometimes a redelivery (same message id), sometimes a republish
                same_id = data.draw(st.booleans())
                _deliver(message, message_id=None if same_id else f"re-{message['event_id']}-{len(fake.posts())}")
            _assert_one_final_message(fake, 8)
        _clear_notify()


def test_a_store_crash_at_any_write_posts_at_most_once_and_the_redelivery_finishes(slack: FakeSlack) -> None:
    probe = FailingWrites(get_store(), nth=10**6)
    with probe.armed():
        for message in _events(1):
            _deliver(message)
    total = probe.count
    for key in list(snapshot()):
        get_store().delete(*key)
    slack.state.messages.clear()
    stuck: list[int] = []
    for nth in range(1, total + 1):
        deployment_id = 100 + nth
        with FailingWrites(get_store(), nth).armed() as faults:
            for message in _events(deployment_id):
                _try_once(message)
        assert faults.failed
        for message in _events(deployment_id):  # Pub/Sub redelivers what was nacked (and duplicates)
            _try_once(message)
        tops = [m for m in _top_level(slack) if _deployment_of(m) == deployment_id]
        assert len(tops) <= 1, (nth, [m.text for m in tops])
        if not tops:  # not lost: the post is claimed, and redeliveries are nacked until the claim lapses
            state = get_store().get("slack_deployments", str(deployment_id)) or {}
            assert state.get("slack", {}).get("claimed_until"), (nth, state)
            assert not _try_once(_events(deployment_id)[-1]) or state.get("slack", {}).get("ts"), nth
            stuck.append(nth)
    assert len(stuck) <= 2, stuck  # only a crash right after Slack accepted the post waits for the lease


def _try_once(message: dict[str, Any]) -> bool:
    try:
        main_of("notify").notify_deployment_events(
            event(TOPIC_DEPLOYMENT_EVENTS, message, message_id=f"m-{message['event_id']}")
        )
    except KlepaasError as exc:
        assert exc.retryable, exc
        return False
    return True


def _deployment_of(message: Any) -> int | None:
    for doc in get_store().query("slack_deployments"):
        if doc.data.get("slack", {}).get("ts") == message.ts:
            return int(doc.id)
    return None
