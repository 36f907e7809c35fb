"""A webhook secret per connected repository: shown once at connect, rotatable with a grace period.

The secret is never stored. An integration keeps a random ``nonce``; the secret is the HMAC of
the repository's name and that nonce under a server key (``KLEPAAS_WEBHOOK_SECRET_KEY``, else a
key derived from the JWT secret), so a copy of the store alone signs nothing. Rotating draws a
new nonce and keeps the previous one until ``previous_until``. A delivery is checked against its
own repository's secrets only: a push signed with another repository's secret is a 401.

Migration: ``KLEPAAS_GITHUB_WEBHOOK_SHARED_SECRET_FALLBACK=true`` also accepts the old single
``KLEPAAS_GITHUB_WEBHOOK_SECRET`` (off by default; turn it on only while re-registering hooks).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Mapping, Sequence
from datetime import timedelta
from typing import Any

from klepaas_shared.auth import derived_key
from klepaas_shared.clock import iso, now, now_iso
from klepaas_shared.records.integrations import Integrations
from klepaas_shared.settings import common
from klepaas_shared.store import Store

from .settings import settings

PREFIX = "whsec_"


def _key() -> bytes:
    return derived_key(settings().webhook_secret_key.get_secret_value(), b"klepaas-repository-webhook")


def hook_url() -> str:
    """Where a repository webhook delivers."""
    return common().api_base_url.rstrip("/") + "/api/v1/cicd/webhook"


def secret_of(full_name: str, nonce: str) -> str:
    digest = hmac.new(_key(), f"{full_name.lower()}\n{nonce}".encode(), hashlib.sha256).hexdigest()
    return PREFIX + digest


def fresh() -> dict[str, Any]:
    """The secret fields of a newly connected integration."""
    return {"webhook_nonce": secrets.token_hex(16), "webhook_previous_nonce": None, "webhook_previous_until": None}


def rotate(store: Store, doc: Mapping[str, Any]) -> str:
    """A new secret for ``doc``'s repository; the old one keeps working for the grace period."""
    grace = timedelta(seconds=settings().webhook_secret_grace_s)
    nonce = secrets.token_hex(16)
    changes = {
        "webhook_nonce": nonce,
        "webhook_previous_nonce": doc.get("webhook_nonce"),
        "webhook_previous_until": iso(now() + grace),
        "updated_at": now_iso(),
    }
    Integrations(store).update(doc["id"], changes)
    return secret_of(str(doc["full_name"]), nonce)


def accepted(docs: Sequence[Mapping[str, Any]]) -> list[str]:
    """Every secret a delivery for these integrations (one repository) may be signed with now."""
    found: list[str] = []
    stamp = now_iso()
    for doc in docs:
        if doc.get("webhook_nonce"):
            found.append(secret_of(str(doc["full_name"]), str(doc["webhook_nonce"])))
        until = doc.get("webhook_previous_until")
        if doc.get("webhook_previous_nonce") and isinstance(until, str) and until > stamp:
            found.append(secret_of(str(doc["full_name"]), str(doc["webhook_previous_nonce"])))
    config = settings()
    if config.github_webhook_shared_secret_fallback and config.github_webhook_secret.get_secret_value():
        found.append(config.github_webhook_secret.get_secret_value())
    return found
