"""A cold instance's first real request (a signed push, an interpretation, a status read, ...)
loads what that route needs and nothing more: no other provider's SDK, no pydantic-settings, no
token library but on mcp's, and no scan of the installed packages for pydantic plugins. (What it
costs in milliseconds is `make bench`'s to say.)"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from klepaas_fakes.first_requests import FirstRequest, environment, first_requests, seed

NEVER = (
    "pydantic_settings",
    "kubernetes",
    "github",
    "slack_sdk",
    "anthropic",
    "openai",
    "google.genai",
    "google.cloud.firestore",
    "google.cloud.pubsub_v1",
    "google.auth",
    "grpc",
    "redis",
    "requests",
    "httpx",
)
# What a route may not need beyond NEVER: an HS256 bearer token is checked with the standard
# library (klepaas_shared.hs256), so no route but mcp's loads PyJWT or cryptography; only mcp
# serves the MCP SDK (and the web stack it brings).
ALSO_NEVER = {
    "webhook": ("jwt", "cryptography", "mcp", "starlette"),
    # An interpretation without a session_id needs no conversation context store.
    "nlp": ("jwt", "cryptography", "mcp", "starlette", "klepaas_nlp.chat", "klepaas_shared.context"),
    "deploy": ("jwt", "cryptography", "mcp", "starlette"),
    "notify": ("jwt", "cryptography", "mcp", "starlette"),
    "auth": ("jwt", "cryptography", "mcp", "starlette"),
    # tools/list needs the tools' schemas, not the client that runs them (deploy's operations API,
    # its contracts and the outbound layer load with the first tool call).
    "mcp": ("klepaas_shared.operations", "klepaas_shared.contracts", "klepaas_shared.outbound"),
}
PROBE = """
import json, sys
from klepaas_fakes.clients import function_client
request = json.loads(sys.argv[3])
client = function_client(sys.argv[2], sys.argv[1])
assert client.get("/healthz").status_code == 200
answer = client.open(
    request["path"],
    method=request["method"],
    data=request["body"].encode("latin-1"),
    headers=request["headers"],
    base_url="http://127.0.0.1:8080",
)
# pydantic fills its plugin table the first time it looks for plugins (unless they are disabled)
plugins = getattr(sys.modules.get("pydantic.plugin._loader"), "_plugins", None)
looked_up = plugins is not None
print(json.dumps({"status": answer.status_code, "modules": sorted(sys.modules), "plugins_looked_up": looked_up}))
"""


@pytest.mark.parametrize("request_", first_requests(), ids=lambda r: r.function)
def test_the_first_real_request_loads_only_what_its_route_needs(request_: FirstRequest, tmp_path: Path) -> None:
    sqlite_path = str(tmp_path / "store.sqlite3")
    seed(sqlite_path)
    described = {
        "method": request_.method,
        "path": request_.path,
        "body": request_.body.decode("latin-1"),
        "headers": request_.headers,
    }
    done = subprocess.run(
        [sys.executable, "-c", PROBE, str(request_.source), request_.target, json.dumps(described)],
        capture_output=True,
        text=True,
        check=True,
        timeout=90,
        # as Cloud Functions starts it: whatever this test process set for pydantic is not passed on
        env={**{k: v for k, v in os.environ.items() if k != "PYDANTIC_DISABLE_PLUGINS"}, **environment(sqlite_path)},
    )
    answer = json.loads(done.stdout.strip().splitlines()[-1])
    assert answer["status"] in request_.ok, done.stderr[-2000:]
    loaded = set(answer["modules"])
    unexpected = NEVER + ALSO_NEVER[request_.function]
    assert not sorted(name for name in unexpected if name in loaded)
    # Listing every installed distribution's entry points cost the first request milliseconds;
    # no function uses a pydantic plugin (klepaas_shared sets PYDANTIC_DISABLE_PLUGINS).
    assert answer["plugins_looked_up"] is False
