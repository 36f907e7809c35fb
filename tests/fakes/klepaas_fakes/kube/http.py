"""The request and response values that pass between the HTTP server and the API handlers."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .errors import ApiError, bad_request

Write = Callable[[bytes], bool]


@dataclass(frozen=True)
class Request:
    method: str
    path: str
    query: dict[str, str]
    body: bytes = b""
    content_type: str | None = None

    def json(self) -> Any:
        try:
            return json.loads(self.body or b"null")
        except ValueError as exc:
            raise bad_request(f"the body of the request could not be decoded: {exc}") from None

    def flag(self, name: str) -> bool:
        return self.query.get(name, "").lower() in {"true", "1"}

    def integer(self, name: str) -> int | None:
        raw = self.query.get(name)
        if raw in (None, ""):
            return None
        try:
            return int(raw)
        except ValueError:
            raise bad_request(f"invalid value for {name}: {raw!r}") from None


@dataclass
class Response:
    status: int
    body: bytes = b""
    content_type: str = "application/json"
    headers: dict[str, str] = field(default_factory=dict)
    stream: Callable[[Write], None] | None = None  # a chunked body, written until it returns


def json_response(status: int, doc: Any) -> Response:
    return Response(status, json.dumps(doc).encode())


def text_response(text: str) -> Response:
    return Response(200, text.encode(), "text/plain; charset=utf-8")


def error_response(error: ApiError) -> Response:
    return Response(error.code, json.dumps(error.status()).encode(), headers=dict(error.headers))


def success_status(details: dict[str, Any]) -> dict[str, Any]:
    return {"kind": "Status", "apiVersion": "v1", "metadata": {}, "status": "Success", "details": details}
