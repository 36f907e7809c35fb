"""Google and GitHub login for the console: A1 (where to sign in), the provider's callback, A2.

The flow itself (state, PKCE, one-time codes) is in :mod:`klepaas_auth.login`; these are its doors.
"""

from __future__ import annotations

from typing import Any

import flask

from klepaas_shared.errors import BadRequest
from klepaas_shared.http import Req

from . import inputs, login, tokens, users
from .login.flow import provider
from .settings import AuthSettings, get_settings

MAX_URI_CHARS = 2048
MAX_CODE_CHARS = 128


@inputs.login_reply
def authorization_url(req: Req) -> dict[str, Any]:
    """A1: where the console's popup goes; the provider will send the browser back to us first."""
    settings = get_settings()
    name = req.params["provider"]
    provider(name, settings)
    redirect_uri = inputs.string(req.args, "redirect_uri", max_chars=MAX_URI_CHARS)
    _console_callback(redirect_uri, settings)
    return {"success": True, "provider": name, "auth_url": login.begin(name, redirect_uri, settings)}


def _console_callback(redirect_uri: str, settings: AuthSettings) -> None:
    """A1 and A2 serve the console's callback pages only (other pages use :mod:`login` directly)."""
    if redirect_uri not in settings.redirect_uris():
        raise BadRequest("redirect_uri is not an allowed callback of this server")


def callback(req: Req) -> flask.Response:
    """The provider's redirect: check state and PKCE, exchange the code, go on to the console."""
    query = {key: req.args.get(key, "") for key in ("code", "state", "error") if key in req.args}
    location = login.finish(req.params["provider"], query)
    return flask.Response(status=302, headers={"Location": location, "Cache-Control": "no-store"})


@inputs.login_reply
def login_with_code(req: Req) -> dict[str, Any]:
    """A2: redeem the one-time code the callback gave the console; ``{success, access_token, user}``."""
    settings = get_settings()
    body = req.json(allow_empty=False)
    name = inputs.string(body, "provider", max_chars=32)
    code = inputs.string(body, "code", max_chars=MAX_CODE_CHARS)
    redirect_uri = inputs.string(body, "redirect_uri", max_chars=MAX_URI_CHARS)
    provider(name, settings)
    _console_callback(redirect_uri, settings)
    user = login.redeem(code, name, redirect_uri, settings)
    access_token = tokens.for_user(user, settings)
    return {"success": True, "access_token": access_token, "token_type": "Bearer", "user": users.public(user)}
