"""What an apply would change: the leaf fields that differ between the live object and the dry
run's result, with a Secret's values never shown (only that a key was added, changed or removed)."""

from __future__ import annotations

from typing import Any

Json = dict[str, Any]
_VOLATILE_META = {"resourceVersion", "uid", "creationTimestamp", "generation", "managedFields"}
_MISSING = object()


def _comparable(obj: Json | None) -> Json:
    if obj is None:
        return {}
    meta = {k: v for k, v in (obj.get("metadata") or {}).items() if k not in _VOLATILE_META}
    return {k: v for k, v in obj.items() if k not in ("status", "metadata")} | {"metadata": meta}


def _leaves(value: Any, path: str, out: dict[str, Any]) -> None:
    if isinstance(value, dict) and value:
        for key, inner in value.items():
            _leaves(inner, f"{path}.{key}" if path else str(key), out)
    else:
        out[path] = value


def diff(live: Json | None, result: Json, *, secret: bool) -> list[Json]:
    """``[{"path", "op": add|change|remove, "before", "after"}]``, sorted by path."""
    before: dict[str, Any] = {}
    after: dict[str, Any] = {}
    _leaves(_comparable(live), "", before)
    _leaves(_comparable(result), "", after)
    changes: list[Json] = []
    for path in sorted(set(before) | set(after)):
        old, new = before.get(path, _MISSING), after.get(path, _MISSING)
        if old == new:
            continue
        op = "add" if old is _MISSING else "remove" if new is _MISSING else "change"
        change: Json = {"path": path, "op": op}
        hidden = secret and path.split(".", 1)[0] in ("data", "stringData")
        if old is not _MISSING:
            change["before"] = "(hidden)" if hidden else old
        if new is not _MISSING:
            change["after"] = "(hidden)" if hidden else new
        changes.append(change)
    return changes
