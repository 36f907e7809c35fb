"""Bare git repositories standing for GitHub's git side: `KLEPAAS_GITHUB_GIT_BASE=file://<root>`
serves `<root>/<owner>/<repo>.git` to the pipeline's `git ls-remote` and clone, as github.com would."""

from __future__ import annotations

import subprocess
from pathlib import Path

IDENTITY = ["-c", "user.name=K-Le-PaaS dev", "-c", "user.email=dev@klepaas.invalid", "-c", "init.defaultBranch=main"]
DOCKERFILE = "FROM python:3.11-slim\nEXPOSE 8080\n"


def git(cwd: Path, *args: str) -> str:
    done = subprocess.run(["git", *IDENTITY, *args], cwd=cwd, capture_output=True, text=True, check=True)
    return done.stdout.strip()


def bare_repository(
    root: Path, owner: str, repo: str, message: str = "Ship it", files: dict[str, str] | None = None
) -> str:
    """``root/<owner>/<repo>.git`` with one commit on main (a Dockerfile, and ``files``); its sha.
    An existing one is kept (make dev reuses its sample across runs): the sha of its main then."""
    bare = root / owner / f"{repo}.git"
    if bare.exists():
        return git(bare, "rev-parse", "refs/heads/main")
    work = root / "work" / owner / repo
    work.mkdir(parents=True)
    git(work, "init", "--quiet")
    for path, text in {"Dockerfile": DOCKERFILE, **(files or {})}.items():
        (work / path).parent.mkdir(parents=True, exist_ok=True)
        (work / path).write_text(text)
    git(work, "add", ".")
    git(work, "commit", "--quiet", "-m", message)
    (root / owner).mkdir(parents=True, exist_ok=True)
    git(root, "clone", "--quiet", "--bare", str(work), str(bare))
    return git(work, "rev-parse", "HEAD")


def history(bare: Path, branch: str = "main", limit: int = 20) -> list[tuple[str, str, str]]:
    """(sha, subject, author) of ``branch``, oldest first."""
    out = git(bare, "log", f"-{limit}", "--reverse", "--format=%H%x1f%s%x1f%an", branch)
    return [tuple(line.split("\x1f", 2)) for line in out.splitlines() if line]  # type: ignore[misc]
