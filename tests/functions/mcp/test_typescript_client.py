"""The official TypeScript SDK client (npm @modelcontextprotocol/sdk) against the function."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

TS = Path(__file__).parent / "ts"


@pytest.fixture(scope="module")
def node_client() -> Path:
    if not (TS / "node_modules" / "@modelcontextprotocol" / "sdk").is_dir():
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=TS, check=True, capture_output=True, timeout=300)
    return TS / "client.mjs"


def test_typescript_client_lists_calls_and_follows_a_held_change(serve, mcp_token, node_client: Path) -> None:
    served = serve()
    done = subprocess.run(
        ["node", str(node_client), f"{served.url}/mcp", mcp_token()],
        check=False,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    answer = json.loads(done.stdout)
    assert answer["server"]["name"] == "k-le-paas"
    tools = {t["name"]: t for t in answer["tools"]}
    assert tools["get_status"]["annotations"]["readOnlyHint"] is True
    assert answer["status"].get("isError") in (None, False)
    assert tools["scale"]["title"] == "Scale an app" and tools["scale"]["annotations"]["destructiveHint"] is True
    held = answer["held"]["structuredContent"]
    assert held["status"] == "waiting_for_approval"
    assert held["approval_url"].endswith(f"/api/v1/operations/{held['operation_id']}/approval")
    assert answer["state"]["structuredContent"]["status"] == "waiting_for_approval"
    assert [r.type for r, _ in served.ops.seen] == ["status", "scale"]
