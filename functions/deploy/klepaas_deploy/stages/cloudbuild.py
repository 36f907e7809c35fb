"""Cloud Build through its REST API: ``projects.builds.create`` (a long-running Operation whose
metadata carries the Build) and ``projects.builds.get``, polled until the Build settles."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from klepaas_shared.errors import UpstreamError, UpstreamRefused
from klepaas_shared.outbound import ErrorKinds, Outbound

from .polling import poll
from .tags import image_refs

DONE = frozenset({"SUCCESS", "FAILURE", "INTERNAL_ERROR", "TIMEOUT", "CANCELLED", "EXPIRED"})


class CloudBuildError(UpstreamError):
    code = "cloud_build_error"


class CloudBuildRefused(CloudBuildError, UpstreamRefused):
    """Cloud Build refused the call (a 4xx other than 429): retrying will not help."""

    code = "cloud_build_refused"
    retryable = False


def build_body(git_url: str, sha: str, image_repository: str, tags: list[str]) -> dict[str, Any]:
    """A Build that builds the commit's Dockerfile once and pushes it under every tag."""
    refs = image_refs(image_repository, tags)
    tag_args = [arg for ref in refs for arg in ("-t", ref)]
    return {
        "source": {"gitSource": {"url": git_url, "revision": sha}},
        "steps": [{"name": "gcr.io/cloud-builders/docker", "args": ["build", *tag_args, "."]}],
        "images": refs,
    }


class CloudBuild:
    def __init__(
        self,
        project: str,
        token: Callable[[], str],
        *,
        base_url: str = "https://cloudbuild.googleapis.com",
        timeout_s: float = 10.0,
        poll_base_s: float = 3.0,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.project, self._token, self.base_url = project, token, base_url.rstrip("/")
        self.timeout_s, self._poll_base_s, self._sleep = timeout_s, poll_base_s, sleep
        kinds = ErrorKinds.of(CloudBuildRefused, CloudBuildError)
        self._http = Outbound("Cloud Build", self.base_url, timeout_s=timeout_s, auth=self._bearer, kinds=kinds)

    def _bearer(self, _method: str, _url: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {self._token()}"}

    def _call(self, method: str, path: str, body: dict[str, Any] | None = None) -> dict[str, Any]:
        return dict(self._http.json(method, path, json=body))

    def submit(self, body: dict[str, Any]) -> str:
        """Create the build; its id (from the Operation's ``metadata.build.id``)."""
        operation = self._call("POST", f"/v1/projects/{self.project}/builds", body)
        return str(operation["metadata"]["build"]["id"])

    def status(self, build_id: str) -> str:
        return str(self._call("GET", f"/v1/projects/{self.project}/builds/{build_id}").get("status", ""))

    def wait(self, build_id: str, *, deadline_s: float) -> str:
        """The settled status (``SUCCESS`` or a failure), or :class:`PollDeadline`."""
        return poll(
            lambda: self.status(build_id),
            lambda status: status in DONE,
            deadline_s=deadline_s,
            what=f"Cloud Build {build_id}",
            base_s=self._poll_base_s,
            sleep=self._sleep,
        )
