"""Users in the store: collection ``users``, one document per ``<provider>:<provider_id>``.

``provider_id`` is the id the console uses everywhere and the token's ``sub``. A returning user
keeps the role stored on their document; a new one gets the configured default role.
"""

from __future__ import annotations

from typing import Any

from klepaas_shared.auth import ROLE_SCOPES
from klepaas_shared.clock import now_iso
from klepaas_shared.store import Store, Transaction

from .upstream import Profile

COLLECTION = "users"
PUBLIC_FIELDS = ("id", "provider", "provider_id", "email", "name", "picture", "verified", "role")


def user_id(provider: str, provider_id: str) -> str:
    return f"{provider}:{provider_id}"


def role_of(user: dict[str, Any]) -> str:
    """The stored role, or the least one when the document holds something unknown."""
    role = user.get("role")
    return role if isinstance(role, str) and role in ROLE_SCOPES else "viewer"


def upsert(store: Store, profile: Profile, default_role: str, *, force_role: str | None = None) -> dict[str, Any]:
    """Create or refresh the user in one transaction and return the stored document."""
    doc_id = user_id(profile.provider, profile.provider_id)
    now = now_iso()
    fresh = {
        "provider": profile.provider,
        "provider_id": profile.provider_id,
        "email": profile.email,
        "name": profile.name,
        "picture": profile.picture,
        "verified": profile.verified,
        "last_login_at": now,
        "updated_at": now,
    }

    def write(tx: Transaction) -> dict[str, Any]:
        current = tx.get(COLLECTION, doc_id)
        if current is None:
            document = {**fresh, "id": doc_id, "role": force_role or default_role, "created_at": now}
            tx.create(COLLECTION, doc_id, document)
            return document
        role = force_role or role_of(current)
        tx.update(COLLECTION, doc_id, {**fresh, "role": role})
        return {**current, **fresh, "role": role}

    return store.transaction(write)


def find(store: Store, provider: str, provider_id: str) -> dict[str, Any] | None:
    return store.get(COLLECTION, user_id(provider, provider_id))


def public(user: dict[str, Any]) -> dict[str, Any]:
    """The user as the console stores it (FRONTEND_API §1.1): no internal fields."""
    view = {key: user.get(key) for key in PUBLIC_FIELDS}
    view["picture"] = view["picture"] or None
    return view
