"""An MCP host connecting by URL alone with the official Python SDK's OAuth provider
(mcp.client.auth.OAuthClientProvider): discovery, registration, the login and consent page filled
in over HTTP, tokens, tools on /mcp, refresh, revocation."""

from __future__ import annotations

from typing import Any

import anyio
import httpx
import httpx2
import pytest
from mcp import ClientSession
from mcp.client.auth import OAuthClientProvider
from mcp.client.streamable_http import streamable_http_client
from mcp.shared.auth import AuthorizationCodeResult, OAuthClientInformationFull, OAuthClientMetadata, OAuthToken

from klepaas_shared.auth import mint

from .conftest import ADMIN_PASSWORD, ADMIN_USER
from .oauth_browser import sign_in_and_consent

REDIRECT = "http://127.0.0.1:33418/callback"


class Memory:
    def __init__(self) -> None:
        self.tokens: OAuthToken | None = None
        self.client: OAuthClientInformationFull | None = None

    async def get_tokens(self) -> OAuthToken | None:
        return self.tokens

    async def set_tokens(self, tokens: OAuthToken) -> None:
        self.tokens = tokens

    async def get_client_info(self) -> OAuthClientInformationFull | None:
        return self.client

    async def set_client_info(self, client_info: OAuthClientInformationFull) -> None:
        self.client = client_info


def provider_for(url: str, storage: Memory, seen: dict[str, Any]) -> OAuthClientProvider:
    async def redirect_handler(authorization_url: str) -> None:
        seen["authorization_url"] = authorization_url
        outcome = await anyio.to_thread.run_sync(
            lambda: sign_in_and_consent(authorization_url, ADMIN_USER, ADMIN_PASSWORD, language="ko")
        )
        seen["outcome"] = outcome

    async def callback_handler() -> AuthorizationCodeResult:
        params = seen["outcome"].params
        return AuthorizationCodeResult(code=params["code"], state=params.get("state"), iss=params.get("iss"))

    metadata = OAuthClientMetadata(
        client_name="Python SDK host",
        redirect_uris=[REDIRECT],  # type: ignore[list-item]
        grant_types=["authorization_code", "refresh_token"],
        response_types=["code"],
        token_endpoint_auth_method="none",
    )
    return OAuthClientProvider(
        server_url=f"{url}/mcp",
        client_metadata=metadata,
        storage=storage,
        redirect_handler=redirect_handler,
        callback_handler=callback_handler,
    )


async def list_tools(url: str, auth: OAuthClientProvider) -> list[str]:
    async with (
        httpx2.AsyncClient(auth=auth, timeout=30) as http,
        streamable_http_client(f"{url}/mcp", http_client=http) as streams,
        ClientSession(streams[0], streams[1]) as session,
    ):
        await session.initialize()
        return [t.name for t in (await session.list_tools()).tools]


@pytest.fixture(params=["sqlite", pytest.param("firestore", marks=pytest.mark.emulator)])
def store_env(request: pytest.FixtureRequest) -> dict[str, str]:
    if request.param == "sqlite":
        return {}
    host = request.getfixturevalue("firestore_host")
    return {"KLEPAAS_STORE": "firestore", "FIRESTORE_EMULATOR_HOST": host, "KLEPAAS_PROJECT_ID": "demo-oauth"}


def test_python_sdk_host_connects_by_url_refreshes_and_is_revoked(origin, store_env) -> None:
    served = origin(**store_env)
    storage, seen = Memory(), {}
    tools = anyio.run(list_tools, served.url, provider_for(served.url, storage, seen))
    assert {"get_status", "scale"} <= set(tools)
    # The page was Korean (Accept-Language: ko) and listed the scopes asked for.
    page = seen["outcome"].consent_page
    assert "접근을 허용할까요?" in page and "mcp:execute" in page and "deploy:execute" in page
    assert seen["outcome"].params["iss"] == served.url + "/"  # RFC 9207
    assert storage.client is not None and storage.client.client_id.startswith("mcp_")
    first = storage.tokens
    assert first is not None and first.refresh_token
    with httpx.Client(timeout=30) as http:
        _refresh_and_revoke(served.url, http, storage, first)


def _refresh_and_revoke(url: str, http: httpx.Client, storage: Memory, first: OAuthToken) -> None:
    assert storage.client is not None and first.refresh_token
    # The access token is for the MCP resource (RFC 8707) and works on /mcp.
    info = http.get(f"{url}/api/v1/auth/verify", headers={"Authorization": f"Bearer {first.access_token}"})
    assert info.status_code == 401  # not a console token: its audience is the MCP resource

    # Refresh: a new pair; the old refresh token is spent.
    token_url = f"{url}/oauth/token"
    form = {"grant_type": "refresh_token", "refresh_token": first.refresh_token, "client_id": storage.client.client_id}
    refreshed = http.post(token_url, data=form)
    assert refreshed.status_code == 200, refreshed.text
    second = refreshed.json()
    assert second["refresh_token"] != first.refresh_token and second["access_token"] != first.access_token
    assert set(second["scope"].split()) == {"mcp:execute", "read", "deploy:execute"}
    storage.tokens = OAuthToken(
        **{k: second[k] for k in ("access_token", "token_type", "expires_in", "refresh_token", "scope")}
    )
    assert "scale" in anyio.run(list_tools, url, provider_for(url, storage, {}))

    # The person lists their grants and revokes this one; the token stops working on /mcp.
    console = http.post(
        f"{url}/api/v1/auth/oauth2/admin/login", json={"username": ADMIN_USER, "password": ADMIN_PASSWORD}
    ).json()["access_token"]
    grants = http.get(f"{url}/api/v1/auth/mcp/grants", headers={"Authorization": f"Bearer {console}"}).json()
    assert [g["client_name"] for g in grants["grants"]] == ["Python SDK host"]
    grant_id = grants["grants"][0]["id"]
    # Someone else's console token cannot see or revoke it.
    stranger = mint("583231", ("read",), extra={"provider": "github"})
    assert http.get(f"{url}/api/v1/auth/mcp/grants", headers={"Authorization": f"Bearer {stranger}"}).json() == {
        "grants": []
    }
    assert (
        http.delete(f"{url}/api/v1/auth/mcp/grants/{grant_id}", headers={"Authorization": f"Bearer {stranger}"})
    ).status_code == 404
    gone = http.delete(f"{url}/api/v1/auth/mcp/grants/{grant_id}", headers={"Authorization": f"Bearer {console}"})
    assert gone.status_code == 200
    denied = http.post(
        f"{url}/mcp",
        json={"jsonrpc": "2.0", "id": 1, "method": "tools/list"},
        headers={"Authorization": f"Bearer {second['access_token']}", "Accept": "application/json, text/event-stream"},
    )
    assert denied.status_code == 401 and "revoked" in denied.json()["error"]["message"]
    again = http.post(token_url, data={**form, "refresh_token": second["refresh_token"]})
    assert again.status_code == 400 and again.json()["error"] == "invalid_grant"
