"""`?watch=true`: newline-delimited JSON events from a resourceVersion, until `timeoutSeconds`."""

from __future__ import annotations

import json
import time

from .errors import ApiError, bad_request
from .http import Request, Response, Write
from .listing import matcher
from .meta import Obj, namespace_of
from .resources import Kind
from .selectors import Match
from .store import Change, Store

DEFAULT_TIMEOUT_S = 1800


def _event(kind: str, obj: Obj) -> bytes:
    return json.dumps({"type": kind, "object": obj}).encode() + b"\n"


def _translate(change: Change, kind: Kind, namespace: str | None, match: Match) -> bytes | None:
    if change.kind is not kind or (namespace is not None and namespace_of(change.obj) != namespace):
        return None
    now, before = match(change.obj), change.old is not None and match(change.old)
    if change.type == "MODIFIED":
        if now and before:
            return _event("MODIFIED", change.obj)
        if now or before:
            return _event("ADDED" if now else "DELETED", change.obj)
        return None
    return _event(change.type, change.obj) if now else None


def watch_response(store: Store, kind: Kind, namespace: str | None, request: Request) -> Response:
    match = matcher(kind, request)
    timeout_s = request.integer("timeoutSeconds") or DEFAULT_TIMEOUT_S
    since = request.query.get("resourceVersion") or "0"
    if not since.isdigit():
        raise bad_request(f"invalid resource version: {since!r}")

    def run(write: Write) -> None:
        deadline = time.monotonic() + timeout_s
        with store.lock:
            if since == "0":
                cursor = store.resource_version
                initial = [_event("ADDED", obj) for obj in store.list(kind, namespace) if match(obj)]
            else:
                cursor, initial = int(since), []
        for line in initial:
            if not write(line):
                return
        while True:
            with store.changed:
                try:
                    changes = store.changes_since(cursor)
                    while not changes and not store.closed and time.monotonic() < deadline:
                        store.changed.wait(max(0.0, deadline - time.monotonic()))
                        changes = store.changes_since(cursor)
                except ApiError as error:
                    write(_event("ERROR", error.status()))
                    return
            if not changes:
                return
            for change in changes:
                cursor = change.rv
                line = _translate(change, kind, namespace, match)
                if line is not None and not write(line):
                    return

    return Response(200, stream=run)
