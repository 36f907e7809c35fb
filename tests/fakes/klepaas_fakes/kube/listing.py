"""List responses: selectors, `limit` and `continue` pagination, and the `{Kind}List` envelope."""

from __future__ import annotations

import base64
import json

from .errors import bad_request
from .http import Request
from .meta import Obj, name_of, namespace_of
from .resources import Kind
from .selectors import Match, field_match, label_match
from .store import Store


def matcher(kind: Kind, request: Request) -> Match:
    by_label = label_match(request.query.get("labelSelector"))
    by_field = field_match(kind, request.query.get("fieldSelector"))
    return lambda obj: by_label(obj) and by_field(obj)


def _token(rv: str, key: str) -> str:
    raw = json.dumps({"v": "meta.k8s.io/v1", "rv": rv, "start": key}).encode()
    return base64.urlsafe_b64encode(raw).decode()


def _untoken(token: str) -> tuple[str, str]:
    try:
        data = json.loads(base64.urlsafe_b64decode(token.encode()))
        return str(data["rv"]), str(data["start"])
    except (ValueError, KeyError, TypeError):
        raise bad_request(f"continue key is not valid: {token}") from None


def _key(obj: Obj) -> str:
    return f"{namespace_of(obj)}/{name_of(obj)}"


def list_body(store: Store, kind: Kind, namespace: str | None, request: Request) -> Obj:
    with store.lock:
        rv = str(store.resource_version)
        items = [obj for obj in store.list(kind, namespace) if matcher(kind, request)(obj)]
    token = request.query.get("continue")
    if token:
        rv, start = _untoken(token)
        items = [obj for obj in items if _key(obj) > start]
    meta: Obj = {"resourceVersion": rv}
    limit = request.integer("limit")
    if limit and limit > 0 and len(items) > limit:
        meta["continue"] = _token(rv, _key(items[limit - 1]))
        meta["remainingItemCount"] = len(items) - limit
        items = items[:limit]
    for obj in items:
        obj.pop("kind", None)
        obj.pop("apiVersion", None)
    return {"kind": f"{kind.kind}List", "apiVersion": kind.api_version, "metadata": meta, "items": items}
