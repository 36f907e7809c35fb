"""Reading untrusted webhook payloads: typed getters that answer 400, never crash."""

from __future__ import annotations

from typing import Any

from klepaas_shared.errors import BadRequest


def node(payload: Any, path: str) -> Any:
    current = payload
    for part in path.split("."):
        if not isinstance(current, dict):
            return None
        current = current.get(part)
    return current


def text(payload: Any, path: str, *, required: bool = False) -> str:
    value = node(payload, path)
    if isinstance(value, str):
        return value
    if required or value is not None:
        raise BadRequest(f"the payload's {path} must be a string")
    return ""


def integer(payload: Any, path: str) -> int | None:
    value = node(payload, path)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise BadRequest(f"the payload's {path} must be an integer")
    return value


def owner_repo(payload: Any) -> tuple[str, str]:
    """``repository.full_name`` split, checked."""
    full_name = text(payload, "repository.full_name", required=True)
    owner, _, repo = full_name.partition("/")
    if not owner or not repo or "/" in repo:
        raise BadRequest("the payload's repository.full_name must be owner/repo")
    return owner, repo


def repositories(payload: Any, path: str) -> list[tuple[str, str]]:
    value = node(payload, path)
    if value is None:
        return []
    if not isinstance(value, list):
        raise BadRequest(f"the payload's {path} must be a list")
    found = []
    for item in value:
        owner, _, repo = text(item, "full_name", required=True).partition("/")
        if owner and repo:
            found.append((owner, repo))
    return found
