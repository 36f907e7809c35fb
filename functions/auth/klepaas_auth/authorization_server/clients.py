"""The clients of the authorization server: who they are, where they may be sent back to.

Two kinds, one shape:

- a **Client ID Metadata Document**: the ``client_id`` is an https URL whose JSON describes the
  client. It is fetched under the platform's SSRF rule (:mod:`klepaas_shared.addresses`: never
  loopback, link-local/metadata, private or reserved addresses, unless
  ``KLEPAAS_AUTH_CLIENT_METADATA_ALLOWED_NETWORKS`` names them), must name itself as
  ``client_id``, is a public client (``token_endpoint_auth_method`` ``none``) and is kept for
  ``KLEPAAS_AUTH_CLIENT_METADATA_CACHE_S``;
- a **dynamically registered** client (RFC 7591), kept in ``oauth_clients`` until unused for
  ``KLEPAAS_AUTH_MCP_CLIENT_TTL_S``; a confidential one's secret is stored as a digest.

Redirect URIs follow ``application_type`` (OpenID Connect Registration §2, as MCP uses it):
``web`` clients use https redirect URIs on hosts other than loopback; ``native`` clients use
loopback http (``127.0.0.1``, ``[::1]``, ``localhost``; any port at request time, RFC 8252 §7.3),
https, or a private-use scheme with a dot in it (RFC 8252 §7.1). Without ``application_type`` a
client whose every redirect URI is loopback or private-use is native, any other is web.
"""

from __future__ import annotations

# The ``type: ignore`` comments on Authlib calls and overrides: the types-authlib stubs are narrower
# than Authlib's documented behaviour (a lookup may return None; the Flask server returns a Response).
import hashlib
import hmac
import json
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from authlib.oauth2.rfc6749 import ClientMixin

from klepaas_shared.addresses import check_url, networks
from klepaas_shared.clock import now_iso
from klepaas_shared.errors import KlepaasError
from klepaas_shared.logs import get_logger, log_fields
from klepaas_shared.store import get_store

from . import records
from .settings import AsSettings

CLIENTS = "oauth_clients"
LOOPBACK_HOSTS = frozenset({"127.0.0.1", "::1", "localhost"})
AUTH_METHODS = ("none", "client_secret_basic", "client_secret_post")
GRANT_TYPES = ("authorization_code", "refresh_token")
MAX_METADATA_BYTES = 64 * 1024
MAX_REDIRECT_URIS = 10
LOCAL_ENVS = frozenset({"local", "test"})
log = get_logger("auth.as.clients")


class ClientRefused(Exception):
    """A client that cannot be used, with a reason fit to show (never a secret)."""


def _loopback(uri: str) -> bool:
    parts = urlsplit(uri)
    return parts.scheme == "http" and (parts.hostname or "") in LOOPBACK_HOSTS


def _private_use(uri: str) -> bool:
    scheme = urlsplit(uri).scheme
    return bool(scheme) and "." in scheme and scheme not in ("http", "https")


def application_type(given: Any, redirect_uris: list[str]) -> str:
    if given in ("web", "native"):
        return str(given)
    if given not in (None, ""):
        raise ClientRefused("application_type must be 'web' or 'native'")
    return "native" if redirect_uris and all(_loopback(u) or _private_use(u) for u in redirect_uris) else "web"


def check_redirect_uris(uris: Any, kind: str) -> list[str]:
    """The redirect URIs, or ClientRefused naming the first that ``kind`` may not use."""
    if not isinstance(uris, list) or not uris or len(uris) > MAX_REDIRECT_URIS:
        raise ClientRefused(f"redirect_uris must list 1 to {MAX_REDIRECT_URIS} URIs")
    for uri in uris:
        if not isinstance(uri, str) or len(uri) > 2048:
            raise ClientRefused("each redirect URI must be a string of at most 2048 characters")
        parts = urlsplit(uri)
        if parts.fragment or "#" in uri or not parts.scheme:
            raise ClientRefused(f"redirect URI {uri[:200]!r} must be absolute and have no fragment")
        https_ok = parts.scheme == "https" and bool(parts.hostname) and parts.hostname not in LOOPBACK_HOSTS
        if kind == "web" and not https_ok:
            raise ClientRefused(f"a web client's redirect URIs must be https (not loopback): {uri[:200]!r}")
        if kind == "native" and not (https_ok or _loopback(uri) or _private_use(uri)):
            raise ClientRefused(
                f"a native client's redirect URIs must be loopback http, https or a private-use scheme: {uri[:200]!r}"
            )
    return list(uris)


