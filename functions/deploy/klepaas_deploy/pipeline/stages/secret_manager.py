"""Secret Manager through its REST API, for the one thing the Cloud Build stage needs: hand a
build a short-lived GitHub token without writing it into the Build (``projects.secrets.addVersion``,
then ``projects.secrets.versions.destroy`` once the build has ended)."""

from __future__ import annotations

import base64
import time
from collections.abc import Callable
from typing import Any

from klepaas_shared.errors import UpstreamError, UpstreamRefused
from klepaas_shared.google_apis import GoogleApi
from klepaas_shared.outbound import ErrorKinds
from klepaas_shared.resilience import retry


class SecretManagerError(UpstreamError):
    code = "secret_manager_error"


class SecretManager:
    """One secret (``projects/<p>/secrets/<name>``) whose versions carry one build's token each."""

    def __init__(
        self,
        secret: str,
        token: str = "",
        *,
        base_url: str = "https://secretmanager.googleapis.com",
        timeout_s: float = 10.0,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.secret, self.base_url = secret, base_url.rstrip("/")
        self.timeout_s, self._sleep = timeout_s, sleep
        # One attempt per call: what may be repeated is decided below (never an addVersion).
        kinds = ErrorKinds(UpstreamRefused, SecretManagerError, SecretManagerError, SecretManagerError)
        # ``token``: a fixed token (a stand-in's); empty: the default credentials, on Google's
        # authorized session.
        self._http = GoogleApi(
            "Secret Manager", self.base_url, token=token, timeout_s=timeout_s, attempts=1, kinds=kinds
        )

    def _call(self, path: str, body: dict[str, Any]) -> dict[str, Any]:
        answer = self._http.send("POST", path, json=body)
        if not answer.ok:  # the message never carries the payload
            raise SecretManagerError(f"Secret Manager answered {answer.status}")
        value = answer.json()
        if not isinstance(value, dict):
            raise SecretManagerError("Secret Manager answered something that is not JSON")
        return value

    def add_version(self, value: str) -> str:
        """Store ``value`` as a new version; its full name (``.../versions/<n>``)."""
        body = {"payload": {"data": base64.b64encode(value.encode()).decode()}}  # dataCrc32c is optional
        # Not retried: a repeat after a lost answer would only leave one more version, destroyed by
        # nobody; the stage fails instead and its retry starts over.
        return str(self._call(f"/v1/{self.secret}:addVersion", body)["name"])

    def destroy(self, version: str) -> None:
        """Destroy ``version`` (its token is of no further use once the build has fetched)."""
        retry(lambda: self._call(f"/v1/{version}:destroy", {}), attempts=3, base_s=0.2, sleep=self._sleep)
