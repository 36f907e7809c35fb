"""Deploy requests: image tags, a stable request id, a GitHub Deployment, and the publish."""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING, Any, Literal

from klepaas_shared.idempotency import finish
from klepaas_shared.store import Store

from .github_api import CommitInfo, get_app

if TYPE_CHECKING:
    from klepaas_shared.contracts import DeployRequest

GITHUB_DEPLOYMENTS = "github_deployments"
CLAIM_LEASE = timedelta(minutes=2)  # GitHub answers a create within seconds; a dead claimer is taken over after this
_SEMVER = re.compile(r"^v?(\d+)\.(\d+)\.(\d+)$")
Source = Literal["github_push", "github_release", "github_pull_request", "manual", "artifact_registry"]


def staging_tags(sha: str) -> tuple[str, ...]:
    return (sha[:7], "latest-staging") if sha else ("latest-staging",)


def release_tags(tag: str) -> tuple[str, ...]:
    """``v1.2.3`` → ``v1.2.3, v1.2, v1, latest-prod``; any other tag → itself and ``latest-prod``."""
    found = _SEMVER.match(tag)
    if found is None:
        return (tag, "latest-prod")
    major, minor, patch = found.groups()
    return (f"v{major}.{minor}.{patch}", f"v{major}.{minor}", f"v{major}", "latest-prod")


def stable_request_id(owner: str, repo: str, ref: str, environment: str) -> str:
    """The same commit to the same environment is one request: a push and the merge of its PR
    (or a redelivery) then deduplicate in deploy, which is idempotent by request id."""
    return uuid.uuid5(uuid.NAMESPACE_URL, f"klepaas:{owner}/{repo}@{ref}:{environment}".lower()).hex


@dataclass(frozen=True)
class Plan:
    owner: str
    repo: str
    environment: Literal["staging", "production"]
    ref: str
    commit: CommitInfo
    tags: tuple[str, ...]
    source: Source
    requested_by: str
    installation_id: int | None = None
    delivery_id: str | None = None
    request_id: str | None = None
    image: str | None = None


def reread_commit(installation_id: int | None, owner: str, repo: str, ref: str, fallback: CommitInfo) -> CommitInfo:
    """The commit as GitHub has it when the App can read it; else what we were told."""
    app = get_app()
    if app is None or installation_id is None or not ref:
        return fallback
    return app.commit(installation_id, owner, repo, ref)


def github_deployment(store: Store, plan: Plan, request_id: str) -> int | None:
    """Create (once per request id) a GitHub Deployment and mark it queued.

    The request id is claimed in the store before GitHub is called, so a push and the merge of
    its pull request arriving together create one Deployment: the one that loses the claim
    publishes without the id (deploy deduplicates the request; statuses find the Deployment
    through the store). A claim whose holder died is taken over after its lease."""
    from klepaas_shared.idempotency import InFlight, start

    app, installation = get_app(), plan.installation_id
    if app is None or installation is None:
        return None
    known = store.get(GITHUB_DEPLOYMENTS, request_id)
    if known is not None and known.get("github_deployment_id") is not None:
        return int(known["github_deployment_id"])
    where = {"installation_id": installation, "owner": plan.owner, "repo": plan.repo, "environment": plan.environment}
    try:
        done, record = start(store, request_id, CLAIM_LEASE, collection=GITHUB_DEPLOYMENTS, fields=where)
    except InFlight:
        return None
    if done is not None and done.get("github_deployment_id") is not None:
        return int(done["github_deployment_id"])
    ref = plan.commit.sha or plan.ref

    def create(gh: Any) -> int:
        repository = gh.get_repo(f"{plan.owner}/{plan.repo}")
        # A claim taken over from a claimer that died may find the Deployment it created but never
        # recorded: that one is adopted, not a second created.
        if int(record.get("attempts", 1)) > 1:
            by_ref = {"sha": ref} if plan.commit.sha else {"ref": ref}
            earlier = created_for(repository, request_id, plan.environment, **by_ref)
            if earlier is not None:
                return earlier
        deployment = repository.create_deployment(
            ref=ref,
            environment=plan.environment,
            description=f"K-Le-PaaS {plan.source} deploy",
            auto_merge=False,
            required_contexts=[],
            payload={"request_id": request_id},
            production_environment=plan.environment == "production",
        )
        deployment.create_status("queued", description="queued by K-Le-PaaS")
        return int(deployment.id)

    try:
        deployment_id = app.call(installation, f"a deployment of {plan.owner}/{plan.repo}", create)
    except Exception:
        finish(store, request_id, ok=False, error="GitHub Deployment not created", collection=GITHUB_DEPLOYMENTS)
        raise
    store.update(GITHUB_DEPLOYMENTS, request_id, {"status": "succeeded", "github_deployment_id": deployment_id})
    return deployment_id


def created_for(repository: Any, request_id: str, environment: str, **by_ref: str) -> int | None:
    """The id of the GitHub Deployment created for ``request_id`` (its payload names it), if any:
    one whose creator died before the store learned its id."""
    for earlier in repository.get_deployments(environment=environment, **by_ref):
        if isinstance(earlier.payload, dict) and earlier.payload.get("request_id") == request_id:
            return int(earlier.id)
    return None


def publish(store: Store, plan: Plan) -> DeployRequest:
    """Create the GitHub Deployment (when the App can) and publish the request to deploy."""
    from klepaas_shared.contracts import TOPIC_DEPLOY_REQUESTS, Commit, DeployRequest
    from klepaas_shared.events import get_publisher

    request_id = plan.request_id or stable_request_id(
        plan.owner, plan.repo, plan.commit.sha or plan.ref, plan.environment
    )
    request = DeployRequest(
        request_id=request_id,
        owner=plan.owner,
        repo=plan.repo,
        environment=plan.environment,
        branch=plan.ref,
        commit=Commit(sha=plan.commit.sha, message=plan.commit.message, author=plan.commit.author, url=plan.commit.url),
        image=plan.image,
        image_tags=plan.tags,
        replicas=None,
        source=plan.source,
        requested_by=plan.requested_by,
        delivery_id=plan.delivery_id,
        github_installation_id=plan.installation_id,
        github_deployment_id=github_deployment(store, plan, request_id),
    )
    get_publisher().publish(TOPIC_DEPLOY_REQUESTS, request, {"source": plan.source, "owner": plan.owner})
    return request
