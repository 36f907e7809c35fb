"""The authorization server's rules, driven over HTTP the way a host and a person would:
metadata, PKCE S256 only, redirect URIs, single-use codes, refresh rotation, Client ID Metadata
Documents under the SSRF rule, resource indicators, revocation, the page's protections."""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import urlencode

import httpx
import pytest
from authlib.oauth2.rfc8414 import AuthorizationServerMetadata

from klepaas_shared.auth import MCP_EXECUTE, mint

from .conftest import ADMIN_PASSWORD, ADMIN_USER
from .oauth_browser import forms, sign_in_and_consent

REDIRECT = "http://127.0.0.1:45123/callback"
MCP_HEADERS = {"Accept": "application/json, text/event-stream"}


def pkce() -> tuple[str, str]:
    verifier = secrets.token_urlsafe(48)
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
    return verifier, challenge


def register(url: str, **metadata: Any) -> dict[str, Any]:
    body = {"client_name": "test host", "redirect_uris": [REDIRECT], "token_endpoint_auth_method": "none", **metadata}
    answer = httpx.post(f"{url}/oauth/register", json=body)
    assert answer.status_code == 201, answer.text
    return answer.json()


def authorize_url(url: str, client_id: str, challenge: str | None, **extra: str) -> str:
    query = {"response_type": "code", "client_id": client_id, "redirect_uri": REDIRECT, "state": "st-1"}
    query["scope"] = "mcp:execute read"
    if challenge:
        query.update(code_challenge=challenge, code_challenge_method="S256")
    query.update(extra)
    return f"{url}/oauth/authorize?{urlencode(query)}"


def exchange(url: str, client_id: str, code: str, verifier: str, **extra: str) -> httpx.Response:
    form = {"grant_type": "authorization_code", "code": code, "redirect_uri": REDIRECT, "client_id": client_id}
    return httpx.post(f"{url}/oauth/token", data={**form, "code_verifier": verifier, **extra})


def refresh(url: str, client_id: str, token: str) -> httpx.Response:
    return httpx.post(
        f"{url}/oauth/token", data={"grant_type": "refresh_token", "refresh_token": token, "client_id": client_id}
    )


def tools_list(url: str, token: str) -> httpx.Response:
    body = {"jsonrpc": "2.0", "id": 1, "method": "tools/list"}
    return httpx.post(f"{url}/mcp", json=body, headers={**MCP_HEADERS, "Authorization": f"Bearer {token}"})


def tokens_for(url: str, client_id: str) -> dict[str, Any]:
    verifier, challenge = pkce()
    outcome = sign_in_and_consent(authorize_url(url, client_id, challenge), ADMIN_USER, ADMIN_PASSWORD)
    answer = exchange(url, client_id, outcome.params["code"], verifier)
    assert answer.status_code == 200, answer.text
    return answer.json()


def test_metadata_is_valid_and_agrees_with_the_protected_resource(origin) -> None:
    served = origin()
    meta = httpx.get(f"{served.url}/.well-known/oauth-authorization-server").json()
    AuthorizationServerMetadata(meta).validate()
    prm = httpx.get(f"{served.url}/.well-known/oauth-protected-resource/mcp").json()
    assert prm["authorization_servers"] == [meta["issuer"]] == [served.url + "/"]
    assert meta["code_challenge_methods_supported"] == ["S256"]
    assert meta["authorization_response_iss_parameter_supported"] is True
    assert meta["client_id_metadata_document_supported"] is True
    assert set(prm["scopes_supported"]) <= set(meta["scopes_supported"])
    info = httpx.get(f"{served.url}/mcp/info").json()
    assert info["authorization_servers"] == prm["authorization_servers"]
    # The token it issues is for exactly the resource the metadata names.
    client = register(served.url)
    claims = json.loads(
        base64.urlsafe_b64decode(tokens_for(served.url, client["client_id"])["access_token"].split(".")[1] + "==")
    )
    assert claims["aud"] == prm["resource"] == served.url + "/mcp"


