"""Which Kubernetes namespace an app lives in: derived, never chosen by the caller.

The rule: a project's app in an environment lives in

1. the project's own namespace for that environment, if an owner set one (validated here: a
   Kubernetes name, not a system namespace, not one the projects without an override share, and
   not another project's override, which ``ProjectRepository.set_settings`` refuses with 409), else
2. the environment's namespace from ``KLEPAAS_NAMESPACES`` (``{"production": "prod", ...}``), else
3. ``default``.

A request may repeat the derived namespace but never name another one. System namespaces
(``kube-system``, ``kube-public``, ``kube-node-lease``, any ``kube-*``, the platform's own
``KLEPAAS_PLATFORM_NAMESPACE`` and those listed in ``KLEPAAS_SYSTEM_NAMESPACES``) are never the
target of a mutation, whoever asks; reading them needs ``admin:read``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING

from .errors import BadRequest

if TYPE_CHECKING:
    from .projects import Project
    from .settings import CommonSettings

KUBERNETES_SYSTEM = frozenset({"kube-system", "kube-public", "kube-node-lease"})
_DNS = re.compile(r"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")


def system_namespaces(settings: CommonSettings) -> frozenset[str]:
    listed = {n.strip() for n in settings.system_namespaces.split(",") if n.strip()}
    return KUBERNETES_SYSTEM | {settings.platform_namespace} | listed


def is_system(namespace: str, settings: CommonSettings) -> bool:
    """Whether ``namespace`` belongs to Kubernetes or the platform (never a mutation's target)."""
    return namespace.startswith("kube-") or namespace in system_namespaces(settings)


def shared_namespaces(settings: CommonSettings) -> frozenset[str]:
    """Where projects without an override live: ``KLEPAAS_NAMESPACES``' values and ``default``."""
    return frozenset({"default", *settings.namespaces.values()})


def derive(project: Project | None, environment: str, settings: CommonSettings) -> str:
    """The namespace of ``project``'s app in ``environment`` (the rule in this module's docstring)."""
    if project is not None and environment in project.namespaces:
        return project.namespaces[environment]
    return settings.namespaces.get(environment, "default")


def validate_overrides(
    overrides: Mapping[str, object], environments: tuple[str, ...], settings: CommonSettings
) -> dict[str, str]:
    """An owner's per-environment overrides, checked: a known environment, a Kubernetes name,
    not a system namespace. Raises 400 naming the first wrong entry."""
    checked: dict[str, str] = {}
    for environment, namespace in overrides.items():
        if environment not in environments:
            raise BadRequest(f"namespaces: {environment!r} is not an environment ({', '.join(environments)})")
        if not isinstance(namespace, str) or len(namespace) > 63 or not _DNS.match(namespace):
            raise BadRequest(f"namespaces.{environment} must be a Kubernetes name (lower-case letters, digits, '-')")
        if is_system(namespace, settings):
            raise BadRequest(f"namespaces.{environment}: {namespace} is a system namespace and cannot hold apps")
        if namespace in shared_namespaces(settings):
            raise BadRequest(
                f"namespaces.{environment}: {namespace} is shared by every project without an override; choose"
                " a namespace of this project's own"
            )
        checked[environment] = namespace
    return checked
