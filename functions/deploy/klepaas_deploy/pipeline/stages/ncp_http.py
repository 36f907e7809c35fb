"""Signed JSON calls to Naver Cloud API gateway endpoints over urllib, with retries."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from typing import Any

from klepaas_shared.errors import UpstreamError
from klepaas_shared.resilience import retry

from .ncp_signing import signed_headers


class NcpError(UpstreamError):
    """A transient NCP failure (5xx, 429, network): worth retrying."""

    code = "ncp_error"


class NcpRefused(UpstreamError):
    """NCP refused the request (4xx other than 429): retrying will not help."""

    code = "ncp_refused"
    retryable = False

    def __init__(self, message: str, *, status: int) -> None:
        super().__init__(message)
        self.status = status


class NcpHttp:
    """One access key pair; ``call(base_url, method, path)`` signs and sends a request."""

    def __init__(self, access_key: str, secret_key: str, *, timeout_s: float = 10.0, attempts: int = 3) -> None:
        self._access_key = access_key
        self._secret_key = secret_key
        self.timeout_s = timeout_s
        self.attempts = attempts

    def call(self, base_url: str, method: str, path: str, body: dict[str, Any] | None = None) -> dict[str, Any]:
        return retry(lambda: self._once(base_url, method, path, body), attempts=self.attempts, base_s=0.05)

    def _once(self, base_url: str, method: str, path: str, body: dict[str, Any] | None) -> dict[str, Any]:
        headers = signed_headers(method, path, self._access_key, self._secret_key)
        data = None if body is None else json.dumps(body).encode()
        if data is not None:
            headers["Content-Type"] = "application/json"
        if not base_url.startswith(("https://", "http://")):
            raise NcpRefused(f"{base_url!r} is not an http(s) endpoint", status=400)
        url = base_url.rstrip("/") + path
        request = urllib.request.Request(url, data=data, method=method, headers=headers)  # noqa: S310 - checked
        try:
            with urllib.request.urlopen(request, timeout=self.timeout_s) as response:  # noqa: S310 - https/loopback
                raw = response.read()
        except urllib.error.HTTPError as exc:
            detail = _error_message(exc.read())
            if 400 <= exc.code < 500 and exc.code != 429:
                raise NcpRefused(f"{method} {path}: {exc.code} {detail}", status=exc.code) from None
            raise NcpError(f"{method} {path}: {exc.code} {detail}") from None
        except (urllib.error.URLError, TimeoutError, ConnectionError) as exc:
            raise NcpError(f"{method} {path}: {type(exc).__name__}") from None
        parsed = json.loads(raw or b"{}")
        return parsed if isinstance(parsed, dict) else {"result": parsed}


def _error_message(raw: bytes) -> str:
    try:
        error = json.loads(raw).get("error") or {}
        return f"{error.get('message', '')} {error.get('details', '')}".strip()[:300]
    except (ValueError, AttributeError):
        return ""
