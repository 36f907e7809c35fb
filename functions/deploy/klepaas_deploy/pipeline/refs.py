"""Which app an operation is about: a repository or an app name, in an environment and namespace."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from klepaas_shared.errors import BadRequest
from klepaas_shared.namespaces import derive

from ..settings import ENVIRONMENTS, DeploySettings

if TYPE_CHECKING:
    from klepaas_shared.projects import Project

_DNS = re.compile(r"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")
_GITHUB = re.compile(r"^[A-Za-z0-9_.-]{1,100}$")
# An app deployed by name has no repository: it is recorded, listed and addressed (the console's
# /deployments/{owner}/{repo}/...) as the repository ``_apps/<app>``. No GitHub login begins with
# "_", so no real repository is ever taken for one.
NAMED = "_apps"
# Per-app records deploy keeps (a scale writes both; the console reads them), keyed from an AppRef.
CONFIGS = "deployment_configs"  # one per repository, under config_id(owner, repo)
SCALING_HISTORY = "scaling_history"


def app_name_of(owner: str, repo: str) -> str:
    """The Kubernetes name of a repository's app: ``lower(owner-repo)`` with dots as dashes
    (an app deployed by name: its own name)."""
    if owner == NAMED:
        return dns_name(repo.lower(), "app name")
    return dns_name(f"{owner}-{repo}".lower().replace(".", "-").replace("_", "-"), "app name")


def console_app(name: str) -> str:
    """The app the console means by ``lower(owner-repo)`` (its logs dialog): ``_apps-web`` is ``web``."""
    return name.removeprefix(f"{NAMED}-")


def config_id(owner: str, repo: str) -> str:
    """The ``deployment_configs`` document of a repository: ``owner:repo`` (a "/" is not allowed in
    a Firestore document id, and GitHub names have no ":")."""
    return f"{owner}:{repo}"


def dns_name(value: str, what: str) -> str:
    if len(value) > 63 or not _DNS.match(value):
        raise BadRequest(f"{what} {value[:80]!r} is not a valid Kubernetes name (lower-case letters, digits, '-')")
    return value


def github_name(value: Any, what: str) -> str:
    if not isinstance(value, str) or not _GITHUB.match(value):
        raise BadRequest(f"{what} must be a GitHub name (letters, digits, '-', '_', '.')")
    return value


@dataclass(frozen=True)
class AppRef:
    app: str
    environment: str
    namespace: str
    owner: str = ""
    repo: str = ""

    @property
    def repository(self) -> str:
        return f"{self.owner}/{self.repo}" if self.owner and self.owner != NAMED else self.app

    @property
    def named(self) -> bool:
        """Deployed by name: no repository to build from."""
        return self.owner == NAMED

    def describe(self) -> str:
        return f"{self.app} in {self.namespace} ({self.environment})"


def environment_of(args: dict[str, Any]) -> str:
    environment = args.get("environment") or "staging"
    if environment not in ENVIRONMENTS:
        raise BadRequest(f"environment must be one of {', '.join(ENVIRONMENTS)}")
    return str(environment)


def resolve(args: dict[str, Any], settings: DeploySettings, project: Project | None = None) -> AppRef:
    """``github_owner`` + ``github_repo`` (or ``owner`` + ``repo``), or ``app_name`` (+ ``environment``).

    The namespace is derived from the project and environment (:mod:`klepaas_shared.namespaces`);
    a mutation naming another one was refused by the policy before it got here, a read may name any."""
    environment = environment_of(args)
    namespace = args.get("namespace") or derive(project, environment, settings)
    namespace = dns_name(str(namespace), "namespace")
    owner, repo = args.get("github_owner") or args.get("owner"), args.get("github_repo") or args.get("repo")
    if owner or repo:
        owner, repo = github_name(owner, "github_owner"), github_name(repo, "github_repo")
        return AppRef(app_name_of(owner, repo), environment, namespace, owner, repo)
    app = args.get("app_name")
    if not isinstance(app, str) or not app:
        raise BadRequest("name the app: github_owner and github_repo, or app_name")
    app = dns_name(app.lower(), "app_name")
    return AppRef(app, environment, namespace, NAMED, app)
