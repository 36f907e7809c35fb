"""Authlib's authorization server, wired to this platform's clients, store and tokens.

- authorization code grant, PKCE required and S256 only (``plain`` and a missing challenge are
  refused at the authorization endpoint), the code taken once (a replayed code revokes what it
  was exchanged for, RFC 9700 §4.5);
- refresh tokens rotated on every use; presenting a used one revokes its whole family (the grant);
- RFC 8707: ``resource`` must be the MCP resource (absent: it is implied) and becomes the access
  token's audience; RFC 9207: ``iss`` on every authorization response;
- RFC 7591 registration and RFC 7009 revocation as Authlib endpoints.

Access tokens are the platform's own JWTs (:func:`klepaas_shared.auth.mint`), so the mcp function
verifies them the way it verifies every token: once, without a store read. They carry the grant
id (``gid``), which :mod:`klepaas_shared.revocations` marks when the grant is revoked.
"""

from __future__ import annotations

# The ``type: ignore`` comments on Authlib calls and overrides: the types-authlib stubs are narrower
# than Authlib's documented behaviour (a lookup may return None; the Flask server returns a Response).
import secrets
import time
from dataclasses import dataclass
from functools import cache
from typing import Any

import flask
from authlib.integrations.flask_oauth2.requests import FlaskOAuth2Request
from authlib.oauth2 import AuthorizationServer
from authlib.oauth2.rfc6749 import (
    AuthorizationCodeMixin,
    InvalidClientError,
    InvalidGrantError,
    InvalidRequestError,
    JsonPayload,
    JsonRequest,
    OAuth2Error,
    TokenMixin,
    grants,
)
from authlib.oauth2.rfc7009 import RevocationEndpoint
from authlib.oauth2.rfc7591 import ClientRegistrationEndpoint, InvalidClientMetadataError
from authlib.oauth2.rfc7636 import CodeChallenge
from authlib.oauth2.rfc9207 import IssuerParameter

from klepaas_shared import audit, revocations
from klepaas_shared.auth import MCP_EXECUTE, READ, ROLE_SCOPES, mint
from klepaas_shared.errors import Unauthorized
from klepaas_shared.logs import get_logger, log_fields
from klepaas_shared.store import get_store

from .. import users
from . import clients, records
from .settings import AsSettings, as_settings

# What an MCP host may ask for; a person grants at most what their role holds.
MCP_SCOPES = (MCP_EXECUTE, READ, "deploy:execute")
DEFAULT_SCOPES = (MCP_EXECUTE, READ)
AUTH_METHODS = list(clients.AUTH_METHODS)
log = get_logger("auth.as")


class InvalidTargetError(OAuth2Error):
    """RFC 8707 §2: the resource is not one this server issues tokens for."""

    error = "invalid_target"


def granted_scopes(asked: str | None, role: str) -> list[str]:
    wanted = (asked or "").split() or list(DEFAULT_SCOPES)
    held = set(ROLE_SCOPES.get(role, ()))
    return [s for s in MCP_SCOPES if s in wanted and s in held]


def check_resource(asked: str | None, settings: AsSettings) -> str:
    """The resource a token is for: the MCP resource, named or implied (RFC 8707)."""
    expected = settings.mcp_resource()
    if asked and asked.rstrip("/") != expected.rstrip("/"):
        raise InvalidTargetError(description=f"this server issues tokens only for the resource {expected}")
    return expected


@dataclass
class Holder:
    """The person a token is issued to, with the grant (family) it belongs to."""

    user: dict[str, Any]
    grant_id: str
    resource: str
    client_id: str


@dataclass
class Code(AuthorizationCodeMixin):
    record: dict[str, Any]

    @property
    def code_challenge(self) -> str:
        return str(self.record.get("code_challenge") or "")

    @property
    def code_challenge_method(self) -> str:
        return str(self.record.get("code_challenge_method") or "")

    def get_redirect_uri(self) -> str:
        return str(self.record["redirect_uri"])

    def get_scope(self) -> str:
        return str(self.record.get("scope") or "")


@dataclass
class Refresh(TokenMixin):
    record: dict[str, Any]
    grant: dict[str, Any]

    def check_client(self, client: clients.Client) -> bool:
        return bool(self.record.get("client_id") == client.get_client_id())

    def get_scope(self) -> str:
        return str(self.grant.get("scope") or "")

    def get_expires_in(self) -> int:
        return 0

    def is_expired(self) -> bool:
        return not records.live(self.record)

    def is_revoked(self) -> bool:
        return bool(self.grant.get("revoked"))


