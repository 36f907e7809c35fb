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

from . import github_json as rep
from .github_schema import check_reply


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
    private: bool = False
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
        parents = [repo.branches[branch]] if branch in repo.branches else []
        repo.commits[sha] = {"sha": sha, "message": message, "author": author, "date": _now(), "parents": parents}
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

    def add_status(self, repo: FakeRepo, sha: str, state: str, context: str = "default") -> None:
        """A commit status, newest last (the combined status keeps the latest per context)."""
        repo.statuses.setdefault(sha, []).append({"id": next(self._ids), "state": state, "context": context})

    # -- serving -----------------------------------------------------------------------------
    def repo_json(self, repo: FakeRepo, *, full: bool = True) -> dict[str, Any]:
        return rep.repository(self.url, repo, full=full)

    def commit_json(self, repo: FakeRepo, sha: str) -> dict[str, Any]:
        return rep.commit(self.url, repo, sha, repo.commits[sha])

    def pull_json(self, repo: FakeRepo, pull: dict[str, Any]) -> dict[str, Any]:
        return rep.pull(self.url, repo, pull, self.repo_json(repo, full=False))


def _now() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())


class _Reply(Exception):
    def __init__(self, status: int, body: Any) -> None:
        super().__init__(status)
        self.status, self.body = status, body


def _not_found() -> _Reply:
    return _Reply(404, rep.error(404, "Not Found"))


def _invalid(resource: str, field: str, code: str, message: str = "") -> _Reply:
    return _Reply(422, rep.validation_failed(resource, field, code, message))


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
                raise _Reply(failure, rep.error(failure, "stand-in failure"))
            authorization = self.headers.get("Authorization", "")
            if path.startswith("/app/hook/"):
                status, payload, extra = _hook_route(gh, self.command, path, query, authorization)
            else:
                status, payload = _route(gh, self.command, path, query, body, authorization)
        except _Reply as reply:
            status, payload = reply.status, reply.body
        check_reply(self.command, path, status, payload, injected=failure is not None)
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
        raise _Reply(401, rep.error(401, "A JSON web token could not be decoded"))
    try:
        claims = jwt.decode(token, gh.public_key_pem, algorithms=["RS256"], options={"require": ["iat", "exp", "iss"]})
    except jwt.InvalidTokenError as exc:
        raise _Reply(401, rep.error(401, f"A JSON web token could not be decoded: {exc}")) from None
    if str(claims["iss"]) != str(gh.app_id):
        raise _Reply(401, rep.error(401, "'Issuer' claim ('iss') must be the App id"))


def _installation(gh: FakeGitHub, authorization: str) -> int:
    _, _, token = authorization.partition(" ")
    installation = gh.tokens.get(token.strip())
    if installation is None:
        raise _Reply(401, rep.error(401, "Bad credentials"))
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
        body = {"token": token, "expires_at": expires, "permissions": {"contents": "write"}}
        return 201, {**body, "repository_selection": "selected"}
    if (m := re.fullmatch(r"/user/(\d+)", path)) and method == "GET":
        _installation(gh, authorization)
        login = gh.users.get(int(m.group(1)))
        if login is None:
            raise _not_found()
        return 200, rep.public_user(gh.url, login, int(m.group(1)))
    m = re.fullmatch(r"/repos/([^/]+)/([^/]+)(/.*)?", path)
    if m is None:
        raise _not_found()
    repo = gh.repos.get(f"{m.group(1)}/{m.group(2)}".lower())
    rest = m.group(3) or ""
    if rest == "/installation":
        _app_jwt(gh, authorization)
        if repo is None or repo.installation_id is None:
            raise _not_found()
        return 200, rep.installation(gh.url, repo.installation_id, gh.app_id, repo.owner)
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
    sha = repo.branches.get(ref.removeprefix("heads/").removeprefix("refs/heads/"), ref)
    if sha not in repo.commits:
        raise _Reply(
            422, {**rep.validation_failed("Commit", "sha", "invalid"), "message": f"No commit found for SHA: {ref}"}
        )
    return sha


def _combined_status(gh: FakeGitHub, repo: FakeRepo, ref: str) -> dict[str, Any]:
    """GitHub's combined status: the latest status of each context; failure if any of those is
    failure or error, success if all are success, else (or with none) pending."""
    sha = repo.branches.get(ref, ref)
    latest: dict[str, dict[str, Any]] = {}
    for status in repo.statuses.get(sha, []):
        latest[status.get("context", "default")] = status
    states = {s["state"] for s in latest.values()}
    state = "failure" if states & {"failure", "error"} else "success" if states == {"success"} else "pending"
    base = f"{gh.url}/repos/{repo.full_name}"
    statuses = [rep.commit_status(gh.url, repo, sha, s, n) for n, s in enumerate(reversed(latest.values()), 1)]
    return {
        "state": state,
        "sha": sha,
        "total_count": len(statuses),
        "statuses": statuses,
        "repository": gh.repo_json(repo, full=False),
        "commit_url": f"{base}/commits/{sha}",
        "url": f"{base}/commits/{sha}/status",
    }


