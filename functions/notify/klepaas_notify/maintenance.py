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

from klepaas_shared.events import PubsubMessage
from klepaas_shared.logs import get_logger
from klepaas_shared.maintenance import run_own_task

MAX_AGE = timedelta(minutes=5)  # a tick older than its period is replaced by the next one
log = get_logger("notify.maintenance")


def end_stuck_work() -> dict[str, Any]:
    from klepaas_shared.store import get_store

    from .deploys.decisions import end_stuck

    return end_stuck(get_store())


TASKS: dict[str, Callable[[], dict[str, Any]]] = {"end_stuck_work": end_stuck_work}


def handle(message: PubsubMessage) -> None:
    run_own_task(message, TASKS, log)


@cache
def entry_point() -> Any:
    from klepaas_shared.events import consumer

    return consumer("notify_maintenance", handle, max_age=MAX_AGE)
