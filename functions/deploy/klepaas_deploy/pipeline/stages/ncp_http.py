"""Signed JSON calls to Naver Cloud API gateway endpoints, through the outbound layer."""

from __future__ import annotations

from typing import Any

from klepaas_shared.errors import UpstreamError, UpstreamRefused
from klepaas_shared.outbound import ErrorKinds, Outbound

from .ncp_signing import signed_headers


class NcpError(UpstreamError):
    """A transient NCP failure (5xx, 429, network): worth retrying."""

    code = "ncp_error"


class NcpRefused(UpstreamRefused):
    """NCP refused the request (4xx other than 429): retrying will not help."""

    code = "ncp_refused"


class NcpHttp:
    """One access key pair; ``call(base_url, method, path)`` signs and sends a request."""

    def __init__(self, access_key: str, secret_key: str, *, timeout_s: float = 10.0, attempts: int = 3) -> None:
        self._access_key = access_key
        self._secret_key = secret_key
        self.timeout_s = timeout_s
        self.attempts = attempts
        kinds = ErrorKinds.of(NcpRefused, NcpError)
        self._http = Outbound("NCP", timeout_s=timeout_s, attempts=attempts, backoff_s=0.05, kinds=kinds)

    def call(self, base_url: str, method: str, path: str, body: dict[str, Any] | None = None) -> dict[str, Any]:
        # The gateway signs the path without the endpoint's origin, stamped at most seconds before
        # any retry (its window is five minutes).
        headers = signed_headers(method, path, self._access_key, self._secret_key)
        url = self._http.url(base_url.rstrip("/") + path)
        parsed = self._http.json(method, url, json=body, headers=headers)
        return parsed if isinstance(parsed, dict) else {"result": parsed}
