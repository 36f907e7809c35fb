"""Periodic work: Cloud Scheduler publishes ``{"task": ...}`` on the ``maintenance`` topic.

- ``redeliver_failed_deliveries`` (every 15 minutes): :mod:`.redelivery`;
- ``prune_expired`` (hourly): delete documents whose ``expires_at`` passed, on SQLite only
  (Firestore's TTL policies do it there).

An unknown task is a bad message (acked and logged); a GitHub or store outage is retryable, and a
tick that keeps failing becomes a dead letter like any other message.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from functools import cache
from typing import Any

from klepaas_shared.errors import BadRequest
from klepaas_shared.events import PubsubMessage
from klepaas_shared.logs import get_logger, log_fields

# A tick that waited longer than its period is replaced by the next one.
MAX_AGE = timedelta(minutes=15)
log = get_logger("webhook.maintenance")


def redeliver_failed_deliveries() -> dict[str, Any]:
    from klepaas_shared.store import get_store

    from .github_api import get_app
    from .redelivery import redeliver_failed

    app = get_app()
    if app is None:
        return {"skipped": "the GitHub App is not configured"}
    return redeliver_failed(app, get_store())


def prune_expired() -> dict[str, Any]:
    from klepaas_shared.settings import common
    from klepaas_shared.store import get_store
    from klepaas_shared.store.ttl import prune_expired as prune

    if common().store == "firestore":
        return {"skipped": "Firestore's TTL policies delete expired documents"}
    return prune(get_store())


TASKS: dict[str, Callable[[], dict[str, Any]]] = {
    "redeliver_failed_deliveries": redeliver_failed_deliveries,
    "prune_expired": prune_expired,
}
# Tasks on the same topic that deploy_maintenance runs (klepaas_deploy.maintenance): skipped here.
OTHERS = frozenset({"end_stuck_work"})


def handle(message: PubsubMessage) -> None:
    body = message.json()
    task = body.get("task") if isinstance(body, dict) else None
    run = TASKS.get(task) if isinstance(task, str) else None
    if isinstance(task, str) and task in OTHERS:
        return
    if run is None:
        raise BadRequest(f"message {message.message_id} names no known task; use one of {sorted(TASKS)}")
    log.info("maintenance task done", extra=log_fields(task=task, result=run()))


@cache
def entry_point() -> Any:
    from klepaas_shared.events import consumer

    return consumer("webhook_maintenance", handle, max_age=MAX_AGE)
