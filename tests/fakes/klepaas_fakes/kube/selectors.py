"""Label selectors (equality and set-based) and field selectors, as the API server parses them."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from .errors import bad_request
from .meta import Obj, dig
from .resources import Kind

Match = Callable[[Obj], bool]

_SET_RE = re.compile(r"^([\w./-]+)\s+(in|notin)\s+\(([^)]*)\)$")
_EQ_RE = re.compile(r"^([\w./-]+)\s*(==|!=|=)\s*([\w.-]*)$")
_KEY_RE = re.compile(r"^(!?)([\w./-]+)$")

FIELDS: dict[str, set[str]] = {
    "pods": {"spec.nodeName", "spec.restartPolicy", "spec.schedulerName", "status.phase", "status.podIP"},
    "events": {
        "involvedObject.kind",
        "involvedObject.name",
        "involvedObject.namespace",
        "involvedObject.uid",
        "reason",
        "type",
        "source",
    },
    "namespaces": {"status.phase"},
    "nodes": {"spec.unschedulable"},
    "replicasets": {"status.replicas"},
}


def _split(selector: str) -> list[str]:
    parts, depth, current = [], 0, ""
    for char in selector:
        depth += {"(": 1, ")": -1}.get(char, 0)
        if char == "," and depth == 0:
            parts.append(current.strip())
            current = ""
        else:
            current += char
    parts.append(current.strip())
    return [part for part in parts if part]


def _requirement(text: str) -> Callable[[dict[str, str]], bool]:
    if found := _SET_RE.match(text):
        key, op, raw = found.groups()
        values = {v.strip() for v in raw.split(",") if v.strip()}
        if op == "in":
            return lambda labels: labels.get(key) in values
        return lambda labels: labels.get(key) not in values
    if found := _EQ_RE.match(text):
        key, op, value = found.groups()
        if op == "!=":
            return lambda labels: labels.get(key) != value
        return lambda labels: labels.get(key) == value
    if found := _KEY_RE.match(text):
        negate, key = found.groups()
        return lambda labels: (key in labels) != bool(negate)
    raise bad_request(f"unable to parse requirement: found '{text}', expected: in, notin, =, ==, !=")


def parse_labels(selector: str | None) -> Callable[[dict[str, str]], bool]:
    requirements = [_requirement(part) for part in _split(selector or "")]
    return lambda labels: all(req(labels) for req in requirements)


def label_match(selector: str | None) -> Match:
    matches = parse_labels(selector)
    return lambda obj: matches(obj.get("metadata", {}).get("labels") or {})


def field_match(kind: Kind, selector: str | None) -> Match:
    checks: list[tuple[str, bool, str]] = []
    for part in _split(selector or ""):
        found = re.match(r"^([\w.]+)\s*(==|!=|=)\s*(.*)$", part)
        if not found:
            raise bad_request(f"invalid selector: '{selector}'; can't understand '{part}'")
        path, op, value = found.groups()
        if path not in {"metadata.name", "metadata.namespace"} | FIELDS.get(kind.plural, set()):
            raise bad_request(f"field label not supported: {path}")
        checks.append((path, op == "!=", value))

    def matches(obj: Obj) -> bool:
        return all((_text(dig(obj, path)) == value) != negate for path, negate, value in checks)

    return matches


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else str(value)


def selector_matches(selector: Obj | None, labels: dict[str, str]) -> bool:
    """A `metav1.LabelSelector` (matchLabels and matchExpressions) against a label map."""
    if not selector:
        return False
    for key, value in (selector.get("matchLabels") or {}).items():
        if labels.get(key) != value:
            return False
    for expr in selector.get("matchExpressions") or []:
        key, op, values = expr["key"], expr["operator"], set(expr.get("values") or [])
        ok = {
            "In": labels.get(key) in values,
            "NotIn": labels.get(key) not in values,
            "Exists": key in labels,
            "DoesNotExist": key not in labels,
        }.get(op, False)
        if not ok:
            return False
    return True


def selector_string(selector: Obj | None) -> str:
    """The text form of a LabelSelector, as the scale subresource reports it."""
    selector = selector or {}
    parts = [f"{k}={v}" for k, v in sorted((selector.get("matchLabels") or {}).items())]
    for expr in selector.get("matchExpressions") or []:
        op, key, values = expr["operator"], expr["key"], ",".join(sorted(expr.get("values") or []))
        parts.append({"In": f"{key} in ({values})", "NotIn": f"{key} notin ({values})"}.get(op, key))
        if op == "DoesNotExist":
            parts[-1] = f"!{key}"
    return ",".join(parts)
