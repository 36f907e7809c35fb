"""Google and GitHub login for the console: the authorization URL (A1) and the code login (A2)."""

from __future__ import annotations

from types import ModuleType
from typing import Any

from klepaas_shared import audit
from klepaas_shared.errors import BadRequest, Unavailable
from klepaas_shared.http import Req
from klepaas_shared.store import get_store

from . import github, google, inputs, state, tokens, users
from .settings import AuthSettings, get_settings

PROVIDERS: dict[str, ModuleType] = {"google": google, "github": github}
MAX_URI_CHARS = 2048


def _provider(name: str, settings: AuthSettings) -> ModuleType:
    module = PROVIDERS.get(name)
    if module is None:
        raise BadRequest(f"unknown login provider {name[:32]!r}; use google or github")
    if not module.configured(settings):
        raise Unavailable(f"{name} login is not configured on this server")
    return module


def _allowed_redirect(redirect_uri: str, settings: AuthSettings) -> str:
    if redirect_uri not in settings.redirect_uris():
        raise BadRequest("redirect_uri is not an allowed callback of this server")
    return redirect_uri


@inputs.login_reply
def authorization_url(req: Req) -> dict[str, Any]:
    """A1: where the console's popup goes; ``state`` ends with ``provider=<name>``."""
    settings = get_settings()
    name = req.params["provider"]
    provider = _provider(name, settings)
    redirect_uri = _allowed_redirect(inputs.string(req.args, "redirect_uri", max_chars=MAX_URI_CHARS), settings)
    issued = state.issue(name, redirect_uri, settings)
    return {"success": True, "provider": name, "auth_url": provider.authorize_url(settings, redirect_uri, issued)}


@inputs.login_reply
def login(req: Req) -> dict[str, Any]:
    """A2: exchange the code, upsert the user, answer ``{success, access_token, user}``."""
    settings = get_settings()
    body = req.json(allow_empty=False)
    name = inputs.string(body, "provider", max_chars=32)
    code = inputs.string(body, "code", max_chars=2048)
    redirect_uri = inputs.string(body, "redirect_uri", max_chars=MAX_URI_CHARS)
    given_state = inputs.string(body, "state", max_chars=state.MAX_STATE_CHARS, required=settings.auth_require_state)
    provider = _provider(name, settings)
    _allowed_redirect(redirect_uri, settings)
    if given_state:
        state.check(given_state, name, redirect_uri, settings)
    profile = provider.profile(settings, code, redirect_uri)
    store = get_store()
    user = users.upsert(store, profile, settings.auth_default_role)
    access_token = tokens.for_user(user, settings)
    audit.record(
        store,
        actor=profile.provider_id,
        action="auth.login",
        target=user["id"],
        source="http",
        result="ok",
        details={"provider": name, "role": user["role"]},
    )
    return {"success": True, "access_token": access_token, "token_type": "Bearer", "user": users.public(user)}
