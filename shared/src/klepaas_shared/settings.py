"""Settings read once, lazily, from ``KLEPAAS_*`` environment variables.

Every function reads the common settings here; a function with settings of its own subclasses
:class:`CommonSettings` and loads it with :func:`load`. A wrong value fails fast with the name of
the variable and the form it should take.

The environment is read by :class:`EnvSettings`, a plain pydantic model, not by pydantic-settings:
importing pydantic-settings (its AWS, Azure, GCP, CLI ... sources) cost a cold instance more than
a third of its first real request (issue 19), and these settings need only the environment.
"""

from __future__ import annotations

import json
import os
import types
from functools import cache
from typing import Any, ClassVar, Literal, TypeVar, Union, get_args, get_origin

from pydantic import BaseModel, ConfigDict, Field, SecretStr, ValidationError

from .errors import ConfigError

PREFIX = "KLEPAAS_"
_CONTAINERS = (dict, list, tuple, set, frozenset)


def _is_json(annotation: Any) -> bool:
    """A container field's variable holds JSON (``{"a": "b"}``), as pydantic-settings reads it."""
    origin = get_origin(annotation)
    if origin in (Union, types.UnionType):
        return any(_is_json(arg) for arg in get_args(annotation) if arg is not type(None))
    target = origin or annotation
    return isinstance(target, type) and (issubclass(target, _CONTAINERS) or issubclass(target, BaseModel))


class EnvSettings(BaseModel):
    """Fields read from ``<env_prefix><FIELD>`` variables (any case); keyword arguments win.

    A container field (dict, list, ...) is read as JSON; every value is then validated by
    pydantic as if it had been passed in, so ``"true"``, ``"10"`` and ``"1.5"`` convert."""

    model_config = ConfigDict(extra="ignore", frozen=True)
    env_prefix: ClassVar[str] = PREFIX

    def __init__(self, **values: Any) -> None:
        super().__init__(**{**self._from_environment(), **values})

    @classmethod
    def _from_environment(cls) -> dict[str, Any]:
        environ = {key.lower(): value for key, value in os.environ.items()}
        found: dict[str, Any] = {}
        for name, field in cls.model_fields.items():
            raw = environ.get(f"{cls.env_prefix}{name}".lower())
            if raw is None:
                continue
            if _is_json(field.annotation):
                try:
                    found[name] = json.loads(raw)
                except ValueError:
                    variable = f"{cls.env_prefix}{name}".upper()
                    raise ConfigError(f"invalid settings: {variable}: must be JSON (got {raw!r})") from None
            else:
                found[name] = raw
        return found


# A function, not the builtin: pydantic reads a default factory's signature, and a builtin's is
# parsed from its text with the tokenizer, whose pattern costs a cold instance ~2 ms to compile.
def _no_namespaces() -> dict[str, str]:
    return {}


class CommonSettings(EnvSettings):
    """What every function may read. Secrets are ``SecretStr`` so they never print."""

    env: Literal["local", "test", "staging", "production"] = "local"
    project_id: str = Field("demo-klepaas", description="Google Cloud project id")
    # Auth: HS256 with a shared secret by default; RS256 with a JWKS URL in production.
    jwt_secret: SecretStr = Field(SecretStr(""), description="HS256 signing secret, at least 32 bytes")
    jwt_previous_secret: SecretStr = Field(SecretStr(""), description="the retiring key during rotation")
    jwt_issuer: str = "klepaas"
    jwt_audience: str = "klepaas-api"
    jwt_jwks_url: str = ""
    # Behind API Gateway the caller's Authorization arrives as X-Forwarded-Authorization
    # (klepaas_shared.auth.caller_authorization); only Terraform sets this, on the HTTP functions.
    behind_api_gateway: bool = False
    # Storage
    store: Literal["sqlite", "firestore"] = "sqlite"
    sqlite_path: str = ".klepaas/klepaas.sqlite3"
    firestore_database: str = "(default)"
    store_timeout_s: float = Field(10.0, gt=0, description="a store call fails as unavailable after this")
    redis_url: str = ""
    redis_ca_path: str = Field("", description="the server CA file (PEM) a rediss:// URL is verified against")
    events: Literal["local", "pubsub"] = "local"
    publish_timeout_s: float = Field(10.0, gt=0, description="a publish fails as unavailable after this")
    event_max_age_s: int = Field(3600, gt=0, description="event functions drop events older than this")
    event_max_attempts: int = Field(5, ge=1, description="failed runs before a message becomes a dead letter")
    lease_s: float = Field(
        60.0, gt=0, description="a claim whose worker died is taken over after this (renewed while it lives)"
    )
    # HTTP
    max_body_bytes: int = Field(1_048_576, gt=0)
    # How many proxies we run append to X-Forwarded-For (0: use the socket's peer address); the
    # client's address counts admin logins (auth) and is the host of refused-token audit records.
    auth_trusted_proxy_hops: int = Field(0, ge=0, le=5)
    cors_allow_origins: str = "*"
    console_origin: str = "http://127.0.0.1:3000"
    # Where other functions are reached (one origin behind the gateway).
    api_base_url: str = "http://127.0.0.1:8080"
    # Who may do what (klepaas_shared.policy, klepaas_shared.namespaces)
    namespaces: dict[str, str] = Field(default_factory=_no_namespaces, description="environment -> namespace")
    platform_namespace: str = Field("klepaas-system", description="the platform's own namespace: never a target")
    system_namespaces: str = Field("", description="comma-separated namespaces no mutation may touch, besides kube-*")
    deploy_approval_environments: str = Field(
        "production", description="comma-separated protected environments (a project may set its own); empty: none"
    )
    # In the cloud, a function calls another at its own URL with a Google-signed ID token
    # (KLEPAAS_<FN>_INTERNAL_URL, set by Terraform); unset, it goes through api_base_url.
    webhook_internal_url: str = ""
    deploy_internal_url: str = ""
    nlp_internal_url: str = ""
    mcp_internal_url: str = ""
    notify_internal_url: str = ""
    auth_internal_url: str = ""

    def internal_url(self, function: str) -> str:
        """The URL ``function`` is called at directly ('' when calls go through the front door)."""
        return str(getattr(self, f"{function}_internal_url", "") or "")


S = TypeVar("S", bound=EnvSettings)


def describe_errors(cls: type[EnvSettings], exc: ValidationError) -> str:
    """Name each wrong variable and say what it should look like."""
    prefix = cls.env_prefix
    lines = []
    for err in exc.errors():
        field = ".".join(str(p) for p in err["loc"])
        lines.append(f"{prefix}{field.upper()}: {err['msg']} (got {err.get('input')!r})")
    return "invalid settings: " + "; ".join(lines)


def load(cls: type[S]) -> S:
    """Read and validate ``cls`` from the environment, or raise :class:`ConfigError`."""
    try:
        return cls()
    except ValidationError as exc:
        raise ConfigError(describe_errors(cls, exc)) from None


@cache
def common() -> CommonSettings:
    """The common settings of this instance, read on first use."""
    return load(CommonSettings)


def require_secret(value: SecretStr, variable: str, *, min_length: int = 1) -> str:
    """Return a secret's value or fail with the variable's name (never its value)."""
    raw = value.get_secret_value()
    if len(raw) < min_length:
        raise ConfigError(f"{variable} must be set (at least {min_length} characters)")
    return raw
