"""Add tags to an image already pushed, through the Docker Registry HTTP API V2.

NCP Container Registry's own API cannot add a tag, but the registry speaks V2 (what ``docker push``
uses): a tag is added by reading the image's manifest by its tag (``GET
/v2/<name>/manifests/<tag>``) and writing the same bytes, with the same ``Content-Type``, under the
new tag (``PUT``). Authentication follows the registry's challenge: a ``401`` with ``Bearer
realm=...,service=...,scope=...`` → a token from the realm fetched with basic auth (NCR's docker
login is the NCP access key and secret key); a ``Basic`` challenge → basic auth directly.
Credentials go to a realm only over https or on the registry's own origin.
"""

from __future__ import annotations

import base64
import re
import time
import urllib.parse
from collections.abc import Callable

from klepaas_shared.errors import UpstreamError
from klepaas_shared.outbound import Answer
from klepaas_shared.resilience import retry

from .registry_http import RegistryError, RegistryRefused, checked, send

MANIFEST_TYPES = (
    "application/vnd.docker.distribution.manifest.v2+json",
    "application/vnd.oci.image.manifest.v1+json",
    "application/vnd.docker.distribution.manifest.list.v2+json",
    "application/vnd.oci.image.index.v1+json",
)
_PARAM = re.compile(r'(\w+)="([^"]*)"')

__all__ = ["RegistryClient", "RegistryError", "RegistryRefused", "api_of", "repository_of"]


def repository_of(registry: str, app: str) -> str:
    """The V2 repository name of ``app`` in ``registry`` (``host`` or ``host/path``: the path
    prefixes the name)."""
    prefix = registry.strip("/").partition("/")[2]
    return f"{prefix}/{app}" if prefix else app


def api_of(registry: str) -> str:
    """The default V2 API base of ``registry``: ``https://<host>``."""
    return "https://" + registry.strip("/").partition("/")[0]


class RegistryClient:
    """One registry and one login; :meth:`add_tags` runs within ``deadline_s``."""

    def __init__(
        self,
        api_base: str,
        username: str,
        password: str,
        *,
        timeout_s: float = 10.0,
        attempts: int = 3,
        deadline_s: float = 60.0,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.api_base = api_base.rstrip("/")
        self._basic = "Basic " + base64.b64encode(f"{username}:{password}".encode()).decode()
        self.timeout_s, self.attempts, self.deadline_s, self.sleep = timeout_s, attempts, deadline_s, sleep
        self._auth: dict[str, str] = {}  # repository name → Authorization header that worked

    def add_tags(self, name: str, source: str, tags: list[str]) -> dict[str, str]:
        """Tag the manifest ``name:source`` as each of ``tags``; the tags that failed → why."""
        ends = time.monotonic() + self.deadline_s
        try:
            manifest = self._call(name, "GET", f"/v2/{name}/manifests/{source}", ends, accept=MANIFEST_TYPES)
        except UpstreamError as exc:
            return dict.fromkeys(tags, f"could not read {name}:{source}: {exc.message}")
        kind = manifest.headers.get("content-type", MANIFEST_TYPES[0]).split(";")[0].strip()
        failed: dict[str, str] = {}
        for tag in tags:
            try:
                self._call(name, "PUT", f"/v2/{name}/manifests/{tag}", ends, body=manifest.body, kind=kind)
            except UpstreamError as exc:
                failed[tag] = exc.message
        return failed

    def _call(
        self,
        name: str,
        method: str,
        path: str,
        ends: float,
        *,
        accept: tuple[str, ...] = (),
        body: bytes | None = None,
        kind: str = "",
    ) -> Answer:
        def once() -> Answer:
            timeout = min(self.timeout_s, ends - time.monotonic())
            if timeout <= 0:
                raise RegistryRefused(f"{method} {path}: the registry deadline passed", status=504)
            headers = {"Accept": ", ".join(accept)} if accept else {"Content-Type": kind}
            if name in self._auth:
                headers["Authorization"] = self._auth[name]
            answer = send(self.api_base + path, method, headers, body, timeout)
            if answer.status == 401:  # no login yet, or a token expired: answer the challenge once
                self._auth[name] = self._authorization(answer.headers.get("www-authenticate", ""), name, timeout)
                headers["Authorization"] = self._auth[name]
                answer = send(self.api_base + path, method, headers, body, timeout)
            return checked(answer, f"{method} {path}")

        left = max(0.0, ends - time.monotonic())
        return retry(once, attempts=self.attempts, base_s=0.05, sleep=self.sleep, deadline_s=left)

    def _authorization(self, challenge: str, name: str, timeout: float) -> str:
        scheme, _, rest = challenge.partition(" ")
        if scheme.lower() == "basic":
            return self._basic
        params = dict(_PARAM.findall(rest))
        realm = params.get("realm", "")
        if scheme.lower() != "bearer" or not self._may_send_credentials_to(realm):
            raise RegistryRefused(f"unusable registry challenge {scheme or '(none)'} {realm[:100]}", status=401)
        # One token for both calls (the challenge of a read names only pull).
        scope = f"repository:{name}:pull,push"
        query = urllib.parse.urlencode({"service": params.get("service", ""), "scope": scope})
        answer = send(f"{realm}?{query}", "GET", {"Authorization": self._basic}, None, timeout)
        granted = checked(answer, "registry token").json()
        granted = granted if isinstance(granted, dict) else {}
        token = granted.get("token") or granted.get("access_token")
        if not isinstance(token, str) or not token:
            raise RegistryRefused("the registry's token answer holds no token", status=401)
        return f"Bearer {token}"

    def _may_send_credentials_to(self, realm: str) -> bool:
        url, base = urllib.parse.urlsplit(realm), urllib.parse.urlsplit(self.api_base)
        return url.scheme == "https" or (url.scheme, url.netloc) == (base.scheme, base.netloc)
