"""Typed messages between functions: what travels on Pub/Sub and over the operations API."""

from __future__ import annotations

import hashlib
import json
import uuid
from enum import StrEnum
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from . import topics
from .clock import now_iso

# The topics travel with the messages; they live in .topics so that reading them loads no pydantic.
TOPIC_DEPLOY_REQUESTS = topics.TOPIC_DEPLOY_REQUESTS
TOPIC_DEPLOYMENT_EVENTS = topics.TOPIC_DEPLOYMENT_EVENTS
TOPIC_ALERTS = topics.TOPIC_ALERTS
TOPIC_GCR = topics.TOPIC_GCR
TOPIC_CLOUD_BUILDS = topics.TOPIC_CLOUD_BUILDS
TOPIC_MAINTENANCE = topics.TOPIC_MAINTENANCE
APPROVAL_KIND = "approval_requested"  # attribute ``kind`` of an ApprovalRequest on the deployment-events topic

Environment = Literal["staging", "production", "development"]
Stage = Literal["sourcecommit", "sourcebuild", "sourcedeploy"]


class Contract(BaseModel):
    # defer_build: a model's validator is built on its first use, not when this module is
    # imported; each function uses a few of these contracts, and a cold instance pays for those.
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Commit(Contract):
    sha: str = ""
    message: str = ""
    author: str = ""
    url: str = ""


class DeployRequest(Contract):
    """Build (unless ``image`` is given) and release one commit of a repository."""

    request_id: str = Field(default_factory=lambda: uuid.uuid4().hex, description="idempotency key")
    owner: str
    repo: str
    environment: Environment = "staging"
    branch: str = "main"
    commit: Commit = Commit()
    image: str | None = None
    image_tags: tuple[str, ...] = ()
    replicas: int | None = Field(None, ge=0)
    target: Literal["ncp", "gcp"] | None = None
    source: Literal[
        "github_push",
        "github_release",
        "github_pull_request",
        "manual",
        "nlp",
        "mcp",
        "artifact_registry",
        "slack",
    ] = "manual"
    requested_by: str
    delivery_id: str | None = None
    github_installation_id: int | None = None
    github_deployment_id: int | None = None
    requested_at: str = Field(default_factory=now_iso)


class OperationKind(StrEnum):
    DEPLOY = "deploy"
    SCALE = "scale"
    RESTART = "restart"
    ROLLBACK = "rollback"
    RESOURCE_DELETE = "resource_delete"  # a project's Kubernetes object, held for approval (issue 20)


class OperationStatus(StrEnum):
    PENDING = "pending"
    RUNNING = "running"
    SUCCEEDED = "succeeded"
    FAILED = "failed"
    CANCELLED = "cancelled"  # an approval was refused


class ErrorInfo(Contract):
    code: str
    message: str
    stage: str | None = None


class Operation(BaseModel):
    """A mutation with an id: idempotent, audited, its progress readable from the store."""

    id: str = Field(default_factory=lambda: uuid.uuid4().hex)
    kind: OperationKind
    args: dict[str, Any]
    status: OperationStatus = OperationStatus.PENDING
    requested_by: str
    source: Literal["console", "nlp", "mcp", "webhook", "slack", "pubsub"] = "console"
    created_at: str = Field(default_factory=now_iso)
    updated_at: str = Field(default_factory=now_iso)
    progress: list[dict[str, Any]] = Field(default_factory=list)
    result: dict[str, Any] | None = None
    error: ErrorInfo | None = None


class DeploymentEvent(Contract):
    """What happened to a deployment; notify and webhook (GitHub statuses) consume it."""

    event_id: str = Field(default_factory=lambda: uuid.uuid4().hex)
    deployment_id: int
    type: Literal[
        "deployment_started",
        "stage_started",
        "stage_completed",
        "deployment_completed",
        "rollback_completed",
        "scaled",
        "restarted",
    ]
    owner: str
    repo: str
    environment: Environment = "staging"
    stage: Stage | None = None
    status: Literal["running", "success", "failed"] = "running"
    message: str = ""
    commit: Commit = Commit()
    image: str | None = None
    duration_s: float | None = None
    error: ErrorInfo | None = None
    requested_by: str = ""
    github_installation_id: int | None = None
    github_deployment_id: int | None = None
    occurred_at: str = Field(default_factory=now_iso)


class Alert(Contract):
    id: str = Field(description="the fingerprint: one record per alert")
    severity: Literal["critical", "warning", "info", "error"] = "warning"
    title: str
    description: str = ""
    status: Literal["firing", "resolved"] = "firing"
    source: Literal["alertmanager", "cloud_monitoring"] = "alertmanager"
    cluster: str = ""
    labels: dict[str, str] = Field(default_factory=dict)
    annotations: dict[str, str] = Field(default_factory=dict)
    starts_at: str = Field(default_factory=now_iso)
    ends_at: str | None = None


def args_hash(args: dict[str, Any]) -> str:
    """The digest that binds an approval to the exact arguments of one operation."""
    return hashlib.sha256(json.dumps(args, sort_keys=True, separators=(",", ":")).encode()).hexdigest()[:32]


class ApprovalRequest(BaseModel):
    """A deploy waiting for a human: deploy publishes it on the deployment-events topic with
    attribute ``kind=approval_requested``; notify posts it with Approve / Reject buttons."""

    model_config = ConfigDict(extra="forbid")

    approval_id: str = Field(default_factory=lambda: uuid.uuid4().hex, pattern=r"^[A-Za-z0-9_-]{1,64}$")
    operation_id: str = Field("", max_length=128, description="the pending operation (empty: none is held)")
    owner: str
    repo: str
    environment: str = "production"
    args: dict[str, Any]
    requested_by: str
    commit_sha: str = ""
    reason: str = ""


class ApprovalDecision(Contract):
    """A human's answer to an :class:`ApprovalRequest`, bound to the arguments by their hash."""

    approve: bool
    args_hash: str = Field(pattern=r"^[0-9a-f]{32}$")