def test_pkce_is_required_and_only_s256(origin) -> None:
    served = origin()
    client_id = register(served.url)["client_id"]
    missing = httpx.get(authorize_url(served.url, client_id, None))
    assert missing.status_code == 302
    assert "error=invalid_request" in missing.headers["location"] and "iss=" in missing.headers["location"]
    verifier, _ = pkce()
    plain = httpx.get(
        authorize_url(served.url, client_id, None, code_challenge=verifier, code_challenge_method="plain")
    )
    assert plain.status_code == 302 and "error=invalid_request" in plain.headers["location"]
    assert "state=st-1" in plain.headers["location"]
    # A code issued under S256 needs the matching verifier.
    verifier, challenge = pkce()
    outcome = sign_in_and_consent(authorize_url(served.url, client_id, challenge), ADMIN_USER, ADMIN_PASSWORD)
    wrong = exchange(served.url, client_id, outcome.params["code"], pkce()[0])
    assert wrong.status_code == 400 and wrong.json()["error"] == "invalid_grant"
    none_sent = httpx.post(
        f"{served.url}/oauth/token",
        data={"grant_type": "authorization_code", "code": "x", "redirect_uri": REDIRECT, "client_id": client_id},
    )
    assert none_sent.status_code == 400


def test_a_wrong_redirect_uri_is_refused_on_the_page_not_redirected(origin) -> None:
    served = origin()
    client_id = register(served.url)["client_id"]
    _, challenge = pkce()
    answer = httpx.get(authorize_url(served.url, client_id, challenge, redirect_uri="https://evil.example/cb"))
    assert answer.status_code == 400 and "location" not in answer.headers
    assert "redirect" in answer.text.lower()
    # A native client's loopback redirect may change port (RFC 8252 §7.3), not host or path.
    moved = httpx.get(authorize_url(served.url, client_id, challenge, redirect_uri="http://127.0.0.1:5999/callback"))
    assert moved.status_code == 200
    other_path = httpx.get(authorize_url(served.url, client_id, challenge, redirect_uri="http://127.0.0.1:5999/x"))
    assert other_path.status_code == 400


def test_application_type_decides_the_redirect_uris(origin) -> None:
    served = origin()
    web_loopback = httpx.post(
        f"{served.url}/oauth/register",
        json={
            "client_name": "w",
            "redirect_uris": [REDIRECT],
            "application_type": "web",
            "token_endpoint_auth_method": "none",
        },
    )
    assert web_loopback.status_code == 400 and web_loopback.json()["error"] == "invalid_client_metadata"
    web = register(served.url, application_type="web", redirect_uris=["https://host.example/cb"])
    assert web["application_type"] == "web"
    native_http = httpx.post(
        f"{served.url}/oauth/register",
        json={"redirect_uris": ["http://host.example/cb"], "application_type": "native"},
    )
    assert native_http.status_code == 400
    confidential = register(served.url, token_endpoint_auth_method="client_secret_post")
    assert confidential["client_secret"] and confidential["application_type"] == "native"
    # A confidential client authenticates at the token endpoint with its secret, and only so.
    verifier, challenge = pkce()
    url = authorize_url(served.url, confidential["client_id"], challenge)
    code = sign_in_and_consent(url, ADMIN_USER, ADMIN_PASSWORD).params["code"]
    no_secret = exchange(served.url, confidential["client_id"], code, verifier)
    assert no_secret.status_code == 401 and no_secret.json()["error"] == "invalid_client"
    code = sign_in_and_consent(url, ADMIN_USER, ADMIN_PASSWORD).params["code"]
    paid = exchange(served.url, confidential["client_id"], code, verifier, client_secret=confidential["client_secret"])
    assert paid.status_code == 200, paid.text
    for bad in (b"[]", b"{", b""):
        answer = httpx.post(f"{served.url}/oauth/register", content=bad, headers={"Content-Type": "application/json"})
        assert answer.status_code == 400, (bad, answer.status_code, answer.text)
    missing = httpx.post(f"{served.url}/oauth/register", json={"client_name": "no redirect"})
    assert missing.status_code == 400 and missing.json()["error"] == "invalid_client_metadata"


