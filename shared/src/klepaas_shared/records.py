"""The collections more than one function touches: their names and document shapes in one place.

- ``deployments``: the deployment history. deploy writes it (:mod:`klepaas_deploy.pipeline.history`);
  webhook reads it for the pipelines tab (D6), GitHub deployment statuses and Cloud Build events.
- ``operations``: one record per operation. deploy writes and reads it
  (:mod:`klepaas_deploy.operations.records`); the maintenance of stuck work ends it.
- ``integrations``: connected repositories. webhook writes them (:mod:`klepaas_webhook.integrations`);
  deploy reads them for the console's repository list (D1).

Documents are plain JSON objects in the store; the ``TypedDict`` shapes below say which fields
they carry, so that a reader in another function knows what it may find.
"""

from __future__ import annotations

from typing import Any, TypedDict, cast

from .store import Store

DEPLOYMENTS = "deployments"
OPERATIONS = "operations"
INTEGRATIONS = "integrations"
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


class IntegrationRecord(TypedDict):
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


class Deployments:
    """Reads of the deployment history from outside deploy."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def get(self, deployment_id: int | str) -> DeploymentRecord | None:
        found = self.store.get(DEPLOYMENTS, str(deployment_id))
        return cast(DeploymentRecord, found) if found is not None else None
