"""The deploy function's doors ask :mod:`klepaas_shared.policy`: which project an operation acts
on, and whether the caller may act on it. Nothing here decides on its own."""

from __future__ import annotations

from typing import Any

from klepaas_shared import audit
from klepaas_shared.auth import ADMIN_READ, ADMIN_WRITE, DEPLOY_EXECUTE, Principal
from klepaas_shared.errors import Forbidden, NotFound
from klepaas_shared.namespaces import is_system
from klepaas_shared.policy import Action, Decision, enforce
from klepaas_shared.projects import Project, ProjectRepository, app_id, id_for
from klepaas_shared.records.deployments import Deployments
from klepaas_shared.store import Store
from klepaas_shared.text import particle

from ..cluster.workloads import read_deployment
from ..pipeline.refs import NAMED, AppRef, resolve
from .context import Ctx
from .github_members import implied_role

ACTIONS = {"deploy": Action.DEPLOY, "scale": Action.SCALE, "restart": Action.RESTART, "rollback": Action.ROLLBACK}


def project_id(ref: AppRef) -> str:
    """An app deployed by name (recorded as the repository ``_apps/<app>``) is the project
    ``app:<app>``; a repository is ``repo:<owner>~<repo>``."""
    if ref.owner == NAMED:
        return app_id(ref.repo)
    return id_for(owner=ref.owner, repo=ref.repo, app=ref.app)


_REPOSITORY_KEYS = ("github_owner", "github_repo", "owner", "repo")


def by_repository_name(ctx: Ctx, who: Principal, args: dict[str, Any]) -> dict[str, Any]:
    """``args`` naming an app by its repository's name ("sample-app" for K-Le-PaaS/sample-app, which
    runs as ``k-le-paas-sample-app``) name that repository, when exactly one project ``who`` belongs
    to is a repository of that name and no app was deployed by that name: people call an app what its
    repository is called. The name is the app's, or, when no app is named, the pod's the user said
    ("sample-app pod 상태": a read of a pod or app by that name, which is the app's pods). Otherwise
    (none, two owners' repositories of one name, an app by name) ``args`` are kept as they are."""
    key = "app_name" if args.get("app_name") else "pod_name"
    name = args.get(key)
    if not isinstance(name, str) or not name or any(args.get(other) for other in _REPOSITORY_KEYS):
        return args
    projects = ProjectRepository(ctx.store)
    if projects.get(app_id(name)) is not None:
        return args
    named = _repositories_named(ctx, who, projects, name)
    if len(named) != 1:
        return args
    ((owner, repo),) = named
    rest = {other: value for other, value in args.items() if other != key}
    return {**rest, "github_owner": owner, "github_repo": repo}


def _repositories_named(ctx: Ctx, who: Principal, projects: ProjectRepository, name: str) -> set[tuple[str, str]]:
    """The repositories called ``name`` that ``who`` reads as their own: those of the projects they belong to, and,
    for ``admin:read`` (which reads every app), every repository deployed under that name, connected or not."""
    found = {
        (owner, repo)
        for owner, _, repo in (project.name.partition("/") for project in projects.of_member(who.sub))
        if repo.lower() == name.lower()
    }
    if who.has(ADMIN_READ):
        deployed = Deployments(ctx.store).of_repositories_named(name)
        found |= {(str(d["owner"]), str(d["repo"])) for d in deployed if d.get("owner") not in (None, "", NAMED)}
    return found


def project_of(store: Store, ref: AppRef) -> Project | None:
    return ProjectRepository(store).get(project_id(ref))


def mutation(ctx: Ctx, who: Principal, kind: str, args: dict[str, Any]) -> Decision:
    """403 unless ``who`` may run ``kind``; sets ``ctx.project``.

    The first deploy of an app by name creates its project, owned by the deployer (a repository's
    project comes from connecting it). The project is stored only once the policy allows the deploy
    against it, and never on a dry run: a refused deploy owns nothing. An app that already runs
    without a project was put there by someone else, so only ``admin:write`` may adopt it.
    """
    ref = resolve(args, ctx.settings)
    named = ref.namespace if args.get("namespace") else None
    projects = ProjectRepository(ctx.store)
    project = projects.get(project_id(ref))
    claiming = (
        project is None
        and kind == "deploy"
        and ref.owner in ("", NAMED)
        and who.has(DEPLOY_EXECUTE)
        and not (named and is_system(named, ctx.settings))
    )
    if claiming:
        project = ProjectRepository.owned_by(project_id(ref), "app", ref.app, who.sub)
    decision = _decide(ctx, who, kind, ref, project, named)
    if claiming and project is not None:
        _refuse_adopting_a_running_app(ctx, who, ref)
        if not ctx.dry_run:
            project, created = projects.create(project)
            if not created:  # someone claimed it meanwhile: their project decides
                decision = _decide(ctx, who, kind, ref, project, named)
    ctx.project = project
    return decision