def test_a_code_works_once_and_its_replay_revokes_what_it_gave(origin) -> None:
    served = origin()
    client_id = register(served.url)["client_id"]
    verifier, challenge = pkce()
    outcome = sign_in_and_consent(authorize_url(served.url, client_id, challenge), ADMIN_USER, ADMIN_PASSWORD)
    assert outcome.params["state"] == "st-1" and outcome.params["iss"] == served.url + "/"
    first = exchange(served.url, client_id, outcome.params["code"], verifier)
    assert first.status_code == 200
    tokens = first.json()
    assert tools_list(served.url, tokens["access_token"]).status_code == 200
    replay = exchange(served.url, client_id, outcome.params["code"], verifier)
    assert replay.status_code == 400 and replay.json()["error"] == "invalid_grant"
    assert refresh(served.url, client_id, tokens["refresh_token"]).status_code == 400
    assert tools_list(served.url, tokens["access_token"]).status_code == 401


def test_refresh_rotates_and_a_reused_one_revokes_the_family(origin) -> None:
    served = origin()
    client_id = register(served.url)["client_id"]
    tokens = tokens_for(served.url, client_id)
    second = refresh(served.url, client_id, tokens["refresh_token"])
    assert second.status_code == 200
    newer = second.json()
    assert newer["refresh_token"] != tokens["refresh_token"]
    stolen = refresh(served.url, client_id, tokens["refresh_token"])
    assert stolen.status_code == 400 and stolen.json()["error"] == "invalid_grant"
    # The reuse revoked the family: the newest refresh token and access token stop too.
    assert refresh(served.url, client_id, newer["refresh_token"]).status_code == 400
    assert tools_list(served.url, newer["access_token"]).status_code == 401
    # Another client cannot use someone else's refresh token.
    other = register(served.url)["client_id"]
    fresh = tokens_for(served.url, client_id)
    assert refresh(served.url, other, fresh["refresh_token"]).status_code == 400


def test_rfc7009_revocation_ends_the_grant(origin) -> None:
    served = origin()
    client_id = register(served.url)["client_id"]
    tokens = tokens_for(served.url, client_id)
    answer = httpx.post(
        f"{served.url}/oauth/revoke",
        data={"token": tokens["refresh_token"], "token_type_hint": "refresh_token", "client_id": client_id},
    )
    assert answer.status_code == 200
    assert refresh(served.url, client_id, tokens["refresh_token"]).status_code == 400
    assert tools_list(served.url, tokens["access_token"]).status_code == 401
    unknown = httpx.post(f"{served.url}/oauth/revoke", data={"token": "nonsense", "client_id": client_id})
    assert unknown.status_code == 200  # RFC 7009 §2.2


def test_the_token_audience_is_the_mcp_resource(origin) -> None:
    served = origin()
    client_id = register(served.url)["client_id"]
    _, challenge = pkce()
    foreign = httpx.get(authorize_url(served.url, client_id, challenge, resource="https://other.example/mcp"))
    assert foreign.status_code == 302 and "error=invalid_target" in foreign.headers["location"]
    # Tokens for another audience are refused on /mcp, with the RFC 6750 challenge.
    for audience in ("klepaas-api", "https://other.example/mcp"):
        token = mint("user-1", (MCP_EXECUTE, "read"), audience=audience)
        answer = tools_list(served.url, token)
        assert answer.status_code == 401 and 'error="invalid_token"' in answer.headers["www-authenticate"]
    # The server's own resource URL is accepted as audience.
    good = mint("user-1", (MCP_EXECUTE, "read"), audience=served.url + "/mcp")
    assert tools_list(served.url, good).status_code == 200