def revoke_family(grant_id: str, reason: str, settings: AsSettings) -> bool:
    """Revoke a grant: its refresh tokens stop working at once, its access tokens at the next call."""
    revoked = records.revoke_grant(get_store(), grant_id, reason)
    revocations.mark(grant_id, settings.auth_mcp_access_ttl_s + 60)
    if revoked:
        log.info("grant revoked", extra=log_fields(grant_id=grant_id, reason=reason))
    return revoked


class S256Only(CodeChallenge):
    """PKCE is required, and only S256: a missing challenge or method, or ``plain``, is refused."""

    SUPPORTED_CODE_CHALLENGE_METHOD = ["S256"]  # noqa: RUF012 - Authlib's class attribute

    def validate_code_challenge(self, grant: Any, redirect_uri: str) -> None:
        data = grant.request.payload.data
        if not data.get("code_challenge"):
            raise InvalidRequestError("PKCE is required: send code_challenge with code_challenge_method=S256")
        if data.get("code_challenge_method") != "S256":
            raise InvalidRequestError("code_challenge_method must be S256 (plain is not accepted)")
        super().validate_code_challenge(grant, redirect_uri)


def _resource_of_request(grant: Any, redirect_uri: str) -> None:
    check_resource(grant.request.payload.data.get("resource"), as_settings())


class CodeGrant(grants.AuthorizationCodeGrant):
    TOKEN_ENDPOINT_AUTH_METHODS = AUTH_METHODS

    def __init__(self, request: Any, server: Any) -> None:
        super().__init__(request, server)
        self.register_hook("after_validate_authorization_request_payload", _resource_of_request)

    def save_authorization_code(self, code: str, request: Any) -> None:
        settings = as_settings()
        user: dict[str, Any] = request.user
        data = request.payload.data
        scopes = granted_scopes(data.get("scope"), users.role_of(user))
        fields = {
            "client_id": request.client.get_client_id(),
            "redirect_uri": data.get("redirect_uri") or request.client.get_default_redirect_uri(),
            "scope": " ".join(scopes),
            "user_id": user["id"],
            "code_challenge": data.get("code_challenge"),
            "code_challenge_method": data.get("code_challenge_method"),
            "resource": check_resource(data.get("resource"), settings),
            "grant_id": records.new_grant_id(),
        }
        records.save_code(code, fields, settings.auth_mcp_code_ttl_s)

    def query_authorization_code(self, code: str, client: clients.Client) -> Code | None:  # type: ignore[override]
        taken = records.take_code(code)
        if taken.replayed and taken.record is not None:
            revoke_family(str(taken.record["grant_id"]), "authorization code replayed", as_settings())
            return None
        if taken.record is None or taken.record.get("client_id") != client.get_client_id():
            return None
        return Code(taken.record)

    def validate_token_request(self) -> None:
        super().validate_token_request()
        code: Code = self.request.authorization_code  # type: ignore[assignment]
        asked = self.request.form.get("resource")
        if asked and check_resource(asked, as_settings()) != code.record["resource"]:
            raise InvalidTargetError(description="resource differs from the authorization request")

    def delete_authorization_code(self, authorization_code: Code) -> None:
        """Nothing to do: the code was marked used when it was taken."""

    def authenticate_user(self, authorization_code: Code) -> Holder | None:
        record = authorization_code.record
        return _holder(record, str(record["grant_id"]))


def _holder(record: dict[str, Any], grant_id: str) -> Holder | None:
    """The person behind a code or a grant (``user_id``, ``resource``, ``client_id``), if they still exist."""
    provider, _, provider_id = str(record["user_id"]).partition(":")
    user = users.find(get_store(), provider, provider_id)
    if user is None:
        return None
    return Holder(user, grant_id, str(record["resource"]), str(record["client_id"]))


class RefreshGrant(grants.RefreshTokenGrant):
    TOKEN_ENDPOINT_AUTH_METHODS = AUTH_METHODS
    INCLUDE_NEW_REFRESH_TOKEN = True

    def authenticate_refresh_token(self, refresh_token: str) -> Refresh | None:  # type: ignore[override]
        taken = records.take_refresh(refresh_token)
        if taken.record is None:
            return None
        grant_id = str(taken.record["grant_id"])
        if taken.replayed:
            revoke_family(grant_id, "refresh token reused", as_settings())
            return None
        grant = records.grant(grant_id)
        return Refresh(taken.record, grant) if grant is not None else None

    def authenticate_user(self, refresh_token: Refresh) -> Holder | None:
        grant = refresh_token.grant
        return _holder(grant, str(grant["id"]))

    def revoke_old_credential(self, refresh_token: Refresh) -> None:  # type: ignore[override]
        """Nothing to do: the old token was marked used when it was taken (its reuse is detected)."""


