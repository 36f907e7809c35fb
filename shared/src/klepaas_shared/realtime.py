"""The console's realtime channel (``/api/v1/ws/deployments``, FRONTEND_API §1.9): what a
:class:`~klepaas_shared.contracts.DeploymentEvent` becomes on it, and the fan-out to subscribers.

The console connects without a token, so a message carries only what is safe to show anyone who
can reach the channel: the deployment id, the stage, the status and the times (a failure says
which stage failed, never why: the console reads the reason from D5 with its token). Cloud
Functions cannot hold a WebSocket: `make dev` serves it in process, and the bundle's design is a
small Cloud Run service subscribed to the deployment-events topic (docs: README, "Realtime").
"""

from __future__ import annotations

import json
import queue
import threading
from collections.abc import Mapping
from typing import Any

from .clock import now_iso
from .contracts import APPROVAL_KIND, DeploymentEvent
from .logs import get_logger, log_fields

log = get_logger("klepaas.realtime")

CONSOLE_EVENTS = (
    "deployment_started",
    "stage_started",
    "stage_completed",
    "deployment_completed",
    "rollback_completed",
)


def relayed(data: bytes, attributes: Mapping[str, str], message_id: str = "") -> DeploymentEvent | None:
    """What one message of the deployment-events topic puts on the channel: its DeploymentEvent, or
    None, and the message is done with either way (acked; never retried, never dead-lettered).

    The one decision both relays make (`make dev`'s, tools/devserver.py, and the Cloud Run
    service's, tools/realtime_service.py). An approval request (attribute ``kind``, which notify
    posts to Slack) shares the topic but is not for the console: the console reads no such message
    (FRONTEND_API §1.9) and the channel has no authentication, while the request carries the held
    operation's arguments and its requester. A message that is not a DeploymentEvent will not become
    one on a retry, and progress missed here is read from the deployment's history (D5): it is
    logged and dropped."""
    if attributes.get("kind") == APPROVAL_KIND:
        return None
    try:
        return DeploymentEvent.model_validate_json(data)
    except ValueError as exc:  # pydantic's ValidationError too
        log.warning(
            "not a deployment event; not relayed",
            extra=log_fields(message_id=message_id, kind=attributes.get("kind", ""), error=str(exc)[:300]),
        )
        return None


def messages_for(event: DeploymentEvent) -> list[dict[str, Any]]:
    """The console's messages for one deployment event (none for scale and restart)."""
    if event.type not in CONSOLE_EVENTS or event.deployment_id <= 0:
        return []
    base = {"deployment_id": str(event.deployment_id), "timestamp": event.occurred_at}
    if event.type == "deployment_started":
        return [{"type": "deployment_started", **base, "started_at": event.occurred_at}]
    if event.type == "stage_started":
        return [{"type": "stage_started", **base, "stage": event.stage, "started_at": event.occurred_at}]
    if event.type == "stage_completed":
        done = {
            "type": "stage_completed",
            **base,
            "stage": event.stage,
            "status": "success" if event.status == "success" else "failed",
            "duration": event.duration_s,
            "completed_at": event.occurred_at,
            "data": {"duration": event.duration_s, "message": _said(event)},
        }
        if event.status != "success":
            return [done]
        return [
            {
                "type": "stage_progress",
                **base,
                "stage": event.stage,
                "progress": 100,
                "elapsed_time": event.duration_s or 0,
            },
            done,
        ]
    return [
        {
            "type": "deployment_completed",
            **base,
            "status": "success" if event.status == "success" else "failed",
            "completed_at": event.occurred_at,
            "total_duration": event.duration_s,
            "data": {"total_duration": event.duration_s, "message": _said(event)},
        }
    ]


def _said(event: DeploymentEvent) -> str:
    if event.status == "success":
        return f"{event.stage or 'deployment'} succeeded"
    return f"{event.stage or 'deployment'} failed (details in the deployment's history)"


class Hub:
    """Connected clients, each with a bounded queue; a client too slow to keep up loses old messages."""

    def __init__(self, backlog: int = 256) -> None:
        self._clients: set[queue.Queue[str]] = set()
        self._lock = threading.Lock()
        self._backlog = backlog

    def join(self) -> queue.Queue[str]:
        inbox: queue.Queue[str] = queue.Queue(self._backlog)
        with self._lock:
            self._clients.add(inbox)
        return inbox

    def leave(self, inbox: queue.Queue[str]) -> None:
        with self._lock:
            self._clients.discard(inbox)

    def publish(self, event: DeploymentEvent) -> int:
        """Fan ``event``'s messages out to every client (the console filters by deployment id)."""
        frames = [json.dumps(m) for m in messages_for(event)]
        with self._lock:
            clients = list(self._clients)
        for inbox in clients:
            for frame in frames:
                try:
                    inbox.put_nowait(frame)
                except queue.Full:
                    _drop_oldest(inbox, frame)
        return len(clients)


def _drop_oldest(inbox: queue.Queue[str], frame: str) -> None:
    try:
        inbox.get_nowait()
        inbox.put_nowait(frame)
    except (queue.Empty, queue.Full):
        pass


def reply_to(text: str) -> dict[str, Any] | None:
    """The answer to one client message: ``pong`` to a ping; nothing else needs one (a subscribe
    changes nothing: every client gets every message, and the console filters by deployment id)."""
    try:
        message = json.loads(text)
    except (ValueError, RecursionError):
        return None
    if isinstance(message, dict) and message.get("type") == "ping":
        return {"type": "pong", "timestamp": now_iso()}
    return None


def hello() -> dict[str, Any]:
    return {"type": "connection_established", "timestamp": now_iso()}
