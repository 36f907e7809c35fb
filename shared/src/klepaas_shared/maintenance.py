"""Cloud Scheduler's ``{"task": ...}`` ticks on the shared ``maintenance`` topic: each consumer
runs the tasks it owns and skips the others'."""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from typing import Any

from .errors import BadRequest
from .events import PubsubMessage
from .logs import log_fields

Tasks = Mapping[str, Callable[[], dict[str, Any]]]


def run_own_task(message: PubsubMessage, tasks: Tasks, log: logging.Logger) -> None:
    """Run the task ``message`` names when it is one of ``tasks``; another consumer's is skipped."""
    body = message.json()
    task = body.get("task") if isinstance(body, dict) else None
    if not isinstance(task, str) or not task:
        raise BadRequest(f"message {message.message_id} names no maintenance task")
    run = tasks.get(task)
    if run is None:
        log.debug("a maintenance task of another consumer", extra=log_fields(task=task[:80]))
        return
    log.info("maintenance task done", extra=log_fields(task=task, result=run()))
