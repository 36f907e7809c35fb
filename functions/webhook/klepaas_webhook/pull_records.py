"""The pull request a delivery reports, in the shape :mod:`klepaas_shared.records.pulls` keeps
(one document per pull request id, newest delivery wins; deploy's dashboard lists them)."""

from __future__ import annotations

from typing import Any

from klepaas_shared.records import PullRequestRecord

from .payloads import integer, node, text


def read(payload: dict[str, Any], owner: str, repo: str) -> PullRequestRecord | None:
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
