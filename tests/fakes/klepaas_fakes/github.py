"""A GitHub REST API stand-in that PyGithub drives: a threaded HTTP server on loopback.

It speaks the parts of the real API the webhook function uses: installation tokens for a GitHub
App (the App's RS256 JWT is verified with its public key), repositories, commits, pull requests,
combined statuses and check runs, deployments and their statuses, the contents API, git refs and
pull request creation, users by account id and a collaborator's permission, and the App's
webhook deliveries (listed newest first, paginated with a ``Link`` header; redelivered with
``POST /app/hook/deliveries/{id}/attempts``). Repositories the App is not installed on answer 404,
as GitHub does.
"""

from __future__ import annotations

import base64
import itertools
import json
import re
import secrets
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit


def generate_app_key() -> tuple[str, str]:
    """A fresh RSA key pair for a test GitHub App: (private PEM, public PEM)."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    private = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode()
    public = (
        key.public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        .decode()
    )
    return private, public


@dataclass
class FakeRepo:
    owner: str
    name: str
    id: int
    installation_id: int | None
    default_branch: str = "main"
    branches: dict[str, str] = field(default_factory=dict)  # branch -> head sha
    commits: dict[str, dict[str, Any]] = field(default_factory=dict)
    files: dict[tuple[str, str], str] = field(default_factory=dict)  # (branch, path) -> text
    pulls: list[dict[str, Any]] = field(default_factory=list)
    statuses: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    check_runs: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    deployments: dict[int, dict[str, Any]] = field(default_factory=dict)
    deployment_statuses: dict[int, list[dict[str, Any]]] = field(default_factory=dict)
    collaborators: dict[str, str] = field(default_factory=dict)  # login -> admin, maintain, write, triage, read

    @property
    def full_name(self) -> str:
        return f"{self.owner}/{self.name}"


class FakeGitHub:
    """The state behind the server; tests arrange it and read what was written."""

    def __init__(self, app_id: int, public_key_pem: str) -> None:
        self.app_id = app_id
        self.public_key_pem = public_key_pem
        self.url = ""
        self.repos: dict[str, FakeRepo] = {}
        self.tokens: dict[str, int] = {}  # installation token -> installation id
        self.requests: list[tuple[str, str]] = []
        self.fail_next: list[int] = []  # status codes to answer with, one request each
        self.hook_deliveries: list[dict[str, Any]] = []  # the App webhook's deliveries, oldest first
        self.users: dict[int, str] = {}  # account id -> login (GET /user/{account_id})
        self.redelivery_status = 200  # what the webhook answers to a redelivery
        self._ids = itertools.count(1000)
        self.lock = threading.Lock()

    # -- arranging ---------------------------------------------------------------------------
    def add_repo(
        self, owner: str, name: str, *, installation_id: int | None = 1, default_branch: str = "main"
    ) -> FakeRepo:
        repo = FakeRepo(owner, name, next(self._ids), installation_id, default_branch)
        self.repos[repo.full_name.lower()] = repo
        return repo

    def add_commit(
        self, repo: FakeRepo, sha: str, message: str, *, author: str = "octocat", branch: str | None = None
    ) -> None:
        repo.commits[sha] = {"sha": sha, "message": message, "author": author}
        if branch is not None:
            repo.branches[branch] = sha

    def add_pull(self, repo: FakeRepo, number: int, title: str, *, head: str, base: str = "main", **extra: Any) -> None:
        sha = extra.pop("head_sha", f"{number:040x}")
        repo.pulls.append({"number": number, "title": title, "head": head, "base": base, "head_sha": sha, **extra})

    def add_hook_delivery(
        self, guid: str, status_code: int, *, event: str = "push", age_s: float = 60, redelivery: bool = False
    ) -> dict[str, Any]:
        """One attempt of the App's webhook, ``age_s`` seconds ago, answered with ``status_code``."""
        delivery = {
            "id": next(self._ids),
            "guid": guid,
            "delivered_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() - age_s)),
            "redelivery": redelivery,
            "duration": 0.1,
            "status": "OK" if 200 <= status_code < 300 else f"Invalid HTTP Response: {status_code}",
            "status_code": status_code,
            "event": event,
            "action": None,
            "installation_id": 1,
            "repository_id": None,
        }
        self.hook_deliveries.append(delivery)
        return delivery

    # -- serving -----------------------------------------------------------------------------
    def repo_json(self, repo: FakeRepo) -> dict[str, Any]:
        base = f"{self.url}/repos/{repo.full_name}"
        return {
            "id": repo.id,
            "name": repo.name,
            "full_name": repo.full_name,
            "owner": {"login": repo.owner, "id": repo.id + 1, "type": "Organization"},
            "private": False,
            "html_url": f"https://github.com/{repo.full_name}",
            "url": base,
            "default_branch": repo.default_branch,
        }

    def commit_json(self, repo: FakeRepo, sha: str) -> dict[str, Any]:
        commit = repo.commits[sha]
        return {
            "sha": sha,
            "url": f"{self.url}/repos/{repo.full_name}/commits/{sha}",
            "html_url": f"https://github.com/{repo.full_name}/commit/{sha}",
            "commit": {
                "message": commit["message"],
                "author": {"name": commit["author"], "email": f"{commit['author']}@example.com", "date": _now()},
                "committer": {"name": commit["author"], "email": f"{commit['author']}@example.com", "date": _now()},
            },
            "author": {"login": commit["author"], "id": 1},
            "parents": [],
        }

    def pull_json(self, repo: FakeRepo, pull: dict[str, Any]) -> dict[str, Any]:
        number = pull["number"]
        return {
            "id": repo.id * 1000 + number,
            "number": number,
            "title": pull["title"],
            "state": pull.get("state", "open"),
            "user": {"login": pull.get("author", "octocat"), "id": 1},
            "html_url": f"https://github.com/{repo.full_name}/pull/{number}",
            "url": f"{self.url}/repos/{repo.full_name}/pulls/{number}",
            "created_at": pull.get("created_at", "2024-05-01T10:00:00Z"),
            "updated_at": pull.get("created_at", "2024-05-01T10:00:00Z"),
            "merged_at": pull.get("merged_at"),
            "closed_at": pull.get("merged_at"),
            "head": {"ref": pull["head"], "sha": pull["head_sha"], "label": f"{repo.owner}:{pull['head']}"},
            "base": {"ref": pull["base"], "sha": "0" * 40, "label": f"{repo.owner}:{pull['base']}"},
            "merged": pull.get("merged_at") is not None,
        }