@dataclass
class Client(ClientMixin):
    """One client as Authlib sees it."""

    client_id: str
    client_name: str
    redirect_uris: list[str]
    application_type: str
    token_endpoint_auth_method: str = "none"  # noqa: S105 - a method name, not a secret
    grant_types: list[str] = field(default_factory=lambda: list(GRANT_TYPES))
    secret_digest: str = ""
    source: str = "dcr"
    client_uri: str = ""

    def get_client_id(self) -> str:
        return self.client_id

    def get_default_redirect_uri(self) -> str | None:  # type: ignore[override]
        return self.redirect_uris[0] if len(self.redirect_uris) == 1 else None

    def get_allowed_scope(self, scope: str) -> str:  # type: ignore[override]
        return scope  # the server narrows scopes to the person's role when it issues the code

    def check_redirect_uri(self, redirect_uri: str) -> bool:
        if redirect_uri in self.redirect_uris:
            return True
        if self.application_type != "native" or not _loopback(redirect_uri):
            return False
        asked = urlsplit(redirect_uri)
        for registered in self.redirect_uris:  # RFC 8252 §7.3: any port on a loopback redirect
            known = urlsplit(registered)
            if _loopback(registered) and (known.hostname, known.path, known.query) == (
                asked.hostname,
                asked.path,
                asked.query,
            ):
                return True
        return False

    def check_client_secret(self, client_secret: str) -> bool:
        if not self.secret_digest:
            return False
        given = hashlib.sha256(client_secret.encode()).hexdigest()
        return hmac.compare_digest(given, self.secret_digest)

    def check_endpoint_auth_method(self, method: str, endpoint: str) -> bool:
        return method == self.token_endpoint_auth_method

    def check_response_type(self, response_type: str) -> bool:
        return response_type == "code"

    def check_grant_type(self, grant_type: str) -> bool:
        return grant_type in self.grant_types

    def public(self) -> dict[str, Any]:
        return {"client_id": self.client_id, "client_name": self.client_name, "client_uri": self.client_uri}


def _from_record(record: dict[str, Any]) -> Client:
    return Client(
        client_id=str(record["client_id"]),
        client_name=str(record.get("client_name") or ""),
        redirect_uris=list(record.get("redirect_uris") or []),
        application_type=str(record.get("application_type") or "web"),
        token_endpoint_auth_method=str(record.get("token_endpoint_auth_method") or "none"),
        grant_types=list(record.get("grant_types") or GRANT_TYPES),
        secret_digest=str(record.get("secret_digest") or ""),
        source=str(record.get("source") or "dcr"),
        client_uri=str(record.get("client_uri") or ""),
    )


def _text(metadata: dict[str, Any], name: str, limit: int = 200) -> str:
    value = metadata.get(name)
    return value[:limit] if isinstance(value, str) else ""


def describe(metadata: dict[str, Any], client_id: str, source: str) -> dict[str, Any]:
    """A client record from registration metadata (ClientRefused when it breaks a rule)."""
    uris = metadata.get("redirect_uris")
    kind = application_type(metadata.get("application_type"), uris if isinstance(uris, list) else [])
    redirect_uris = check_redirect_uris(uris, kind)
    method = metadata.get("token_endpoint_auth_method") or ("none" if source == "cimd" else "client_secret_basic")
    if method not in AUTH_METHODS or (source == "cimd" and method != "none"):
        allowed = "none" if source == "cimd" else ", ".join(AUTH_METHODS)
        raise ClientRefused(f"token_endpoint_auth_method must be one of: {allowed}")
    grant_types = metadata.get("grant_types") or list(GRANT_TYPES)
    if not isinstance(grant_types, list) or not set(grant_types) <= set(GRANT_TYPES):
        raise ClientRefused("grant_types may hold authorization_code and refresh_token only")
    if "authorization_code" not in grant_types:
        raise ClientRefused("grant_types must include authorization_code")
    response_types = metadata.get("response_types") or ["code"]
    if response_types != ["code"]:
        raise ClientRefused("response_types must be ['code']")
    return {
        "client_id": client_id,
        "client_name": _text(metadata, "client_name") or urlsplit(client_id).hostname or client_id[:60],
        "client_uri": _text(metadata, "client_uri", 2048),
        "redirect_uris": redirect_uris,
        "application_type": kind,
        "token_endpoint_auth_method": method,
        "grant_types": grant_types,
        "response_types": ["code"],
        "source": source,
    }


