"""JSON log lines that Cloud Logging reads (``severity``, trace, request id), secrets redacted."""

from __future__ import annotations

import contextvars
import json
import logging
import re
import sys
import traceback
from datetime import UTC, datetime
from typing import Any

request_id_var: contextvars.ContextVar[str | None] = contextvars.ContextVar("request_id", default=None)
trace_var: contextvars.ContextVar[str | None] = contextvars.ContextVar("trace", default=None)

_SECRET_KEYS = re.compile(r"(authorization|token|secret|password|api[_-]?key|signature|cookie)", re.I)
_BEARER = re.compile(r"(Bearer\s+)[A-Za-z0-9\-._~+/]+=*", re.I)
_SLACK = re.compile(r"xox[abprs]-[A-Za-z0-9-]+")
_GITHUB = re.compile(r"\b(gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,})\b")
_JWT = re.compile(r"\beyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+")
_LLM_KEY = re.compile(r"\bsk-[A-Za-z0-9_-]{16,}")
_CREDENTIALS = (_BEARER, _SLACK, _GITHUB, _JWT, _LLM_KEY)
# One scan finds whether a string holds any of them: most log strings hold none.
_ANY_CREDENTIAL = re.compile("|".join(f"(?:{p.pattern})" for p in _CREDENTIALS), re.I)


def redact(value: Any) -> Any:
    """Mask anything that looks like a credential, in strings and nested structures."""
    if isinstance(value, str):
        if _ANY_CREDENTIAL.search(value) is None:
            return value
        for pattern in _CREDENTIALS:
            value = pattern.sub(lambda m: (m.group(1) if m.re is _BEARER else "") + "[REDACTED]", value)
        return value
    if isinstance(value, dict):
        return {
            k: "[REDACTED]" if isinstance(k, str) and _SECRET_KEYS.search(k) else redact(v) for k, v in value.items()
        }
    if isinstance(value, list | tuple):
        return [redact(v) for v in value]
    return value


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "severity": record.levelname if record.levelname != "WARNING" else "WARNING",
            "message": redact(record.getMessage()),
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(),
            "logger": record.name,
        }
        fields = getattr(record, "fields", None)
        if isinstance(fields, dict):
            entry.update(redact(fields))
        if (rid := request_id_var.get()) is not None:
            entry["request_id"] = rid
        if (trace := trace_var.get()) is not None:
            entry["logging.googleapis.com/trace"] = trace
        if record.exc_info:
            entry["stack_trace"] = redact("".join(traceback.format_exception(*record.exc_info)))
        return json.dumps(entry, ensure_ascii=False, default=str)


_configured = False


def get_logger(name: str) -> logging.Logger:
    """A logger writing one JSON object per line to stderr."""
    global _configured  # noqa: PLW0603 - configure the root handler once per instance
    if not _configured:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(JsonFormatter())
        root = logging.getLogger("klepaas")
        root.addHandler(handler)
        root.setLevel(logging.INFO)
        root.propagate = False
        _configured = True
    return logging.getLogger(f"klepaas.{name}")


def log_fields(**fields: Any) -> dict[str, Any]:
    """``logger.info("msg", extra=log_fields(user="u1"))`` adds structured fields."""
    return {"fields": fields}