def _now() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())


class _Reply(Exception):
    def __init__(self, status: int, body: Any) -> None:
        super().__init__(status)
        self.status, self.body = status, body


def _not_found() -> _Reply:
    return _Reply(404, {"message": "Not Found", "documentation_url": "https://docs.github.com/rest"})


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:
        return

    def _dispatch(self) -> None:
        gh = self.server.github
        url = urlsplit(self.path)
        path, query = unquote(url.path), parse_qs(url.query)
        length = int(self.headers.get("Content-Length") or 0)
        body = json.loads(self.rfile.read(length) or b"{}") if length else {}
        with gh.lock:
            gh.requests.append((self.command, path))
            failure = gh.fail_next.pop(0) if gh.fail_next else None
        extra: dict[str, str] = {}
        try:
            if failure is not None:
                raise _Reply(failure, {"message": "stand-in failure"})
            authorization = self.headers.get("Authorization", "")
            if path.startswith("/app/hook/"):
                status, payload, extra = _hook_route(gh, self.command, path, query, authorization)
            else:
                status, payload = _route(gh, self.command, path, query, body, authorization)
        except _Reply as reply:
            status, payload = reply.status, reply.body
        data = json.dumps(payload).encode()
        self.send_response(status)
        for name, value in extra.items():
            self.send_header(name, value)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = _dispatch  # noqa: N815 - http.server's names


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, github: FakeGitHub) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.github = github


def _app_jwt(gh: FakeGitHub, authorization: str) -> None:
    import jwt

    scheme, _, token = authorization.partition(" ")
    if scheme.lower() != "bearer":
        raise _Reply(401, {"message": "A JSON web token could not be decoded"})
    try:
        claims = jwt.decode(token, gh.public_key_pem, algorithms=["RS256"], options={"require": ["iat", "exp", "iss"]})
    except jwt.InvalidTokenError as exc:
        raise _Reply(401, {"message": f"A JSON web token could not be decoded: {exc}"}) from None
    if str(claims["iss"]) != str(gh.app_id):
        raise _Reply(401, {"message": "'Issuer' claim ('iss') must be the App id"})


def _installation(gh: FakeGitHub, authorization: str) -> int:
    _, _, token = authorization.partition(" ")
    installation = gh.tokens.get(token.strip())
    if installation is None:
        raise _Reply(401, {"message": "Bad credentials"})
    return installation


