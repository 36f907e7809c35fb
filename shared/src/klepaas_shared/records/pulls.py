"""Pull requests of connected repositories (collection ``pull_requests``) as GitHub deliveries
report them: webhook writes them, one document per pull request id (the newest delivery wins);
the console's dashboard (D1, served by deploy) lists them without calling GitHub."""

from __future__ import annotations

from typing import cast

from ..clock import now_iso
from ..store import Store
from ..store.queries import declare_query
from . import PULL_REQUESTS, PullRequestRecord

declare_query(PULL_REQUESTS, order_by=[("created_at", "desc")])


class PullRequests:
    """The recorded pull requests on a store."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def record(self, pull: PullRequestRecord) -> None:
        """Keep the pull request unless a newer delivery already described it."""
        saved = self.store.get(PULL_REQUESTS, str(pull["id"]))
        if saved is not None and str(saved.get("updated_at") or "") > str(pull.get("updated_at") or ""):
            return
        self.store.set(PULL_REQUESTS, str(pull["id"]), {**pull, "recorded_at": now_iso()})

    def newest(self, *, limit: int) -> list[PullRequestRecord]:
        """Newest first by creation."""
        docs = self.store.query(PULL_REQUESTS, order_by=[("created_at", "desc")], limit=limit)
        return [cast(PullRequestRecord, d.data) for d in docs]
