"""The login flow's three steps: begin (state + PKCE), finish (the provider's callback), redeem.

Everything lives in the security context (Redis in production) under short expiries:

- ``auth:login:state:<nonce>``: provider, where the browser goes back to, the PKCE verifier.
  Single use: the first callback that presents the nonce burns it (an atomic counter beside the
  record), so a replayed or parallel callback is refused even if it races the first.
- ``auth:login:code:<sha256 of the code>``: the signed-in profile, the provider and the page it
  was issued to, for 60 s, redeemed once. Only a digest is used as the key, so whoever reads the
  store cannot redeem what is there.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import time
import urllib.parse
from dataclasses import asdict
from types import ModuleType
from typing import Any

from klepaas_shared import audit
from klepaas_shared.context import security_context
from klepaas_shared.errors import BadRequest, KlepaasError, Unavailable
from klepaas_shared.store import get_store

from .. import github, google, users
from ..settings import AuthSettings, get_settings
from ..upstream import Profile

PROVIDERS: dict[str, ModuleType] = {"google": google, "github": github}
CALLBACK_PATH = "/api/v1/auth/oauth2/callback/{provider}"
CODE_TTL_S = 60
NONCE = re.compile(r"[A-Za-z0-9]{43}")
CODE = re.compile(r"kl_[A-Za-z0-9]{43}")
MAX_STATE_CHARS = 128
MAX_PROVIDER_CODE_CHARS = 2048
# RFC 6749 §4.1.2.1: what a provider may put in ``error``; anything else is passed on as access_denied.
AUTHORIZE_ERRORS = frozenset(
    {
        "access_denied",
        "invalid_request",
        "unauthorized_client",
        "unsupported_response_type",
        "invalid_scope",
        "server_error",
        "temporarily_unavailable",
    }
)
_STATE_KEY = "auth:login:state:"
_CODE_KEY = "auth:login:code:"
_now = time.time  # a seam for the expiry tests


def provider(name: str, settings: AuthSettings) -> ModuleType:
    """The provider's module: 400 for a name we do not know, 503 when it is not configured."""
    module = PROVIDERS.get(name)
    if module is None:
        raise BadRequest(f"unknown login provider {name[:32]!r}; use google or github")
    if not module.configured(settings):
        raise Unavailable(f"{name} login is not configured on this server")
    return module


def callback_url(name: str, settings: AuthSettings) -> str:
    """Where the provider sends the browser back: this server, never the console."""
    return settings.api_base_url.rstrip("/") + CALLBACK_PATH.format(provider=name)


def _on_this_server(url: str, settings: AuthSettings) -> bool:
    ours = urllib.parse.urlsplit(settings.api_base_url)
    theirs = urllib.parse.urlsplit(url)
    return (
        (theirs.scheme, theirs.netloc) == (ours.scheme, ours.netloc)
        and theirs.path.startswith("/")
        and not theirs.fragment
        and "\\" not in url
    )


def allowed_return(return_to: str, settings: AuthSettings) -> str:
    """A console callback on the allow-list, or a page of this server (else 400)."""
    if return_to in settings.redirect_uris() or _on_this_server(return_to, settings):
        return return_to
    raise BadRequest("redirect_uri is not an allowed callback of this server")


def begin(name: str, return_to: str, settings: AuthSettings | None = None) -> str:
    """Start a sign-in: store the state and the PKCE verifier; the provider's consent URL."""
    from authlib.common.security import generate_token
    from authlib.oauth2.rfc7636 import create_s256_code_challenge

    settings = settings or get_settings()
    module = provider(name, settings)
    allowed_return(return_to, settings)
    nonce = generate_token(43)
    verifier = generate_token(64)  # RFC 7636 §4.1: 43 to 128 unreserved characters
    record = {"provider": name, "return_to": return_to, "verifier": verifier}
    security_context().set_json(_STATE_KEY + nonce, record, settings.auth_state_ttl_s)
    state = f"{nonce}.provider={name}"
    challenge = str(create_s256_code_challenge(verifier))  # type: ignore[no-untyped-call]  # untyped in the stubs
    return str(module.authorize_url(settings, callback_url(name, settings), state, challenge))