def _route(
    gh: FakeGitHub, method: str, path: str, query: dict[str, list[str]], body: dict[str, Any], authorization: str
) -> tuple[int, Any]:
    if m := re.fullmatch(r"/app/installations/(\d+)/access_tokens", path):
        _app_jwt(gh, authorization)
        installation = int(m.group(1))
        if method != "POST" or not any(r.installation_id == installation for r in gh.repos.values()):
            raise _not_found()
        token = "ghs_" + secrets.token_hex(18)
        gh.tokens[token] = installation
        expires = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() + 3600))
        return 201, {"token": token, "expires_at": expires, "permissions": {"contents": "write"}}
    if (m := re.fullmatch(r"/user/(\d+)", path)) and method == "GET":
        _installation(gh, authorization)
        login = gh.users.get(int(m.group(1)))
        if login is None:
            raise _not_found()
        return 200, {"login": login, "id": int(m.group(1)), "type": "User"}
    m = re.fullmatch(r"/repos/([^/]+)/([^/]+)(/.*)?", path)
    if m is None:
        raise _not_found()
    repo = gh.repos.get(f"{m.group(1)}/{m.group(2)}".lower())
    rest = m.group(3) or ""
    if rest == "/installation":
        _app_jwt(gh, authorization)
        if repo is None or repo.installation_id is None:
            raise _not_found()
        return 200, {"id": repo.installation_id, "app_id": gh.app_id, "account": {"login": repo.owner}}
    installation = _installation(gh, authorization)
    if repo is None or repo.installation_id != installation:
        raise _not_found()
    return _repo_route(gh, repo, method, rest, query, body)


def _hook_route(
    gh: FakeGitHub, method: str, path: str, query: dict[str, list[str]], authorization: str
) -> tuple[int, Any, dict[str, str]]:
    _app_jwt(gh, authorization)
    if path == "/app/hook/deliveries" and method == "GET":
        per_page = min(100, int((query.get("per_page") or ["30"])[0]))
        start = int((query.get("cursor") or ["0"])[0])
        newest_first = list(reversed(gh.hook_deliveries))
        page = newest_first[start : start + per_page]
        headers = {}
        if start + per_page < len(newest_first):
            next_url = f"{gh.url}/app/hook/deliveries?per_page={per_page}&cursor={start + per_page}"
            headers["Link"] = f'<{next_url}>; rel="next"'
        return 200, page, headers
    m = re.fullmatch(r"/app/hook/deliveries/(\d+)/attempts", path)
    original = next((d for d in gh.hook_deliveries if m and d["id"] == int(m.group(1))), None)
    if method != "POST" or original is None:
        raise _not_found()
    gh.add_hook_delivery(original["guid"], gh.redelivery_status, event=original["event"], age_s=0, redelivery=True)
    return 202, {}, {}


def _resolve(repo: FakeRepo, ref: str) -> str:
    sha = repo.branches.get(ref.removeprefix("heads/"), ref)
    if sha not in repo.commits:
        raise _Reply(422, {"message": f"No commit found for SHA: {ref}"})
    return sha