@dataclass
class AccessTokenRecord(TokenMixin):
    """A token presented for revocation: either kind leads to its grant."""

    grant_id: str
    client_id: str

    def check_client(self, client: clients.Client) -> bool:
        return self.client_id == client.get_client_id()


class Revocation(RevocationEndpoint):
    CLIENT_AUTH_METHODS = AUTH_METHODS

    def query_token(self, token_string: str, token_type_hint: str | None) -> AccessTokenRecord | None:
        if len(token_string) > 4096:
            return None
        refresh = records.peek_refresh(token_string)
        if refresh is not None:
            return AccessTokenRecord(str(refresh["grant_id"]), str(refresh["client_id"]))
        from klepaas_shared.auth import verify

        settings = as_settings()
        try:
            principal = verify(token_string, audiences=[settings.mcp_resource()])
        except Unauthorized:
            return None
        grant_id = principal.claims.get(revocations.GRANT_CLAIM)
        client_id = principal.claims.get("client_id")
        return AccessTokenRecord(str(grant_id), str(client_id)) if grant_id and client_id else None

    def revoke_token(self, token: AccessTokenRecord, request: Any) -> None:
        settings = as_settings()
        grant = records.grant(token.grant_id)
        if revoke_family(token.grant_id, "revoked by the client (RFC 7009)", settings) and grant is not None:
            audit.record(
                get_store(),
                actor=token.client_id[:200],
                action="auth.mcp_grant.revoke",
                target=token.grant_id,
                source="http",
                result="ok",
                details={"by": "client"},
            )


class Registration(ClientRegistrationEndpoint):
    """RFC 7591, open to any MCP host (as the MCP authorization spec expects); Authlib checks the
    metadata against this server's metadata, :func:`clients.describe` adds the redirect rules."""

    def authenticate_token(self, request: Any) -> str:
        return "open-registration"

    def get_server_metadata(self) -> dict[str, Any]:
        return metadata(as_settings())

    def generate_client_info(self, request: Any) -> dict[str, Any]:
        method = request.payload.data.get("token_endpoint_auth_method") or "client_secret_basic"
        info: dict[str, Any] = {
            "client_id": "mcp_" + secrets.token_urlsafe(18),
            "client_id_issued_at": int(time.time()),
        }
        if method != "none":
            info.update(client_secret=secrets.token_urlsafe(32), client_secret_expires_at=0)
        return info

    def save_client(self, client_info: dict[str, Any], client_metadata: dict[str, Any], request: Any) -> clients.Client:
        given = {**client_metadata, "application_type": request.payload.data.get("application_type")}
        try:
            record = clients.describe(given, client_info["client_id"], "dcr")
        except clients.ClientRefused as exc:
            raise InvalidClientMetadataError(str(exc)) from None
        return clients.save_registered(record, client_info.get("client_secret"), as_settings())

    def generate_client_registration_info(self, client: clients.Client, request: Any) -> dict[str, Any]:
        return {"application_type": client.application_type, "client_name": client.client_name}


class Issuer(IssuerParameter):
    def get_issuer(self) -> str:
        return as_settings().issuer()


class _Json(JsonPayload):
    def __init__(self, data: dict[str, Any]) -> None:
        self._data = data

    @property
    def data(self) -> dict[str, Any]:
        return self._data


