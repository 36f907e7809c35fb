"""The client of deploy's resource routes (``/api/v1/projects/{project}/resources``)."""

from __future__ import annotations

from typing import Any

from klepaas_shared.auth import Principal
from klepaas_shared.operations import HttpOperationsClient


class HttpResources(HttpOperationsClient):
    """deploy's resource routes, called with a delegated token (never the caller's MCP token)."""

    def call(self, method: str, path: str, principal: Principal, body: Any = None) -> dict[str, Any]:
        # Only a read is retried: a repeated confirmed act would answer its own success as a 404/409.
        answer: dict[str, Any] = self._call(method, path, principal, body, idempotent=method == "GET")
        return answer