def _decide(ctx: Ctx, who: Principal, kind: str, ref: AppRef, project: Project | None, named: str | None) -> Decision:
    return enforce(
        ctx.store,
        who,
        ACTIONS[kind],
        project,
        target=ref.repository,
        source=ctx.source,
        environment=ref.environment,
        namespace=named,
        implied=implied_role(ctx.settings, who, project),
        settings=ctx.settings,
        check=ctx.dry_run,
    )


def _refuse_adopting_a_running_app(ctx: Ctx, who: Principal, ref: AppRef) -> None:
    """403 when ``ref``'s deployment already runs (no project: K-Le-PaaS did not create it) and
    ``who`` lacks ``admin:write``; on the dry-run target nothing runs."""
    if who.has(ADMIN_WRITE):
        return
    kube = ctx.kube(ref)
    if kube is None:
        return
    try:
        read_deployment(kube, ref)
    except NotFound:
        return
    audit.record(
        ctx.store,
        actor=who.sub,
        action="policy.deploy",
        target=ref.repository,
        source=ctx.source,
        result="denied",
        details={"project": project_id(ref), "namespace": ref.namespace, "reason": "unmanaged_app"}
        | ({"check": True} if ctx.dry_run else {}),
        via=who.via_service,
    )
    reason = (
        f"{ref.app} already runs in {ref.namespace} and belongs to no project: an administrator must adopt it"
        " (or deploy under a new name)"
    )
    reason_ko = (
        f"{particle(ref.app, '은')} 프로젝트 없이 {ref.namespace}에서 이미 실행 중입니다. 관리자만 가져올 수 있습니다"
    )
    raise Forbidden(reason, details={"code": "unmanaged_app", "reason": reason, "reason_ko": reason_ko})


def read(ctx: Ctx, who: Principal, args: dict[str, Any]) -> None:
    """Reads need ``admin:read`` for a system namespace; a named app's project gives its namespace,
    and only its members (or ``admin:read``) read it."""
    namespace = args.get("namespace")
    if isinstance(namespace, str) and namespace:
        enforce(ctx.store, who, Action.READ, None, target=namespace, source=ctx.source, namespace=namespace)
    if any(args.get(k) for k in ("github_owner", "github_repo", "owner", "repo", "app_name")):
        ctx.project = read_project(ctx.store, who, resolve(args, ctx.settings), ctx.source)


def readable_rows(ctx: Ctx, who: Principal, data: Any) -> Any:
    """A list's rows in the namespaces ``who`` may read: one spanning namespaces (``all_namespaces``,
    or ingresses without a namespace) drops the rows of system namespaces unless ``who`` holds
    ``admin:read``, as a read naming such a namespace is refused (:func:`read`). Its totals follow."""
    if who.has(ADMIN_READ) or not isinstance(data, dict) or not isinstance(data.get("items"), list):
        return data
    items: list[Any] = data["items"]
    kept = [i for i in items if not (isinstance(i, dict) and is_system(str(i.get("namespace") or ""), ctx.settings))]
    if len(kept) == len(items):
        return data
    counts = {
        phase: sum(1 for i in kept if str(i.get("phase", "")).lower() == phase)
        for phase in ("running", "pending", "failed")
        if phase in data
    }
    return {**data, "items": kept, "total": len(kept), **counts}


def read_project(store: Store, who: Principal, ref: AppRef, source: str = "console") -> Project | None:
    """The project of ``ref`` if ``who`` may read it (403 for a non-member); None when it has none."""
    project = project_of(store, ref)
    if project is not None:
        enforce(store, who, Action.READ, project, target=ref.repository, source=source)
    return project
