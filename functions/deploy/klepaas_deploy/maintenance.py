"""Periodic work of deploy: Cloud Scheduler's ``{"task": ...}`` on the ``maintenance`` topic.

- ``end_stuck_work`` (every 5 minutes): operations and deployments still ``running`` past their
  deadline (an instance died mid-watch, a continuation message was lost) end as ``failed`` with
  the reason ``timed_out``, and the failure is announced once.

The topic is shared with ``webhook_maintenance``: a task of the other consumer is skipped here.
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
log = get_logger("deploy.maintenance")


def end_stuck_work() -> dict[str, Any]:
    from klepaas_shared.store import get_store

    from .operations.stuck import end_stuck
    from .settings import deploy_settings

    return end_stuck(get_store(), deploy_settings())


TASKS: dict[str, Callable[[], dict[str, Any]]] = {"end_stuck_work": end_stuck_work}


def handle(message: PubsubMessage) -> None:
    run_own_task(message, TASKS, log)


@cache
def entry_point() -> Any:
    from klepaas_shared.events import consumer

    return consumer("deploy_maintenance", handle, max_age=MAX_AGE)
