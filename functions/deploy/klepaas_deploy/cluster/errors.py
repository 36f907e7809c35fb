"""Cluster failures as clear messages: what was asked, what the cluster said, what to do."""

from __future__ import annotations

import json
from typing import Any

from klepaas_shared.errors import (
    BadRequest,
    Conflict,
    Forbidden,
    KlepaasError,
    NotFound,
    RateLimited,
    Unavailable,
    UpstreamError,
    UpstreamTimeout,
)


class KubeConflict(Conflict):
    """A resourceVersion conflict: re-read and try again."""

    code = "cluster_conflict"
    retryable = True


class KubeUnreachable(Unavailable):
    code = "cluster_unreachable"


def _reason(exc: Any) -> str:
    body = getattr(exc, "body", None)
    if isinstance(body, bytes):
        body = body.decode("utf-8", "replace")
    if isinstance(body, str) and body:
        try:
            return str(json.loads(body).get("message") or body)[:300]
        except (ValueError, AttributeError):
            return body[:300]
    return str(getattr(exc, "reason", "") or "")


def _retry_after(exc: Any) -> float | None:
    headers = getattr(exc, "headers", None) or {}
    try:
        return float(str(headers.get("Retry-After")))
    except (TypeError, ValueError):
        return None


def translate(exc: BaseException, what: str) -> KlepaasError:
    """Map an exception of the ``kubernetes`` client (or urllib3 below it) to our error tree."""
    from kubernetes.client.exceptions import ApiException

    if isinstance(exc, KlepaasError):
        return exc
    if not isinstance(exc, ApiException):
        cause = getattr(exc, "reason", None)  # urllib3's MaxRetryError wraps the real failure
        name = type(cause if isinstance(cause, BaseException) else exc).__name__
        if "Timeout" in name:
            return UpstreamTimeout(f"the cluster did not answer in time while trying to {what}")
        return KubeUnreachable(f"the cluster is unreachable ({name}) while trying to {what}")
    status, reason = int(exc.status or 0), _reason(exc)
    if status == 0:
        return KubeUnreachable(f"the cluster is unreachable while trying to {what}: {reason}")
    if status == 401:
        return UpstreamError(f"the cluster refused the deployer's credentials while trying to {what}")
    if status == 403:
        return Forbidden(
            f"the deployer's service account may not {what} (Kubernetes RBAC): {reason}. "
            "Grant it the verbs in infra/kubernetes/deployer-role.yaml."
        )
    if status == 404:
        return NotFound(f"not found while trying to {what}: {reason}")
    if status == 409:
        return KubeConflict(f"the cluster reported a conflict while trying to {what}: {reason}")
    if status in (400, 422):
        return BadRequest(f"the cluster rejected the request to {what}: {reason}")
    if status == 429:
        return RateLimited(f"the cluster is throttling requests to {what}", retry_after_s=_retry_after(exc))
    if status == 504:
        return UpstreamTimeout(f"the cluster timed out while trying to {what}")
    return UpstreamError(f"the cluster failed ({status}) while trying to {what}: {reason}")


def upstream_failure(exc: BaseException) -> bool:
    """What counts against the circuit breaker: the cluster being down, not our own mistakes."""
    return isinstance(exc, UpstreamError | Unavailable | UpstreamTimeout) and not isinstance(exc, RateLimited)
