"""One HTTP exchange with a container registry over urllib, and its errors (V2 error bodies)."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from typing import Any

from klepaas_shared.errors import UpstreamError

MAX_BODY = 4 << 20


class RegistryError(UpstreamError):
    """A transient registry failure (5xx, 429, network): worth retrying."""

    code = "registry_error"

    def __init__(self, message: str, *, retry_after_s: float | None = None) -> None:
        super().__init__(message)
        self.retry_after_s = retry_after_s


class RegistryRefused(UpstreamError):
    """The registry refused the request (4xx other than 429): retrying will not help."""

    code = "registry_refused"
    retryable = False

    def __init__(self, message: str, *, status: int) -> None:
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class Answer:
    status: int
    headers: dict[str, str] = field(default_factory=dict)  # names in lower case
    body: bytes = b""

    def checked(self, what: str) -> Answer:
        """This answer when it is a success, else the error it stands for."""
        if 200 <= self.status < 300:
            return self
        detail = f"{what}: {self.status} {_v2_error(self.body)}".strip()
        if self.status == 429 or self.status >= 500:
            wait = self.headers.get("retry-after", "")
            raise RegistryError(detail, retry_after_s=float(wait) if wait.isdigit() else None)
        raise RegistryRefused(detail, status=self.status)

    def json(self) -> dict[str, Any]:
        try:
            parsed = json.loads(self.body or b"{}")
        except ValueError:
            return {}
        return parsed if isinstance(parsed, dict) else {}


def send(url: str, method: str, headers: dict[str, str], body: bytes | None, timeout: float) -> Answer:
    """The registry's answer, whatever its status; a network failure is a :class:`RegistryError`."""
    if not url.startswith(("https://", "http://")):
        raise RegistryRefused(f"{url[:100]!r} is not an http(s) endpoint", status=400)
    request = urllib.request.Request(url, data=body, method=method, headers=headers)  # noqa: S310 - checked
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 - https/loopback
            return Answer(response.status, _lower(response.headers.items()), response.read(MAX_BODY))
    except urllib.error.HTTPError as exc:
        return Answer(exc.code, _lower(exc.headers.items()), exc.read(MAX_BODY))
    except (urllib.error.URLError, TimeoutError, ConnectionError) as exc:
        raise RegistryError(f"{method} {url.split('?', maxsplit=1)[0]}: {type(exc).__name__}") from None


def _lower(items: Any) -> dict[str, str]:
    return {str(name).lower(): str(value) for name, value in items}


def _v2_error(raw: bytes) -> str:
    try:
        errors = json.loads(raw).get("errors") or []
        return " ".join(f"{e.get('code', '')} {e.get('message', '')}".strip() for e in errors)[:300]
    except (ValueError, AttributeError):
        return ""
