"""How a Slack answer maps onto the shared error tree (what is retried, what is not)."""

from __future__ import annotations

from klepaas_shared.errors import KlepaasError, RateLimited, Unavailable, UpstreamError

TRANSIENT = frozenset({"internal_error", "fatal_error", "service_unavailable", "request_timeout", "ratelimited"})


class SlackRejected(KlepaasError):
    """Slack refused the call for a reason a retry will not fix (bad channel, bad token, ...)."""

    code = "slack_rejected"
    http_status = 502


def from_status(status: int, error: str, retry_after_s: float | None) -> KlepaasError:
    """The error for an HTTP status and Slack ``error`` string (``retry_after_s``: its Retry-After)."""
    if status == 429 or error in ("ratelimited", "rate_limited"):
        wait = 1.0 if retry_after_s is None else retry_after_s
        return RateLimited(f"Slack rate limit ({error or status})", retry_after_s=max(0.0, wait))
    if status >= 500 or error in TRANSIENT:
        return UpstreamError(f"Slack failed: {error or status}")
    return SlackRejected(f"Slack refused the call: {error or status}")


def unreachable(exc: BaseException) -> Unavailable:
    return Unavailable(f"Slack is unreachable: {type(exc).__name__}")
