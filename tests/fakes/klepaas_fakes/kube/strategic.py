"""Strategic merge patch: a merge patch in which lists of objects merge by their key (`name` for containers).

Covers what kubectl and the Python client send for built-in kinds: merge keys by field name, `$patch:
replace|delete` (maps and list items), `$retainKeys`, `$setElementOrder/<field>` and
`$deleteFromPrimitiveList/<field>`.
"""

from __future__ import annotations

import copy
from typing import Any

MERGE_KEYS: dict[str, str] = {
    "containers": "name",
    "initContainers": "name",
    "ephemeralContainers": "name",
    "env": "name",
    "volumes": "name",
    "volumeMounts": "mountPath",
    "volumeDevices": "devicePath",
    "imagePullSecrets": "name",
    "hostAliases": "ip",
    "conditions": "type",
    "ownerReferences": "uid",
    "topologySpreadConstraints": "topologyKey",
    "addresses": "type",
    "resourceClaims": "name",
}
SET_LISTS = {"finalizers"}
_ORDER = "$setElementOrder/"
_DELETE_FROM = "$deleteFromPrimitiveList/"


def _merge_key(field: str, items: list[Any]) -> str | None:
    if field == "ports":
        sample = next((item for item in items if isinstance(item, dict)), {})
        return "containerPort" if "containerPort" in sample else "port"
    return MERGE_KEYS.get(field)


def _clean(value: Any) -> Any:
    """Strip directives from a value that is inserted as is."""
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items() if not k.startswith("$")}
    if isinstance(value, list):
        return [_clean(item) for item in value]
    return value


def _merge_list(field: str, target: list[Any], patch: list[Any]) -> list[Any]:
    key = _merge_key(field, patch or target)
    if field in SET_LISTS:
        return list(target) + [item for item in patch if item not in target]
    if key is None or not all(isinstance(item, dict) for item in patch):
        return _clean(patch)
    if any(item.get("$patch") == "replace" for item in patch):
        return [_clean(item) for item in patch if item.get("$patch") != "replace"]
    result = copy.deepcopy(target)
    for item in patch:
        index = next((i for i, old in enumerate(result) if old.get(key) == item.get(key)), None)
        if item.get("$patch") == "delete":
            if index is not None:
                result.pop(index)
        elif index is None:
            result.append(_clean(item))
        else:
            result[index] = strategic_merge(result[index], item)
    return result


def _reorder(items: list[Any], order: list[Any], key: str | None) -> list[Any]:
    def rank(item: Any) -> int:
        probe = item.get(key) if key and isinstance(item, dict) else item
        for position, wanted in enumerate(order):
            wanted_value = wanted.get(key) if key and isinstance(wanted, dict) else wanted
            if wanted_value == probe:
                return position
        return len(order)

    return sorted(items, key=rank)


def strategic_merge(target: Any, patch: Any) -> Any:
    if not isinstance(patch, dict):
        return _clean(patch)
    if patch.get("$patch") == "replace":
        return _clean(patch)
    result = copy.deepcopy(target) if isinstance(target, dict) else {}
    for field, value in patch.items():
        if field.startswith(_DELETE_FROM):
            name = field[len(_DELETE_FROM) :]
            result[name] = [item for item in result.get(name) or [] if item not in value]
        elif field.startswith("$"):
            continue
        elif value is None or (isinstance(value, dict) and value.get("$patch") == "delete"):
            result.pop(field, None)
        elif isinstance(value, list):
            result[field] = _merge_list(field, result.get(field) or [], value)
        else:
            result[field] = strategic_merge(result.get(field), value)
    for field, order in patch.items():
        if field.startswith(_ORDER) and isinstance(result.get(field[len(_ORDER) :]), list):
            name = field[len(_ORDER) :]
            result[name] = _reorder(result[name], order, _merge_key(name, order))
    if "$retainKeys" in patch:
        keep = set(patch["$retainKeys"])
        result = {k: v for k, v in result.items() if k in keep}
    return result
