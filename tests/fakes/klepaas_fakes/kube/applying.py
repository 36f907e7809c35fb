"""Server-side apply: field managers, ownership in `metadata.managedFields`, and 409 conflicts.

Follows the API server's behaviour (Kubernetes 1.31, sigs.k8s.io/structured-merge-diff) with one
simplification: every list is atomic (owned and replaced as a whole), where the real server merges
lists such as `containers` by their key. Fields a manager applied before and no longer applies are
removed unless another manager owns them.
"""

from __future__ import annotations

import json
from typing import Any

from .errors import ApiError
from .meta import Obj, clone, iso
from .resources import Kind

APPLY = "application/apply-patch+yaml"
Path = tuple[str, ...]
_IDENTITY = {"apiVersion", "kind"}
_META_FIXED = {"name", "namespace", "uid", "resourceVersion", "generation", "creationTimestamp", "managedFields"}


def parse_config(body: bytes) -> Obj:
    """The applied configuration: JSON, or YAML (the media type's name) read with the safe loader."""
    try:
        doc: Any = json.loads(body or b"null")
    except ValueError:
        import yaml  # the kubernetes client depends on PyYAML; loaded only for YAML bodies

        try:
            doc = yaml.safe_load(body)
        except yaml.YAMLError as exc:
            raise ApiError(400, f"error decoding YAML: {exc}") from None
    if not isinstance(doc, dict):
        raise ApiError(400, "the body of an apply patch must be an object")
    return doc


def leaves(obj: Any, prefix: Path = ()) -> set[Path]:
    """The field paths a configuration sets; lists and scalars are leaves."""
    if not isinstance(obj, dict) or (not obj and prefix):
        return {prefix} if prefix else set()
    paths: set[Path] = set()
    for key, value in obj.items():
        if not prefix and key in _IDENTITY | {"status"}:
            continue
        if prefix == ("metadata",) and key in _META_FIXED:
            continue
        paths |= leaves(value, (*prefix, key))
    return paths


def _fields_v1(paths: set[Path]) -> Obj:
    tree: Obj = {}
    for path in sorted(paths):
        node = tree
        for part in path:
            node = node.setdefault(f"f:{part}", {})
    return tree


def _paths_of(fields: Obj, prefix: Path = ()) -> set[Path]:
    if not fields:
        return {prefix} if prefix else set()
    found: set[Path] = set()
    for key, value in fields.items():
        found |= _paths_of(value, (*prefix, key.removeprefix("f:")))
    return found


def _value(obj: Any, path: Path) -> Any:
    for part in path:
        if not isinstance(obj, dict) or part not in obj:
            return _MISSING
        obj = obj[part]
    return obj


_MISSING = object()


def _agrees(wanted: Any, live: Any) -> bool:
    """Whether the live value already says what `wanted` says; fields the server defaulted don't count."""
    if isinstance(wanted, dict) and isinstance(live, dict):
        return all(key in live and _agrees(value, live[key]) for key, value in wanted.items())
    if isinstance(wanted, list) and isinstance(live, list):
        return len(wanted) == len(live) and all(_agrees(w, v) for w, v in zip(wanted, live, strict=True))
    return bool(wanted == live)


def _remove(obj: Obj, path: Path) -> None:
    node: Any = obj
    for part in path[:-1]:
        node = node.get(part) if isinstance(node, dict) else None
    if isinstance(node, dict):
        node.pop(path[-1], None)


def _set(obj: Obj, path: Path, value: Any) -> None:
    node = obj
    for part in path[:-1]:
        if not isinstance(node.get(part), dict):
            node[part] = {}
        node = node[part]
    node[path[-1]] = clone(value)


def ownership(obj: Obj) -> list[Obj]:
    return list(obj.get("metadata", {}).get("managedFields") or [])


def _entry(manager: str, operation: str, kind: Kind, paths: set[Path]) -> Obj:
    return {
        "manager": manager,
        "operation": operation,
        "apiVersion": kind.api_version,
        "time": iso(),
        "fieldsType": "FieldsV1",
        "fieldsV1": _fields_v1(paths),
    }


def _conflict(kind: Kind, name: str, clashes: list[tuple[str, Path]]) -> ApiError:
    causes = [
        {
            "reason": "FieldManagerConflict",
            "message": f'conflict with "{manager}" using {kind.api_version}',
            "field": "." + ".".join(path),
        }
        for manager, path in clashes
    ]
    listed = "\n".join(f"- {c['message']}: {c['field']}" for c in causes)
    count = f"{len(clashes)} conflict" + ("s" if len(clashes) > 1 else "")
    message = f"Apply failed with {count}: {listed}" if len(clashes) > 1 else f"Apply failed with {count}: "
    if len(clashes) == 1:
        message += f"{causes[0]['message']}: {causes[0]['field']}"
    details = {"name": name, "kind": kind.plural, "causes": causes, **({"group": kind.group} if kind.group else {})}
    return ApiError(409, message, "Conflict", details)


def apply(kind: Kind, live: Obj | None, config: Obj, manager: str, *, force: bool) -> Obj:
    """The object after `manager` applies `config` to `live` (None: create); raises 409 on conflicts."""
    applied = leaves(config)
    if live is None:
        obj = clone(config)
        obj.setdefault("metadata", {})["managedFields"] = [_entry(manager, "Apply", kind, applied)]
        return obj
    entries = ownership(live)
    mine = next((e for e in entries if e["manager"] == manager and e["operation"] == "Apply"), None)
    others = [e for e in entries if e is not mine]
    clashes = [
        (entry["manager"], path)
        for entry in others
        for path in sorted(_paths_of(entry.get("fieldsV1") or {}) & applied)
        if not _agrees(_value(config, path), _value(live, path))
    ]
    if clashes and not force:
        raise _conflict(kind, str(config.get("metadata", {}).get("name", "")), clashes)
    obj = clone(live)
    owned_by_others = set().union(*(_paths_of(e.get("fieldsV1") or {}) for e in others)) if others else set()
    for path in _paths_of(mine.get("fieldsV1") or {}) if mine else set():
        if path not in applied and path not in owned_by_others:
            _remove(obj, path)
    for path in applied:
        _set(obj, path, _value(config, path))
    taken = {path for _, path in clashes}
    kept = []
    for entry in others:
        remaining = _paths_of(entry.get("fieldsV1") or {}) - taken
        if remaining:
            kept.append({**entry, "fieldsV1": _fields_v1(remaining)})
    obj["metadata"]["managedFields"] = [*kept, _entry(manager, "Apply", kind, applied)]
    return obj


def record_update(kind: Kind, old: Obj, new: Obj, manager: str) -> None:
    """After a non-apply write to an object under apply management, `manager` owns what it changed."""
    if not ownership(old):
        return
    changed = {path for path in leaves(new) if _value(old, path) != _value(new, path)}
    entries = []
    for entry in ownership(old):
        remaining = _paths_of(entry.get("fieldsV1") or {}) - changed
        if remaining:
            entries.append({**entry, "fieldsV1": _fields_v1(remaining)})
    if changed:
        entries.append(_entry(manager, "Update", kind, changed))
    new.setdefault("metadata", {})["managedFields"] = entries
