"""The one seam between the consent page and the console's sign-in code.

The admin account goes through :func:`klepaas_auth.admin.sign_in` (the same per-address and
per-account throttles as the console's login); Google and GitHub through the providers of
:mod:`klepaas_auth.oauth` with a signed single-use ``state`` and this server's own callback
(``/oauth/callback/<provider>``, to be registered with the provider beside the console's). Whatever
replaces those modules only has to keep these four functions.
"""

from __future__ import annotations

from typing import Any

import flask

from klepaas_shared import audit
from klepaas_shared.errors import BadRequest
from klepaas_shared.store import get_store

from .. import admin, oauth, state, users
from .settings import AsSettings


def with_password(username: str, password: str, request: flask.Request, settings: AsSettings) -> dict[str, Any]:
    """The admin account (401 wrong, 429 throttled, 503 not configured)."""
    return admin.sign_in(username, password, request, settings)


def providers(settings: AsSettings) -> list[str]:
    """The external providers configured on this server, in the order the page shows them."""
    return [name for name, module in oauth.PROVIDERS.items() if module.configured(settings)]


def start(provider: str, callback: str, settings: AsSettings) -> tuple[str, str]:
    """Where to send the person to sign in with ``provider``, and the state that comes back."""
    module = oauth.PROVIDERS.get(provider)
    if module is None or not module.configured(settings):
        raise BadRequest(f"sign-in with {provider[:32]!r} is not available here")
    issued = state.issue(provider, callback, settings)
    return module.authorize_url(settings, callback, issued), issued


def finish(provider: str, code: str, given_state: str, callback: str, settings: AsSettings) -> dict[str, Any]:
    """Exchange the provider's code (the state checked once) for the stored user."""
    module = oauth.PROVIDERS.get(provider)
    if module is None or not module.configured(settings):
        raise BadRequest(f"sign-in with {provider[:32]!r} is not available here")
    state.check(given_state, provider, callback, settings)
    profile = module.profile(settings, code, callback)
    store = get_store()
    user = users.upsert(store, profile, settings.auth_default_role)
    audit.record(
        store,
        actor=profile.provider_id,
        action="auth.login",
        target=user["id"],
        source="http",
        result="ok",
        details={"provider": provider, "role": user["role"], "for": "mcp-authorization"},
    )
    return user