def save_registered(record: dict[str, Any], secret: str | None, settings: AsSettings) -> Client:
    """Keep a dynamically registered client (its secret only as a digest)."""
    stored = {
        **record,
        "secret_digest": hashlib.sha256(secret.encode()).hexdigest() if secret else "",
        "created_at": now_iso(),
        "expires_at": records.expires_in(settings.auth_mcp_client_ttl_s),
    }
    get_store().set(CLIENTS, str(record["client_id"]), stored)
    return _from_record(stored)


def is_metadata_url(client_id: str) -> bool:
    return client_id.startswith(("https://", "http://"))


def _fetch_metadata(url: str, settings: AsSettings) -> dict[str, Any]:
    from klepaas_shared.outbound import Outbound

    parts = urlsplit(url)
    if parts.path in ("", "/") or parts.fragment or parts.username or parts.password:
        raise ClientRefused("a client_id URL must have a path and no fragment or credentials")
    allowed = networks(
        [n.strip() for n in settings.auth_client_metadata_allowed_networks.split(",") if n.strip()],
        "KLEPAAS_AUTH_CLIENT_METADATA_ALLOWED_NETWORKS",
    )
    local = settings.env in LOCAL_ENVS
    try:
        addresses = check_url(url, what="client metadata", allowed=allowed, allow_http_loopback=local)
    except KlepaasError as exc:
        # An address the SSRF rules refuse is a probe more often than a mistake: on the record.
        from klepaas_shared import audit

        audit.record(
            get_store(),
            actor="anonymous",  # an MCP host before anyone signed in
            action="auth.client_metadata.refused",
            target=(parts.hostname or "")[:200],
            source="http",
            result="denied",
            details={"reason": exc.message[:300]},
        )
        raise ClientRefused(exc.message) from None
    http = Outbound(
        "client-metadata",
        timeout_s=settings.auth_http_timeout_s,
        attempts=1,
        max_body_bytes=MAX_METADATA_BYTES,
        pin_to=addresses[0],  # the address just checked: a name re-pointed since (DNS rebinding) gets nowhere
    )
    try:
        answer = http.send("GET", url, headers={"Accept": "application/json"})
    except KlepaasError:
        raise ClientRefused("the client metadata document could not be fetched") from None
    if answer.status != 200:
        raise ClientRefused(f"the client metadata document answered HTTP {answer.status}")
    try:
        value = json.loads(answer.body)
    except (ValueError, UnicodeDecodeError):
        raise ClientRefused("the client metadata document is not JSON") from None
    if not isinstance(value, dict):
        raise ClientRefused("the client metadata document is not a JSON object")
    if value.get("client_id") != url:
        raise ClientRefused("the client metadata document must name its own URL as client_id")
    if any(k in value for k in ("client_secret", "client_secret_expires_at")):
        raise ClientRefused("a client metadata document may not carry a client secret")
    return value


def find(client_id: str, settings: AsSettings) -> Client | None:
    """The client, fetching a metadata document when needed; None when unknown.

    Raises ClientRefused when a metadata document may not be fetched or breaks a rule."""
    if len(client_id) > 2048:
        return None
    if is_metadata_url(client_id):
        doc_id = "cimd_" + records.digest(client_id)
        cached = get_store().get(CLIENTS, doc_id)
        if records.live(cached) and cached is not None:
            return _from_record(cached)
        metadata = _fetch_metadata(client_id, settings)
        record = describe(metadata, client_id, "cimd")
        expires = records.expires_in(settings.auth_client_metadata_cache_s)
        get_store().set(CLIENTS, doc_id, {**record, "fetched_at": now_iso(), "expires_at": expires})
        log.info("client metadata fetched", extra=log_fields(client_host=urlsplit(client_id).hostname))
        return _from_record(record)
    try:
        stored = get_store().get(CLIENTS, client_id)
    except (ValueError, KlepaasError):  # not a valid document id: no such client
        return None
    return _from_record(stored) if records.live(stored) and stored is not None else None