def _repo_route(
    gh: FakeGitHub, repo: FakeRepo, method: str, rest: str, query: dict[str, list[str]], body: dict[str, Any]
) -> tuple[int, Any]:
    full = repo.full_name
    if rest == "" and method == "GET":
        return 200, gh.repo_json(repo)
    if (m := re.fullmatch(r"/commits/([^/]+)", rest)) and method == "GET":
        return 200, gh.commit_json(repo, _resolve(repo, m.group(1)))
    if (m := re.fullmatch(r"/commits/([^/]+)/status", rest)) and method == "GET":
        statuses = repo.statuses.get(m.group(1), [])
        states = {s["state"] for s in statuses}
        state = "success" if states == {"success"} else "failure" if states & {"failure", "error"} else "pending"
        return 200, {"state": state, "sha": m.group(1), "total_count": len(statuses), "statuses": statuses}
    if (m := re.fullmatch(r"/commits/([^/]+)/check-runs", rest)) and method == "GET":
        runs = repo.check_runs.get(m.group(1), [])
        return 200, {"total_count": len(runs), "check_runs": runs}
    if (m := re.fullmatch(r"/collaborators/([^/]+)/permission", rest)) and method == "GET":
        login = unquote(m.group(1))
        if login not in gh.users.values():
            raise _not_found()
        # GitHub's legacy field: maintain counts as write, triage as read; no access is "none"
        level = repo.collaborators.get(login, "none")
        legacy = {"maintain": "write", "triage": "read"}.get(level, level)
        return 200, {"permission": legacy, "role_name": level, "user": {"login": login}}
    if rest == "/pulls" and method == "GET":
        state = query.get("state", ["open"])[0]
        pulls = [p for p in repo.pulls if state == "all" or p.get("state", "open") == state]
        return 200, [gh.pull_json(repo, p) for p in sorted(pulls, key=lambda p: -p["number"])]
    if rest == "/pulls" and method == "POST":
        number = max((p["number"] for p in repo.pulls), default=0) + 1
        gh.add_pull(repo, number, body["title"], head=body["head"], base=body["base"], body=body.get("body", ""))
        return 201, gh.pull_json(repo, repo.pulls[-1])
    if rest == "/deployments" and method == "POST":
        deployment_id = next(gh._ids)
        repo.deployments[deployment_id] = {
            "id": deployment_id,
            "url": f"{gh.url}/repos/{full}/deployments/{deployment_id}",
            "sha": repo.branches.get(body["ref"], body["ref"]),
            "ref": body["ref"],
            "task": body.get("task", "deploy"),
            "environment": body.get("environment", "production"),
            "description": body.get("description"),
            "payload": body.get("payload", {}),
            "production_environment": body.get("production_environment", False),
            "created_at": _now(),
            "statuses_url": f"{gh.url}/repos/{full}/deployments/{deployment_id}/statuses",
        }
        repo.deployment_statuses[deployment_id] = []
        return 201, repo.deployments[deployment_id]
    if (m := re.fullmatch(r"/deployments/(\d+)", rest)) and method == "GET":
        if int(m.group(1)) not in repo.deployments:
            raise _not_found()
        return 200, repo.deployments[int(m.group(1))]
    if (m := re.fullmatch(r"/deployments/(\d+)/statuses", rest)) and method == "POST":
        deployment_id = int(m.group(1))
        if deployment_id not in repo.deployments:
            raise _not_found()
        if body.get("state") not in {"error", "failure", "inactive", "in_progress", "queued", "pending", "success"}:
            raise _Reply(422, {"message": "Validation Failed"})
        status = {"id": next(gh._ids), "created_at": _now(), **body}
        repo.deployment_statuses[deployment_id].append(status)
        return 201, status
    if (m := re.fullmatch(r"/contents/(.+)", rest)) and method == "GET":
        branch = query.get("ref", [repo.default_branch])[0]
        text = repo.files.get((branch, m.group(1)))
        if text is None:
            raise _not_found()
        return 200, _content_json(gh, repo, m.group(1), text)
    if (m := re.fullmatch(r"/contents/(.+)", rest)) and method == "PUT":
        branch = body.get("branch", repo.default_branch)
        if branch not in repo.branches:
            raise _not_found()
        key = (branch, m.group(1))
        if key in repo.files and body.get("sha") != _blob_sha(repo.files[key]):
            raise _Reply(409, {"message": "sha does not match"})
        repo.files[key] = base64.b64decode(body["content"]).decode()
        sha = f"{next(gh._ids):040x}"
        gh.add_commit(repo, sha, body["message"], author="klepaas[bot]", branch=branch)
        status = 200 if body.get("sha") else 201
        return status, {"content": _content_json(gh, repo, m.group(1), repo.files[key]), "commit": {"sha": sha}}
    if (m := re.fullmatch(r"/git/ref/(.+)", rest)) and method == "GET":
        branch = m.group(1).removeprefix("heads/")
        if branch not in repo.branches:
            raise _not_found()
        return 200, _ref_json(gh, repo, branch)
    if rest == "/git/refs" and method == "POST":
        branch = str(body["ref"]).removeprefix("refs/heads/")
        if branch in repo.branches:
            raise _Reply(422, {"message": "Reference already exists"})
        repo.branches[branch] = body["sha"]
        for (b, path), text in list(repo.files.items()):
            if b == repo.default_branch:
                repo.files[(branch, path)] = text
        return 201, _ref_json(gh, repo, branch)
    raise _not_found()


def _blob_sha(text: str) -> str:
    import hashlib

    data = text.encode()
    return hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()  # git's blob id


def _content_json(gh: FakeGitHub, repo: FakeRepo, path: str, text: str) -> dict[str, Any]:
    return {
        "type": "file",
        "encoding": "base64",
        "name": path.rsplit("/", 1)[-1],
        "path": path,
        "sha": _blob_sha(text),
        "size": len(text.encode()),
        "content": b64(text),
        "url": f"{gh.url}/repos/{repo.full_name}/contents/{path}",
        "html_url": f"https://github.com/{repo.full_name}/blob/{repo.default_branch}/{path}",
    }


def _ref_json(gh: FakeGitHub, repo: FakeRepo, branch: str) -> dict[str, Any]:
    return {
        "ref": f"refs/heads/{branch}",
        "url": f"{gh.url}/repos/{repo.full_name}/git/refs/heads/{branch}",
        "object": {"type": "commit", "sha": repo.branches[branch]},
    }


@contextmanager
def github_standin(app_id: int = 4242) -> Iterator[tuple[FakeGitHub, str]]:
    """Start the stand-in; yields (state, the App's private key PEM). ``state.url`` is the base URL."""
    private, public = generate_app_key()
    github = FakeGitHub(app_id, public)
    server = _Server(github)
    github.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True, name="github-standin")
    thread.start()
    try:
        yield github, private
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def b64(text: str) -> str:
    return base64.b64encode(text.encode()).decode()
