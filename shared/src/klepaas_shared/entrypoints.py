"""Every deployed entry point: its function, its kind and, for event entry points, its topics.

The dev server subscribes event entry points to the local bus from this table, and the Terraform
checks assert that each one has its Cloud Function and Eventarc trigger.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from .topics import (
    TOPIC_ALERTS,
    TOPIC_CLOUD_BUILDS,
    TOPIC_DEPLOY_REQUESTS,
    TOPIC_DEPLOYMENT_EVENTS,
    TOPIC_GCR,
    TOPIC_MAINTENANCE,
)


@dataclass(frozen=True)
class EntryPoint:
    function: str
    target: str  # the Python name in functions/<function>/main.py
    kind: Literal["http", "event"]
    topics: tuple[str, ...] = ()
    publishes: tuple[str, ...] = ()


ENTRY_POINTS: tuple[EntryPoint, ...] = (
    EntryPoint("webhook", "webhook_http", "http", publishes=(TOPIC_DEPLOY_REQUESTS,)),
    EntryPoint(
        "webhook",
        "webhook_gcp_events",
        "event",
        topics=(TOPIC_GCR, TOPIC_CLOUD_BUILDS),
        publishes=(TOPIC_DEPLOY_REQUESTS, TOPIC_DEPLOYMENT_EVENTS),
    ),
    EntryPoint("webhook", "webhook_deployment_events", "event", topics=(TOPIC_DEPLOYMENT_EVENTS,)),
    EntryPoint("webhook", "webhook_maintenance", "event", topics=(TOPIC_MAINTENANCE,)),
    EntryPoint("deploy", "deploy_http", "http", publishes=(TOPIC_DEPLOYMENT_EVENTS,)),
    EntryPoint(
        "deploy",
        "deploy_requests",
        "event",
        topics=(TOPIC_DEPLOY_REQUESTS,),
        publishes=(TOPIC_DEPLOYMENT_EVENTS,),
    ),
    EntryPoint(
        "deploy", "deploy_maintenance", "event", topics=(TOPIC_MAINTENANCE,), publishes=(TOPIC_DEPLOYMENT_EVENTS,)
    ),
    EntryPoint("nlp", "nlp_http", "http"),
    EntryPoint("mcp", "mcp_http", "http"),
    # notify_http queues Slack decisions on deployment-events (carried out by notify_deployment_events)
    EntryPoint("notify", "notify_http", "http", publishes=(TOPIC_DEPLOYMENT_EVENTS,)),
    EntryPoint("notify", "notify_deployment_events", "event", topics=(TOPIC_DEPLOYMENT_EVENTS,)),
    EntryPoint("notify", "notify_alerts", "event", topics=(TOPIC_ALERTS,)),
    EntryPoint("notify", "notify_maintenance", "event", topics=(TOPIC_MAINTENANCE,)),
    EntryPoint("auth", "auth_http", "http"),
)


def http_entry_point(function: str) -> EntryPoint:
    return next(e for e in ENTRY_POINTS if e.function == function and e.kind == "http")
