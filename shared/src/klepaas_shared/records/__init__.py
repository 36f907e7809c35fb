"""The collections more than one function touches: their names, document shapes and repositories.

Nothing outside ``klepaas_shared`` names these collections: each function reads and writes them
through the typed repository of its submodule (tests/tools/test_collection_names.py fails on a
store call that names one elsewhere).

- ``deployments`` (:class:`~.deployments.Deployments`): the deployment history. deploy writes it;
  webhook reads it for the pipelines tab (D6), GitHub deployment statuses and Cloud Build events.
- ``operations`` (:class:`~.operations.Operations`): one record per operation. deploy writes and
  reads it; the maintenance of stuck work ends it; nlp, mcp and Slack reach it through deploy's
  operations API (:mod:`klepaas_shared.operations`).
- ``integrations`` (:class:`~.integrations.Integrations`): connected repositories. webhook writes
  them; deploy reads them for the console's repository lists (D1, D2).
- ``pull_requests`` (:class:`~.pulls.PullRequests`): pull requests as deliveries report them.
  webhook writes them; deploy lists them on the dashboard (D1).

Documents are plain JSON objects in the store; the ``TypedDict`` shapes below say which fields
they carry, so that a reader in another function knows what it may find. The repositories live in
submodules so that a function loads only the ones it uses (the operations repository needs
pydantic's :class:`~klepaas_shared.contracts.Operation`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypedDict

if TYPE_CHECKING:
    from ..store import Store, Transaction

DEPLOYMENTS = "deployments"
OPERATIONS = "operations"
INTEGRATIONS = "integrations"
PULL_REQUESTS = "pull_requests"
COLLECTIONS = frozenset({DEPLOYMENTS, OPERATIONS, INTEGRATIONS, PULL_REQUESTS})
STAGES = ("sourcecommit", "sourcebuild", "sourcedeploy")


class StageRecord(TypedDict):
    """One stage of a deployment: status ``success`` / ``failed`` / None (pending or running)."""

    status: str | None
    duration: float | None
    started_at: str | None
    completed_at: str | None


class DeploymentRecord(TypedDict, total=False):
    """A document of ``deployments`` (under its integer id as a string)."""

    id: int
    owner: str
    repo: str
    repository: str
    branch: str
    environment: str
    status: str
    commit: dict[str, Any]
    image: dict[str, Any]
    stages: dict[str, StageRecord]
    error: dict[str, Any] | None
    started_at: str
    completed_at: str | None
    updated_at: str
    total_duration: float | None
    cluster: dict[str, Any]
    request_id: str
    requested_by: str
    source: str
    approved_by: str | None
    is_rollback: bool
    github: dict[str, Any]
    logs_url: str | None
    image_tags: dict[str, list[str]]  # the policy's tags a build pushed, and those it did not


class ApprovalRecord(TypedDict, total=False):
    """An operation's ``approval``: bound to the hash of its arguments, decided once."""

    id: str
    state: str  # pending / approved / rejected
    args_hash: str
    decided_by: str
    decided_at: str


class OperationRecord(TypedDict, total=False):
    """A document of ``operations`` (under the operation's id): the fields of
    :class:`~klepaas_shared.contracts.Operation`, plus what only the store keeps."""

    id: str
    kind: str
    args: dict[str, Any]
    status: str
    requested_by: str
    source: str
    created_at: str
    updated_at: str
    progress: list[dict[str, Any]]
    result: dict[str, Any] | None
    error: dict[str, Any] | None
    via: str | None  # the service that asked on the user's behalf (mcp, nlp, ...)
    dry_run: bool
    approval: ApprovalRecord  # set while held for, and after, a human's decision
    origin: dict[str, Any]  # how a held operation was asked for: source, requested_by
    approved_by: str | None
    watch: dict[str, Any]  # a rollout watch under way (klepaas_deploy.operations.watching)
    lease_until: str  # while a request runs it: renewed while that request lives (Operations.heartbeat)


class IntegrationRecord(TypedDict, total=False):
    """A document of ``integrations`` (under its integer id as a string)."""

    id: int
    user_id: str
    owner: str
    repo: str
    full_name: str
    full_name_lc: str
    branch: str
    auto_deploy_enabled: bool
    installation_id: int | None
    repository_id: int | None
    html_url: str
    webhook_configured: bool
    connected: bool
    created_at: str
    updated_at: str
    last_sync: str
    webhook_nonce: str  # the repository's webhook secret is derived from it (klepaas_webhook.repo_secrets)
    webhook_previous_nonce: str | None
    webhook_previous_until: str | None


class PullRequestRecord(TypedDict, total=False):
    """A document of ``pull_requests`` (under the pull request's GitHub id as a string)."""

    id: int
    number: int | None
    owner: str
    repo: str
    full_name_lc: str
    title: str
    author: str
    state: str
    merged: bool
    head_ref: str
    base_ref: str
    html_url: str
    created_at: str
    updated_at: str
    merged_at: str | None
    recorded_at: str


def claim_document(
    store: Store, collection: str, doc_id: str, change: Callable[[Any], dict[str, Any] | None]
) -> Any | None:
    """In one transaction: read a document, let ``change`` decide, write what it returns. The
    document as it was, or None when it does not exist or ``change`` changed nothing."""

    def run(txn: Transaction) -> Any | None:
        doc = txn.get(collection, doc_id)
        changes = None if doc is None else change(doc)
        if doc is None or changes is None:
            return None
        txn.update(collection, doc_id, changes)
        return doc

    return store.transaction(run)
