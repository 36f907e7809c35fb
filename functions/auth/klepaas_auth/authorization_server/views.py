"""The authorization server's HTTP handlers (the routing table names them; ``api`` loads them lazily)."""

from __future__ import annotations

# The ``type: ignore`` comments on Authlib calls and overrides: the types-authlib stubs are narrower
# than Authlib's documented behaviour (a lookup may return None; the Flask server returns a Response).
import time
from typing import Any

import flask
from authlib.oauth2.rfc6749 import OAuth2Error

from klepaas_shared.clients import client_address
from klepaas_shared.context import Bucket, security_context
from klepaas_shared.errors import BadRequest, KlepaasError, NotFound, RateLimited, Unauthorized
from klepaas_shared.http import Reply, Req
from klepaas_shared.store import get_store

from .. import users
from . import pages, records, signin
from .server import Issuer, granted_scopes, metadata, revoke_family, server
from .settings import AsSettings, as_settings

ACCOUNT_PROVIDERS = ("google", "github", "admin")


def well_known(req: Req) -> dict[str, Any]:
    return metadata(as_settings())


def _params(values: Any) -> dict[str, str]:
    return {p: str(values.get(p)) for p in pages.PARAMS if values.get(p)}


def _validated(request: flask.Request, lang: str) -> tuple[Any, flask.Response | None]:
    """Authlib's checks of the authorization request: the grant, or the answer to send instead.

    Until the client and its redirect URI are known good the answer is a page here; after that,
    an error goes back to the client's redirect URI with ``state`` and ``iss`` (RFC 6749 §4.1.2.1)."""
    auth = server()
    try:
        return auth.get_consent_grant(request), None  # type: ignore[no-untyped-call]
    except OAuth2Error as error:
        if error.redirect_uri:
            response = auth.handle_error_response(None, error)  # type: ignore[arg-type]
            Issuer().add_issuer_parameter(auth, response)
            return None, response  # type: ignore[return-value]
        message = error.description or error.error
        return None, pages.respond(pages.error(lang, f"{error.error}: {message}"), status=error.status_code or 400)


def _consent(
    request: flask.Request, settings: AsSettings, grant: Any, params: dict[str, str], user: dict[str, Any]
) -> flask.Response:
    cookie, csrf, _ = pages.csrf_pair(request, settings)
    granted = granted_scopes(params.get("scope"), users.role_of(user))
    ticket = pages.ticket(str(user["id"]), params, cookie, settings)
    resource = params.get("resource") or settings.mcp_resource()
    text = pages.consent(pages.language(request), grant.client, user, params, csrf, ticket, granted, resource)
    return pages.respond(text, cookie=(cookie, settings))


def authorize_page(req: Req) -> flask.Response:
    """GET: check the request, then show the sign-in form."""
    settings, request = as_settings(), req.request
    lang = pages.language(request)
    grant, failure = _validated(request, lang)
    if failure is not None:
        return failure
    cookie, csrf, _ = pages.csrf_pair(request, settings)
    text = pages.login(lang, grant.client, _params(request.args), csrf, signin.providers(settings))
    return pages.respond(text, cookie=(cookie, settings))


def _callback(provider: str, settings: AsSettings) -> str:
    return settings.endpoint(f"/oauth/callback/{provider}")


def _pending_key(pending: str) -> str:
    return f"auth:as-pending:{records.digest(pending)}"


def _as_page(handler: Any) -> Any:
    """A refusal on the page's own routes is shown as a page (a person is reading), same status."""

    def shown(req: Req) -> flask.Response:
        try:
            answer: flask.Response = handler(req)
            return answer
        except KlepaasError as exc:
            response = pages.respond(pages.error(pages.language(req.request), exc.message), status=exc.http_status)
            response.headers.update(exc.headers or {})
            return response

    shown.__doc__ = handler.__doc__
    return shown


@_as_page
def authorize_form(req: Req) -> flask.Response:
    """POST: the sign-in form (admin, or off to Google/GitHub), then the consent form."""
    settings, request = as_settings(), req.request
    lang = pages.language(request)
    cookie = pages.check_csrf(request, settings)
    grant, failure = _validated(request, lang)
    if failure is not None:
        return failure
    params = _params(request.form)
    action = request.form.get("action", "")
    if action == "login":
        try:
            user = signin.with_password(
                request.form.get("username", "")[:128], request.form.get("password", "")[:1024], request, settings
            )
        except KlepaasError as exc:
            _, csrf, _ = pages.csrf_pair(request, settings)
            text = pages.login(lang, grant.client, params, csrf, signin.providers(settings), error=exc.message)
            response = pages.respond(text, status=exc.http_status)
            response.headers.update(exc.headers or {})
            return response
        return _consent(request, settings, grant, params, user)
    if action in signin.providers(settings):
        from authlib.common.security import generate_token

        pending = str(generate_token(43))
        url = signin.start(action, _callback(action, settings), pending, settings)
        security_context().set_json(_pending_key(pending), params, settings.auth_state_ttl_s)
        return flask.Response(status=303, headers={"Location": url, "Cache-Control": "no-store"})
    if action in ("approve", "deny"):
        user_id = pages.redeem(request.form.get("ticket", ""), params, cookie, settings)
        provider, _, provider_id = user_id.partition(":")
        found = users.find(get_store(), provider, provider_id)
        if found is None:
            raise Unauthorized("this account no longer exists; sign in again")
        answer: flask.Response = server().create_authorization_response(  # type: ignore[assignment]
            request, grant_user=found if action == "approve" else None, grant=grant
        )
        return answer
    raise BadRequest("unknown form action")


