"""The mcp function's HTTP routes (handlers are registered on ``app``)."""

from __future__ import annotations

from klepaas_shared.http import FunctionApp

app = FunctionApp("mcp")
