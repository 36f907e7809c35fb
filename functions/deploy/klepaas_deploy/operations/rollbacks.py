"""Rollback candidates from the deployment history, and the rollback itself (an image patch, no rebuild)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import timedelta
from typing import Any

from klepaas_shared.clock import iso, now
from klepaas_shared.contracts import Commit
from klepaas_shared.errors import BadRequest, Conflict, NotFound
from klepaas_shared.records import DeploymentRecord
from klepaas_shared.records.deployments import Deployments

from ..pipeline.refs import AppRef, resolve
from ..pipeline.releases import release, skip_build
from . import holds
from .context import Ctx
from .outcome import Outcome, dry_run, where

_TARGET = re.compile(r"^[A-Za-z0-9_.:/@-]{1,512}$")  # a commit sha (or its prefix), an image tag or reference
MAX_STEPS = 10


def _version(doc: Mapping[str, Any]) -> str:
    """What a deployment released: its commit, or (a deploy of an image alone) that image."""
    return str(doc.get("commit", {}).get("sha") or doc.get("image", {}).get("url") or "")


def short(doc: Mapping[str, Any]) -> str:
    """A version as people name it: the commit's 7 characters, else the image's tag (or digest)."""
    sha = doc.get("commit", {}).get("sha")
    if sha:
        return str(sha)[:7]
    image = str(doc.get("image", {}).get("url") or "")
    name, at, digest = image.partition("@")
    if at:
        return digest.removeprefix("sha256:")[:12]
    tail = name.rsplit("/", 1)[-1]
    return tail.partition(":")[2] or "latest"


def successful(ctx: Ctx, ref: AppRef) -> list[DeploymentRecord]:
    """Successful deployments of the app within the window, newest first, one per version released
    (a commit, or an image for a deploy without one)."""
    since = iso(now() - timedelta(days=ctx.settings.rollback_window_days))
    seen: set[str] = set()
    found = []
    for doc in Deployments(ctx.store).of_repository(ref.owner or "", ref.repo or ref.app):
        version = _version(doc)
        if doc.get("status") != "success" or doc.get("environment") != ref.environment:
            continue
        if doc.get("started_at", "") < since or not doc.get("image", {}).get("url") or version in seen:
            continue
        seen.add(version)
        found.append(doc)
    return found


def candidates(ctx: Ctx, args: dict[str, Any]) -> dict[str, Any]:
    """K1 and the ``list_rollback`` read: current state, versions to go back to, past rollbacks."""
    ref = resolve(args, ctx.settings, ctx.project)
    versions = successful(ctx, ref)
    current = versions[0] if versions else None
    rollbacks = [
        d for d in Deployments(ctx.store).of_repository(ref.owner, ref.repo or ref.app) if d.get("is_rollback")
    ]

    available = [
        {
            "commit_sha": d["commit"].get("sha") or short(d),
            "commit_sha_short": short(d),
            "commit_message": d["commit"].get("message", ""),
            "deployed_at": d.get("completed_at") or d["started_at"],
            "is_current": i == 0,
            "steps_back": i,
            "deployment_id": d["id"],
            "image": d["image"]["url"],
        }
        for i, d in enumerate(versions[: MAX_STEPS + 1])
    ]
    return {
        "owner": ref.owner,
        "repo": ref.repo,
        "environment": ref.environment,
        "current_state": None
        if current is None
        else {
            "commit_sha": current["commit"].get("sha") or short(current),
            "commit_sha_short": short(current),
            "commit_message": current["commit"].get("message", ""),
            "is_rollback": bool(current.get("is_rollback")),
            "deployed_at": current.get("completed_at") or current["started_at"],
            "deployment_id": current["id"],
        },
        "available_versions": available,
        "rollback_history": [
            {
                "commit_sha_short": short(d),
                "commit_message": d["commit"].get("message", ""),
                "rolled_back_at": d["started_at"],
                "status": d["status"],
                "deployment_id": d["id"],
            }
            for d in rollbacks
            if _version(d)
        ],
        "total_available": max(0, len(available) - 1),
        "total_rollbacks": len(rollbacks),
    }


def _choose(versions: list[DeploymentRecord], args: dict[str, Any]) -> DeploymentRecord:
    sha = args.get("target_commit_sha")
    if sha:
        if not isinstance(sha, str) or not _TARGET.match(sha):
            raise BadRequest("target_commit_sha must be a commit sha (7 to 40 hexadecimal characters) or an image tag")
        matches = [d for d in versions if _names(d, sha)]
        if not matches:
            raise NotFound(f"{sha} was not deployed successfully in the last 30 days; list the rollback versions")
        if matches[0] is versions[0]:
            raise Conflict(f"{sha} is the version running now")
        return matches[0]
    steps = args.get("steps_back", 1)
    if isinstance(steps, bool) or not isinstance(steps, int) or not 1 <= steps <= MAX_STEPS:
        raise BadRequest(f"steps_back must be an integer from 1 to {MAX_STEPS}")
    if steps >= len(versions):
        raise NotFound(f"there are only {max(0, len(versions) - 1)} earlier successful versions to roll back to")
    return versions[steps]


def _names(doc: Mapping[str, Any], target: str) -> bool:
    """Whether ``target`` names ``doc``'s version: a prefix (7+) of its commit, its image tag or reference."""
    sha = str(doc.get("commit", {}).get("sha") or "").lower()
    if sha and len(target) >= 7 and sha.startswith(target.lower()):
        return True
    return target in (short(doc), doc.get("image", {}).get("url"))