@_as_page
def provider_callback(req: Req) -> flask.Response:
    """Back from Google or GitHub through the login flow: sign the person in, then show the consent form."""
    settings, request = as_settings(), req.request
    provider = req.params["provider"]
    pending = request.args.get("pending", "")[:64]
    code = request.args.get("code", "")[:128]
    if request.args.get("error"):
        raise BadRequest(f"{provider[:32]} sign-in did not complete; open the authorization link again")
    if not pending or not code:
        raise BadRequest(f"{provider[:32]} did not send a code back; open the authorization link again")
    params = security_context().get_json(_pending_key(pending))
    if not isinstance(params, dict):
        raise BadRequest("this sign-in has expired or was already used; open the authorization link again")
    user = signin.finish(provider, code, _callback(provider, settings), pending, settings)
    security_context().delete(_pending_key(pending))
    original = flask.Request.from_values(  # the authorization request as the host first sent it
        base_url=settings.base(),
        path="/oauth/authorize",
        query_string={k: str(v) for k, v in params.items()},
        headers={"Accept-Language": request.headers.get("Accept-Language", "")},
    )
    grant, failure = _validated(original, pages.language(request))  # type: ignore[arg-type]
    if failure is not None:
        return failure
    return _consent(request, settings, grant, _params(original.args), user)


def token(req: Req) -> flask.Response:
    answer: flask.Response = server().create_token_response(req.request)  # type: ignore[assignment]
    return answer


def register(req: Req) -> flask.Response:
    """RFC 7591, open to anyone, so each client address may register a bounded number an hour."""
    settings = as_settings()
    per_hour = settings.auth_mcp_registrations_per_hour
    caller = client_address(req.request, settings.auth_trusted_proxy_hops)
    bucket = Bucket(per_hour / 3600, per_hour, 0.0, 3600)
    wait = security_context().take(f"auth:as-register:{caller}", bucket, time.time())
    if wait != 0:
        raise RateLimited("too many client registrations from this address; try again later", retry_after_s=abs(wait))
    body = req.json(allow_empty=False)
    answer: flask.Response = server().create_endpoint_response("client_registration", (req.request, body))  # type: ignore[no-untyped-call]
    return answer


def revoke(req: Req) -> flask.Response:
    answer: flask.Response = server().create_endpoint_response("revocation", req.request)  # type: ignore[no-untyped-call]
    return answer


def _account(req: Req) -> str:
    principal = req.user()
    if principal.provider not in ACCOUNT_PROVIDERS or principal.via_service:
        raise BadRequest("sign in with your account (Google, GitHub or admin) to manage MCP grants")
    return f"{principal.provider}:{principal.sub}"


def _public(grant: dict[str, Any]) -> dict[str, Any]:
    keys = ("id", "client_id", "client_name", "client_source", "scope", "resource", "created_at", "last_used_at")
    return {key: grant.get(key) for key in keys}


def list_grants(req: Req) -> dict[str, Any]:
    """The MCP hosts the caller has allowed, newest first."""
    return {"grants": [_public(g) for g in records.grants_of(_account(req))]}


def delete_grant(req: Req) -> Reply:
    """Revoke one of the caller's grants: its refresh tokens stop at once, its access tokens at the next call."""
    user_id = _account(req)
    grant_id = req.params["grant_id"][:64]
    grant = records.grant(grant_id) if grant_id.startswith("g_") else None
    if grant is None or grant.get("user_id") != user_id:
        raise NotFound("no such MCP grant of yours")
    revoke_family(grant_id, "revoked by the user", as_settings())
    from klepaas_shared import audit

    audit.record(
        get_store(),
        actor=user_id,
        action="auth.mcp_grant.revoke",
        target=grant_id,
        source="http",
        result="ok",
        details={"by": "user", "client_id": str(grant.get("client_id"))[:200]},
    )
    return Reply({"success": True, "revoked": grant_id})
