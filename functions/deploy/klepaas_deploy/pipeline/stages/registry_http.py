"""One HTTP exchange with a container registry through the outbound layer, and its errors (V2
error bodies)."""

from __future__ import annotations

from klepaas_shared.errors import UpstreamError, UpstreamRefused
from klepaas_shared.outbound import Answer, ErrorKinds, Outbound, detail_of, retry_after

MAX_BODY = 4 << 20


class RegistryError(UpstreamError):
    """A transient registry failure (5xx, 429, network): worth retrying."""

    code = "registry_error"

    def __init__(self, message: str, *, retry_after_s: float | None = None) -> None:
        super().__init__(message)
        self.retry_after_s = retry_after_s


class RegistryRefused(UpstreamRefused):
    """The registry refused the request (4xx other than 429): retrying will not help."""

    code = "registry_refused"


# One attempt per exchange: the registry client retries whole exchanges (with its challenge) itself.
_http = Outbound("registry", attempts=1, max_body_bytes=MAX_BODY, kinds=ErrorKinds.of(RegistryRefused, RegistryError))


def checked(answer: Answer, what: str) -> Answer:
    """``answer`` when it is a success, else the error it stands for."""
    if answer.ok:
        return answer
    detail = f"{what}: {answer.status} {detail_of(answer.json())}".strip()
    if answer.status == 429 or answer.status >= 500:
        raise RegistryError(detail, retry_after_s=retry_after(answer))
    raise RegistryRefused(detail, status=answer.status)


def send(url: str, method: str, headers: dict[str, str], body: bytes | None, timeout: float) -> Answer:
    """The registry's answer, whatever its status; a network failure is a :class:`RegistryError`."""
    return _http.send(method, url, headers=headers, content=body, timeout_s=timeout)
