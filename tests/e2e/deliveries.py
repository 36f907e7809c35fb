"""Signed GitHub deliveries as GitHub sends them (the e2e suite and the soak use the same ones)."""

from __future__ import annotations

import copy
import json
import uuid
from functools import cache
from pathlib import Path
from typing import Any

from klepaas_webhook.signature import sign

PAYLOADS = Path(__file__).resolve().parents[1] / "functions" / "webhook" / "payloads"


@cache
def _push_template() -> dict[str, Any]:
    data: dict[str, Any] = json.loads((PAYLOADS / "push.json").read_text())
    return data


def push_payload(owner: str, repo: str, sha: str, *, installation_id: int, message: str = "Ship it") -> dict[str, Any]:
    """GitHub's push event for ``sha`` on main of ``owner/repo`` (from the recorded delivery)."""
    payload = copy.deepcopy(_push_template())
    payload["ref"], payload["after"] = "refs/heads/main", sha
    payload["installation"]["id"] = installation_id
    repository = payload["repository"]
    repository.update({"name": repo, "full_name": f"{owner}/{repo}"})
    repository["owner"].update({"login": owner, "name": owner})
    head = payload["head_commit"]
    head.update({"id": sha, "message": message})
    payload["commits"] = [head]
    return payload


def signed(
    event: str, payload: dict[str, Any], secret: str, *, guid: str | None = None
) -> tuple[bytes, dict[str, str]]:
    """(raw body, headers) of one delivery, signed with ``X-Hub-Signature-256``."""
    raw = json.dumps(payload).encode()
    headers = {
        "Content-Type": "application/json",
        "X-GitHub-Event": event,
        "X-GitHub-Delivery": guid or str(uuid.uuid4()),
        "X-GitHub-Hook-ID": "109948940",
        "User-Agent": "GitHub-Hookshot/044aadd",
        "X-Hub-Signature-256": sign(raw, secret),
    }
    return raw, headers