class _Documents(BaseHTTPRequestHandler):
    documents: dict[str, dict[str, Any]] = {}  # noqa: RUF012
    hits: list[str] = []  # noqa: RUF012

    def do_GET(self) -> None:
        self.hits.append(self.path)
        document = self.documents.get(self.path)
        body = json.dumps(document or {}).encode()
        self.send_response(200 if document else 404)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def documents() -> Iterator[tuple[str, type[_Documents]]]:
    _Documents.documents, _Documents.hits = {}, []
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Documents)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"127.0.0.1:{server.server_port}", _Documents
    finally:
        server.shutdown()
        server.server_close()


def test_client_id_metadata_documents_are_fetched_under_the_ssrf_rule(origin, documents) -> None:
    host, handler = documents
    served = origin()
    _, challenge = pkce()
    for client_id, kind in (
        (f"https://{host}/client.json", "loopback"),
        ("https://169.254.169.254/latest/meta-data/client.json", "link-local"),
        ("https://10.1.2.3/client.json", "private"),
    ):
        answer = httpx.get(authorize_url(served.url, client_id, challenge), timeout=30)
        assert answer.status_code in (400, 401), (client_id, answer.status_code)
        assert kind in answer.text and "location" not in answer.headers
    assert handler.hits == []  # nothing was fetched


def test_a_client_id_metadata_document_signs_in_end_to_end(origin, documents) -> None:
    host, handler = documents
    served = origin(KLEPAAS_AUTH_CLIENT_METADATA_ALLOWED_NETWORKS="127.0.0.1/32")
    client_id = f"http://{host}/hosts/client.json"  # plain http: loopback in a test environment only
    handler.documents["/hosts/client.json"] = {
        "client_id": client_id,
        "client_name": "Document host",
        "redirect_uris": [REDIRECT],
        "token_endpoint_auth_method": "none",
    }
    tokens = tokens_for(served.url, client_id)
    assert tools_list(served.url, tokens["access_token"]).status_code == 200
    assert handler.hits == ["/hosts/client.json"]  # fetched once, then kept
    # A document that does not name itself is refused.
    handler.documents["/hosts/liar.json"] = {
        **handler.documents["/hosts/client.json"],
        "client_id": "https://x.example/c",
    }
    _, challenge = pkce()
    liar = httpx.get(authorize_url(served.url, f"http://{host}/hosts/liar.json", challenge))
    assert liar.status_code in (400, 401) and "own URL" in liar.text


def test_the_page_is_protected_and_denial_goes_back_with_an_error(origin) -> None:
    served = origin()
    client_id = register(served.url)["client_id"]
    _, challenge = pkce()
    url = authorize_url(served.url, client_id, challenge)
    page = httpx.get(url, headers={"Accept-Language": "en"})
    assert page.headers["x-frame-options"] == "DENY"
    assert "frame-ancestors 'none'" in page.headers["content-security-policy"]
    assert page.headers["cache-control"] == "no-store"
    assert "Sign in to K-Le-PaaS" in page.text
    login = next(f for f in forms(page.text) if f.fields.get("action") == "login")
    # Without the CSRF cookie (another site posting the form), nothing happens.
    forged = httpx.post(
        f"{served.url}/oauth/authorize", data={**login.fields, "username": ADMIN_USER, "password": ADMIN_PASSWORD}
    )
    assert forged.status_code == 403 and forged.headers["content-type"].startswith("text/html")
    assert forged.headers["x-frame-options"] == "DENY" and "did not come from this page" in forged.text
    with httpx.Client(cookies=page.cookies) as browser:
        wrong = browser.post(
            f"{served.url}/oauth/authorize", data={**login.fields, "username": ADMIN_USER, "password": "nope"}
        )
    assert wrong.status_code == 401 and "wrong username or password" in wrong.text
    denied = sign_in_and_consent(url, ADMIN_USER, ADMIN_PASSWORD, approve=False)
    # The English consent page names each scope asked for (the Korean one: the Python SDK test).
    page = denied.consent_page
    assert "Allow access?" in page and "Use the K-Le-PaaS MCP tools" in page and "Read your apps" in page
    assert denied.params["error"] == "access_denied" and denied.params["iss"] == served.url + "/"


