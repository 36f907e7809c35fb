"""The one seam between the consent page and the console's sign-in code.

The admin account goes through :func:`klepaas_auth.admin.sign_in` (the same per-address and
per-account throttles as the console's login); Google and GitHub through the console's own login
flow (:mod:`klepaas_auth.login`: single-use state, PKCE, the provider's redirect to
``/api/v1/auth/oauth2/callback/<provider>``), which then sends the browser back to this server's
``/oauth/callback/<provider>?pending=<id>`` with a one-time code redeemed here. The pending id
names the authorization request waiting for the sign-in, and the code is bound to that exact page,
so a code issued for one pending request cannot finish another.
"""

from __future__ import annotations

import urllib.parse
from typing import Any

import flask

from .. import admin, login
from ..login.flow import PROVIDERS
from .settings import AsSettings


def with_password(username: str, password: str, request: flask.Request, settings: AsSettings) -> dict[str, Any]:
    """The admin account (401 wrong, 429 throttled, 503 not configured)."""
    return admin.sign_in(username, password, request, settings)


def providers(settings: AsSettings) -> list[str]:
    """The external providers configured on this server, in the order the page shows them."""
    return [name for name, module in PROVIDERS.items() if module.configured(settings)]


def return_page(callback: str, pending: str) -> str:
    """This server's page the login flow sends the browser back to for ``pending``."""
    return f"{callback}?{urllib.parse.urlencode({'pending': pending})}"


def start(provider: str, callback: str, pending: str, settings: AsSettings) -> str:
    """Where to send the person to sign in with ``provider`` (400 unknown, 503 not configured)."""
    return login.begin(provider, return_page(callback, pending), settings)


def finish(provider: str, code: str, callback: str, pending: str, settings: AsSettings) -> dict[str, Any]:
    """The stored user the one-time ``code`` stands for (400 used, expired or for another page)."""
    return login.redeem(code, provider, return_page(callback, pending), settings)
