"""Kubernetes `Status` failures, raised anywhere in the stand-in and rendered in one place."""

from __future__ import annotations

from typing import Any

from .resources import Kind

REASONS: dict[int, str] = {
    400: "BadRequest",
    401: "Unauthorized",
    403: "Forbidden",
    404: "NotFound",
    405: "MethodNotAllowed",
    409: "Conflict",
    410: "Expired",
    415: "UnsupportedMediaType",
    422: "Invalid",
    429: "TooManyRequests",
    500: "InternalError",
    503: "ServiceUnavailable",
    504: "Timeout",
}


class ApiError(Exception):
    """A failure answered as a `kind: Status` body with `status: Failure`."""

    def __init__(
        self,
        code: int,
        message: str,
        reason: str | None = None,
        details: dict[str, Any] | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.reason = reason or REASONS.get(code, "Unknown")
        self.details = details
        self.headers = headers or {}

    def status(self) -> dict[str, Any]:
        body: dict[str, Any] = {
            "kind": "Status",
            "apiVersion": "v1",
            "metadata": {},
            "status": "Failure",
            "message": self.message,
            "reason": self.reason,
            "code": self.code,
        }
        if self.details is not None:
            body["details"] = self.details
        return body


def _details(kind: Kind, name: str | None) -> dict[str, Any]:
    details: dict[str, Any] = {"kind": kind.plural}
    if name:
        details["name"] = name
    if kind.group:
        details["group"] = kind.group
    return details


def not_found(kind: Kind, name: str) -> ApiError:
    return ApiError(404, f'{kind.qualified} "{name}" not found', details=_details(kind, name))


def already_exists(kind: Kind, name: str) -> ApiError:
    return ApiError(409, f'{kind.qualified} "{name}" already exists', "AlreadyExists", _details(kind, name))


def conflict(kind: Kind, name: str) -> ApiError:
    message = (
        f'Operation cannot be fulfilled on {kind.qualified} "{name}": the object has been modified; '
        "please apply your changes to the latest version and try again"
    )
    return ApiError(409, message, "Conflict", _details(kind, name))


def invalid(kind: Kind, name: str, causes: list[tuple[str, str]]) -> ApiError:
    """`causes` are (field, message) pairs, as in `spec.replicas: Invalid value: -1: ...`."""
    summary = ", ".join(f"{field}: {message}" for field, message in causes)
    details: dict[str, Any] = {
        "name": name,
        "kind": kind.kind,
        "causes": [
            {"reason": _cause_reason(message), "message": message, "field": field}
            for field, message in causes
        ],
    }
    if kind.group:
        details["group"] = kind.group
    return ApiError(422, f'{kind.qualified_kind} "{name}" is invalid: {summary}', "Invalid", details)


def _cause_reason(message: str) -> str:
    if message.startswith("Required value"):
        return "FieldValueRequired"
    if message.startswith("Unsupported value"):
        return "FieldValueNotSupported"
    return "FieldValueInvalid"


def bad_request(message: str) -> ApiError:
    return ApiError(400, message)


def gone(message: str) -> ApiError:
    return ApiError(410, message, "Expired")
