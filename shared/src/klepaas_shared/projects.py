"""Projects and their members: who may act on a connected repository or an app deployed by name.

A project is what the console shows as a card. Its id is derived from what it names, so every
door finds the same project without a lookup table: ``repo:<owner>~<repo>`` (lower-case; ``~``
is in no GitHub name and keeps the id one URL path segment) for a connected repository,
``app:<name>`` for an app deployed by name. Whoever connects or first
deploys it owns it; nobody else can claim it again (:meth:`ProjectRepository.claim` is one
create). Roles are ordered: each includes the ones before it.
"""

from __future__ import annotations

import re
from enum import IntEnum
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from .clock import now_iso
from .errors import BadRequest, Conflict, NotFound
from .store import Store, Transaction
from .store.queries import declare_query

COLLECTION = "projects"
NAMESPACE_CLAIMS = "project_namespaces"  # namespace -> the project whose override it is
BY_MEMBER = declare_query(COLLECTION, equal=["member_ids"], arrays=["member_ids"])
declare_query(COLLECTION)  # every project, for admin:read
ProjectKind = Literal["repository", "app"]


class Role(IntEnum):
    """viewer reads; developer deploys, scales, restarts and rolls back outside protected
    environments; approver decides held operations; owner manages members and settings."""

    VIEWER = 1
    DEVELOPER = 2
    APPROVER = 3
    OWNER = 4

    @classmethod
    def parse(cls, value: Any) -> Role:
        if isinstance(value, str) and value.upper() in cls.__members__:
            return cls[value.upper()]
        raise BadRequest(f"role must be one of {', '.join(r.label for r in cls)}")

    @property
    def label(self) -> str:
        return self.name.lower()


class Project(BaseModel):
    """One project: its members (user id -> role name) and its settings."""

    model_config = ConfigDict(extra="ignore")

    id: str
    kind: ProjectKind
    name: str  # "owner/repo" as first connected, or the app name
    owner: str  # who created it (stays an owner unless an owner changes that)
    members: dict[str, str] = Field(default_factory=dict)
    member_ids: list[str] = Field(default_factory=list)  # for "projects of a user" queries
    protected_environments: list[str] | None = None  # None: the platform default
    namespaces: dict[str, str] = Field(default_factory=dict)  # environment -> namespace override
    created_at: str = ""
    updated_at: str = ""

    def role_of(self, user_id: str) -> Role | None:
        found = self.members.get(user_id)
        return Role[found.upper()] if found and found.upper() in Role.__members__ else None

    def owners(self) -> list[str]:
        return [user for user, role in self.members.items() if role == Role.OWNER.label]


def repository_id(owner: str, repo: str) -> str:
    return f"repo:{owner}~{repo}".lower()


def app_id(app: str) -> str:
    return f"app:{app}".lower()


def id_for(*, owner: str = "", repo: str = "", app: str = "") -> str:
    """The project id of a repository (``owner`` + ``repo``) or of an app deployed by name."""
    if owner and repo:
        return repository_id(owner, repo)
    if app:
        return app_id(app)
    raise BadRequest("name the project: github_owner and github_repo, or app_name")


NAMED_OWNER = "_apps"  # how the console lists an app deployed by name: the repository _apps/<app>


def listed_id(owner: str, repo: str) -> str:
    """The project id of a row the console lists as ``owner/repo`` (``_apps/<app>`` for an app by name)."""
    return app_id(repo) if owner == NAMED_OWNER else repository_id(owner, repo)


_ID = re.compile(r"^(repo:[a-z0-9_.-]{1,100}~[a-z0-9_.-]{1,100}|app:[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?)$")


def checked_id(value: str) -> str:
    """A project id from a request, or 400."""
    if not _ID.match(value):
        raise BadRequest("a project id looks like repo:<owner>~<repo> or app:<name> (lower-case)")
    return value


