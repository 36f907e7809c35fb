"""One document per user in `nlp_profiles`: learned aliases, pending alias votes, targets, environments.

Every list is bounded, so a user (or a script with their token) cannot grow a profile without limit:
the oldest alias and the least-seen vote or target give way to a new one.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Any

from klepaas_nlp.rules import UserProfile
from klepaas_shared.clock import now_iso
from klepaas_shared.store import Transaction, get_store

PROFILES = "nlp_profiles"
MAX_ALIASES = 30
MAX_VOTES = 50
MAX_TARGETS = 20
MAX_PHRASE = 30
MAX_REPLACEMENT = 120
ENVIRONMENT_MIN_VOTES = 2

Profile = dict[str, Any]


def _doc(user: str) -> str:
    return hashlib.sha256(user.encode()).hexdigest()


def load(user: str) -> Profile:
    """The stored profile document (empty lists when the user has none)."""
    found = get_store().get(PROFILES, _doc(user)) or {}
    return {key: list(found.get(key) or []) for key in ("aliases", "votes", "targets", "environments")}


def change(user: str, edit: Callable[[Profile], None]) -> Profile:
    """Read, `edit` in place, bound and write the profile atomically; answers the new profile."""
    doc = _doc(user)

    def apply(tx: Transaction) -> Profile:
        found = tx.get(PROFILES, doc) or {}
        profile: Profile = {key: list(found.get(key) or []) for key in ("aliases", "votes", "targets", "environments")}
        edit(profile)
        _bound(profile)
        tx.set(PROFILES, doc, {"user_id": user, **profile, "updated_at": now_iso()})
        return profile

    return get_store().transaction(apply)


def _bound(profile: Profile) -> None:
    profile["aliases"] = sorted(profile["aliases"], key=lambda a: str(a["learned_at"]))[-MAX_ALIASES:]
    for key, limit in (("votes", MAX_VOTES), ("targets", MAX_TARGETS), ("environments", 3)):
        profile[key] = sorted(profile[key], key=lambda entry: -int(entry["count"]))[:limit]


def bump(entries: list[dict[str, Any]], **match: str) -> int:
    """Add one to the entry matching `match` (creating it); answers its new count."""
    for entry in entries:
        if all(entry.get(key) == value for key, value in match.items()):
            entry["count"] = int(entry["count"]) + 1
            return int(entry["count"])
    entries.insert(0, {**match, "count": 1})
    return 1


def put_alias(profile: Profile, phrase: str, to: str, kind: str) -> dict[str, Any]:
    alias = {"phrase": phrase, "to": to, "kind": kind, "learned_at": now_iso()}
    profile["aliases"] = [a for a in profile["aliases"] if a["phrase"] != phrase] + [alias]
    return alias


def as_user_profile(profile: Profile) -> UserProfile | None:
    """What the rules read: aliases, the preferred environment, known targets (most used first)."""
    if not any(profile.values()):
        return None
    environments = [e for e in profile["environments"] if int(e["count"]) >= ENVIRONMENT_MIN_VOTES]
    return UserProfile(
        aliases={a["phrase"]: a["to"] for a in profile["aliases"]},
        preferred_environment=environments[0]["environment"] if environments else None,
        known_targets=[t["target"] for t in profile["targets"]],
    )
