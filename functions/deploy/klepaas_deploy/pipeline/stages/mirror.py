"""Mirror a GitHub repository into SourceCommit with git over subprocess.

Credentials travel as an ``http.extraHeader`` set through ``GIT_CONFIG_*`` environment variables:
never in a remote URL, a command line, ``.git/config``, a log line or an error message.
"""

from __future__ import annotations

import base64
import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path

from klepaas_shared.errors import UpstreamError
from klepaas_shared.resilience import retry

GIT_TIMEOUT_S = 120.0
GIT = shutil.which("git") or "/usr/bin/git"


class MirrorError(UpstreamError):
    """git failed for a reason retrying will not change (no such branch, refused credentials)."""

    code = "mirror_failed"
    retryable = False


class MirrorUnavailable(MirrorError):
    """git could not reach a remote, or the remote failed (5xx, dropped connection): retryable."""

    code = "mirror_unavailable"
    retryable = True


# What git prints when the network or the server, not the request, is at fault.
TRANSIENT = re.compile(
    r"returned error: (5\d\d|429)|Could not resolve host|Connection (timed out|refused|reset)|"
    r"Failed to connect|early EOF|RPC failed|remote end hung up|Operation timed out|TLS connection",
    re.IGNORECASE,
)
ATTEMPTS = 3


def _env(username: str, password: str) -> dict[str, str]:
    env = {**os.environ, "GIT_TERMINAL_PROMPT": "0", "GIT_CONFIG_NOSYSTEM": "1"}
    if password:
        basic = base64.b64encode(f"{username}:{password}".encode()).decode()
        env |= {"GIT_CONFIG_COUNT": "1", "GIT_CONFIG_KEY_0": "http.extraHeader"}
        env["GIT_CONFIG_VALUE_0"] = f"Authorization: Basic {basic}"
    return env


def _git(args: list[str], cwd: Path, env: dict[str, str], secrets: tuple[str, ...]) -> str:
    """git's output; a transient failure of a network command is tried again (each of them is
    safe to repeat: clone into a fresh directory, ls-remote, a forced push of the same commit)."""
    return retry(lambda: _git_once(args, cwd, env, secrets), attempts=ATTEMPTS, base_s=1.0)


def _git_once(args: list[str], cwd: Path, env: dict[str, str], secrets: tuple[str, ...]) -> str:
    try:
        done = subprocess.run(  # noqa: S603 - fixed argv, no shell
            [GIT, *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=GIT_TIMEOUT_S, check=False
        )
    except subprocess.TimeoutExpired:
        raise MirrorUnavailable(f"git {args[0]} timed out after {GIT_TIMEOUT_S:g}s") from None
    if done.returncode != 0:
        message = done.stderr.strip()
        for secret in secrets:
            if secret:
                message = message.replace(secret, "***")
        message = message[-500:]  # cut after hiding: a secret cut in two would show its half
        kind = MirrorUnavailable if TRANSIENT.search(message) else MirrorError
        raise kind(f"git {args[0]} failed: {message}")
    return done.stdout.strip()


def head_of(checkout: Path) -> str:
    """The commit checked out in ``checkout``."""
    return _git(["rev-parse", "HEAD"], checkout, _env("", ""), ())


def remote_head(url: str, branch: str, token: str = "") -> str:
    """The commit ``branch`` points at in ``url`` (also proves the repository is reachable)."""
    with tempfile.TemporaryDirectory(prefix="klepaas-ls-") as tmp:
        hidden = (token, tmp, *_on_disk(url))
        out = _git(["ls-remote", url, f"refs/heads/{branch}"], Path(tmp), _env("x-access-token", token), hidden)
    if not out:
        raise MirrorError(f"branch {branch!r} was not found")
    return out.split()[0]


def _on_disk(url: str) -> tuple[str, ...]:
    """A repository's path on this machine, as git may print it (the URL, then the bare path)."""
    if url.startswith("file://"):
        return url, url.removeprefix("file://")
    return () if "://" in url else (url,)


def mirror(
    source_url: str,
    target_url: str,
    *,
    branch: str,
    sha: str = "",
    source_token: str = "",
    target_username: str = "",
    target_password: str = "",
    prepare: Callable[[Path], list[str]] | None = None,
) -> str:
    """Clone ``branch`` of ``source_url`` (checking out ``sha`` when given), let ``prepare`` add
    files (committed when it names any), push to ``target_url`` ``branch``; the commit pushed."""
    pull_env = _env("x-access-token", source_token)
    push_env = _env(target_username, target_password)
    with tempfile.TemporaryDirectory(prefix="klepaas-mirror-") as tmp:
        # git's errors reach the deploy's history and the chat: no token, and no path of this machine
        # (the work directory, or a repository served from disk as `make dev` does) in them.
        secrets = (source_token, target_password, tmp, *_on_disk(source_url), *_on_disk(target_url))
        work = Path(tmp) / "src"
        _git(
            ["clone", "--quiet", "--single-branch", "--branch", branch, source_url, str(work)],
            Path(tmp),
            pull_env,
            secrets,
        )
        if sha:
            _git(["checkout", "--quiet", "--detach", sha], work, pull_env, secrets)
        added = prepare(work) if prepare is not None else []
        if added:
            _git(["add", "--", *added], work, pull_env, secrets)
            identity = ["-c", "user.name=K-Le-PaaS", "-c", "user.email=pipeline@klepaas.invalid"]
            _git([*identity, "commit", "--quiet", "-m", "Add Kubernetes manifests"], work, pull_env, secrets)
        head = _git(["rev-parse", "HEAD"], work, pull_env, secrets)
        _git(["push", "--quiet", "--force", target_url, f"HEAD:refs/heads/{branch}"], work, push_env, secrets)
        return head
