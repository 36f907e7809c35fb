"""Pull requests of connected repositories as deliveries report them, in collection
``pull_requests`` (one document per pull request id, newest delivery wins). The console's
dashboard (D1, served by deploy) lists them without calling GitHub."""

from __future__ import annotations

from typing import Any

from klepaas_shared.clock import now_iso
from klepaas_shared.store import Store

from .payloads import integer, node, text

COLLECTION = "pull_requests"


def read(payload: dict[str, Any], owner: str, repo: str) -> dict[str, Any] | None:
    """The stored shape of the delivery's pull request (None without an id); 400 when malformed."""
    pull_id = integer(payload, "pull_request.id")
    if pull_id is None:
        return None
    return {
        "id": pull_id,
        "number": integer(payload, "pull_request.number"),
        "owner": owner,
        "repo": repo,
        "full_name_lc": f"{owner}/{repo}".lower(),
        "title": text(payload, "pull_request.title"),
        "author": text(payload, "pull_request.user.login"),
        "state": text(payload, "pull_request.state"),
        "merged": node(payload, "pull_request.merged") is True,
        "head_ref": text(payload, "pull_request.head.ref"),
        "base_ref": text(payload, "pull_request.base.ref"),
        "html_url": text(payload, "pull_request.html_url"),
        "created_at": text(payload, "pull_request.created_at"),
        "updated_at": text(payload, "pull_request.updated_at"),
        "merged_at": text(payload, "pull_request.merged_at") or None,
    }


def record(store: Store, pull: dict[str, Any]) -> None:
    """Keep the pull request unless a newer delivery already described it."""
    saved = store.get(COLLECTION, str(pull["id"]))
    if saved is not None and str(saved.get("updated_at") or "") > str(pull.get("updated_at") or ""):
        return
    store.set(COLLECTION, str(pull["id"]), {**pull, "recorded_at": now_iso()})