class ProjectRepository:
    """Projects in the store (collection ``projects``)."""

    def __init__(self, store: Store) -> None:
        self._store = store

    def get(self, project_id: str) -> Project | None:
        data = self._store.get(COLLECTION, project_id)
        return None if data is None else Project.model_validate(data)

    def require(self, project_id: str) -> Project:
        found = self.get(project_id)
        if found is None:
            raise NotFound(f"no project {project_id}")
        return found

    def of_member(self, user_id: str) -> list[Project]:
        docs = self._store.query(COLLECTION, [("member_ids", "array_contains", user_id)])
        return [Project.model_validate(d.data) for d in docs]

    def every(self, *, limit: int = 1000) -> list[Project]:
        """Every project (an admin's view)."""
        return [Project.model_validate(d.data) for d in self._store.query(COLLECTION, limit=limit)]

    @staticmethod
    def owned_by(project_id: str, kind: ProjectKind, name: str, owner: str) -> Project:
        """A new project owned by ``owner``, not stored yet (see :meth:`create`)."""
        stamp = now_iso()
        return Project(
            id=project_id,
            kind=kind,
            name=name,
            owner=owner,
            members={owner: Role.OWNER.label},
            member_ids=[owner],
            created_at=stamp,
            updated_at=stamp,
        )

    def create(self, project: Project) -> tuple[Project, bool]:
        """Store ``project`` unless one with its id exists: the stored one, and whether it is new."""
        if self._store.create(COLLECTION, project.id, project.model_dump(mode="json")):
            return project, True
        return self.require(project.id), False

    def claim(self, project_id: str, kind: ProjectKind, name: str, owner: str) -> tuple[Project, bool]:
        """Create the project owned by ``owner``, or return the one that exists (and False)."""
        return self.create(self.owned_by(project_id, kind, name, owner))

    def _change(self, project_id: str, change: Any) -> Project:
        """Read, change and write one project atomically (``change`` may run again on contention)."""

        def run(txn: Transaction) -> Project:
            data = txn.get(COLLECTION, project_id)
            if data is None:
                raise NotFound(f"no project {project_id}")
            project = Project.model_validate(data)
            change(project)
            project.member_ids = sorted(project.members)
            project.updated_at = now_iso()
            txn.set(COLLECTION, project_id, project.model_dump(mode="json"))
            return project

        return self._store.transaction(run)

    def set_role(self, project_id: str, user_id: str, role: Role) -> Project:
        """Add a member or change their role; the last owner cannot step down."""

        def change(project: Project) -> None:
            if project.members.get(user_id) == Role.OWNER.label and role != Role.OWNER and len(project.owners()) < 2:
                raise Conflict("a project keeps at least one owner; make someone else an owner first")
            project.members[user_id] = role.label

        return self._change(project_id, change)

    def remove_member(self, project_id: str, user_id: str) -> Project:
        def change(project: Project) -> None:
            if user_id not in project.members:
                raise NotFound(f"{user_id} is not a member of {project_id}")
            if project.members[user_id] == Role.OWNER.label and len(project.owners()) < 2:
                raise Conflict("a project keeps at least one owner; make someone else an owner first")
            del project.members[user_id]

        return self._change(project_id, change)

    def set_settings(
        self,
        project_id: str,
        *,
        protected_environments: list[str] | None = None,
        namespaces: dict[str, str] | None = None,
    ) -> Project:
        """Change the protected environments and/or the namespace overrides (validated by the caller).

        An override namespace belongs to one project: a claim document per namespace
        (``project_namespaces``), taken and released in the same transaction as the project, so two
        owners racing for one namespace cannot both get it (409 for the second)."""

        def run(txn: Transaction) -> Project:
            data = txn.get(COLLECTION, project_id)
            if data is None:
                raise NotFound(f"no project {project_id}")
            project = Project.model_validate(data)
            before = set(project.namespaces.values())
            after = set(namespaces.values()) if namespaces is not None else before
            claims = {ns: txn.get(NAMESPACE_CLAIMS, ns) for ns in sorted(before | after)}  # reads before writes
            for ns in sorted(after - before):
                holder = (claims[ns] or {}).get("project_id")
                if holder and holder != project_id:
                    raise Conflict(f"namespace {ns} is already used by another project; choose another")
            if protected_environments is not None:
                project.protected_environments = sorted(set(protected_environments))
            if namespaces is not None:
                project.namespaces = dict(namespaces)
            project.updated_at = now_iso()
            txn.set(COLLECTION, project_id, project.model_dump(mode="json"))
            for ns in sorted(after - before):
                txn.set(NAMESPACE_CLAIMS, ns, {"project_id": project_id, "claimed_at": project.updated_at})
            for ns in sorted(before - after):
                if (claims[ns] or {}).get("project_id") == project_id:
                    txn.delete(NAMESPACE_CLAIMS, ns)
            return project

        return self._store.transaction(run)

    def delete(self, project_id: str) -> None:
        """Forget the project, and free the namespaces it had claimed."""
        project = self.get(project_id)
        for ns in sorted(set(project.namespaces.values()) if project else ()):
            if (self._store.get(NAMESPACE_CLAIMS, ns) or {}).get("project_id") == project_id:
                self._store.delete(NAMESPACE_CLAIMS, ns)
        self._store.delete(COLLECTION, project_id)