def _take_state(name: str, state: str, settings: AuthSettings) -> dict[str, Any]:
    """The stored record of a state we issued for this provider, burnt on first sight (else 400)."""
    nonce, sep, named = state.partition(".provider=")
    if not sep or named != name or not NONCE.fullmatch(nonce):
        raise BadRequest("this sign-in was not started by this server; start the login again")
    context = security_context()
    record = context.get_json(_STATE_KEY + nonce)
    if not isinstance(record, dict) or record.get("provider") != name:
        raise BadRequest("this sign-in has expired or was not started by this server; start the login again")
    if context.incr(f"{_STATE_KEY}{nonce}:used", settings.auth_state_ttl_s) > 1:
        raise BadRequest("this sign-in was already completed; start the login again")
    return record  # kept until it expires, so that a replay is told what happened


def _digest(code: str) -> str:
    return hashlib.sha256(code.encode()).hexdigest()


def _back(return_to: str, **fields: str) -> str:
    split = urllib.parse.urlsplit(return_to)
    query = urllib.parse.urlencode([*urllib.parse.parse_qsl(split.query), *fields.items()])
    return urllib.parse.urlunsplit((split.scheme, split.netloc, split.path, query, ""))


def finish(name: str, query: dict[str, str], settings: AuthSettings | None = None) -> str:
    """The provider's redirect to us: check state and PKCE, exchange the code; where the browser goes.

    A state we did not issue (or already used) is a 400 here: there is no trusted page to send the
    browser to. Anything that goes wrong after that goes back to the page as ``error=…`` (the
    console's callback page passes it to the login window, FRONTEND_API §3.1).
    """
    from authlib.oauth2.rfc6749.errors import OAuth2Error
    from authlib.oauth2.rfc6749.parameters import parse_authorization_code_response

    settings = settings or get_settings()
    module = provider(name, settings)
    state = query.get("state", "")
    if not state or len(state) > MAX_STATE_CHARS:
        raise BadRequest("the sign-in callback carries no state this server issued; start the login again")
    record = _take_state(name, state, settings)
    return_to = str(record["return_to"])
    done = f"klepaas.provider={name}"  # the console reads the provider after "provider="
    here = callback_url(name, settings) + "?" + urllib.parse.urlencode(query)
    if query.get("error"):  # the person said no (RFC 6749 §4.1.2.1); pass on only a safe token
        reason = query["error"] if query["error"] in AUTHORIZE_ERRORS else "access_denied"
        return _back(return_to, error=reason, state=done)
    try:
        code = str(parse_authorization_code_response(here, state=state)["code"])
    except OAuth2Error:
        return _back(return_to, error="invalid_request", state=done)
    if not code or len(code) > MAX_PROVIDER_CODE_CHARS:
        return _back(return_to, error="invalid_request", state=done)
    try:
        profile = module.profile(settings, code, callback_url(name, settings), str(record["verifier"]))
    except KlepaasError as exc:
        return _back(return_to, error=exc.message, state=done)
    from authlib.common.security import generate_token

    one_time = "kl_" + str(generate_token(43))
    issued = {"provider": name, "return_to": return_to, "profile": asdict(profile), "expires": _now() + CODE_TTL_S}
    security_context().set_json(_CODE_KEY + _digest(one_time), issued, CODE_TTL_S)
    return _back(return_to, code=one_time, state=done)


def redeem(code: str, name: str, return_to: str, settings: AuthSettings | None = None) -> dict[str, Any]:
    """The user a one-time code stands for: once, within 60 s, for the page it was issued to (else 400).

    The user is written (created, or refreshed from the provider's profile) only here, so a
    sign-in nobody redeems leaves nothing behind.
    """
    settings = settings or get_settings()
    refused = BadRequest("this sign-in code is not valid (used, expired, or for another page); sign in again")
    if not CODE.fullmatch(code):
        raise refused
    context = security_context()
    key = _CODE_KEY + _digest(code)
    issued = context.get_json(key)
    if not isinstance(issued, dict) or context.incr(key + ":used", CODE_TTL_S + 1) > 1:
        raise refused
    context.delete(key)
    fits = hmac.compare_digest(str(issued.get("return_to", "")).encode(), return_to.encode())
    if not fits or issued.get("provider") != name or float(issued.get("expires", 0)) <= _now():
        raise refused
    profile = Profile(**issued["profile"])
    store = get_store()
    user = users.upsert(store, profile, settings.auth_default_role)
    audit.record(
        store,
        actor=profile.provider_id,
        action="auth.login",
        target=user["id"],
        source="http",
        result="ok",
        details={"provider": name, "role": user["role"]},
    )
    return user
