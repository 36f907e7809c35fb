"""Redelivering the GitHub App webhook's failed deliveries (a maintenance task).

GitHub does not retry a delivery our receiver failed on; it keeps the attempts for three days and
redelivers one on request (``POST /app/hook/deliveries/{id}/attempts``). A delivery is asked for
again when every attempt of its GUID in the look-back window failed with a status worth retrying
(no answer, 409 while a dead worker's lease was held, 429 or 5xx), our own record of it did not
succeed, and it has had fewer than :data:`MAX_ATTEMPTS` attempts. The receiver's GUID records keep
a redelivery from running twice.
"""

from __future__ import annotations

import re
from collections import defaultdict
from datetime import datetime, timedelta
from typing import Any

from klepaas_shared.clock import now, parse_iso
from klepaas_shared.logs import get_logger, log_fields
from klepaas_shared.store import Store

from . import deliveries
from .github_api import GitHubApp

WINDOW = timedelta(hours=6)
MAX_ATTEMPTS = 4  # GitHub's own attempt and three redeliveries
MAX_PAGES = 10
_NEXT = re.compile(r'<([^>]+)>;\s*rel="next"')
log = get_logger("webhook.redelivery")


def recent_deliveries(app: GitHubApp, since: datetime) -> list[dict[str, Any]]:
    """The App webhook's attempts delivered after ``since`` (newest first, following ``Link``)."""
    found: list[dict[str, Any]] = []
    url: str | None = "/app/hook/deliveries"
    parameters: dict[str, Any] | None = {"per_page": 100}
    for _ in range(MAX_PAGES):
        if url is None:
            break
        headers, page = app.app_request("GET", url, parameters)
        attempts = [d for d in page if isinstance(d, dict)] if isinstance(page, list) else []
        fresh = [d for d in attempts if parse_iso(str(d.get("delivered_at", "1970-01-01T00:00:00Z"))) >= since]
        found.extend(fresh)
        link = _NEXT.search(headers.get("link", headers.get("Link", "")))
        url, parameters = (link.group(1), None) if link and len(fresh) == len(attempts) else (None, None)
    return found


def _retryable(attempt: dict[str, Any]) -> bool:
    # 409: the receiver's answer while another run held the delivery's lease (a worker that died
    # holds it until it runs out); the next pass, a tick later, finds the lease gone.
    code = int(attempt.get("status_code") or 0)
    return code in {0, 409, 429} or code >= 500


def redeliver_failed(app: GitHubApp, store: Store) -> dict[str, int]:
    """Ask GitHub to redeliver what failed; counts of what was asked for and given up."""
    by_guid: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for attempt in recent_deliveries(app, now() - WINDOW):
        by_guid[str(attempt.get("guid", ""))].append(attempt)
    asked = given_up = 0
    for guid, attempts in by_guid.items():
        if not guid or not all(_retryable(a) for a in attempts):
            continue
        if (store.get(deliveries.COLLECTION, guid) or {}).get("status") == "succeeded":
            continue
        if len(attempts) >= MAX_ATTEMPTS:
            given_up += 1
            log.warning("a delivery keeps failing; not redelivering", extra=log_fields(delivery=guid))
            continue
        latest = max(attempts, key=lambda a: (str(a.get("delivered_at", "")), int(a.get("id", 0))))
        app.app_request("POST", f"/app/hook/deliveries/{int(latest['id'])}/attempts")
        asked += 1
    log.info("redelivery pass", extra=log_fields(redelivered=asked, given_up=given_up, seen=len(by_guid)))
    return {"redelivered": asked, "given_up": given_up}
