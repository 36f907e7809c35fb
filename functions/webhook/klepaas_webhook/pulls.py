"""P3: pull requests of connected repositories with their CI status, in both spellings the
console reads (``created_at``/``createdAt``, ``head.ref``/``branch``, ``base.ref``/``targetBranch``)."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from typing import Any

from klepaas_shared.errors import BadRequest
from klepaas_shared.http import Req
from klepaas_shared.records.integrations import Integrations, key
from klepaas_shared.store import get_store

from .github_api import GitHubApp, get_app

PER_REPOSITORY = 10
_FAILED = {"failure", "error", "timed_out", "cancelled", "action_required", "startup_failure"}


def _iso(moment: Any) -> str | None:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ") if moment is not None else None


def ci_status(combined_state: str, total_statuses: int, runs: list[tuple[str, str | None]]) -> str:
    """``failure`` if anything failed, ``success`` when every signal is green, else ``pending``."""
    if combined_state in ("failure", "error") or any(conclusion in _FAILED for _, conclusion in runs):
        return "failure"
    statuses_ok = total_statuses == 0 or combined_state == "success"
    runs_ok = all(status == "completed" for status, _ in runs)
    return "success" if statuses_ok and runs_ok and (total_statuses or runs) else "pending"


def _item(pull: Any, ci: str) -> dict[str, Any]:
    created, merged = _iso(pull.created_at), _iso(pull.merged_at)
    head, base = pull.head.ref, pull.base.ref
    return {
        "id": pull.id,
        "number": pull.number,
        "title": pull.title,
        "author": pull.user.login if pull.user else None,
        "user": {"login": pull.user.login if pull.user else None},
        "status": pull.state,
        "state": pull.state,
        "head": {"ref": head, "sha": pull.head.sha},
        "branch": head,
        "base": {"ref": base},
        "targetBranch": base,
        "created_at": created,
        "createdAt": created,
        "merged_at": merged,
        "mergedAt": merged,
        "ciStatus": ci,
        "htmlUrl": pull.html_url,
        "html_url": pull.html_url,
        "deploymentUrl": None,
    }


def _pulls(app: GitHubApp, installation: int, owner: str, repo: str) -> list[dict[str, Any]]:
    def read(gh: Any) -> list[dict[str, Any]]:
        repository = gh.get_repo(f"{owner}/{repo}")
        pulls = list(repository.get_pulls(state="all", sort="created", direction="desc").get_page(0))[:PER_REPOSITORY]

        def with_ci(pull: Any) -> dict[str, Any]:
            commit = repository.get_commit(pull.head.sha)
            combined = commit.get_combined_status()
            runs = [(r.status, r.conclusion) for r in commit.get_check_runs()]
            return _item(pull, ci_status(combined.state, combined.total_count, runs))

        with ThreadPoolExecutor(max_workers=4) as pool:
            return list(pool.map(with_ci, pulls))

    return app.call(installation, f"pull requests of {owner}/{repo}", read)


def pull_requests(req: Req) -> dict[str, Any]:
    store, user = get_store(), req.user()
    wanted = (req.args.get("repository") or "all").strip()
    docs = Integrations(store).of_user(user.sub)
    if wanted != "all":
        owner, _, repo = wanted.partition("/")
        if not owner or not repo:
            raise BadRequest("repository must be owner/repo or all")
        docs = [d for d in docs if d.get("full_name_lc") == key(owner, repo)]
    app = get_app()
    result = []
    for doc in docs:
        owner, repo, installation = str(doc["owner"]), str(doc["repo"]), doc.get("installation_id")
        entry: dict[str, Any] = {
            "repository": f"{owner}/{repo}",
            "fullName": f"{owner}/{repo}",
            "name": repo,
            "owner": owner,
            "integration_id": doc.get("id"),
            "pullRequests": [],
        }
        if app is None or installation is None:
            entry["message"] = "the GitHub App is not installed on this repository"
        else:
            entry["pullRequests"] = _pulls(app, int(installation), owner, repo)
        result.append(entry)
    return {"repositories": result}
