"""Periodic work of notify: Cloud Scheduler's ``{"task": ...}`` on the ``maintenance`` topic.

- ``end_stuck_work`` (every 5 minutes, the tick deploy ends its stuck work on too): approvals
  left "deciding" past their lease are opened again, the outcome shown as unknown, and audited
  (:func:`.deploys.decisions.end_stuck`).

The topic is shared with ``webhook_maintenance`` and ``deploy_maintenance``: another consumer's
task is skipped here.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from functools import cache
from typing import Any

from klepaas_shared.errors import BadRequest
from klepaas_shared.events import PubsubMessage
from klepaas_shared.logs import get_logger, log_fields

MAX_AGE = timedelta(minutes=5)  # a tick older than its period is replaced by the next one
log = get_logger("notify.maintenance")


def end_stuck_work() -> dict[str, Any]:
    from klepaas_shared.store import get_store

    from .deploys.decisions import end_stuck

    return end_stuck(get_store())


TASKS: dict[str, Callable[[], dict[str, Any]]] = {"end_stuck_work": end_stuck_work}


def handle(message: PubsubMessage) -> None:
    body = message.json()
    task = body.get("task") if isinstance(body, dict) else None
    if not isinstance(task, str) or not task:
        raise BadRequest(f"message {message.message_id} names no maintenance task")
    run = TASKS.get(task)
    if run is None:
        log.debug("a maintenance task of another consumer", extra=log_fields(task=task[:80]))
        return
    log.info("maintenance task done", extra=log_fields(task=task, result=run()))


@cache
def entry_point() -> Any:
    from klepaas_shared.events import consumer

    return consumer("notify_maintenance", handle, max_age=MAX_AGE)
