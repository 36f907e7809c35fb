"""A Cloud Build REST stand-in (cloudbuild v1, as google-cloud-build's ``cloudbuild_v1`` types
describe it), with the two Secret Manager v1 calls a build's secrets need.

- ``POST /v1/projects/{p}/builds`` answers an Operation whose metadata
  (``BuildOperationMetadata``) holds the Build; ``GET /v1/projects/{p}/builds/{id}`` answers the
  Build, moving QUEUED → WORKING → the configured outcome; ``GET /v1/projects/{p}/builds?filter=
  tags="<tag>"`` lists the builds with that tag, newest first.
- The source is fetched when the build is created, as Cloud Build's first step would: a
  ``gitSource`` anonymously (a repository listed in ``private`` cannot be read so; a ``file://``
  one is cloned and must hold the revision), a ``gcr.io/cloud-builders/git`` step by running its
  script with its ``secretEnv`` taken from ``availableSecrets`` (a private repository needs its
  token there). A fetch that fails ends the build FAILURE with a ``statusDetail``.
- A build naming its ``serviceAccount`` must send its logs elsewhere than the default bucket
  (``logsBucket``, or ``options.logging`` CLOUD_LOGGING_ONLY / NONE), or it is refused, as Cloud
  Build refuses it.
- ``POST /v1/projects/{p}/secrets/{s}:addVersion`` and ``POST /v1/{version}:destroy``.
- A bearer token is required; ``faults`` answers 429, 5xx or drops connections on request.
"""

from __future__ import annotations

import base64
import itertools
import json
import os
import re
import shlex
import subprocess
import tempfile
import threading
import time
import uuid
from collections.abc import Container, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from .faults import DROP, LOST, Faults, drop

_TAG = re.compile(r"[\w][\w.-]{0,127}")
_SERVICE_ACCOUNT = re.compile(r"projects/[^/]+/serviceAccounts/[^/@]+@[^/]+")
# Cloud Build's own words when a build names its account but keeps the default logs bucket.
_LOGS_WITH_ACCOUNT = (
    "if 'build.service_account' is specified, the build must either (a) specify 'build.logs_bucket', "
    "(b) use the REGIONAL_USER_OWNED_BUCKET build.options.default_logs_bucket_behavior option, "
    "or (c) use either CLOUD_LOGGING_ONLY / NONE logging options"
)


@dataclass
class CloudBuildState:
    token: str = "test-gcp-token"
    outcome: str = "SUCCESS"
    hold: bool = False  # while True, every build stays WORKING (a test watching a build under way)
    builds: dict[str, dict[str, Any]] = field(default_factory=dict)
    private: dict[str, Container[str]] = field(default_factory=dict)  # git URL -> the tokens that may read it
    fetched: dict[str, dict[str, Any]] = field(default_factory=dict)  # build id -> what its source fetch did
    # False: a source's access is still checked (private repositories, the secret a step names)
    # but nothing is cloned, for "GitHub" commits that exist only as API objects (the e2e suite).
    clone_sources: bool = True
    secrets: set[str] = field(default_factory=lambda: {"klepaas-cloudbuild-git-token"})  # secret names
    versions: dict[str, dict[str, Any]] = field(default_factory=dict)  # version name -> {state, data}
    faults: Faults = field(default_factory=Faults)
    requests: list[tuple[str, str]] = field(default_factory=list)
    authorizations: list[str] = field(default_factory=list)  # the Authorization each request carried
    lock: threading.Lock = field(default_factory=threading.Lock)
    _numbers: Iterator[int] = field(default_factory=lambda: itertools.count(1))


def _clone(url: str, revision: str, env: dict[str, str], workdir: Path) -> str:
    """Clone a ``file://`` repository and check ``revision`` out; "" or why it failed."""
    done = subprocess.run(
        ["git", "clone", "--quiet", url, "src"], cwd=workdir, env=env, capture_output=True, text=True, check=False
    )
    if done.returncode == 0:
        done = subprocess.run(
            ["git", "-C", "src", "checkout", "--quiet", "--detach", revision],
            cwd=workdir,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
    return "" if done.returncode == 0 else f"fetching {url}: {done.stderr.strip()[-200:]}"


def _git_env(workdir: Path) -> dict[str, str]:
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(workdir),
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_TERMINAL_PROMPT": "0",
    }


