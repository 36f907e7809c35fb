"""Bearer tokens: minting (auth function, tests) and verification (every HTTP function).

Tokens are JWTs: HS256 signed with ``KLEPAAS_JWT_SECRET`` (a ``kid`` derived from the key lets
two keys be valid during rotation), or RS256 checked against ``KLEPAAS_JWT_JWKS_URL``. Only the
``Authorization`` header is read (or, behind API Gateway, the ``X-Forwarded-Authorization`` it
moves the caller's header to: :func:`caller_authorization`), and the token in it is verified
either way: no client-settable header ever grants anything.
"""

from __future__ import annotations

import hashlib
import time
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache, lru_cache
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from .errors import Forbidden, Unauthorized

if TYPE_CHECKING:
    import jwt
    from werkzeug.datastructures import Headers

    from .settings import CommonSettings

# The settings are imported on first use, and jwt (with cryptography) only for RS256 tokens:
# HS256 is checked by klepaas_shared.hs256 with the standard library. Cold start matters.


class ForeignAudience(Unauthorized):
    """A token this platform signed, valid in every other respect, presented to a service it was
    not issued for (an MCP token at the REST API, a console token at /mcp). Unlike a forged or
    expired token, this is someone holding a real token at the wrong door: worth an audit record."""

    reason = "wrong audience"  # what the audit record says


READ = "read"
DEPLOY_EXECUTE = "deploy:execute"
MCP_EXECUTE = "mcp:execute"
ADMIN_READ = "admin:read"
ADMIN_WRITE = "admin:write"
ALL_SCOPES = (READ, DEPLOY_EXECUTE, MCP_EXECUTE, ADMIN_READ, ADMIN_WRITE)
ROLE_SCOPES: Mapping[str, tuple[str, ...]] = {
    "viewer": (READ,),
    "developer": (READ, DEPLOY_EXECUTE, MCP_EXECUTE),
    "admin": ALL_SCOPES,
}
INTERNAL_AUDIENCE = "klepaas-internal"
_LEEWAY_S = 30


@dataclass(frozen=True)
class Principal:
    """Who is calling, as proven by a verified token."""

    sub: str
    scopes: frozenset[str]
    email: str = ""
    name: str = ""
    provider: str = ""
    audience: str = ""
    token_id: str = ""
    via_service: str = ""  # set when another K-Le-PaaS function calls on the user's behalf
    claims: Mapping[str, Any] = field(default_factory=dict, repr=False, compare=False)

    def has(self, scope: str) -> bool:
        return scope in self.scopes

    def require(self, *scopes: str) -> None:
        """Raise 403 unless every scope is held."""
        missing = [s for s in scopes if s not in self.scopes]
        if missing:
            raise Forbidden(f"this token lacks the scope {' '.join(missing)}")


@lru_cache(maxsize=8)
def key_id(secret: str) -> str:
    """A public, stable id for an HS256 key (never the key itself)."""
    return hashlib.sha256(secret.encode()).hexdigest()[:12]


def derived_key(own: str, purpose: bytes, settings: CommonSettings | None = None) -> bytes:
    """A function's own signing key (``own``) when it has one, else a key derived from the JWT
    secret for ``purpose`` alone: such a key can never pass as the JWT key, nor as another's."""
    import hmac

    from .errors import ConfigError
    from .settings import common

    if own:
        return own.encode()
    shared = (settings or common()).jwt_secret.get_secret_value()
    if not shared:
        raise ConfigError("KLEPAAS_JWT_SECRET must be set (or the function's own key)")
    return hmac.new(shared.encode(), purpose, hashlib.sha256).digest()


def _hs_keys(settings: CommonSettings) -> Mapping[str, str]:
    from .settings import require_secret

    current = require_secret(settings.jwt_secret, "KLEPAAS_JWT_SECRET", min_length=32)
    return _key_table(current, settings.jwt_previous_secret.get_secret_value())


@lru_cache(maxsize=4)
def _key_table(current: str, previous: str) -> Mapping[str, str]:
    """The keys by id, made once per pair of secrets (a request would otherwise hash both keys
    again to find its key); new secrets in the settings make a new table."""
    keys = {key_id(current): current}
    if previous:
        keys[key_id(previous)] = previous
    return MappingProxyType(keys)


def mint(
    sub: str,
    scopes: Iterable[str],
    *,
    audience: str | None = None,
    ttl_s: int = 24 * 3600,
    extra: Mapping[str, Any] | None = None,
    settings: CommonSettings | None = None,
) -> str:
    """Sign a token with the current HS256 key."""
    from . import hs256
    from .settings import common, require_secret

    settings = settings or common()
    secret = require_secret(settings.jwt_secret, "KLEPAAS_JWT_SECRET", min_length=32)
    now = int(time.time())
    claims: dict[str, Any] = {
        "iss": settings.jwt_issuer,
        "aud": audience or settings.jwt_audience,
        "sub": sub,
        "scope": " ".join(sorted(set(scopes))),
        "iat": now,
        "nbf": now,
        "exp": now + ttl_s,
        "jti": uuid.uuid4().hex,
    }
    claims.update(extra or {})
    return hs256.sign(claims, secret, key_id(secret))


def delegate(principal: Principal, service: str, *, ttl_s: int = 120) -> str:
    """A short-lived internal token for calling another function on the user's behalf.

    The caller's own token is never forwarded (an MCP token, say, is for the MCP server only).
    """
    return mint(
        principal.sub,
        principal.scopes,
        audience=INTERNAL_AUDIENCE,
        ttl_s=ttl_s,
        extra={
            "email": principal.email,
            "name": principal.name,
            "provider": principal.provider,
            "act": {"sub": service},
        },
    )


