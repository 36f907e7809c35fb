"""Secret Manager through its REST API, for the one thing the Cloud Build stage needs: hand a
build a short-lived GitHub token without writing it into the Build (``projects.secrets.addVersion``,
then ``projects.secrets.versions.destroy`` once the build has ended)."""

from __future__ import annotations

import base64
import json
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from typing import Any

from klepaas_shared.errors import UpstreamError
from klepaas_shared.resilience import retry


class SecretManagerError(UpstreamError):
    code = "secret_manager_error"


class SecretManager:
    """One secret (``projects/<p>/secrets/<name>``) whose versions carry one build's token each."""

    def __init__(
        self,
        secret: str,
        token: Callable[[], str],
        *,
        base_url: str = "https://secretmanager.googleapis.com",
        timeout_s: float = 10.0,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.secret, self._token, self.base_url = secret, token, base_url.rstrip("/")
        self.timeout_s, self._sleep = timeout_s, sleep

    def _call(self, path: str, body: dict[str, Any]) -> dict[str, Any]:
        if not self.base_url.startswith(("https://", "http://")):
            raise SecretManagerError("Secret Manager endpoint must be http(s)")
        headers = {"Authorization": f"Bearer {self._token()}", "Content-Type": "application/json"}
        request = urllib.request.Request(  # noqa: S310 - checked above
            self.base_url + path, data=json.dumps(body).encode(), method="POST", headers=headers
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout_s) as response:  # noqa: S310 - checked
                return dict(json.loads(response.read()))
        except urllib.error.HTTPError as exc:  # the message never carries the payload
            raise SecretManagerError(f"Secret Manager answered {exc.code}") from None
        except (urllib.error.URLError, TimeoutError, ConnectionError, OSError) as exc:
            raise SecretManagerError(f"Secret Manager: {type(exc).__name__}") from None

    def add_version(self, value: str) -> str:
        """Store ``value`` as a new version; its full name (``.../versions/<n>``)."""
        body = {"payload": {"data": base64.b64encode(value.encode()).decode()}}  # dataCrc32c is optional
        # Not retried: a repeat after a lost answer would only leave one more version, destroyed by
        # nobody; the stage fails instead and its retry starts over.
        return str(self._call(f"/v1/{self.secret}:addVersion", body)["name"])

    def destroy(self, version: str) -> None:
        """Destroy ``version`` (its token is of no further use once the build has fetched)."""
        retry(lambda: self._call(f"/v1/{version}:destroy", {}), attempts=3, base_s=0.2, sleep=self._sleep)
