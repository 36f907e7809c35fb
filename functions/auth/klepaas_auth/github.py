"""GitHub sign-in (OAuth app): authorization URL, code exchange, ``/user`` and ``/user/emails``.

The token endpoint answers JSON when asked with ``Accept: application/json`` and a form-encoded
body otherwise; both are read. Errors come back with HTTP 200 and an ``error`` field. The e-mail
is the primary verified address from ``/user/emails`` (else another verified one, else none).
"""

from __future__ import annotations

import urllib.parse
from typing import Any

from klepaas_shared.errors import UpstreamError

from .settings import AuthSettings
from .upstream import Answer, Profile, call, consent_url, error_code, parse_json, refuse, text

NAME = "github"
SCOPES = "read:user user:email"
API_HEADERS = {"Accept": "application/vnd.github+json", "X-GitHub-Api-Version": "2022-11-28"}


def authorize_url(settings: AuthSettings, redirect_uri: str, state: str, code_challenge: str) -> str:
    """The consent page's URL, with the PKCE challenge (S256)."""
    return consent_url(
        settings.auth_github_authorize_url,
        settings.auth_github_client_id,
        redirect_uri,
        SCOPES,
        state,
        code_challenge,
        allow_signup="true",
    )


def configured(settings: AuthSettings) -> bool:
    return bool(settings.auth_github_client_id and settings.auth_github_client_secret.get_secret_value())


def _token_fields(answer: Answer) -> Any:
    if answer.content_type == "application/x-www-form-urlencoded":
        try:
            return dict(urllib.parse.parse_qsl(answer.body.decode(), max_num_fields=20))
        except (UnicodeDecodeError, ValueError):
            raise UpstreamError(f"{NAME} answered with an unreadable token response") from None
    return parse_json(answer, NAME)


def _access_token(settings: AuthSettings, code: str, redirect_uri: str, code_verifier: str) -> str:
    form = {
        "client_id": settings.auth_github_client_id,
        "client_secret": settings.auth_github_client_secret.get_secret_value(),
        "code": code,
        "redirect_uri": redirect_uri,
        "code_verifier": code_verifier,
    }
    answer = call(
        NAME,
        "POST",
        settings.auth_github_token_url,
        headers={"Accept": "application/json"},
        form=form,
        timeout_s=settings.auth_http_timeout_s,
    )
    if answer.status != 200:
        raise UpstreamError(f"{NAME} failed to exchange the code (HTTP {answer.status})")
    value = _token_fields(answer)
    token = value.get("access_token") if isinstance(value, dict) else None
    if not isinstance(token, str) or not token:
        raise refuse(NAME, error_code(value), answer.status)
    return token


def _api(settings: AuthSettings, token: str, path: str) -> Any:
    answer = call(
        NAME,
        "GET",
        settings.auth_github_api_url.rstrip("/") + path,
        headers={**API_HEADERS, "Authorization": f"Bearer {token}"},
        timeout_s=settings.auth_http_timeout_s,
    )
    if answer.status != 200:
        raise UpstreamError(f"{NAME} refused {path} (HTTP {answer.status})")
    return parse_json(answer, NAME)


def _primary_email(emails: Any) -> str:
    if not isinstance(emails, list):
        raise UpstreamError(f"{NAME} answered /user/emails with something that is not a list")
    verified = [e for e in emails if isinstance(e, dict) and e.get("verified") is True and text(e.get("email"))]
    chosen = next((e for e in verified if e.get("primary") is True), verified[0] if verified else None)
    return text(chosen.get("email"), 320) if chosen else ""


def profile(settings: AuthSettings, code: str, redirect_uri: str, code_verifier: str) -> Profile:
    """Exchange ``code`` (with the PKCE verifier of its authorization request) and read who signed in."""
    token = _access_token(settings, code, redirect_uri, code_verifier)
    user = _api(settings, token, "/user")
    user_id = user.get("id") if isinstance(user, dict) else None
    if isinstance(user_id, bool) or not isinstance(user_id, int) or user_id <= 0:
        raise UpstreamError(f"{NAME} answered without a user id")
    email = _primary_email(_api(settings, token, "/user/emails"))
    return Profile(
        provider=NAME,
        provider_id=str(user_id),
        email=email,
        name=text(user.get("name"), 256) or text(user.get("login"), 256),
        picture=text(user.get("avatar_url"), 2048),
        verified=bool(email),
    )