class Server(AuthorizationServer):
    """Authlib's server for a Flask request handed over by the function's dispatch."""

    def query_client(self, client_id: str) -> clients.Client | None:  # type: ignore[override]
        try:
            return clients.find(client_id, as_settings())
        except clients.ClientRefused as exc:
            raise InvalidClientError(description=str(exc)) from None

    def save_token(self, token: dict[str, Any], request: Any) -> None:
        settings = as_settings()
        holder: Holder = request.user
        refresh = token.get("refresh_token")
        if request.payload.grant_type == "authorization_code":
            code: Code = request.authorization_code
            fields = {
                "user_id": holder.user["id"],
                "client_id": holder.client_id,
                "client_name": request.client.client_name,
                "client_source": request.client.source,
                "scope": code.get_scope(),
                "resource": holder.resource,
            }
            records.save_grant(holder.grant_id, fields, settings.auth_mcp_refresh_ttl_s)
            audit.record(
                get_store(),
                actor=str(holder.user["id"]),
                action="auth.mcp_grant.create",
                target=holder.grant_id,
                source="http",
                result="ok",
                details={"client_id": holder.client_id[:200], "scope": code.get_scope()},
            )
        else:
            records.touch_grant(holder.grant_id, settings.auth_mcp_refresh_ttl_s)
        if refresh:
            records.save_refresh(str(refresh), holder.grant_id, holder.client_id, settings.auth_mcp_refresh_ttl_s)

    def create_oauth2_request(self, request: flask.Request) -> FlaskOAuth2Request:
        return FlaskOAuth2Request(request)

    def create_json_request(self, request: tuple[flask.Request, dict[str, Any]]) -> JsonRequest:
        raw, body = request
        made = JsonRequest(raw.method, raw.url, raw.headers)  # type: ignore[arg-type]
        made.payload = _Json(body)
        return made

    def handle_response(self, status: int, body: Any, headers: Any) -> flask.Response:
        from klepaas_shared.http import json_response

        pairs = dict(headers or [])
        if isinstance(body, dict):
            return json_response(body, status, pairs)
        return flask.Response(body or "", status=status, headers=pairs)

    def send_signal(self, name: str, *args: Any, **kwargs: Any) -> None:
        """Authlib's hook for framework signals: nothing listens here."""


def issue(
    grant_type: str,
    client: clients.Client,
    user: Holder | None = None,
    scope: str | None = None,
    expires_in: int | None = None,
    include_refresh_token: bool = True,
) -> dict[str, Any]:
    """The token response: a platform JWT for the MCP resource, and a fresh refresh token."""
    if user is None:
        raise InvalidGrantError("there is no person behind this grant")
    settings = as_settings()
    role = users.role_of(user.user)
    # On refresh the person's current role narrows the scopes again (a demoted user loses them).
    scopes = granted_scopes(scope or "", role) if scope else []
    ttl = settings.auth_mcp_access_ttl_s
    extra = {
        "email": user.user.get("email", ""),
        "name": user.user.get("name", ""),
        "provider": user.user["provider"],
        "role": role,
        "client_id": client.get_client_id(),
        revocations.GRANT_CLAIM: user.grant_id,
    }
    token = mint(
        str(user.user["provider_id"]), scopes, audience=user.resource, ttl_s=ttl, extra=extra, settings=settings
    )
    answer: dict[str, Any] = {
        "token_type": "Bearer",
        "access_token": token,
        "expires_in": ttl,
        "scope": " ".join(scopes),
    }
    if include_refresh_token:
        answer["refresh_token"] = secrets.token_urlsafe(32)
    return answer


def metadata(settings: AsSettings) -> dict[str, Any]:
    """RFC 8414 metadata (with RFC 9207's and the Client ID Metadata Document's flags)."""
    return {
        "issuer": settings.issuer(),
        "authorization_endpoint": settings.endpoint("/oauth/authorize"),
        "token_endpoint": settings.endpoint("/oauth/token"),
        "registration_endpoint": settings.endpoint("/oauth/register"),
        "revocation_endpoint": settings.endpoint("/oauth/revoke"),
        "scopes_supported": list(MCP_SCOPES),
        "response_types_supported": ["code"],
        "response_modes_supported": ["query"],
        "grant_types_supported": list(clients.GRANT_TYPES),
        "token_endpoint_auth_methods_supported": AUTH_METHODS,
        "revocation_endpoint_auth_methods_supported": AUTH_METHODS,
        "code_challenge_methods_supported": ["S256"],
        "authorization_response_iss_parameter_supported": True,
        "client_id_metadata_document_supported": True,
        "service_documentation": settings.endpoint("/mcp/info"),
    }


@cache
def server() -> Server:
    made = Server(scopes_supported=list(MCP_SCOPES))
    made.register_token_generator("default", issue)  # type: ignore[arg-type]
    made.register_grant(CodeGrant, [S256Only(required=True)])
    made.register_grant(RefreshGrant)
    made.register_endpoint(Revocation)
    made.register_endpoint(Registration)  # type: ignore[arg-type]
    made.register_extension(Issuer())
    return made
