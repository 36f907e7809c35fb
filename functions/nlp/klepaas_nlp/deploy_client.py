"""The operations client nlp hands typed commands to (the deploy function), replaceable in tests."""

from __future__ import annotations

from klepaas_nlp.settings import settings
from klepaas_shared.operations import HttpOperationsClient, OperationsClient

_override: list[OperationsClient] = []


def use(client: OperationsClient | None) -> None:
    """Route operations to `client` (None: back to the deploy function over HTTP)."""
    _override.clear()
    if client is not None:
        _override.append(client)


def operations(timeout_s: float = 30.0, *, attempts: int = 2, deadline_s: float | None = None) -> OperationsClient:
    """The client (over HTTP: `timeout_s` bounds each attempt, `deadline_s` each call with its retries)."""
    if _override:
        return _override[0]
    return HttpOperationsClient(
        settings().api_base_url, service="nlp", timeout_s=timeout_s, attempts=attempts, deadline_s=deadline_s
    )
