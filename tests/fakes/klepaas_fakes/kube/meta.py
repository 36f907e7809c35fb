"""Small helpers for object metadata: timestamps, uids, names, deep copies."""

from __future__ import annotations

import copy
import hashlib
import json
import secrets
import uuid
from datetime import UTC, datetime
from typing import Any

Obj = dict[str, Any]

# Kubernetes' rand.String alphabet: no vowels, no confusable digits.
ALPHABET = "bcdfghjklmnpqrstvwxz2456789"


def now() -> datetime:
    return datetime.now(UTC)


def iso(moment: datetime | None = None) -> str:
    return (moment or now()).strftime("%Y-%m-%dT%H:%M:%SZ")


def iso_nano(moment: datetime | None = None) -> str:
    moment = moment or now()
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond:06d}000Z"


def new_uid() -> str:
    return str(uuid.uuid4())


def random_suffix(length: int = 5) -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(length))


def stable_hash(value: Any, length: int = 10) -> str:
    digest = hashlib.sha256(json.dumps(value, sort_keys=True).encode()).digest()
    return "".join(ALPHABET[b % len(ALPHABET)] for b in digest[:length])


def clone(obj: Obj) -> Obj:
    return copy.deepcopy(obj)


def name_of(obj: Obj) -> str:
    return str(obj.get("metadata", {}).get("name", ""))


def namespace_of(obj: Obj) -> str:
    return str(obj.get("metadata", {}).get("namespace", ""))


def labels_of(obj: Obj) -> dict[str, str]:
    return dict(obj.get("metadata", {}).get("labels") or {})


def owner_uids(obj: Obj) -> set[str]:
    return {ref.get("uid", "") for ref in obj.get("metadata", {}).get("ownerReferences") or []}


def owner_ref(owner: Obj) -> Obj:
    return {
        "apiVersion": owner["apiVersion"],
        "kind": owner["kind"],
        "name": name_of(owner),
        "uid": owner["metadata"]["uid"],
        "controller": True,
        "blockOwnerDeletion": True,
    }


def dig(obj: Any, path: str) -> Any:
    """Read a dotted path (`status.phase`) from nested dicts; None when absent."""
    for part in path.split("."):
        if not isinstance(obj, dict):
            return None
        obj = obj.get(part)
    return obj
