"""Small, strict readers for the few fields the auth endpoints take (422 naming the field)."""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from typing import Any

from klepaas_shared.errors import ConfigError, KlepaasError, ValidationFailed
from klepaas_shared.http import Reply, Req


def _invalid(field: str, message: str) -> ValidationFailed:
    return ValidationFailed(
        f"invalid input: {field}: {message}", details={"fields": [{"field": field, "message": message}]}
    )


def string(body: Mapping[str, Any], field: str, *, max_chars: int, required: bool = True) -> str:
    """A non-blank string of at most ``max_chars`` characters ('' when optional and absent)."""
    value = body.get(field)
    if value is None and not required:
        return ""
    if not isinstance(value, str) or not value.strip():
        raise _invalid(field, "a non-empty string is required")
    if len(value) > max_chars:
        raise _invalid(field, f"at most {max_chars} characters")
    if any(ord(c) < 32 or ord(c) == 127 for c in value):
        raise _invalid(field, "control characters are not allowed")
    return value


def integer(body: Mapping[str, Any], field: str, *, default: int, low: int, high: int) -> int:
    value = body.get(field, default)
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise _invalid(field, f"an integer from {low} to {high} is required")
    return value


def words(body: Mapping[str, Any], field: str, *, max_items: int = 16) -> list[str]:
    """A list of short strings, given as a JSON list or a space-separated string."""
    value = body.get(field)
    items = value.split() if isinstance(value, str) else value
    if not isinstance(items, list) or not items or len(items) > max_items:
        raise _invalid(field, f"1 to {max_items} names are required")
    if not all(isinstance(i, str) and 0 < len(i) <= 64 for i in items):
        raise _invalid(field, "each item must be a short string")
    return list(dict.fromkeys(items))


def login_reply(handler: Callable[[Req], Any]) -> Callable[[Req], Any]:
    """Answer a login endpoint's refusals as ``{success: false, message}`` plus the error envelope.

    The console reads ``success`` and ``message`` (FRONTEND_API §1.1); every other client reads
    the common ``error`` envelope, so a refusal carries both.
    """

    @functools.wraps(handler)
    def wrapped(req: Req) -> Any:
        try:
            return handler(req)
        except ConfigError:
            raise
        except KlepaasError as exc:
            return Reply({"success": False, "message": exc.message, **exc.envelope()}, exc.http_status, exc.headers)

    return wrapped
