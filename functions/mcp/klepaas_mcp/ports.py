"""What the tools act through: the deploy function's operations (Prometheus too) and nlp's interpreter.

Production wires HTTP clients that call with a delegated token (never the caller's MCP token);
tests pass local implementations with :func:`use_ports`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from klepaas_shared.auth import Principal
from klepaas_shared.delegation import Delegations
from klepaas_shared.errors import UpstreamError

from .settings import settings

if TYPE_CHECKING:
    from klepaas_shared.operations import OperationsClient


class Interpreter(Protocol):
    def interpret(self, command: str, principal: Principal) -> dict[str, Any]:
        """nlp's dry-run interpretation of ``command`` (NL_COMMANDS.md's shape)."""


class HttpInterpreter:
    def __init__(self, base_url: str, timeout_s: float) -> None:
        from klepaas_shared.peers import peer

        self._http = peer("nlp", base_url, timeout_s=timeout_s)
        self._delegations = Delegations("mcp")

    def interpret(self, command: str, principal: Principal) -> dict[str, Any]:
        # A dry run changes nothing: safe to repeat when nlp is briefly unavailable.
        headers = {"Authorization": f"Bearer {self._delegations.token(principal)}"}
        answer = self._http.json(
            "POST", "/api/v1/nlp/interpret", json={"command": command}, headers=headers, idempotent=True
        )
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
        # The operations client (its contracts, the outbound layer) loads with the first tool
        # call: a cold instance's tools/list needs none of it (issue 19).
        from klepaas_shared.operations import HttpOperationsClient

        config = settings()
        timeout = config.mcp_call_timeout_s
        _wiring["ports"] = Ports(
            HttpOperationsClient(config.api_base_url, service="mcp", timeout_s=timeout),
            HttpInterpreter(config.api_base_url, timeout),
        )
    return _wiring["ports"]
