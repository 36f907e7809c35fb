"""The official TypeScript SDK's OAuth client (npm @modelcontextprotocol/sdk) connecting by URL:
discovery, registration, the login and consent page filled in, tokens, tools, refresh, revocation."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from .conftest import ADMIN_PASSWORD, ADMIN_USER

TS = Path(__file__).parent / "ts"


@pytest.fixture(scope="module")
def node_client() -> Path:
    if not (TS / "node_modules" / "@modelcontextprotocol" / "sdk").is_dir():
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=TS, check=True, capture_output=True, timeout=300)
    return TS / "client_oauth.mjs"


def test_typescript_sdk_host_connects_by_url_refreshes_and_revokes(origin, node_client: Path) -> None:
    served = origin()
    done = subprocess.run(
        ["node", str(node_client), served.url, ADMIN_USER, ADMIN_PASSWORD],
        check=False,
        capture_output=True,
        text=True,
        timeout=90,
    )
    assert done.returncode == 0, done.stderr
    answer = json.loads(done.stdout)
    assert {"get_status", "scale"} <= set(answer["tools"]) and answer["toolsAfterRefresh"] == answer["tools"]
    asked = {k: v[0] for k, v in parse_qs(urlsplit(answer["authorizationUrl"]).query).items()}
    assert asked["code_challenge_method"] == "S256" and asked["resource"] == served.url + "/mcp"
    assert answer["callback"]["iss"] == served.url + "/" and answer["consentIsKorean"] is True
    assert answer["refreshed"] == "AUTHORIZED" and answer["rotated"] is True
    assert set(answer["scope"].split()) == {"mcp:execute", "read", "deploy:execute"}
    assert answer["clientId"].startswith("mcp_")  # registered dynamically (RFC 7591)
    assert answer["revokeStatus"] == 200 and answer["afterRevokeStatus"] == 401
