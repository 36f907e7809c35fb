"""Who may do what: the one authorization function every door asks.

:func:`decide` takes who is calling (a verified :class:`~klepaas_shared.auth.Principal`: user id
and scopes), the action, the project, and where applicable the environment and the namespace, and
answers a :class:`Decision`: allow, deny with a reason (English and Korean), or needs approval.
:func:`enforce` is what a door calls: it raises 403 on a denial and audits every denial and
every use of ``admin:write`` beyond the caller's role.

The rules, in order:

1. the token must hold the action's scope (``read`` to read, ``deploy:execute`` to change);
2. no mutation ever targets a system namespace (:mod:`klepaas_shared.namespaces`), whoever asks;
   reading one needs ``admin:read``; a mutation naming a namespace other than the project's
   derived one is refused;
3. ``admin:write`` may do anything else (audited), yet stays under the four-eyes rule below;
4. otherwise the caller must be a member whose role reaches the action's role;
5. a held operation is decided by someone other than its requester;
6. a mutation in a protected environment (the project's list, else
   ``KLEPAAS_DEPLOY_APPROVAL_ENVIRONMENTS``) needs an approval.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Literal

from .auth import ADMIN_READ, ADMIN_WRITE, DEPLOY_EXECUTE, READ, Principal
from .errors import Forbidden
from .namespaces import derive, is_system
from .projects import Project, Role
from .text import particle

if TYPE_CHECKING:
    from .settings import CommonSettings
    from .store import Store

Verdict = Literal["allow", "deny", "needs_approval"]


class Action(StrEnum):
    READ = "read"
    DEPLOY = "deploy"
    SCALE = "scale"
    RESTART = "restart"
    ROLLBACK = "rollback"
    CONFIG = "config"  # deployment config and the auto-deploy switch
    CONNECT = "connect"  # connect a repository (claims its project)
    DISCONNECT = "disconnect"
    APPROVE = "approve"  # decide a held operation
    MANAGE = "manage"  # members and project settings


MUTATIONS = frozenset({Action.DEPLOY, Action.SCALE, Action.RESTART, Action.ROLLBACK, Action.CONFIG})
ROLE_NEEDED: dict[Action, Role] = {
    Action.READ: Role.VIEWER,
    Action.DEPLOY: Role.DEVELOPER,
    Action.SCALE: Role.DEVELOPER,
    Action.RESTART: Role.DEVELOPER,
    Action.ROLLBACK: Role.DEVELOPER,
    Action.CONFIG: Role.DEVELOPER,
    Action.CONNECT: Role.DEVELOPER,
    Action.APPROVE: Role.APPROVER,
    Action.DISCONNECT: Role.OWNER,
    Action.MANAGE: Role.OWNER,
}


@dataclass(frozen=True)
class Decision:
    verdict: Verdict
    reason: str = ""
    reason_ko: str = ""
    admin_override: bool = False  # allowed only because of admin:write

    @property
    def allowed(self) -> bool:
        return self.verdict != "deny"

    @property
    def message(self) -> str:
        """The refusal as the console and the chat show it: English, then Korean."""
        return f"{self.reason} ({self.reason_ko})" if self.reason_ko else self.reason


def _deny(reason: str, reason_ko: str) -> Decision:
    return Decision("deny", reason, reason_ko)


def protected_environments(project: Project | None, settings: CommonSettings) -> frozenset[str]:
    if project is not None and project.protected_environments is not None:
        return frozenset(project.protected_environments)
    return frozenset(e.strip() for e in settings.deploy_approval_environments.split(",") if e.strip())


def decide(
    who: Principal,
    action: Action,
    project: Project | None,
    *,
    environment: str | None = None,
    namespace: str | None = None,
    requested_by: str | None = None,
    implied: Role | None = None,
    settings: CommonSettings | None = None,
) -> Decision:
    """Allow, deny (with a reason) or require an approval for ``who`` doing ``action`` on ``project``.

    ``implied`` is a role held without being a member: push or admin access to the repository on
    GitHub, checked through the App, makes a developer."""
    from .settings import common

    settings = settings or common()
    scope = READ if action == Action.READ else DEPLOY_EXECUTE
    if not who.has(scope):
        return _deny(f"this token lacks the scope {scope}", f"이 토큰에는 {scope} 권한이 없습니다")
    if namespace:
        if is_system(namespace, settings):
            if action != Action.READ:
                return _deny(
                    f"{namespace} is a system namespace; nothing may change it through K-Le-PaaS",
                    f"{particle(namespace, '은')} 시스템 네임스페이스라 변경할 수 없습니다",
                )
            if not who.has(ADMIN_READ):
                return _deny(
                    f"reading the system namespace {namespace} needs admin:read",
                    f"시스템 네임스페이스 {particle(namespace, '을')} 조회하려면 admin:read 권한이 필요합니다",
                )
        elif action in MUTATIONS and environment and namespace != derive(project, environment, settings):
            expected = derive(project, environment, settings)
            return _deny(
                f"{environment} apps of this project live in the namespace {expected}, not {namespace}",
                f"이 프로젝트의 {environment} 앱은 {particle(namespace, '이')} 아니라"
                f" {expected} 네임스페이스에 있습니다",
            )
    if action == Action.APPROVE and requested_by and requested_by == who.sub:
        return _deny(
            "you asked for this operation; another approver must decide it",
            "직접 요청한 작업은 승인할 수 없습니다. 다른 승인자가 결정해야 합니다",
        )
    admin = who.has(ADMIN_WRITE) if action != Action.READ else who.has(ADMIN_READ) or who.has(ADMIN_WRITE)
    role = project.role_of(who.sub) if project is not None else None
    if project is not None and implied is not None and (role is None or implied > role):
        role = implied
    needed = ROLE_NEEDED[action]
    override = False
    if project is None:
        if action not in (Action.READ, Action.CONNECT) and not admin:
            return _deny(
                "this repository is not connected to K-Le-PaaS; connect it first",
                "이 레포지토리는 K-Le-PaaS에 연결되어 있지 않습니다. 먼저 연결하세요",
            )
        override = admin and action not in (Action.READ, Action.CONNECT)
    elif role is None or role < needed:
        if not admin:
            if role is None:
                return _deny(
                    f"you are not a member of the project {project.name}; ask one of its owners to add you",
                    f"{project.name} 프로젝트의 구성원이 아닙니다. 프로젝트 소유자에게 추가를 요청하세요",
                )
            return _deny(
                f"your role in {project.name} is {role.label}; this needs {needed.label}",
                f"{project.name}에서의 역할은 {role.label}입니다. 이 작업에는 {needed.label} 역할이 필요합니다",
            )
        override = True
    if action in MUTATIONS and environment and environment in protected_environments(project, settings):
        return Decision(
            "needs_approval",
            f"changes to {environment} need an approval by another approver",
            f"{environment} 환경의 변경은 다른 승인자의 승인이 필요합니다",
            admin_override=override,
        )
    return Decision("allow", admin_override=override)


def enforce(
    store: Store,
    who: Principal,
    action: Action,
    project: Project | None,
    *,
    target: str,
    source: str,
    environment: str | None = None,
    namespace: str | None = None,
    requested_by: str | None = None,
    implied: Role | None = None,
    settings: CommonSettings | None = None,
    check: bool = False,
) -> Decision:
    """:func:`decide`, then 403 on a denial; denials and admin overrides are audited.

    ``check``: asked by a dry run, before anything is confirmed or done. A denial is still audited
    (marked ``check``: the request was refused before it ran), an admin override is not (nothing was
    overridden yet; the real run audits it)."""
    from . import audit

    decision = decide(
        who,
        action,
        project,
        environment=environment,
        namespace=namespace,
        requested_by=requested_by,
        implied=implied,
        settings=settings,
    )
    if decision.verdict == "deny" or (decision.admin_override and not check):
        audit.record(
            store,
            actor=who.sub,
            action=f"policy.{action.value}",
            target=target,
            source=source,
            result="denied" if decision.verdict == "deny" else "admin_override",
            details={
                "project": project.id if project else "",
                "environment": environment or "",
                "namespace": namespace or "",
                "reason": decision.reason,
            }
            | ({"check": True} if check else {}),
            via=who.via_service,
        )
    if decision.verdict == "deny":
        raise Forbidden(decision.message, details={"reason": decision.reason, "reason_ko": decision.reason_ko})
    return decision


class Visibility:
    """Which rows of a list across projects ``who`` may see (the console's dashboards and lists).

    ``admin:read`` (or ``admin:write``) sees every row; anyone else sees the projects they are a
    member of, plus rows of no project at all (what :func:`decide` lets any reader read). The
    project lookups are kept for the one request the object lives for.
    """

    def __init__(self, store: Store, who: Principal) -> None:
        from .projects import ProjectRepository

        self._everything = who.has(ADMIN_READ) or who.has(ADMIN_WRITE)
        self._projects = ProjectRepository(store)
        self._mine = frozenset() if self._everything else frozenset(p.id for p in self._projects.of_member(who.sub))
        self._unowned: dict[str, bool] = {}

    @property
    def everything(self) -> bool:
        return self._everything

    def sees(self, project_id: str) -> bool:
        if self._everything or project_id in self._mine:
            return True
        if project_id not in self._unowned:
            self._unowned[project_id] = self._projects.get(project_id) is None
        return self._unowned[project_id]

    def sees_listed(self, owner: str, repo: str) -> bool:
        """A row listed as ``owner/repo`` (``_apps/<app>`` for an app deployed by name)."""
        from .projects import listed_id

        return self.sees(listed_id(owner, repo))
