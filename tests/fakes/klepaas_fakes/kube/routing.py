"""URL paths to routes (`/api/v1/namespaces/{ns}/pods/{name}/log`, `/apis/apps/v1/...`) and discovery."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from . import resources
from .errors import ApiError
from .resources import Kind, find_kind


@dataclass(frozen=True)
class Route:
    kind: Kind
    namespace: str | None  # None: a cluster-scoped kind, or a list across all namespaces
    name: str | None = None
    subresource: str | None = None

    @property
    def resource(self) -> str:
        return f"{self.kind.plural}/{self.subresource}" if self.subresource else self.kind.plural


def not_found_path() -> ApiError:
    return ApiError(404, "the server could not find the requested resource", "NotFound", {})


def discovery(path: str) -> dict[str, Any] | None:
    parts = [p for p in path.split("/") if p]
    if parts == ["version"]:
        return resources.version_info()
    if parts == ["api"]:
        return resources.core_versions()
    if parts == ["apis"]:
        return resources.api_groups()
    if parts == ["api", "v1"]:
        return resources.resource_list("", "v1")
    if len(parts) == 2 and parts[0] == "apis" and parts[1] in resources.GROUPS:
        return resources.api_group(parts[1])
    if len(parts) == 3 and parts[0] == "apis" and resources.GROUPS.get(parts[1]) == parts[2]:
        return resources.resource_list(parts[1], parts[2])
    return None


def parse(path: str) -> Route:
    parts = [p for p in path.split("/") if p]
    if parts[:2] == ["api", "v1"]:
        group, version, rest = "", "v1", parts[2:]
    elif len(parts) >= 3 and parts[0] == "apis":
        group, version, rest = parts[1], parts[2], parts[3:]
    else:
        raise not_found_path()
    if len(rest) >= 3 and rest[0] == "namespaces":
        kind = find_kind(group, version, rest[2])
        if kind is not None and kind.namespaced and len(rest) <= 5:
            name = rest[3] if len(rest) > 3 else None
            return Route(kind, rest[1], name, rest[4] if len(rest) > 4 else None)
    kind = find_kind(group, version, rest[0]) if rest else None
    if kind is None or len(rest) > 3 or (kind.namespaced and len(rest) > 1):
        raise not_found_path()
    if len(rest) == 3 and rest[2] not in kind.subresources:
        raise not_found_path()
    return Route(kind, None, rest[1] if len(rest) > 1 else None, rest[2] if len(rest) > 2 else None)
