"""A deployment as its Slack message shows it: folded from events, rendered to a template context."""

from __future__ import annotations

from typing import Any

from klepaas_shared.contracts import DeploymentEvent

from ..settings import notify_settings
from .texts import words

STAGES = ("sourcecommit", "sourcebuild", "sourcedeploy")
ICONS = {"success": "✅", "running": "⏳", "failed": "❌", None: "⬜"}
FINAL_TYPES = ("deployment_completed", "rollback_completed", "scaled", "restarted")
_RANK = {"running": 0, "success": 1, "failed": 1}


def is_final(event: DeploymentEvent) -> bool:
    return event.type in FINAL_TYPES or (event.status == "failed" and event.stage is None)


def empty(event: DeploymentEvent, channel: str) -> dict[str, Any]:
    return {
        "deployment_id": event.deployment_id,
        "owner": event.owner,
        "repo": event.repo,
        "environment": event.environment,
        "kind": "deployment",
        "status": "running",
        "stages": dict.fromkeys(STAGES),
        "commit": event.commit.model_dump(),
        "slack": {"channel": channel},
    }


def fold(state: dict[str, Any], event: DeploymentEvent) -> dict[str, Any]:
    """Apply one event; a final status is never overwritten by a late 'running'."""
    state = {**state, "stages": dict(state.get("stages") or {})}
    if event.stage:
        current = state["stages"].get(event.stage)
        if current is None or _RANK.get(event.status, 0) >= _RANK.get(current, 0):
            state["stages"][event.stage] = event.status
    if event.commit.sha:
        state["commit"] = event.commit.model_dump()
    if event.type in ("rollback_completed", "scaled", "restarted"):
        state["kind"] = event.type
    if is_final(event) or event.status == "failed":
        state["status"] = event.status
        state["message"] = event.message
        state["error"] = event.error.model_dump() if event.error else None
        if event.duration_s is not None:
            state["duration_s"] = event.duration_s
    elif state.get("status") == "running" and event.message:
        state["message"] = event.message
    return state


def _title(state: dict[str, Any], t: dict[str, str]) -> str:
    kind, status = state.get("kind", "deployment"), state.get("status", "running")
    if kind == "rollback_completed":
        return t["rollback_failed"] if status == "failed" else t["rollback_completed"]
    if kind in ("scaled", "restarted") and status != "failed":
        return t[kind]
    if status in ("success", "failed"):
        return t[status]
    return t["started"] if not any(state.get("stages", {}).values()) else t["running"]


def context(state: dict[str, Any]) -> dict[str, Any]:
    t = words(notify_settings().slack_language)
    stages = []
    for name in STAGES:
        status = (state.get("stages") or {}).get(name)
        icon = ICONS.get(status, "⬜")
        stages.append({"name": name, "status": status, "icon": icon, "label": t[name], "line": f"{icon} {t[name]}"})
    commit = state.get("commit") or {}
    return {
        "title": _title(state, t),
        "owner": state.get("owner", ""),
        "repo": state.get("repo", ""),
        "environment": state.get("environment", ""),
        "status": state.get("status", "running"),
        "stages": stages,
        "commit": {k: str(commit.get(k, "")) for k in ("sha", "message", "author", "url")},
        "message": state.get("message") or "",
        "error": state.get("error"),
        "duration_s": state.get("duration_s"),
        "deployment_id": state.get("deployment_id"),
    }


def plain(ctx: dict[str, Any]) -> str:
    """The message without any template (the fallback)."""
    lines = [f"{ctx['title']} · {ctx['owner']}/{ctx['repo']} ({ctx['environment']})"]
    if ctx["commit"]["sha"]:
        lines.append(f"{ctx['commit']['sha'][:7]} {ctx['commit']['message'][:200]}".rstrip())
    lines.append("  ".join(s["line"] for s in ctx["stages"]))
    if ctx["message"]:
        lines.append(str(ctx["message"])[:2000])
    return "\n".join(lines)


def plain_failure(ctx: dict[str, Any]) -> str:
    error = ctx.get("error") or {}
    parts = [str(error.get(k) or "") for k in ("stage", "code", "message")]
    return " · ".join(p for p in parts if p) or str(ctx.get("message") or "-")
