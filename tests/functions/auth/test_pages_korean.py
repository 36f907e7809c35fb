"""The Korean consent line takes the subject particle the client's name asks for, not "이(가)"."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from klepaas_auth.authorization_server import pages


@pytest.mark.parametrize(
    ("name", "said"),
    [
        ("Claude Desktop", "Claude Desktop이 사용자를"),
        ("VS Code", "VS Code가 사용자를"),
        ("MCP Inspector", "MCP Inspector가"),
    ],
)
def test_the_consent_line_reads_naturally(name: str, said: str) -> None:
    client = SimpleNamespace(client_name=name, client_id="https://client.example/metadata.json", source="cimd")
    line = pages._client_lines("ko", client)
    assert said in line
    assert "(가)" not in line
    assert name in pages._client_lines("en", client)


def test_the_consent_page_says_who_and_where_with_the_right_particle() -> None:
    client = SimpleNamespace(client_name="VS Code", client_id="https://vscode.example/metadata.json", source="cimd")
    params = {"scope": "read", "redirect_uri": "http://127.0.0.1:33418/callback"}
    page = pages.consent("ko", client, {"name": "admin"}, params, "csrf", "ticket", ["read"], "https://mcp.example/")
    assert "admin으로 로그인됨" in page
    assert "http://127.0.0.1:33418/callback으로 돌아갑니다" in page
    assert "(으)로" not in page and "(가)" not in page
