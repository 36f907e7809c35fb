"""Cloud Build through its REST API: ``projects.builds.create`` (a long-running Operation whose
metadata carries the Build) and ``projects.builds.get``, polled until the Build settles.

Retries: a poll (a GET) is retried on 429, 5xx and network errors. A submit is retried on 429 and
5xx (Google refuses those before creating anything); after a network error the build may exist,
so the client first looks for it by its ``tags`` key (``projects.builds.list`` with a tag filter)
and submits again only when it is not there: a lost answer never makes a second build.

Private sources: Cloud Build's ``gitSource`` fetches anonymously, so a repository that needs the
GitHub App's installation token is fetched by a first ``git`` step instead. The token reaches that
step only as a secret environment variable (``availableSecrets.secretManager``, a Secret Manager
version added for this build by :mod:`.secret_manager` and destroyed when it ends): never in a URL,
an argument, the Build resource or a log line. git sends it as an ``http.extraHeader``.
"""

from __future__ import annotations

import shlex
import time
import urllib.parse
from collections.abc import Callable
from typing import Any

from klepaas_shared.errors import UpstreamError
from klepaas_shared.google_apis import GoogleApi
from klepaas_shared.outbound import ErrorKinds, retry_after
from klepaas_shared.resilience import retry

from .polling import poll
from .tags import image_refs

DONE = frozenset({"SUCCESS", "FAILURE", "INTERNAL_ERROR", "TIMEOUT", "CANCELLED", "EXPIRED"})


class CloudBuildError(UpstreamError):
    """A transient Cloud Build failure (429, 5xx, network): worth retrying."""

    code = "cloud_build_error"

    def __init__(self, message: str, *, status: int = 0, retry_after_s: float | None = None) -> None:
        super().__init__(message)
        self.status, self.retry_after_s = status, retry_after_s


class CloudBuildRefused(CloudBuildError):
    """Cloud Build refused the request (4xx other than 429): retrying will not help."""

    code = "cloud_build_refused"
    retryable = False


class CloudBuildUnreachable(CloudBuildError):
    """No answer (connection refused or dropped, timeout): a submit may or may not have landed."""


TOKEN_ENV = "GITHUB_TOKEN"  # noqa: S105 - the variable's name, not a secret
GIT_IMAGE = "gcr.io/cloud-builders/git"


def fetch_step(git_url: str, sha: str) -> dict[str, Any]:
    """A step that clones ``git_url`` at ``sha`` into ``src`` with the token in ``$GITHUB_TOKEN``
    (Cloud Build reads ``$$`` as a literal ``$``: the shell, not Cloud Build, expands it)."""
    header = "Authorization: Basic $$(printf 'x-access-token:%s' \"$$GITHUB_TOKEN\" | base64 -w0)"
    script = (
        f'set -eu; git -c http.extraHeader="{header}" clone --quiet {shlex.quote(git_url)} src'
        f" && git -C src checkout --quiet --detach {shlex.quote(sha)}"
    )
    return {"name": GIT_IMAGE, "entrypoint": "bash", "args": ["-c", script], "secretEnv": [TOKEN_ENV]}


def build_body(
    git_url: str,
    sha: str,
    image_repository: str,
    tags: list[str],
    *,
    token_version: str = "",
    key: str = "",
    service_account: str = "",
) -> dict[str, Any]:
    """A Build that builds the commit's Dockerfile once and pushes it under every tag.

    ``token_version``: the Secret Manager version holding the GitHub token (a private source,
    fetched by :func:`fetch_step`); empty: a public one, fetched by ``gitSource``. ``key`` tags the
    build so that a submit whose answer was lost can find it. ``service_account``
    (``projects/P/serviceAccounts/EMAIL``): the account the build runs as; Cloud Build then wants
    its logs sent somewhere other than the default bucket, so they go to Cloud Logging only."""
    refs = image_refs(image_repository, tags)
    tag_args = [arg for ref in refs for arg in ("-t", ref)]
    docker = {"name": "gcr.io/cloud-builders/docker", "args": ["build", *tag_args, "."]}
    body: dict[str, Any] = {"steps": [docker], "images": refs}
    if token_version:
        body["steps"] = [fetch_step(git_url, sha), {**docker, "dir": "src"}]
        body["availableSecrets"] = {"secretManager": [{"versionName": token_version, "env": TOKEN_ENV}]}
    else:
        body["source"] = {"gitSource": {"url": git_url, "revision": sha}}
    if key:
        body["tags"] = [key]
    if service_account:
        body["serviceAccount"] = service_account
        body["options"] = {"logging": "CLOUD_LOGGING_ONLY"}
    return body