def _fetch_git_source(state: CloudBuildState, source: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    url, revision = str(source.get("url", "")), str(source.get("revision", ""))
    fetched = {"url": url, "revision": revision, "token": False}
    if url in state.private:
        return f"fetching {url}: could not read Username: terminal prompts disabled", fetched
    if not url.startswith("file://") or not state.clone_sources:
        return "", fetched  # not reachable from here (or not asked for): taken as fetched
    with tempfile.TemporaryDirectory(prefix="cloudbuild-src-") as tmp:
        return _clone(url, revision, _git_env(Path(tmp)), Path(tmp)), fetched


def _fetch_with_step(state: CloudBuildState, build: dict[str, Any], step: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    """Run a git step as Cloud Build would: its secret environment from ``availableSecrets``,
    ``$$`` read as ``$``, in an empty workspace."""
    secret_env = {}
    available = {
        s.get("env"): s.get("versionName") for s in (build.get("availableSecrets") or {}).get("secretManager") or []
    }
    for name in step.get("secretEnv") or []:
        version = state.versions.get(str(available.get(name, "")))
        if version is None or version["state"] != "ENABLED":
            return f"secret environment {name}: no enabled Secret Manager version", {}
        secret_env[name] = version["data"]
    args = [str(arg).replace("$$", "$") for arg in step.get("args") or []]
    words = shlex.split(args[-1]) if args else []
    url = next((w for w in words if "://" in w), "")
    token = next(iter(secret_env.values()), "")
    fetched = {"url": url, "token": bool(token), "script": args}
    if url in state.private and token not in state.private[url]:
        return f"fetching {url}: Authentication failed", fetched
    if not state.clone_sources:
        return "", fetched
    with tempfile.TemporaryDirectory(prefix="cloudbuild-step-") as tmp:
        env = _git_env(Path(tmp)) | secret_env
        done = subprocess.run(
            [str(step.get("entrypoint") or "git"), *args],
            cwd=tmp,
            env=env,
            capture_output=True,
            text=True,
            check=False,
            timeout=60,
        )
    return ("" if done.returncode == 0 else f"step {step['name']}: {done.stderr.strip()[-200:]}"), fetched


def _create(state: CloudBuildState, project: str, body: dict[str, Any]) -> tuple[int, Any]:
    if not body.get("steps"):
        return 400, "invalid build: no steps"
    if not all(isinstance(t, str) and _TAG.fullmatch(t) for t in body.get("tags") or []):
        return 400, "invalid build tag"
    if problem := _account_problem(body):
        return 400, problem
    build_id = str(uuid.uuid4())
    build = {**body, "id": build_id, "projectId": project, "status": "QUEUED", "createTime": _now(), "_polls": 0}
    first = body["steps"][0]
    if "gitSource" in (body.get("source") or {}):
        problem, fetched = _fetch_git_source(state, body["source"]["gitSource"])
    elif first.get("name") == "gcr.io/cloud-builders/git":
        problem, fetched = _fetch_with_step(state, body, first)
    else:
        problem, fetched = "", {}
    state.fetched[build_id] = fetched
    if problem:
        build["_outcome"], build["statusDetail"] = "FAILURE", problem
    state.builds[build_id] = build
    metadata = {"@type": "type.googleapis.com/google.devtools.cloudbuild.v1.BuildOperationMetadata"}
    return 200, {"name": f"projects/{project}/operations/{build_id}", "metadata": metadata | {"build": _public(build)}}


def _account_problem(body: dict[str, Any]) -> str:
    account = body.get("serviceAccount")
    if account is None:
        return ""
    if not isinstance(account, str) or not _SERVICE_ACCOUNT.fullmatch(account):
        return "invalid build: serviceAccount must be projects/{project}/serviceAccounts/{email}"
    options = body.get("options") or {}
    if body.get("logsBucket") or options.get("logging") in ("CLOUD_LOGGING_ONLY", "NONE"):
        return ""
    if options.get("defaultLogsBucketBehavior") == "REGIONAL_USER_OWNED_BUCKET":
        return ""
    return _LOGS_WITH_ACCOUNT


def _public(build: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in build.items() if not k.startswith("_")}


def _now() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())


def _route(
    state: CloudBuildState, method: str, path: str, query: dict[str, list[str]], body: dict[str, Any]
) -> tuple[int, Any]:
    if method == "POST" and (m := re.fullmatch(r"/v1/projects/([^/]+)/builds", path)):
        return _create(state, m.group(1), body)
    if method == "GET" and (m := re.fullmatch(r"/v1/projects/([^/]+)/builds", path)):
        wanted = re.fullmatch(r'tags="([^"]*)"', (query.get("filter") or [""])[0])
        builds = [b for b in state.builds.values() if b["projectId"] == m.group(1)]
        builds = [b for b in builds if wanted is None or wanted.group(1) in (b.get("tags") or [])]
        size = int((query.get("pageSize") or ["50"])[0])
        return 200, {"builds": [_public(b) for b in reversed(builds)][:size]}
    if method == "GET" and (m := re.fullmatch(r"/v1/projects/([^/]+)/builds/([^/]+)", path)):
        build = state.builds.get(m.group(2))
        if build is None:
            return 404, "build not found"
        build["_polls"] += 1
        finished = "WORKING" if state.hold else build.get("_outcome", state.outcome)
        build["status"] = {1: "QUEUED", 2: "WORKING"}.get(build["_polls"], finished)
        return 200, _public(build)
    if method == "POST" and (m := re.fullmatch(r"/v1/(projects/[^/]+/secrets/([^/]+)):addVersion", path)):
        if m.group(2) not in state.secrets:
            return 404, f"Secret [{m.group(1)}] not found or has no versions."
        name = f"{m.group(1)}/versions/{next(state._numbers)}"
        data = base64.b64decode(str((body.get("payload") or {}).get("data", ""))).decode()
        state.versions[name] = {"state": "ENABLED", "data": data}
        return 200, {"name": name, "createTime": _now(), "state": "ENABLED"}
    if method == "POST" and (m := re.fullmatch(r"/v1/(projects/[^/]+/secrets/[^/]+/versions/\d+):destroy", path)):
        version = state.versions.get(m.group(1))
        if version is None:
            return 404, f"Secret Version [{m.group(1)}] not found."
        version["state"], version["data"] = "DESTROYED", ""
        return 200, {"name": m.group(1), "createTime": _now(), "destroyTime": _now(), "state": "DESTROYED"}
    return 404, "not found"


_REASONS = {400: "INVALID_ARGUMENT", 401: "UNAUTHENTICATED", 404: "NOT_FOUND", 429: "RESOURCE_EXHAUSTED"}


def _handler(state: CloudBuildState) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: Any) -> None:
            return

        def _send(self, status: int, payload: Any) -> None:
            if status >= 400:
                reason = _REASONS.get(status, "UNAVAILABLE" if status == 503 else "INTERNAL")
                payload = {"error": {"code": status, "message": payload, "status": reason}}
            data = json.dumps(payload).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def _serve(self) -> None:
            length = min(int(self.headers.get("Content-Length") or 0), 1 << 20)
            raw = self.rfile.read(length) if length else b""
            url = urlsplit(self.path)
            state.requests.append((self.command, url.path))
            state.authorizations.append(self.headers.get("Authorization", ""))
            fault = state.faults.take(self.command, url.path)
            if fault == DROP:
                return drop(self)
            if isinstance(fault, int):
                return self._send(fault, "injected failure")
            if self.headers.get("Authorization") != f"Bearer {state.token}":
                return self._send(401, "Request had invalid authentication credentials.")
            try:
                body = json.loads(raw or b"{}")
            except ValueError:
                return self._send(400, "invalid JSON")
            with state.lock:
                status, payload = _route(state, self.command, url.path, parse_qs(url.query), body)
            if fault == LOST:
                return drop(self)
            self._send(status, payload)

        do_GET = do_POST = _serve  # noqa: N815 - http.server names

    return Handler


@contextmanager
def cloud_build_api(state: CloudBuildState | None = None) -> Iterator[tuple[CloudBuildState, str]]:
    """Start the stand-in on loopback; yields (state, base URL), which also serves Secret Manager."""
    state = state or CloudBuildState()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(state))
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, args=(0.02,), daemon=True).start()
    try:
        yield state, f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
