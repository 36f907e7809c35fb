"""Which configured models this instance found unusable, for the health check.

A model is unavailable when its provider refused the call itself rather than the question: the
model id does not exist or was retired (404), or the key may not use it (401, 403). That never
passes by retrying, so it is logged at error level with the provider's message and shown in
``/healthz`` of the nlp function (and, from the records, in the insights) until the model
answers again. Nothing here imports an SDK: the health check of a cold instance stays light.
"""

from __future__ import annotations

import threading
from typing import Any

from klepaas_shared.clock import now_iso

_lock = threading.Lock()
_unavailable: dict[str, dict[str, Any]] = {}


def mark_unavailable(model: str, provider: str, status: int | None, reason: str) -> None:
    with _lock:
        _unavailable[model] = {
            "model": model,
            "provider": provider,
            "status": status,
            "reason": reason,
            "since": now_iso(),
        }


def mark_available(model: str) -> None:
    with _lock:
        _unavailable.pop(model, None)


def unavailable() -> list[dict[str, Any]]:
    with _lock:
        return [dict(entry) for _, entry in sorted(_unavailable.items())]


def health() -> dict[str, Any]:
    """What ``/healthz`` adds: the unavailable models, and ``degraded`` while there is one."""
    down = unavailable()
    return {"status": "degraded", "models_unavailable": down} if down else {"models_unavailable": []}