def _provider(name: str) -> tuple[Any, str, str, str]:
    """A Google or GitHub stand-in, its user-info setting's attribute, the id and name it signs in."""
    from klepaas_fakes.oauth import GitHubOAuth, GoogleOAuth

    if name == "github":
        return GitHubOAuth(client_id="github-client", client_secret="github-secret"), "api_url", "583231", "The Octocat"
    google = GoogleOAuth(client_id="google-client", client_secret="google-secret")
    return google, "userinfo_url", "110248495921238986420", "Kim Minji"


@pytest.mark.parametrize("provider", ["github", "google"])
def test_google_and_github_sign_in_on_the_consent_page(origin, provider: str) -> None:
    stand_in, info, provider_id, person = _provider(provider)
    with stand_in.running():  # its URLs are known once it runs
        prefix = f"KLEPAAS_AUTH_{provider.upper()}"
        served = origin(
            **{
                f"{prefix}_CLIENT_ID": stand_in.client_id,
                f"{prefix}_CLIENT_SECRET": stand_in.client_secret,
                f"{prefix}_AUTHORIZE_URL": stand_in.authorize_url,
                f"{prefix}_TOKEN_URL": stand_in.token_url,
                f"{prefix}_{info.upper()}": getattr(stand_in, info),
            }
        )
        stand_in.redirect_uris = (f"{served.url}/api/v1/auth/oauth2/callback/{provider}",)  # the login flow's own
        client_id = register(served.url)["client_id"]
        verifier, challenge = pkce()
        with httpx.Client(follow_redirects=False, timeout=30) as browser:
            page = browser.get(authorize_url(served.url, client_id, challenge))
            assert f"Sign in with {'GitHub' if provider == 'github' else 'Google'}" in page.text
            form = next(f for f in forms(page.text) if f.fields.get("action") == provider)
            away = browser.post(f"{served.url}/oauth/authorize", data=form.fields)
            assert away.status_code == 303 and away.headers["location"].startswith(stand_in.authorize_url)
            back = browser.get(away.headers["location"])  # the stand-in consents at once
            hop = browser.get(back.headers["location"])  # the login flow hands a one-time code to the page
            assert hop.status_code == 302
            assert hop.headers["location"].startswith(f"{served.url}/oauth/callback/{provider}?")
            consent = browser.get(hop.headers["location"])
            assert consent.status_code == 200, consent.text
            assert person in consent.text
            ticket = next(f for f in forms(consent.text) if "ticket" in f.fields)
            done = browser.post(f"{served.url}/oauth/authorize", data={**ticket.fields, "action": "approve"})
            code = dict(x.split("=", 1) for x in done.headers["location"].split("?", 1)[1].split("&"))["code"]
            tokens = exchange(served.url, client_id, code, verifier).json()
            claims = json.loads(base64.urlsafe_b64decode(tokens["access_token"].split(".")[1] + "=="))
            assert claims["provider"] == provider and claims["sub"] == provider_id
            assert tools_list(served.url, tokens["access_token"]).status_code == 200
            # The provider callback's state and the page's one-time code are both single-use.
            assert browser.get(back.headers["location"]).status_code == 400
            assert browser.get(hop.headers["location"]).status_code == 400


def test_registration_is_bounded_per_address(origin) -> None:
    served = origin(KLEPAAS_AUTH_MCP_REGISTRATIONS_PER_HOUR="2")
    register(served.url)
    register(served.url)
    third = httpx.post(f"{served.url}/oauth/register", json={"redirect_uris": [REDIRECT]})
    assert third.status_code == 429 and int(third.headers["retry-after"]) > 0
    not_json = httpx.post(f"{served.url}/oauth/register", content=b"[]", headers={"Content-Type": "application/json"})
    assert not_json.status_code == 429  # still bounded before anything is parsed
