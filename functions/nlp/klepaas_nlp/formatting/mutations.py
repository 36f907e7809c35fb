"""Mutation renderers: scale, restart, rollback and deploy, after confirmation."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from klepaas_shared.clock import now_iso, shown_in_korea

Shaped = tuple[str, Any, dict[str, Any]]


def _target(data: dict[str, Any], args: dict[str, Any]) -> dict[str, Any]:
    owner = data.get("owner") or args.get("github_owner") or ""
    repo = data.get("repo") or args.get("github_repo") or args.get("app_name") or ""
    repository = data.get("repository") or (f"{owner}/{repo}" if owner else str(repo))
    return {"owner": owner, "repo": repo, "repository": repository}


HELD = "pending_approval"
# The result type of a change held for an approval. The console shows a type it does not know through
# its default card (the type, `summary`, the fields as JSON), which says what waits as it is: the scale
# and restart cards know only success and failure (a held change would show as failed, or as done), the
# rollback card's banner says it succeeded whatever it is given, and the deploy card's headline says
# "배포 시작됨" and that its progress can be watched (the walk read it over a deploy nobody approved).
HELD_TYPE = "pending_approval"
_HELD_ACTIONS = {"scale": "스케일링", "restart": "재시작", "rollback": "롤백", "deploy": "배포"}


def held(intent: str, data: dict[str, Any], args: dict[str, Any]) -> Shaped:
    """A change waiting for an approval: nothing changed yet. The fields say
    what waits (the change asked for, the operation) and where an approver decides it: Slack, or
    ``POST approval_path`` with ``{"approve": true, "args_hash": …}`` (the console has no approval screen)."""
    target = _target(data, args)
    operation = str(data.get("operation_id") or "")
    path = str(data.get("approval_path") or (f"/api/v1/operations/{operation}/approval" if operation else ""))
    formatted: dict[str, Any] = {
        "status": HELD,
        "action": _HELD_ACTIONS[intent],
        "repository": target["repository"],
        "environment": str(data.get("environment") or args.get("environment") or ""),
        "deployment": str(data.get("deployment") or target["repo"]),
        "namespace": str(data.get("namespace") or args.get("namespace") or "default"),
    }
    if intent == "scale":
        formatted["new_replicas"] = int(data.get("new_replicas") or args.get("replicas") or 0)
    elif intent == "rollback":
        formatted["target_commit"] = str(data.get("target_commit") or args.get("target_commit_sha") or "")
        formatted["previous_commit"] = str(data.get("previous_commit") or "")
    elif intent == "deploy":
        formatted |= _held_source(data, args)
    formatted.update(
        {
            "operation_id": operation,
            "approval_path": path,
            "args_hash": str(data.get("args_hash") or ""),
            "approve_with": "Slack의 승인 요청, 또는 " + (f"POST {path}" if path else "승인 API"),
            "message": str(data.get("message") or ""),
            "timestamp": shown_in_korea(data.get("timestamp") or now_iso()),
        }
    )
    metadata = {"owner": target["owner"], "repo": target["repo"], "intent": intent, "operation_id": operation}
    return HELD_TYPE, formatted, metadata


def _status(data: dict[str, Any]) -> str:
    value = str(data.get("status") or "success")
    return "success" if value in {"success", "succeeded", "completed", "running", "rolling_out"} else value


def scale(data: dict[str, Any], args: dict[str, Any]) -> Shaped:
    if data.get("status") == HELD:
        return held("scale", data, args)
    target = _target(data, args)
    formatted = {
        "repository": target["repository"],
        "old_replicas": int(data.get("old_replicas") or 0),
        "new_replicas": int(data.get("new_replicas") or args.get("replicas") or 0),
        "status": _status(data),
        "timestamp": shown_in_korea(data.get("timestamp") or now_iso()),
        "action": "스케일링",
    }
    metadata = {
        "owner": target["owner"],
        "repo": target["repo"],
        "old_replicas": formatted["old_replicas"],
        "new_replicas": formatted["new_replicas"],
        "status": formatted["status"],
    }
    return "scale", formatted, metadata


def restart(data: dict[str, Any], args: dict[str, Any]) -> Shaped:
    if data.get("status") == HELD:
        return held("restart", data, args)
    target = _target(data, args)
    formatted = {
        **target,
        "deployment": str(data.get("deployment") or target["repo"]),
        "namespace": str(data.get("namespace") or "default"),
        "status": _status(data),
        "message": str(data.get("message") or ""),
        "timestamp": shown_in_korea(data.get("timestamp") or now_iso()),
    }
    return "restart", formatted, {"owner": target["owner"], "repo": target["repo"]}


def rollback(data: dict[str, Any], args: dict[str, Any]) -> Shaped:
    if data.get("status") == HELD:
        return held("rollback", data, args)
    target = _target(data, args)
    formatted = {
        "status": _status(data),
        "owner": target["owner"],
        "repo": target["repo"],
        "target_commit": str(data.get("target_commit") or args.get("target_commit_sha") or ""),
        "previous_commit": str(data.get("previous_commit") or ""),
    }
    return "rollback", formatted, {"owner": target["owner"], "repo": target["repo"]}


def deploy(data: dict[str, Any], args: dict[str, Any]) -> Shaped:
    if data.get("status") == HELD:
        return held("deploy", data, args)
    target = _target(data, args)
    raw_commit = data.get("commit")
    commit: dict[str, Any] = raw_commit if isinstance(raw_commit, dict) else {}
    formatted = {
        "status": "running" if data.get("status") == "running" else _status(data),  # a deploy under way is not done
        "message": str(data.get("message") or f"{target['repository']} 배포를 시작했습니다."),
        "repository": target["repository"],
        "branch": str(data.get("branch") or args.get("branch") or "main"),
        "commit": {
            "sha": str(commit.get("sha") or ""),
            "message": str(commit.get("message") or ""),
            "author": str(commit.get("author") or ""),
            "url": str(commit.get("url") or ""),
        },
        "deployment_status": _deployment_status(str(data.get("deployment_status") or data.get("status") or "running")),
    }
    return "deploy", formatted, {"owner": target["owner"], "repo": target["repo"]}


# The deploy card prints `deployment_status` as it comes, in a console written in Korean (its own
# default is "진행 중"); deploy's words for where a deployment stands, as the card says them.
_DEPLOYMENT_STATUS_SHOWN = {
    "waiting": "빌드 대기 중",
    "running": "진행 중",
    "rolling_out": "진행 중",
    "success": "성공",
    "succeeded": "성공",
    "completed": "성공",
    "failed": "실패",
}


def _deployment_status(value: str) -> str:
    return _DEPLOYMENT_STATUS_SHOWN.get(value, value)


def _held_source(data: dict[str, Any], args: dict[str, Any]) -> dict[str, Any]:
    """What a held deploy would build: the branch, and its commit as deploy read it or, not known yet,
    a line saying it is read when the deploy runs (its url, the branch's page)."""
    raw_commit = data.get("commit")
    commit: dict[str, Any] = raw_commit if isinstance(raw_commit, dict) else {}
    branch = str(data.get("branch") or args.get("branch") or "main")
    sha = str(commit.get("sha") or "")
    return {
        "branch": branch,
        "commit": {
            "sha": sha,
            "message": str(
                commit.get("message") or ("" if sha else f"{branch} 브랜치의 최신 커밋 (승인 후 배포할 때 정해집니다)")
            ),
            "author": str(commit.get("author") or ""),
            "url": str(commit.get("url") or ""),
        },
    }


MUTATIONS: dict[str, Callable[[dict[str, Any], dict[str, Any]], Shaped]] = {
    "scale": scale,
    "restart": restart,
    "rollback": rollback,
    "deploy": deploy,
}