class CloudBuild:
    def __init__(
        self,
        project: str,
        token: str = "",
        *,
        base_url: str = "https://cloudbuild.googleapis.com",
        timeout_s: float = 10.0,
        poll_base_s: float = 3.0,
        retry_base_s: float = 1.0,
        attempts: int = 5,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.project, self.base_url = project, base_url.rstrip("/")
        self.timeout_s, self._poll_base_s, self._sleep = timeout_s, poll_base_s, sleep
        self._retry_base_s, self._attempts = retry_base_s, attempts
        # One attempt per call: the retries below know what is safe to repeat for a submit.
        lost = ErrorKinds(CloudBuildRefused, CloudBuildUnreachable, CloudBuildUnreachable, CloudBuildUnreachable)
        # Google's authorized session: the default credentials (or a fixed ``token``, a stand-in's),
        # refreshed by google-auth near expiry, not per call.
        self._http = GoogleApi("Cloud Build", self.base_url, token=token, timeout_s=timeout_s, attempts=1, kinds=lost)

    def _call(self, method: str, path: str, body: dict[str, Any] | None = None) -> dict[str, Any]:
        answer = self._http.send(method, path, json=body)  # no answer: CloudBuildUnreachable
        message = f"Cloud Build {method} answered {answer.status}"
        if 400 <= answer.status < 500 and answer.status != 429:
            raise CloudBuildRefused(message, status=answer.status)
        if not answer.ok:
            raise CloudBuildError(message, status=answer.status, retry_after_s=retry_after(answer))
        value = answer.json()
        if not isinstance(value, dict):
            raise CloudBuildError(f"Cloud Build {method}: an answer that is not JSON")
        return value

    def _retry(self, fn: Callable[[], Any], retry_on: Callable[[BaseException], bool]) -> Any:
        return retry(fn, attempts=self._attempts, base_s=self._retry_base_s, retry_on=retry_on, sleep=self._sleep)

    def submit(self, body: dict[str, Any]) -> str:
        """Create the build; its id (from the Operation's ``metadata.build.id``). With a ``tags``
        key in ``body``, a submit whose answer was lost is looked up before being repeated."""
        key = (body.get("tags") or [""])[0]
        path = f"/v1/projects/{self.project}/builds"

        def once() -> str:
            try:
                operation = self._call("POST", path, body)
            except CloudBuildUnreachable:
                found = self.find(key) if key else None
                if found:
                    return found
                raise
            return str(operation["metadata"]["build"]["id"])

        def transient(exc: BaseException) -> bool:
            # Without a key a lost answer cannot be told from a refused request: not repeated.
            unsure = isinstance(exc, CloudBuildUnreachable) and not key
            return isinstance(exc, CloudBuildError) and exc.retryable and not unsure

        return str(self._retry(once, transient))

    def find(self, key: str) -> str | None:
        """The id of the build tagged ``key``, if one was created."""
        query = urllib.parse.urlencode({"filter": f'tags="{key}"', "pageSize": "1"})
        answer = self._retry(
            lambda: self._call("GET", f"/v1/projects/{self.project}/builds?{query}"),
            lambda exc: isinstance(exc, CloudBuildError) and exc.retryable,
        )
        builds = answer.get("builds") or []
        return str(builds[0]["id"]) if builds else None

    def status(self, build_id: str) -> str:
        """The build's status; a GET, retried on 429, 5xx and network errors."""
        path = f"/v1/projects/{self.project}/builds/{build_id}"
        build = self._retry(
            lambda: self._call("GET", path), lambda exc: isinstance(exc, CloudBuildError) and exc.retryable
        )
        return str(build.get("status", ""))

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
