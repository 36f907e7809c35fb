"""The authorization server's state in the store, each kind in its own TTL collection.

- ``oauth_codes/<sha256(code)>``: one authorization request's outcome, taken once;
- ``oauth_grants/<id>``: what a person allowed one client (scopes, resource); the family every
  refresh token of that client belongs to; revoking it ends them all;
- ``oauth_refresh/<sha256(token)>``: one refresh token, marked used when it is exchanged (a
  second use means it leaked: the whole family is revoked).

Only digests of codes and tokens are stored, so the store's contents cannot be replayed. Every
document carries ``expires_at``; readers treat an expired one as gone (Firestore's TTL deletes
late).
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from klepaas_shared.clock import iso, now, now_iso
from klepaas_shared.store import Store, Transaction, get_store
from klepaas_shared.store.queries import declare_query

CODES = "oauth_codes"
GRANTS = "oauth_grants"
REFRESH = "oauth_refresh"
declare_query(GRANTS, equal=["user_id"])


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def expires_in(seconds: int) -> str:
    return iso(now() + timedelta(seconds=seconds))


def live(doc: dict[str, Any] | None) -> bool:
    return doc is not None and str(doc.get("expires_at", "")) > now_iso()


@dataclass
class Taken:
    """The outcome of taking a code or a refresh token: its record, or why not."""

    record: dict[str, Any] | None
    replayed: bool = False


def _taken(record: dict[str, Any] | None, mark_used: Callable[[], None]) -> Taken:
    """Inside a transaction: a single-use secret's record, marked used now; a second taker learns
    it was replayed. (Each caller names its own collection, so every store call says which.)"""
    if not live(record):
        return Taken(None)
    assert record is not None
    if record.get("used"):
        return Taken(record, replayed=True)
    mark_used()
    return Taken(record)


def _used() -> dict[str, Any]:
    return {"used": True, "used_at": now_iso()}


def save_code(code: str, fields: dict[str, Any], ttl_s: int) -> None:
    get_store().set(CODES, digest(code), {**fields, "used": False, "expires_at": expires_in(ttl_s)})


def take_code(code: str) -> Taken:
    doc_id = digest(code)

    def run(tx: Transaction) -> Taken:
        return _taken(tx.get(CODES, doc_id), lambda: tx.update(CODES, doc_id, _used()))

    return get_store().transaction(run)


def save_grant(grant_id: str, fields: dict[str, Any], ttl_s: int) -> None:
    stamp = now_iso()
    record = {**fields, "id": grant_id, "revoked": False, "created_at": stamp, "last_used_at": stamp}
    get_store().set(GRANTS, grant_id, {**record, "expires_at": expires_in(ttl_s)})


def new_grant_id() -> str:
    return "g_" + secrets.token_hex(12)


def grant(grant_id: str) -> dict[str, Any] | None:
    record = get_store().get(GRANTS, grant_id)
    return record if live(record) and not (record or {}).get("revoked") else None


def touch_grant(grant_id: str, ttl_s: int) -> None:
    get_store().update(GRANTS, grant_id, {"last_used_at": now_iso(), "expires_at": expires_in(ttl_s)})


def revoke_grant(store: Store, grant_id: str, reason: str) -> bool:
    """Mark the grant revoked (its refresh tokens then fail); False when there was none to revoke."""

    def run(tx: Transaction) -> bool:
        record = tx.get(GRANTS, grant_id)
        if record is None or record.get("revoked"):
            return False
        tx.update(GRANTS, grant_id, {"revoked": True, "revoked_at": now_iso(), "revoked_because": reason})
        return True

    return store.transaction(run)


def grants_of(user_id: str) -> list[dict[str, Any]]:
    docs = get_store().query(GRANTS, where=[("user_id", "==", user_id)], limit=200)
    found = [d.data for d in docs if live(d.data) and not d.data.get("revoked")]
    return sorted(found, key=lambda g: str(g.get("created_at", "")), reverse=True)


def save_refresh(token: str, grant_id: str, client_id: str, ttl_s: int) -> None:
    fields = {"grant_id": grant_id, "client_id": client_id, "used": False, "expires_at": expires_in(ttl_s)}
    get_store().set(REFRESH, digest(token), fields)


def take_refresh(token: str) -> Taken:
    doc_id = digest(token)

    def run(tx: Transaction) -> Taken:
        return _taken(tx.get(REFRESH, doc_id), lambda: tx.update(REFRESH, doc_id, _used()))

    return get_store().transaction(run)


def peek_refresh(token: str) -> dict[str, Any] | None:
    record = get_store().get(REFRESH, digest(token))
    return record if live(record) else None
