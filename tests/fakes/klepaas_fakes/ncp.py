"""A Naver Cloud API gateway stand-in for SourceCommit, SourceBuild and SourceDeploy, after the
NCP API guides (api.ncloud-docs.com, pages of 2026-09-17; see tests/fakes/README.md).

Each service listens on its own loopback port (as each has its own host). Every request must carry
``x-ncp-apigw-timestamp`` within five minutes of the stand-in's clock, a known
``x-ncp-iam-access-key`` and a ``x-ncp-apigw-signature-v2`` that matches; otherwise it answers 401
with NCP's error body.

Builds go through SourceBuild's documented statuses, ``prepare`` (for a set number of polls) then
``upload`` then their outcome (``success``, ``fail`` with a ``failedPhase``, or ``canceled``).
Starting a build takes no body (as documented): a build builds what its project's ``source.config``
names and pushes what its ``cmd.dockerbuild`` names, both read when it starts. A build whose
SourceCommit repository or branch does not exist fails in ``prepare``; when the repositories are
bare git repositories on ``file://`` (``git_base``), the branch's commit and the Dockerfile are
read from them. Deployments go ``waiting`` → ``inprogress`` → their outcome, any of SourceDeploy's
statuses (``success``, ``fail``, ``error``, ``reject``, ``canceled``, ``canary_*``...).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import itertools
import json
import re
import subprocess
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from .registry import RegistryState, registry_api

WINDOW_MS = 5 * 60 * 1000
_TAG = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}")
_IMAGE = re.compile(r"[a-z0-9]+(?:[._/-][a-z0-9]+)*")
_PROJECT_FIELDS = frozenset({"description", "source", "env", "cmd", "artifact", "cache", "linked"})
DESCRIPTION_MAX_BYTES = 500  # SourceCommit: a repository description is at most 500 bytes
# What SourceCommit answers for a repository that does not exist is not documented; the stand-in
# can give each plausible answer ("404", "400", "empty": 200 with no result).
MISSING_ANSWERS = ("404", "400", "empty")


def build_project(project_id: int, registry: str = "klepaas") -> dict[str, Any]:
    """A SourceBuild project in the documented detail shape, building a Docker image."""
    return {
        "id": project_id,
        "name": f"project-{project_id}",
        "description": "",
        "source": {"type": "SourceCommit", "config": {"repository": "app", "branch": "main"}},
        "cmd": {
            "pre": [],
            "build": [],
            "post": [],
            "dockerbuild": {
                "use": True,
                "dockerfile": "Dockerfile",
                "registry": registry,
                "image": "app",
                "tag": "latest",
                "latest": False,
            },
        },
    }


@dataclass
class NcpState:
    access_key: str = "test-access-key"
    secret_key: str = "test-secret-key"
    clock_ms: Any = field(default=lambda: int(time.time() * 1000))
    repositories: dict[str, dict[str, Any]] = field(default_factory=dict)
    builds: dict[str, dict[str, Any]] = field(default_factory=dict)
    deploys: dict[str, dict[str, Any]] = field(default_factory=dict)
    projects: dict[int, dict[str, Any]] = field(default_factory=lambda: {201: build_project(201)})
    registries: set[str] = field(default_factory=lambda: {"klepaas"})
    images: dict[str, list[str]] = field(default_factory=dict)  # "registry/image" → tags pushed, in order
    registry: RegistryState = field(default_factory=RegistryState)  # where builds push (login: the key pair)
    git_base: str = "https://devtools.ncloud.com/1"
    polls_until_done: int = 2
    build_outcome: str = "success"  # success | fail | canceled
    build_failed_phase: str = "build"  # with fail: prepare | build | pre-build | post-build | upload | timeout
    deploy_outcome: str = "success"  # any SourceDeploy status; a non-terminal one keeps the deployment there
    missing_repository_answer: str = "404"  # one of MISSING_ANSWERS
    failures: dict[str, int] = field(default_factory=dict)  # "[METHOD ]path prefix" → status to answer once
    requests: list[tuple[str, str, str]] = field(default_factory=list)  # (service, method, path)
    refused: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)
    ids: Iterator[int] = field(default_factory=lambda: itertools.count(80001))


def add_repository(state: NcpState, name: str) -> dict[str, Any]:
    """A SourceCommit repository, as if created earlier (its git address under ``git_base``)."""
    repo = {"id": next(state.ids), "name": name, "description": "", "git": {"https": f"{state.git_base}/{name}.git"}}
    state.repositories[name] = repo
    return repo


def _expected(state: NcpState, method: str, path: str, stamp: str) -> str:
    message = f"{method} {path}\n{stamp}\n{state.access_key}".encode()
    return base64.b64encode(hmac.new(state.secret_key.encode(), message, hashlib.sha256).digest()).decode()


def _auth_error(state: NcpState, method: str, path: str, headers: Any) -> str | None:
    stamp = headers.get("x-ncp-apigw-timestamp") or ""
    key = headers.get("x-ncp-iam-access-key") or ""
    given = headers.get("x-ncp-apigw-signature-v2") or ""
    if not stamp.isdigit():
        return "Missing or malformed timestamp."
    if abs(state.clock_ms() - int(stamp)) > WINDOW_MS:
        return "Timestamp is outside the 5 minute window."
    if not hmac.compare_digest(key.encode(), state.access_key.encode()):
        return "Unknown access key."
    if not hmac.compare_digest(given.encode(), _expected(state, method, path, stamp).encode()):
        return "Signature mismatch."
    return None


def _progress(job: dict[str, Any], steps: list[str], outcome: str) -> str:
    """The job's status at this poll: each of ``steps`` for its share of polls, then ``outcome``."""
    job["polls"] += 1
    index = job["polls"] - 1
    job["status"] = steps[min(index * len(steps) // max(job["needed"], 1), len(steps) - 1)]
    if job["polls"] > job["needed"]:
        job["status"] = outcome
    return str(job["status"])


def _bad(details: str) -> tuple[int, Any]:
    return 400, {"error": {"errorCode": "400", "message": "Bad Request", "details": details}}


def _push(state: NcpState, job: dict[str, Any]) -> None:
    """The build's image, pushed under the tag its project was configured with when it started."""
    docker = job["dockerbuild"]
    job["pushed"] = [docker["tag"], *(["latest"] if docker.get("latest") else [])]
    state.images.setdefault(f"{docker['registry']}/{docker['image']}", []).extend(job["pushed"])
    for tag in job["pushed"]:
        state.registry.push(f"{docker['registry']}/{docker['image']}", tag)


def _checkout(state: NcpState, source: dict[str, Any], dockerfile: str) -> dict[str, Any] | str:
    """What the project's source names: ``{repository, branch, commit}``, or why it cannot be built."""
    config = source.get("config") or {}
    name, branch = str(config.get("repository", "")), str(config.get("branch", ""))
    if source.get("type") != "SourceCommit" or name not in state.repositories:
        return f"SourceCommit repository {name!r} does not exist"
    built = {"repository": name, "branch": branch, "commit": ""}
    if not state.git_base.startswith("file://"):
        return built
    path = state.git_base.removeprefix("file://") + f"/{name}.git"
    git = ["git", "--git-dir", path]
    head = subprocess.run(
        [*git, "rev-parse", "--verify", "--quiet", f"refs/heads/{branch}"], capture_output=True, text=True, check=False
    )
    if head.returncode != 0:
        return f"branch {branch!r} does not exist in {name}"
    built["commit"] = head.stdout.strip()
    has_dockerfile = subprocess.run(
        [*git, "cat-file", "-e", f"{built['commit']}:{dockerfile}"], capture_output=True, check=False
    )
    if has_dockerfile.returncode != 0:
        return f"{dockerfile} is missing from {name}@{branch}"
    return built


def _start_build(state: NcpState, project_id: int) -> dict[str, Any]:
    project = state.projects[project_id]
    docker = json.loads(json.dumps(project["cmd"]["dockerbuild"]))
    built = _checkout(state, project.get("source") or {}, str(docker.get("dockerfile", "Dockerfile")))
    job: dict[str, Any] = {"projectId": project_id, "status": "prepare", "polls": 0, "needed": state.polls_until_done}
    job |= {"dockerbuild": docker, "begin": state.clock_ms()}
    if isinstance(built, str):
        job |= {"outcome": "fail", "failedPhase": "prepare", "reason": built}
    else:
        failed = state.build_outcome == "fail"
        job |= {
            "source": built,
            "outcome": state.build_outcome,
            "failedPhase": state.build_failed_phase if failed else None,
        }
    return job


def _history_entry(state: NcpState, build_id: str, job: dict[str, Any]) -> dict[str, Any]:
    was = job["status"]
    status = _progress(job, ["prepare", "upload"], job["outcome"])
    if was != "success" and status == "success":
        _push(state, job)
    done = status in {"success", "fail", "canceled"}
    return {
        "projectId": job["projectId"],
        "buildId": build_id,
        "begin": job["begin"],
        "end": state.clock_ms() if done else None,
        "userId": "klepaas",
        "status": status,
        "failedPhase": job["failedPhase"] if status == "fail" else None,
    }


def _missing_repository(state: NcpState, name: str) -> tuple[int, Any]:
    answer = state.missing_repository_answer
    if answer == "400":
        return _bad(f"repository {name} does not exist")
    if answer == "empty":
        return 200, {"result": None}
    return 404, {"error": {"errorCode": "310404", "message": "Not Found", "details": "no repository"}}


def _edit_project(state: NcpState, project: dict[str, Any], body: Any) -> tuple[int, Any]:
    if not isinstance(body, dict) or not body or not set(body) <= _PROJECT_FIELDS:
        return _bad("unknown or missing project fields")
    cmd = body.get("cmd", {})
    docker = cmd.get("dockerbuild", {}) if isinstance(cmd, dict) else None
    if not isinstance(docker, dict):
        return _bad("cmd.dockerbuild must be an object")
    merged = {**project["cmd"]["dockerbuild"], **docker}
    if not isinstance(merged.get("tag"), str) or not _TAG.fullmatch(merged["tag"]):
        return _bad("invalid cmd.dockerbuild.tag")
    if not isinstance(merged.get("image"), str) or not _IMAGE.fullmatch(merged["image"]):
        return _bad("invalid cmd.dockerbuild.image")
    if merged.get("registry") not in state.registries or not isinstance(merged.get("latest"), bool):
        return _bad("unknown cmd.dockerbuild.registry or non-boolean latest")
    source = body.get("source", project["source"])
    config = source.get("config") if isinstance(source, dict) else None
    if not isinstance(config, dict) or source.get("type") != "SourceCommit" or not config.get("repository"):
        return _bad("source must be {type: SourceCommit, config: {repository, branch}}")
    project.update({k: v for k, v in body.items() if k != "cmd"})
    project["cmd"] = {**project["cmd"], **cmd, "dockerbuild": merged}
    return 200, {"result": {"projectId": project["id"]}}


def _route(service: str, state: NcpState, method: str, path: str, body: dict[str, Any]) -> tuple[int, Any]:
    if service == "sourcecommit":
        if method == "POST" and path == "/api/v1/repository":
            name = str(body.get("name", ""))
            description = str(body.get("description", ""))
            if not re.fullmatch(r"[A-Za-z0-9_-]{1,100}", name) or name in state.repositories:
                return 400, {"error": {"errorCode": "310400", "message": "Bad Request", "details": "invalid name"}}
            if len(description.encode()) > DESCRIPTION_MAX_BYTES:
                return _bad("description is longer than 500 bytes")
            add_repository(state, name)["description"] = description
            return 200, {"result": True}
        if method == "GET" and (m := re.fullmatch(r"/api/v1/repository/([^/]+)", path)):
            repo = state.repositories.get(m.group(1))
            if repo is None:
                return _missing_repository(state, m.group(1))
            return 200, {"result": repo}
    if service == "sourcebuild":
        if (m := re.fullmatch(r"/api/v1/project/(\d+)(/build|/history)?", path)) and int(
            m.group(1)
        ) not in state.projects:
            return 404, {"error": {"errorCode": "404", "message": "Not Found", "details": "no project"}}
        if method == "GET" and (m := re.fullmatch(r"/api/v1/project/(\d+)", path)):
            return 200, {"result": json.loads(json.dumps(state.projects[int(m.group(1))]))}
        if method == "PATCH" and (m := re.fullmatch(r"/api/v1/project/(\d+)", path)):
            return _edit_project(state, state.projects[int(m.group(1))], body)
        if method == "POST" and (m := re.fullmatch(r"/api/v1/project/(\d+)/build", path)):
            if body:  # documented: no request body; the image and its tag are the project's settings
                return 400, {"error": {"errorCode": "400", "message": "Bad Request", "details": "unexpected body"}}
            build_id = f"build-{next(state.ids)}"
            state.builds[build_id] = _start_build(state, int(m.group(1)))
            return 200, {"result": {"projectId": int(m.group(1)), "buildId": build_id}}
        if method == "GET" and (m := re.fullmatch(r"/api/v1/project/(\d+)/history", path)):
            history = [
                _history_entry(state, build_id, job)
                for build_id, job in reversed(state.builds.items())
                if job["projectId"] == int(m.group(1))
            ]
            return 200, {"result": {"total": len(history), "history": history}}
    if service == "sourcedeploy":
        if method == "POST" and (m := re.fullmatch(r"/api/v1/project/(\d+)/stage/(\d+)/scenario/(\d+)/deploy", path)):
            history_id = next(state.ids)
            job = {"status": "waiting", "polls": 0, "needed": state.polls_until_done, "outcome": state.deploy_outcome}
            state.deploys[str(history_id)] = job | {"project": m.group(1), "stage": m.group(2), "scenario": m.group(3)}
            return 200, {"result": {"historyId": history_id}}
        if method == "GET" and (m := re.fullmatch(r"/api/v1/project/(\d+)/history/(\d+)", path)):
            job = state.deploys.get(m.group(2))
            if job is None:
                return 404, {"error": {"errorCode": "404", "message": "Not Found", "details": "no history"}}
            status = _progress(job, ["waiting", "inprogress"], job["outcome"])
            detail = {
                "project": {"id": int(job["project"]), "name": f"project-{job['project']}"},
                "stage": {"id": int(job["stage"]), "name": "stage"},
                "scenario": {"id": int(job["scenario"]), "name": "scenario"},
                "id": int(m.group(2)),
                "status": status,
                "executor": "klepaas",
                "type": "KubernetesService",
            }
            return 200, {"result": detail}
    return 404, {"error": {"errorCode": "404", "message": "Not Found", "details": path}}


def _handler(service: str, state: NcpState) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            return

        def _serve(self) -> None:
            length = min(int(self.headers.get("Content-Length") or 0), 1 << 20)
            raw = self.rfile.read(length) if length else b""
            with state.lock:
                state.requests.append((service, self.command, self.path))
                problem = _auth_error(state, self.command, self.path, self.headers)
                if problem is not None:
                    state.refused += 1
                    error = {"errorCode": "200", "message": "Authentication Failed", "details": problem}
                    return self._send(401, {"error": error})
                for prefix, status in list(state.failures.items()):
                    if f"{self.command} {self.path}".startswith(prefix) or self.path.startswith(prefix):
                        del state.failures[prefix]
                        return self._send(status, {"error": {"errorCode": str(status), "message": "Injected"}})
                try:
                    body = json.loads(raw) if raw else {}
                except ValueError:
                    return self._send(400, {"error": {"errorCode": "400", "message": "Bad Request"}})
                status, payload = _route(service, state, self.command, self.path, body)
            self._send(status, payload)

        def _send(self, status: int, payload: Any) -> None:
            data = json.dumps(payload).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        do_GET = do_POST = do_PATCH = _serve  # noqa: N815 - http.server names

    return Handler


@dataclass
class NcpFake:
    state: NcpState
    urls: dict[str, str]

    @property
    def registry_url(self) -> str:
        """The Container Registry stand-in's V2 API base (images named ``<registry>/<image>``)."""
        return self.state.registry.url


@contextmanager
def ncp_api(state: NcpState | None = None) -> Iterator[NcpFake]:
    """Start the three services and the registry on loopback; yields their base URLs by service name."""
    state = state or NcpState()
    state.registry.username, state.registry.password = state.access_key, state.secret_key
    servers = {
        name: ThreadingHTTPServer(("127.0.0.1", 0), _handler(name, state))
        for name in ("sourcecommit", "sourcebuild", "sourcedeploy")
    }
    for server in servers.values():
        threading.Thread(target=server.serve_forever, args=(0.02,), daemon=True).start()
    try:
        with registry_api(state.registry):
            yield NcpFake(state, {n: f"http://127.0.0.1:{s.server_address[1]}" for n, s in servers.items()})
    finally:
        for server in servers.values():
            server.shutdown()
            server.server_close()
