"""What the tools act through: the deploy function's operations (Prometheus too) and nlp's interpreter.

Production wires HTTP clients that call with a delegated token (never the caller's MCP token);
tests pass local implementations with :func:`use_ports`.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Any, Protocol

from klepaas_shared.auth import Principal, delegate
from klepaas_shared.errors import BadRequest, KlepaasError, Unavailable, UpstreamError
from klepaas_shared.operations import HttpOperationsClient, OperationsClient

from .settings import settings


class Interpreter(Protocol):
    def interpret(self, command: str, principal: Principal) -> dict[str, Any]:
        """nlp's dry-run interpretation of ``command`` (NL_COMMANDS.md's shape)."""


def _post_json(url: str, body: Any, token: str, timeout_s: float) -> Any:
    request = urllib.request.Request(  # noqa: S310 - configured URL
        url,
        data=json.dumps(body).encode(),
        method="POST",
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout_s) as response:  # noqa: S310
            return json.loads(response.read())
    except urllib.error.HTTPError as exc:
        cls: type[KlepaasError] = BadRequest if 400 <= exc.code < 500 else UpstreamError
        raise cls(f"{url.split('?', 1)[0]} answered {exc.code}") from None
    except (urllib.error.URLError, TimeoutError, ValueError) as exc:
        raise Unavailable(f"unreachable: {type(exc).__name__}") from None


class HttpInterpreter:
    def __init__(self, base_url: str, timeout_s: float) -> None:
        self._url, self._timeout_s = base_url.rstrip("/") + "/api/v1/nlp/interpret", timeout_s

    def interpret(self, command: str, principal: Principal) -> dict[str, Any]:
        answer = _post_json(self._url, {"command": command}, delegate(principal, "mcp"), self._timeout_s)
        if not isinstance(answer, dict):
            raise UpstreamError("nlp answered something that is not an interpretation")
        return answer


@dataclass
class Ports:
    operations: OperationsClient
    interpreter: Interpreter


_wiring: dict[str, Ports] = {}


def use_ports(ports: Ports | None) -> None:
    """Replace the wiring (tests and benchmarks); ``None`` goes back to production wiring."""
    _wiring.pop("ports", None)
    if ports is not None:
        _wiring["ports"] = ports


def get_ports() -> Ports:
    if "ports" not in _wiring:
        config = settings()
        timeout = config.mcp_call_timeout_s
        _wiring["ports"] = Ports(
            HttpOperationsClient(config.api_base_url, service="mcp", timeout_s=timeout),
            HttpInterpreter(config.api_base_url, timeout),
        )
    return _wiring["ports"]
