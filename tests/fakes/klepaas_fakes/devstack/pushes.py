"""GitHub's push webhook for `make dev`: a `git push` to a sample repository's main (the bare
repositories under ``KLEPAAS_GITHUB_GIT_BASE``) is seen within a second, its commits are added to
the GitHub API stand-in, and a signed ``push`` delivery goes to the dev server, as GitHub sends one."""

from __future__ import annotations

import copy
import json
import threading
import urllib.error
import urllib.request
import uuid
from pathlib import Path
from typing import Any

from ..github import FakeGitHub, FakeRepo
from .git import git, history

# The recorded delivery the webhook tests replay (tests/functions/webhook/payloads/push.json).
PUSH_TEMPLATE = Path(__file__).resolve().parents[3] / "functions" / "webhook" / "payloads" / "push.json"


def push_payload(repo: FakeRepo, sha: str, message: str, author: str) -> dict[str, Any]:
    payload: dict[str, Any] = copy.deepcopy(json.loads(PUSH_TEMPLATE.read_text()))
    payload["ref"], payload["after"] = "refs/heads/main", sha
    payload["installation"]["id"] = repo.installation_id
    payload["repository"].update({"name": repo.name, "full_name": repo.full_name})
    payload["repository"]["owner"].update({"login": repo.owner, "name": repo.owner})
    payload["head_commit"].update({"id": sha, "message": message})
    payload["head_commit"]["author"].update({"name": author})
    payload["commits"] = [payload["head_commit"]]
    return payload


class PushRelay:
    """Watches the bare repositories of ``repos`` and delivers a push for each new head of main."""

    def __init__(
        self, github: FakeGitHub, git_root: Path, repos: list[FakeRepo], webhook_url: str, secret: str
    ) -> None:
        self.github, self.git_root, self.repos = github, git_root, repos
        self.webhook_url, self.secret = webhook_url, secret
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True, name="dev-git-push")

    def _bare(self, repo: FakeRepo) -> Path:
        return self.git_root / repo.owner / f"{repo.name}.git"

    def _deliver(self, payload: dict[str, Any]) -> None:
        from klepaas_webhook.signature import sign  # the webhook function's own signing

        raw = json.dumps(payload).encode()
        headers = {
            "Content-Type": "application/json",
            "X-GitHub-Event": "push",
            "X-GitHub-Delivery": str(uuid.uuid4()),
            "User-Agent": "GitHub-Hookshot/klepaas-dev",
            "X-Hub-Signature-256": sign(raw, self.secret),
        }
        request = urllib.request.Request(self.webhook_url, data=raw, method="POST", headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=15):
                pass
        except (urllib.error.URLError, OSError) as exc:
            print(f"make dev: the push of {payload['after'][:7]} was not delivered: {exc}")

    def check(self) -> None:
        """One look at every repository: record and deliver what moved since the last look."""
        for repo in self.repos:
            head = git(self._bare(repo), "rev-parse", "refs/heads/main")
            if head == repo.branches.get("main"):
                continue
            commits = history(self._bare(repo))
            with self.github.lock:
                for sha, message, author in commits:
                    self.github.add_commit(repo, sha, message, author=author)
                repo.branches["main"] = head
            _, message, author = commits[-1]
            self._deliver(push_payload(repo, head, message, author))

    def _run(self) -> None:
        while not self._stop.wait(1.0):
            try:
                self.check()
            except Exception as exc:  # a broken repository must not stop the watch of the others
                print(f"make dev: watching the sample repositories: {exc}")

    def __enter__(self) -> PushRelay:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join(timeout=5)
