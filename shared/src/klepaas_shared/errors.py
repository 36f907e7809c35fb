"""One exception tree for every function.

Each class carries the machine-readable ``code``, the ``http_status`` an HTTP function answers
with, and whether a Pub/Sub-triggered function should let the platform retry (``retryable``).
"""

from __future__ import annotations

from typing import Any, ClassVar, Self


class KlepaasError(Exception):
    """Base of every error the functions raise on purpose."""

    code: ClassVar[str] = "internal"
    http_status: ClassVar[int] = 500
    retryable: ClassVar[bool] = False

    def __init__(
        self, message: str, *, details: dict[str, Any] | None = None, headers: dict[str, str] | None = None
    ) -> None:
        super().__init__(message)
        self.message = message
        self.details = details or {}
        self.headers = headers or {}  # extra response headers (Allow, Retry-After, WWW-Authenticate)

    @classmethod
    def in_both(cls, reason: str, reason_ko: str) -> Self:
        """The error said in English then Korean, each kept on its own in the details: a Korean chat
        says `reason_ko` alone, an English one `reason` (nlp's formatting.language.failure_of)."""
        return cls(f"{reason} ({reason_ko})", details={"reason": reason, "reason_ko": reason_ko})

    def envelope(self) -> dict[str, Any]:
        """The JSON error envelope: ``{"error": {"code", "message"}}`` (plus details when given)."""
        body: dict[str, Any] = {"code": self.code, "message": self.message}
        if self.details:
            body["details"] = self.details
        return {"error": body}


class BadRequest(KlepaasError):
    code = "bad_request"
    http_status = 400


class ValidationFailed(BadRequest):
    code = "validation_failed"
    http_status = 422


class Unauthorized(KlepaasError):
    code = "unauthorized"
    http_status = 401


class Forbidden(KlepaasError):
    code = "forbidden"
    http_status = 403


class NotFound(KlepaasError):
    code = "not_found"
    http_status = 404


class MethodNotAllowed(KlepaasError):
    code = "method_not_allowed"
    http_status = 405


class Conflict(KlepaasError):
    code = "conflict"
    http_status = 409


class PayloadTooLarge(KlepaasError):
    code = "payload_too_large"
    http_status = 413


class UnsupportedMediaType(KlepaasError):
    code = "unsupported_media_type"
    http_status = 415


class RateLimited(KlepaasError):
    code = "rate_limited"
    http_status = 429
    retryable = True

    def __init__(self, message: str, *, retry_after_s: float | None = None, **kwargs: Any) -> None:
        super().__init__(message, **kwargs)
        self.retry_after_s = retry_after_s
        if retry_after_s is not None:
            self.headers.setdefault("Retry-After", str(max(1, round(retry_after_s))))


class NotImplementedYet(KlepaasError):
    """A route of the front door whose function does not serve it yet."""

    code = "not_implemented"
    http_status = 501


class UpstreamError(KlepaasError):
    """A service we depend on (GitHub, Slack, a cluster, an LLM) failed."""

    code = "upstream_error"
    http_status = 502
    retryable = True
    retry_after_s: float | None = None  # the wait the service asked for (Retry-After), when it did


class UpstreamRefused(UpstreamError):
    """A service we depend on refused the request (a 4xx other than 429): retrying will not help."""

    code = "upstream_refused"
    retryable = False

    def __init__(self, message: str, *, status: int, **kwargs: Any) -> None:
        super().__init__(message, **kwargs)
        self.status = status


class Unavailable(KlepaasError):
    code = "unavailable"
    http_status = 503
    retryable = True


class UpstreamTimeout(KlepaasError):
    code = "timeout"
    http_status = 504
    retryable = True


# What a peer function's error envelope means, by its status (an answer relayed as it was given).
BY_STATUS: dict[int, type[KlepaasError]] = {
    400: BadRequest,
    401: Unauthorized,
    403: Forbidden,
    404: NotFound,
    405: MethodNotAllowed,
    409: Conflict,
    413: PayloadTooLarge,
    415: UnsupportedMediaType,
    422: ValidationFailed,
    429: RateLimited,
    501: NotImplementedYet,
    502: UpstreamError,
    503: Unavailable,
    504: UpstreamTimeout,
}


class ConfigError(KlepaasError):
    """A setting is missing or malformed; raised at first use so the function fails fast."""

    code = "config_error"
    http_status = 500