def _head_branch(repo: FakeRepo, head: str) -> str:
    """``head`` as the pulls API takes it: ``branch`` or ``owner:branch``."""
    owner, _, branch = head.rpartition(":")
    if owner and owner.lower() != repo.owner.lower():
        return ""  # a fork's branch: this stand-in has no forks
    return branch


def _list_pulls(gh: FakeGitHub, repo: FakeRepo, query: dict[str, list[str]]) -> list[dict[str, Any]]:
    state = query.get("state", ["open"])[0]
    head = query.get("head", [""])[0]
    base = query.get("base", [""])[0]
    pulls = [
        p
        for p in repo.pulls
        if (state == "all" or p.get("state", "open") == state)
        and (not head or p["head"] == _head_branch(repo, head))
        and (not base or p["base"] == base)
    ]
    return [gh.pull_json(repo, p) for p in sorted(pulls, key=lambda p: -p["number"])]


def _create_pull(gh: FakeGitHub, repo: FakeRepo, body: dict[str, Any]) -> dict[str, Any]:
    """``POST /pulls``; 422 as GitHub answers for a missing branch or an open duplicate."""
    head, base = _head_branch(repo, str(body.get("head", ""))), str(body.get("base", ""))
    if not body.get("title"):
        raise _invalid("PullRequest", "title", "missing_field")
    if head not in repo.branches:
        raise _invalid("PullRequest", "head", "invalid")
    if base not in repo.branches:
        raise _invalid("PullRequest", "base", "invalid")
    if any(p["head"] == head and p["base"] == base and p.get("state", "open") == "open" for p in repo.pulls):
        raise _invalid("PullRequest", "", "custom", f"A pull request already exists for {repo.owner}:{head}.")
    number = max((p["number"] for p in repo.pulls), default=0) + 1
    gh.add_pull(repo, number, body["title"], head=head, base=base, body=body.get("body"), head_sha=repo.branches[head])
    repo.pulls[-1]["base_sha"] = repo.branches[base]
    return gh.pull_json(repo, repo.pulls[-1])


def _create_deployment(gh: FakeGitHub, repo: FakeRepo, body: dict[str, Any]) -> dict[str, Any]:
    """``POST /deployments``: the ref must name a branch or a commit (422 otherwise, as GitHub)."""
    ref = str(body.get("ref", ""))
    sha = repo.branches.get(ref, ref)
    if sha not in repo.commits:
        raise _Reply(
            422, {**rep.validation_failed("Deployment", "ref", "invalid"), "message": f"No ref found for: {ref}"}
        )
    deployment_id = next(gh._ids)
    repo.deployments[deployment_id] = rep.deployment(gh.url, repo, deployment_id, body, sha, "klepaas[bot]")
    repo.deployment_statuses[deployment_id] = []
    return repo.deployments[deployment_id]


def _put_contents(gh: FakeGitHub, repo: FakeRepo, path: str, body: dict[str, Any]) -> tuple[int, Any]:
    """Create or update a file. Updating needs the current blob ``sha``: without one GitHub answers
    422 (``"sha" wasn't supplied``); with a stale one, 409."""
    branch = body.get("branch", repo.default_branch)
    if branch not in repo.branches:
        raise _not_found()
    for name in ("message", "content"):
        if not isinstance(body.get(name), str):
            raise _invalid("Contents", name, "missing_field")
    key = (branch, path)
    if key in repo.files:
        if not body.get("sha"):
            raise _Reply(
                422,
                {
                    **rep.validation_failed("Contents", "sha", "missing_field"),
                    "message": 'Invalid request.\n\n"sha" wasn\'t supplied.',
                },
            )
        if body["sha"] != _blob_sha(repo.files[key]):
            raise _Reply(409, rep.error(409, f"{path} does not match {body['sha']}"))
    existed = key in repo.files
    repo.files[key] = base64.b64decode(body["content"]).decode()
    sha = f"{next(gh._ids):040x}"
    gh.add_commit(repo, sha, body["message"], author="klepaas[bot]", branch=branch)
    content = rep.content_file(gh.url, repo, path, repo.files[key], _blob_sha(repo.files[key]), branch)
    return (200 if existed else 201), {
        "content": content,
        "commit": rep.git_commit(gh.url, repo, sha, repo.commits[sha]),
    }