def rollback(ctx: Ctx, args: dict[str, Any]) -> Outcome:
    ref = resolve(args, ctx.settings, ctx.project)
    versions = successful(ctx, ref)
    if not versions:
        raise NotFound(f"{ref.repository} has no successful deployment in {ref.environment} to roll back to")
    chosen, previous = _choose(versions, args), versions[0]
    if ctx.dry_run:
        return _would_roll_back(ref, chosen, previous)
    if holds.required(ctx, ref):
        held = holds.hold(ctx, ref, ctx.source)
        # What waits, as the answer names it: the version it rolls back to, and from
        held.data.update({"target_commit": short(chosen), "previous_commit": short(previous)})
        return held
    deployment = Deployments(ctx.store).create(
        owner=ref.owner,
        repo=ref.repo or ref.app,
        environment=ref.environment,
        namespace=ref.namespace,
        commit=Commit.model_validate(chosen["commit"]),
        image=chosen["image"]["url"],
        request_id=ctx.operation.id if ctx.operation else "",
        requested_by=ctx.actor,
        is_rollback=True,
        branch=chosen.get("branch", "main"),
    )
    skip_build(ctx, deployment["id"])
    outcome = release(ctx, ref, deployment, chosen["image"]["url"], None, event="rollback_completed")
    outcome.data.update(
        {
            "target_commit": short(chosen),
            "target_commit_sha": chosen["commit"].get("sha") or short(chosen),
            "previous_commit": short(previous),
            "rollback_from_id": previous["id"],
        }
    )
    outcome.message = f"rolling {ref.repository} back to {short(chosen)}"
    return outcome


def _would_roll_back(ref: AppRef, chosen: DeploymentRecord, previous: DeploymentRecord) -> Outcome:
    """A dry run: the version it would go back to; no deployment is recorded, nothing released."""
    message = f"would roll {ref.repository} back to {short(chosen)}"
    data = {
        **where(ref),
        "image": chosen["image"]["url"],
        "target_commit": short(chosen),
        "target_commit_sha": chosen["commit"].get("sha") or short(chosen),
        "previous_commit": short(previous),
        "rollback_from_id": previous["id"],
        "message": message,
    }
    return dry_run(ref, data, message, "rollback_completed")
