"""Issue 9: deployment events in and Slack messages out per second across 20 channels, each held
under Slack's ~1 message/s per channel; then the same with the Slack stand-in answering 429 or
5xx to half the calls: every event delivered, no message posted twice.

Events travel as Eventarc CloudEvents through the local Pub/Sub bus (which redelivers on failure)
into the real ``notify_deployment_events`` entry point, and out through slack-sdk to the stand-in.
"""

from __future__ import annotations

import importlib.util
import json
import os
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

from klepaas_fakes.env import klepaas_env
from klepaas_fakes.slack import FakeSlack, SlackState, slack_server

ROOT = Path(__file__).resolve().parent.parent
CHANNELS = 20
DEPLOYMENTS_PER_CHANNEL = 2
STAGES = ("sourcecommit", "sourcebuild", "sourcedeploy")


def _clear_notify_caches() -> None:
    from klepaas_notify import settings
    from klepaas_notify.deploys import decisions
    from klepaas_notify.messages import render
    from klepaas_notify.slack import senders

    for cached in (settings.notify_settings, senders.get_sender, senders.limiter, render.environment):
        cached.cache_clear()
    decisions.operations_client.cache_clear()


def _entry_point() -> Any:
    spec = importlib.util.spec_from_file_location("klepaas_notify_main_bench", ROOT / "functions/notify/main.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.notify_deployment_events


def _steps(run: str) -> list[list[dict[str, Any]]]:
    """Five rounds of events (start, three stages, outcome) for every deployment; a quarter fail."""
    rounds: list[list[dict[str, Any]]] = [[] for _ in range(5)]
    for c in range(CHANNELS):
        for d in range(DEPLOYMENTS_PER_CHANNEL):
            dep = c * 100 + d
            base = {"deployment_id": dep, "owner": "bench", "repo": f"app{c}", "requested_by": "bench"}
            rounds[0].append({**base, "event_id": f"{run}-{dep}-0", "type": "deployment_started"})
            for i, stage in enumerate(STAGES, start=1):
                rounds[i].append(
                    {
                        **base,
                        "event_id": f"{run}-{dep}-{i}",
                        "type": "stage_completed",
                        "stage": stage,
                        "status": "success",
                    }
                )
            failed = (c + d) % 4 == 3
            rounds[4].append(
                {
                    **base,
                    "event_id": f"{run}-{dep}-4",
                    "type": "deployment_completed",
                    "status": "failed" if failed else "success",
                    **({"error": {"code": "build_failed", "message": "exit 1"}} if failed else {}),
                }
            )
    return rounds


def _one_run(fault_rate: float, run: str) -> dict[str, Any]:
    from klepaas_shared.bus import LocalBus
    from klepaas_shared.contracts import TOPIC_DEPLOYMENT_EVENTS

    state = SlackState(channel_rate_per_s=1.0, channel_burst=3, fault_rate=fault_rate, fault_seed=11)
    with tempfile.TemporaryDirectory() as tmp, slack_server(state) as fake:
        channels = {f"bench/app{c}": f"#app{c}" for c in range(CHANNELS)}
        env = {
            "KLEPAAS_ENV": "test",
            "KLEPAAS_JWT_SECRET": "bench-secret-0123456789-abcdefghijklmnopqrstuvwxyz",
            "KLEPAAS_STORE": "sqlite",
            "KLEPAAS_SQLITE_PATH": str(Path(tmp) / "bench.sqlite3"),
            "KLEPAAS_REDIS_URL": "",
            "KLEPAAS_SLACK_BOT_TOKEN": "xoxb-test-token",
            "KLEPAAS_SLACK_API_URL": fake.api_url,
            "KLEPAAS_SLACK_REPO_CHANNELS": json.dumps(channels),
            "KLEPAAS_SLACK_RATE_PER_S": "1",
            "KLEPAAS_SLACK_BURST": "2",  # one token short of the stand-in's 3: headroom for jitter
            "KLEPAAS_SLACK_MAX_WAIT_S": "120",
        }
        with klepaas_env(env):
            _clear_notify_caches()
            bus = LocalBus("demo-bench", max_attempts=10, min_backoff_s=0.05, max_backoff_s=2.0, workers=24)
            bus.subscribe(TOPIC_DEPLOYMENT_EVENTS, "notify", _entry_point())
            events = 0
            started = time.monotonic()
            for batch in _steps(run):
                for event in batch:
                    bus.publish(TOPIC_DEPLOYMENT_EVENTS, event)
                    events += 1
                bus.drain(timeout_s=600)
            elapsed = time.monotonic() - started
            dead = len(bus.dead_letters)
            bus.close()
            _clear_notify_caches()
        return _check(fake, events, elapsed, dead)


def _check(fake: FakeSlack, events: int, elapsed: float, dead: int) -> dict[str, Any]:
    messages = fake.posts()
    tops = [m for m in messages if m.thread_ts is None]
    replies = [m for m in messages if m.thread_ts is not None]
    per_channel = Counter(m.channel for m in tops)
    expected_failures = sum(1 for c in range(CHANNELS) for d in range(DEPLOYMENTS_PER_CHANNEL) if (c + d) % 4 == 3)
    finished = sum(1 for m in tops if m.text.startswith(("✅ 배포 성공", "❌ 배포 실패")))
    duplicates = sum(n - DEPLOYMENTS_PER_CHANNEL for n in per_channel.values() if n > DEPLOYMENTS_PER_CHANNEL)
    duplicates += max(0, len(replies) - expected_failures)
    operations = len(messages) + sum(len(m.updates) for m in messages)
    return {
        "events": events,
        "elapsed": elapsed,
        "messages_out": operations,
        "lost": (CHANNELS * DEPLOYMENTS_PER_CHANNEL - finished) + max(0, expected_failures - len(replies)) + dead,
        "duplicates": duplicates,
        "rate_limited": fake.state.rate_limited,
        "faults": fake.state.faults_served,
        "calls": len(fake.state.calls),
    }


def run() -> list[dict[str, Any]]:
    os.environ.setdefault("KLEPAAS_ENV", "test")
    clean = _one_run(0.0, "clean")
    faulty = _one_run(0.5, "faulty")
    figure = lambda name, value, unit, target=None, ok=None: {  # noqa: E731 - a table of rows
        "issue": 9,
        "figure": name,
        "value": value,
        "unit": unit,
        "baseline": None,
        "target": target,
        "ok": ok,
    }
    channel_cap = CHANNELS * 1.0
    return [
        figure("notify: events in (20 channels)", clean["events"] / clean["elapsed"], "events/s"),
        figure(
            "notify: Slack messages out (posts + updates)",
            clean["messages_out"] / clean["elapsed"],
            "msg/s",
            f"<= {channel_cap:.0f} + bursts",
            None,  # the per-channel limit is judged by the stand-in: the next figure
        ),
        figure(
            "notify: 429s from Slack's per-channel limit",
            clean["rate_limited"],
            "responses",
            0,
            clean["rate_limited"] == 0,
        ),
        figure("notify: events lost, 50% of calls 429/5xx", faulty["lost"], "events", 0, faulty["lost"] == 0),
        figure(
            "notify: messages posted twice, 50% of calls 429/5xx",
            faulty["duplicates"],
            "messages",
            0,
            faulty["duplicates"] == 0,
        ),
        figure("notify: faults answered by the stand-in", faulty["faults"], "responses", None, None),
        figure("notify: events in with 50% faults", faulty["events"] / faulty["elapsed"], "events/s"),
        figure("notify: messages out with 50% faults", faulty["messages_out"] / faulty["elapsed"], "msg/s"),
    ]


if __name__ == "__main__":
    for row in run():
        print(row)
