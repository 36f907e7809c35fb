"""Bearer-token authentication and a small RBAC authorizer: a deny list, or an allow-only rule set."""

from __future__ import annotations

import threading
from dataclasses import dataclass

from .errors import ApiError


@dataclass(frozen=True)
class Attributes:
    verb: str  # get, list, watch, create, update, patch, delete, deletecollection
    group: str
    resource: str  # `pods`, or with a subresource `pods/log`
    namespace: str | None
    name: str | None


@dataclass(frozen=True)
class Rule:
    """Like an RBAC PolicyRule: empty `namespaces` and `groups` mean any; `*` in verbs or resources, any."""

    verbs: frozenset[str]
    resources: frozenset[str]
    groups: frozenset[str] = frozenset()
    namespaces: frozenset[str] = frozenset()

    def covers(self, attrs: Attributes) -> bool:
        return (
            (attrs.verb in self.verbs or "*" in self.verbs)
            and (attrs.resource in self.resources or "*" in self.resources)
            and (not self.groups or attrs.group in self.groups)
            and (not self.namespaces or attrs.namespace in self.namespaces)
        )


def rule(
    verbs: str | list[str],
    resources: str | list[str],
    *,
    groups: list[str] | None = None,
    namespaces: list[str] | None = None,
) -> Rule:
    def as_set(value: str | list[str] | None) -> frozenset[str]:
        return frozenset([value] if isinstance(value, str) else value or [])

    return Rule(as_set(verbs), as_set(resources), as_set(groups), as_set(namespaces))


class Authorizer:
    def __init__(self, token: str, user: str) -> None:
        self.token, self.user = token, user
        self._lock = threading.Lock()
        self._deny: list[Rule] = []
        self._allow: list[Rule] | None = None

    def authenticate(self, header: str | None) -> None:
        scheme, _, presented = (header or "").partition(" ")
        if scheme.lower() != "bearer" or presented.strip() != self.token:
            raise ApiError(401, "Unauthorized", "Unauthorized")

    def deny(self, *rules: Rule) -> None:
        with self._lock:
            self._deny.extend(rules)

    def allow_only(self, *rules: Rule) -> None:
        with self._lock:
            self._allow = list(rules)

    def reset(self) -> None:
        with self._lock:
            self._deny, self._allow = [], None

    def authorize(self, attrs: Attributes) -> None:
        with self._lock:
            denied = any(r.covers(attrs) for r in self._deny)
            if self._allow is not None and not any(r.covers(attrs) for r in self._allow):
                denied = True
        if denied:
            raise forbidden(self.user, attrs)


def forbidden(user: str, attrs: Attributes) -> ApiError:
    plural, _, _ = attrs.resource.partition("/")
    qualified = f"{plural}.{attrs.group}" if attrs.group else plural
    subject = f'{qualified} "{attrs.name}"' if attrs.name else qualified
    scope = f'in the namespace "{attrs.namespace}"' if attrs.namespace else "at the cluster scope"
    message = (
        f'{subject} is forbidden: User "{user}" cannot {attrs.verb} resource "{attrs.resource}" '
        f'in API group "{attrs.group}" {scope}'
    )
    details: dict[str, str] = {"kind": plural}
    if attrs.name:
        details["name"] = attrs.name
    if attrs.group:
        details["group"] = attrs.group
    return ApiError(403, message, "Forbidden", details)
