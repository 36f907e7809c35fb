"""``installation`` and ``installation_repositories`` events: the App's reach changes."""

from __future__ import annotations

from typing import Any

from klepaas_shared.clock import now_iso
from klepaas_shared.errors import BadRequest
from klepaas_shared.store import get_store

from . import integrations
from .github_events import Action, Outcome
from .payloads import integer, repositories, text

COLLECTION = "installations"


def _apply(installation_id: int, added: list[tuple[str, str]], removed: list[tuple[str, str]], **state: Any) -> Outcome:
    store = get_store()
    updated = sum(integrations.set_installation(store, o, r, installation_id) for o, r in added)
    updated += sum(integrations.set_installation(store, o, r, None) for o, r in removed)
    store.set(COLLECTION, str(installation_id), {"id": installation_id, "updated_at": now_iso(), **state}, merge=True)
    return {
        "status": "updated",
        "installation_id": installation_id,
        "repositories_added": [f"{o}/{r}" for o, r in added],
        "repositories_removed": [f"{o}/{r}" for o, r in removed],
        "integrations_updated": updated,
    }


def _installation_id(payload: dict[str, Any]) -> int:
    found = integer(payload, "installation.id")
    if found is None:
        raise BadRequest("the payload has no installation.id")
    return found


def prepare_installation(payload: dict[str, Any], guid: str) -> Action:
    action, installation_id = text(payload, "action", required=True), _installation_id(payload)
    account = text(payload, "installation.account.login")
    repos = repositories(payload, "repositories")
    if action in ("created", "unsuspend", "new_permissions_accepted"):
        return lambda: _apply(installation_id, repos, [], account=account, active=True)
    if action in ("deleted", "suspend"):
        return lambda: _apply(installation_id, [], repos, account=account, active=False)
    return lambda: {"status": "ignored", "reason": f"installation {action} changes nothing here"}


def prepare_installation_repositories(payload: dict[str, Any], guid: str) -> Action:
    installation_id = _installation_id(payload)
    added = repositories(payload, "repositories_added")
    removed = repositories(payload, "repositories_removed")
    return lambda: _apply(installation_id, added, removed, account=text(payload, "installation.account.login"))