def _repo_route(
    gh: FakeGitHub, repo: FakeRepo, method: str, rest: str, query: dict[str, list[str]], body: dict[str, Any]
) -> tuple[int, Any]:
    if rest == "" and method == "GET":
        return 200, gh.repo_json(repo)
    if (m := re.fullmatch(r"/commits/([^/]+)", rest)) and method == "GET":
        return 200, gh.commit_json(repo, _resolve(repo, m.group(1)))
    if (m := re.fullmatch(r"/commits/([^/]+)/status", rest)) and method == "GET":
        return 200, _combined_status(gh, repo, m.group(1))
    if (m := re.fullmatch(r"/commits/([^/]+)/check-runs", rest)) and method == "GET":
        sha = repo.branches.get(m.group(1), m.group(1))
        runs = [rep.check_run(gh.url, repo, sha, run) for run in repo.check_runs.get(sha, [])]
        return 200, {"total_count": len(runs), "check_runs": runs}
    if (m := re.fullmatch(r"/collaborators/([^/]+)/permission", rest)) and method == "GET":
        login = unquote(m.group(1))
        account = next((i for i, known in gh.users.items() if known == login), None)
        if account is None:
            raise _not_found()
        return 200, rep.collaborator_permission(gh.url, login, account, repo.collaborators.get(login, "none"))
    if rest == "/pulls" and method == "GET":
        return 200, _list_pulls(gh, repo, query)
    if rest == "/pulls" and method == "POST":
        return 201, _create_pull(gh, repo, body)
    if rest == "/deployments" and method == "POST":
        return 201, _create_deployment(gh, repo, body)
    if rest == "/deployments" and method == "GET":  # newest first, filtered as GitHub filters
        wanted = {key: query[key][0] for key in ("sha", "ref", "environment") if query.get(key)}
        found = [d for d in reversed(repo.deployments.values()) if all(d[k] == v for k, v in wanted.items())]
        return 200, found
    if (m := re.fullmatch(r"/deployments/(\d+)", rest)) and method == "GET":
        if int(m.group(1)) not in repo.deployments:
            raise _not_found()
        return 200, repo.deployments[int(m.group(1))]
    if (m := re.fullmatch(r"/deployments/(\d+)/statuses", rest)) and method == "POST":
        deployment_id = int(m.group(1))
        if deployment_id not in repo.deployments:
            raise _not_found()
        if body.get("state") not in {"error", "failure", "inactive", "in_progress", "queued", "pending", "success"}:
            raise _invalid("DeploymentStatus", "state", "invalid")
        status = rep.deployment_status(gh.url, repo, deployment_id, next(gh._ids), body, "klepaas[bot]", _now())
        repo.deployment_statuses[deployment_id].append(status)
        return 201, status
    if (m := re.fullmatch(r"/contents/(.+)", rest)) and method == "GET":
        branch = query.get("ref", [repo.default_branch])[0]
        text = repo.files.get((branch, m.group(1)))
        if text is None:
            raise _not_found()
        return 200, rep.content_file(gh.url, repo, m.group(1), text, _blob_sha(text), branch)
    if (m := re.fullmatch(r"/contents/(.+)", rest)) and method == "PUT":
        return _put_contents(gh, repo, m.group(1), body)
    if (m := re.fullmatch(r"/git/ref/(.+)", rest)) and method == "GET":
        branch = m.group(1).removeprefix("heads/")
        if branch not in repo.branches:
            raise _not_found()
        return 200, rep.git_ref(gh.url, repo, branch, repo.branches[branch])
    if rest == "/git/refs" and method == "POST":
        branch = str(body.get("ref", "")).removeprefix("refs/heads/")
        if branch in repo.branches:
            raise _Reply(
                422,
                {**rep.validation_failed("Reference", "ref", "already_exists"), "message": "Reference already exists"},
            )
        if body.get("sha") not in repo.commits:
            raise _Reply(
                422, {**rep.validation_failed("Reference", "sha", "invalid"), "message": "Object does not exist"}
            )
        repo.branches[branch] = body["sha"]
        for (b, path), text in list(repo.files.items()):
            if b == repo.default_branch:
                repo.files[(branch, path)] = text
        return 201, rep.git_ref(gh.url, repo, branch, repo.branches[branch])
    raise _not_found()


def _blob_sha(text: str) -> str:
    import hashlib

    data = text.encode()
    return hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()  # git's blob id


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