@cache
def _jwks_client(url: str) -> jwt.PyJWKClient:
    import jwt

    return jwt.PyJWKClient(url, cache_keys=True)


_REQUIRED = ("exp", "iat", "sub", "iss", "aud")
_REFUSALS = {
    "malformed": "the bearer token is malformed",
    "invalid": "the bearer token is invalid",
    "expired": "the bearer token has expired",
    "immature": "the bearer token is not valid yet",
    "audience": "the bearer token was not issued for this service",
    "issuer": "the bearer token has the wrong issuer",
}


def verify(
    token: str,
    *,
    audiences: Iterable[str] | None = None,
    settings: CommonSettings | None = None,
) -> Principal:
    """Check signature, issuer, audience and lifetime; raise 401 with a short reason otherwise."""
    from . import hs256
    from .settings import common

    settings = settings or common()
    allowed_audiences = list(audiences or [settings.jwt_audience, INTERNAL_AUDIENCE])
    try:
        parsed = hs256.parse(token)  # cut once: its header picks the key, then it is checked
        header = parsed.header
        algorithm = header.get("alg")
        if algorithm == hs256.ALGORITHM:
            secret = _hs_keys(settings).get(str(header.get("kid", "")))
            if secret is None:
                raise Unauthorized("the bearer token was signed with an unknown key")
            claims = hs256.verify(
                token,
                secret,
                audiences=allowed_audiences,
                issuer=settings.jwt_issuer,
                leeway_s=_LEEWAY_S,
                require=_REQUIRED,
                parsed=parsed,
            )
        elif algorithm == "RS256" and settings.jwt_jwks_url:
            claims = _verify_rs256(token, settings.jwt_jwks_url, allowed_audiences, settings.jwt_issuer)
        else:
            raise Unauthorized("the bearer token uses an algorithm this server does not accept")
    except hs256.TokenError as exc:
        if exc.reason == "audience":  # the signature was checked first: this token is one of ours
            raise ForeignAudience(_REFUSALS[exc.reason]) from None
        raise Unauthorized(_REFUSALS[exc.reason]) from None
    act = claims.get("act")
    return Principal(
        sub=str(claims["sub"]),
        scopes=frozenset(str(claims.get("scope", "")).split()),
        email=str(claims.get("email", "")),
        name=str(claims.get("name", "")),
        provider=str(claims.get("provider", "")),
        audience=str(claims.get("aud", "")),
        token_id=str(claims.get("jti", "")),
        via_service=str(act.get("sub", "")) if isinstance(act, dict) else "",
        claims=claims,
    )


def _verify_rs256(token: str, jwks_url: str, audiences: list[str], issuer: str) -> dict[str, Any]:
    """An RS256 token checked with PyJWT against the JWKS (cryptography is loaded only here)."""
    import jwt

    from . import hs256

    try:
        signing_key = _jwks_client(jwks_url).get_signing_key_from_jwt(token)
        claims: dict[str, Any] = jwt.decode(
            token,
            signing_key.key,
            algorithms=["RS256"],
            audience=audiences,
            issuer=issuer,
            leeway=_LEEWAY_S,
            options={"require": list(_REQUIRED)},
        )
    except jwt.ExpiredSignatureError:
        raise hs256.TokenError("expired") from None
    except jwt.ImmatureSignatureError:
        raise hs256.TokenError("immature") from None
    except jwt.InvalidAudienceError:
        raise hs256.TokenError("audience") from None
    except jwt.InvalidIssuerError:
        raise hs256.TokenError("issuer") from None
    except (jwt.InvalidTokenError, jwt.PyJWKClientError):
        raise hs256.TokenError("invalid") from None
    return claims


FORWARDED_AUTHORIZATION = "X-Forwarded-Authorization"


def caller_authorization(headers: Mapping[str, str] | Headers) -> str:
    """The caller's own ``Authorization`` value ('' when there is none).

    Behind API Gateway (``KLEPAAS_BEHIND_API_GATEWAY``, which Terraform sets on the HTTP
    functions), ``Authorization`` holds the gateway's Google-signed ID token, already checked by
    Cloud Run, and the gateway moves the caller's header to ``X-Forwarded-Authorization``. That
    header is read only there: anywhere else no proxy of ours writes it, so preferring it would let
    a client pick which of two headers counts. What it carries is verified like any token; a call
    from another function (ID token in ``X-Serverless-Authorization``) has none and falls back to
    ``Authorization``.
    """
    from .settings import common

    if common().behind_api_gateway:
        forwarded = headers.get(FORWARDED_AUTHORIZATION, "")
        if forwarded:
            return forwarded
    return headers.get("Authorization", "")


def bearer_token(headers: Mapping[str, str] | Headers) -> str:
    """The token from the caller's ``Authorization: Bearer ...`` (see
    :func:`caller_authorization`), or 401."""
    value = caller_authorization(headers)
    scheme, _, token = value.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise Unauthorized("send 'Authorization: Bearer <token>'")
    return token.strip()


def authenticate(
    headers: Mapping[str, str] | Headers, *scopes: str, audiences: Iterable[str] | None = None
) -> Principal:
    """Verify the request's bearer token and require ``scopes`` (401, then 403)."""
    principal = verify(bearer_token(headers), audiences=audiences)
    principal.require(*scopes)
    return principal
