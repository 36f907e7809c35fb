"""Google sign-in (OpenID Connect): authorization URL, code exchange, userinfo.

Token endpoint: a form POST with ``grant_type=authorization_code``; the answer is JSON with
``access_token`` (or ``error``). Userinfo: ``sub``, ``email``, ``email_verified``, ``name``,
``picture``. The e-mail is kept only when Google says it is verified.
"""

from __future__ import annotations

import re

from klepaas_shared.errors import UpstreamError

from .settings import AuthSettings
from .upstream import Profile, call, consent_url, error_code, parse_json, refuse, text

NAME = "google"
SUBJECT = re.compile(r"[A-Za-z0-9_-]{1,255}")  # also a safe document id
SCOPES = "openid email profile"


def authorize_url(settings: AuthSettings, redirect_uri: str, state: str, code_challenge: str) -> str:
    """The consent page's URL, with the PKCE challenge (S256)."""
    return consent_url(
        settings.auth_google_authorize_url,
        settings.auth_google_client_id,
        redirect_uri,
        SCOPES,
        state,
        code_challenge,
        access_type="online",
        prompt="select_account",
    )


def configured(settings: AuthSettings) -> bool:
    return bool(settings.auth_google_client_id and settings.auth_google_client_secret.get_secret_value())


def _access_token(settings: AuthSettings, code: str, redirect_uri: str, code_verifier: str) -> str:
    form = {
        "grant_type": "authorization_code",
        "code": code,
        "redirect_uri": redirect_uri,
        "code_verifier": code_verifier,
        "client_id": settings.auth_google_client_id,
        "client_secret": settings.auth_google_client_secret.get_secret_value(),
    }
    answer = call(
        NAME,
        "POST",
        settings.auth_google_token_url,
        headers={"Accept": "application/json"},
        form=form,
        timeout_s=settings.auth_http_timeout_s,
    )
    if answer.status >= 500:
        raise UpstreamError(f"{NAME} failed to exchange the code (HTTP {answer.status})")
    value = parse_json(answer, NAME)
    token = value.get("access_token") if isinstance(value, dict) else None
    if answer.status != 200 or not isinstance(token, str) or not token:
        raise refuse(NAME, error_code(value), answer.status)
    return token


def profile(settings: AuthSettings, code: str, redirect_uri: str, code_verifier: str) -> Profile:
    """Exchange ``code`` (with the PKCE verifier of its authorization request) and read who signed in."""
    token = _access_token(settings, code, redirect_uri, code_verifier)
    answer = call(
        NAME,
        "GET",
        settings.auth_google_userinfo_url,
        headers={"Authorization": f"Bearer {token}", "Accept": "application/json"},
        timeout_s=settings.auth_http_timeout_s,
    )
    if answer.status != 200:
        raise UpstreamError(f"{NAME} refused to share the profile (HTTP {answer.status})")
    info = parse_json(answer, NAME)
    subject = text(info.get("sub"), 255) if isinstance(info, dict) else ""
    if not SUBJECT.fullmatch(subject):
        raise UpstreamError(f"{NAME} answered without a user id")
    verified = info.get("email_verified") is True or info.get("email_verified") == "true"
    return Profile(
        provider=NAME,
        provider_id=subject,
        email=text(info.get("email"), 320) if verified else "",
        name=text(info.get("name"), 256) or text(info.get("email"), 320),
        picture=text(info.get("picture"), 2048),
        verified=verified,
    )
