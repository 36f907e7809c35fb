"""Calls to the login providers through the outbound layer: a timeout on every call, bounded bodies.

Whatever a provider answers, the caller gets a parsed JSON value or a :class:`KlepaasError`:
a refused code is the client's problem (400); anything else the provider does wrong is 502.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from klepaas_shared.errors import BadRequest, Unavailable, UpstreamError, UpstreamTimeout
from klepaas_shared.logs import get_logger, log_fields
from klepaas_shared.outbound import Outbound

MAX_RESPONSE_BYTES = 1 << 20
USER_AGENT = "klepaas-auth"
# Errors of the token endpoint that mean "this code (or redirect) is not good", not "we are broken".
CLIENT_ERRORS = frozenset(
    {"invalid_grant", "bad_verification_code", "redirect_uri_mismatch", "invalid_request", "access_denied"}
)
log = get_logger("auth.upstream")


@dataclass(frozen=True)
class Profile:
    """Who the provider says signed in."""

    provider: str
    provider_id: str
    email: str
    name: str
    picture: str
    verified: bool


@dataclass(frozen=True)
class Answer:
    status: int
    content_type: str
    body: bytes


def call(
    provider: str,
    method: str,
    url: str,
    *,
    headers: Mapping[str, str],
    form: Mapping[str, str] | None = None,
    timeout_s: float,
) -> Answer:
    """One HTTP request; any status comes back, a network failure is a 502."""
    # One attempt: a code is good once, and the person signing in can simply try again.
    http = Outbound(provider, timeout_s=timeout_s, attempts=1, max_body_bytes=MAX_RESPONSE_BYTES)
    try:
        answer = http.send(method, url, headers={"User-Agent": USER_AGENT, **headers}, form=form)
    except (Unavailable, UpstreamTimeout) as exc:
        log.warning("login provider unreachable", extra=log_fields(provider=provider, error=exc.code))
        raise UpstreamError(f"{provider} could not be reached; try again") from None
    content_type = answer.headers.get("content-type", "").split(";", 1)[0].strip().lower()
    return Answer(answer.status, content_type, answer.body)


def consent_url(
    endpoint: str, client_id: str, redirect_uri: str, scope: str, state: str, code_challenge: str, **extra: str
) -> str:
    """A provider's consent page URL for the authorization code flow with a PKCE challenge (S256)."""
    from authlib.oauth2.rfc6749.parameters import prepare_grant_uri

    return str(
        prepare_grant_uri(
            endpoint,
            client_id,
            "code",
            redirect_uri=redirect_uri,
            scope=scope,
            state=state,
            code_challenge=code_challenge,
            code_challenge_method="S256",
            **extra,
        )
    )


def parse_json(answer: Answer, provider: str) -> Any:
    try:
        return json.loads(answer.body)
    except (ValueError, UnicodeDecodeError):
        raise UpstreamError(f"{provider} answered with something that is not JSON") from None


def error_code(value: Any) -> str:
    """The OAuth ``error`` field, reduced to a short safe token (never echoed verbatim)."""
    raw = value.get("error") if isinstance(value, dict) else None
    return re.sub(r"[^a-z0-9_]", "", str(raw).lower())[:64] if raw else ""


def refuse(provider: str, code: str, status: int) -> BadRequest | UpstreamError:
    """The error for a token endpoint that said no."""
    log.info("login provider refused the code", extra=log_fields(provider=provider, error=code, status=status))
    if code in CLIENT_ERRORS:
        return BadRequest(f"{provider} refused the authorization code ({code}); sign in again")
    return UpstreamError(f"{provider} refused this server's login request ({code or status})")


def text(value: Any, limit: int = 512) -> str:
    """A profile field as a bounded string ('' for anything that is not a string)."""
    return value[:limit] if isinstance(value, str) else ""
