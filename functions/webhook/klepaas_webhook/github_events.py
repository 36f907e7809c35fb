"""What each GitHub event means here: push, release and merged pull requests deploy.

Each ``prepare_*`` reads the payload (400 when malformed, before anything is written) and
returns the action to run under the delivery record; the action returns the outcome.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Literal

from klepaas_shared.records.integrations import Integrations
from klepaas_shared.records.pulls import PullRequests
from klepaas_shared.store import Store, get_store

from . import pull_records
from .deploys import Plan, Source, publish, release_tags, reread_commit, staging_tags
from .github_api import CommitInfo
from .payloads import integer, node, owner_repo, text
from .settings import settings

Outcome = dict[str, Any]
Action = Callable[[], Outcome]


def ignored(reason: str) -> Outcome:
    return {"status": "ignored", "reason": reason}


def _deploy(store: Store, plan_of: Callable[[dict[str, Any]], Plan | Outcome], owner: str, repo: str) -> Outcome:
    found = Integrations(store).of_repository(owner, repo)
    if not found:
        return ignored(f"{owner}/{repo} is not connected to K-Le-PaaS")
    enabled = [d for d in found if d.get("auto_deploy_enabled")]
    if not enabled:
        return {"status": "skipped", "reason": f"auto-deploy is off for {owner}/{repo}"}
    plan = plan_of(dict(enabled[0]))
    if isinstance(plan, dict):
        return plan
    request = publish(store, plan)
    return {
        "status": "queued",
        "request_id": request.request_id,
        "environment": request.environment,
        "image_tags": list(request.image_tags),
        "commit": request.commit.sha,
        "github_deployment_id": request.github_deployment_id,
    }


def _branch_of(integration: dict[str, Any]) -> str:
    return str(integration.get("branch") or settings().deploy_branch)


def _plan(
    integration: dict[str, Any],
    installation: int | None,
    owner: str,
    repo: str,
    ref: str,
    told: CommitInfo,
    *,
    environment: Literal["staging", "production"],
    branch: str,
    source: Source,
    guid: str,
    tags: Callable[[str], tuple[str, ...]],
) -> Plan:
    """Re-read the commit GitHub told us about (the payload is untrusted), then plan its deploy."""
    inst = installation or integration.get("installation_id")
    commit = reread_commit(inst, owner, repo, ref, told)
    requested_by = str(integration.get("user_id") or "")
    return Plan(owner, repo, environment, branch, commit, tags(commit.sha), source, requested_by, inst, guid)


def prepare_push(payload: dict[str, Any], guid: str) -> Action:
    owner, repo = owner_repo(payload)
    ref, after = text(payload, "ref", required=True), text(payload, "after")
    deleted = payload.get("deleted") is True
    installation = integer(payload, "installation.id")
    told = CommitInfo(
        after,
        text(payload, "head_commit.message"),
        text(payload, "head_commit.author.username") or text(payload, "head_commit.author.name"),
        text(payload, "head_commit.url"),
    )

    def plan_of(integration: dict[str, Any]) -> Plan | Outcome:
        branch = _branch_of(integration)
        if deleted or not ref.startswith("refs/heads/"):
            return ignored(f"{ref} is not a branch update")
        if ref != f"refs/heads/{branch}":
            return ignored(f"pushes to {ref.removeprefix('refs/heads/')} do not deploy (the branch is {branch})")
        return _plan(
            integration,
            installation,
            owner,
            repo,
            after,
            told,
            environment="staging",
            branch=branch,
            source="github_push",
            guid=guid,
            tags=staging_tags,
        )

    return lambda: _deploy(get_store(), plan_of, owner, repo)


def prepare_release(payload: dict[str, Any], guid: str) -> Action:
    owner, repo = owner_repo(payload)
    action, tag = text(payload, "action", required=True), text(payload, "release.tag_name", required=True)
    prerelease = node(payload, "release.prerelease") is True
    installation = integer(payload, "installation.id")

    def plan_of(integration: dict[str, Any]) -> Plan | Outcome:
        if action != "published":
            return ignored(f"release {action} does not deploy (only published)")
        if prerelease:
            return ignored(f"{tag} is a prerelease; production takes full releases only")
        told = CommitInfo("", text(payload, "release.name"), "", "")
        return _plan(
            integration,
            installation,
            owner,
            repo,
            tag,
            told,
            environment="production",
            branch=tag,
            source="github_release",
            guid=guid,
            tags=lambda _sha: release_tags(tag),
        )

    return lambda: _deploy(get_store(), plan_of, owner, repo)


def prepare_pull_request(payload: dict[str, Any], guid: str) -> Action:
    owner, repo = owner_repo(payload)
    action, base = text(payload, "action", required=True), text(payload, "pull_request.base.ref")
    merged = node(payload, "pull_request.merged") is True
    sha = text(payload, "pull_request.merge_commit_sha")
    number = integer(payload, "pull_request.number")
    installation = integer(payload, "installation.id")
    told = CommitInfo(
        sha,
        text(payload, "pull_request.title"),
        text(payload, "pull_request.merged_by.login"),
        text(payload, "pull_request.html_url"),
    )

    def plan_of(integration: dict[str, Any]) -> Plan | Outcome:
        branch = _branch_of(integration)
        if action != "closed" or not merged:
            return ignored(f"pull request #{number} was {action}, not merged")
        if base != branch:
            return ignored(f"pull request #{number} merged into {base}, not {branch}")
        return _plan(
            integration,
            installation,
            owner,
            repo,
            sha,
            told,
            environment="staging",
            branch=branch,
            source="github_pull_request",
            guid=guid,
            tags=staging_tags,
        )

    pull = pull_records.read(payload, owner, repo)

    def act() -> Outcome:
        store = get_store()
        if pull is not None and Integrations(store).of_repository(owner, repo):
            PullRequests(store).record(pull)
        return _deploy(store, plan_of, owner, repo)

    return act
