"""The console's GitHub endpoints: P1 connected repositories, P2 connect, P4 the auto-deploy
switch, K7 manual deploy (FRONTEND_API.md §1.5 and K7)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from klepaas_shared import audit
from klepaas_shared.auth import ADMIN_READ, ADMIN_WRITE
from klepaas_shared.clock import now_iso
from klepaas_shared.errors import BadRequest, Conflict, NotFound, Unauthorized
from klepaas_shared.http import Req
from klepaas_shared.logs import get_logger, log_fields
from klepaas_shared.policy import Action, enforce
from klepaas_shared.projects import Project, ProjectRepository
from klepaas_shared.projects import repository_id as project_id
from klepaas_shared.records import IntegrationRecord
from klepaas_shared.records.integrations import Integrations
from klepaas_shared.store import get_store

from . import integrations, repo_secrets
from .deploys import Plan, publish, reread_commit, staging_tags
from .github_api import CommitInfo, get_app
from .membership import implied_role
from .settings import settings

log = get_logger("console")
NOT_INSTALLED = (
    "GitHub App이 레포지토리에 설치되어 있지 않습니다. {repo}에 K-Le-PaaS GitHub App을 설치한 뒤 다시 연결하세요."
)


def _name(body: dict[str, Any], *keys: str) -> str:
    for key in keys:
        value = body.get(key)
        if isinstance(value, str) and value.strip() and "/" not in value and len(value) <= 100:
            return value.strip()
    raise BadRequest(f"{keys[0]} is required (a GitHub name without '/')")


def connected(req: Req) -> dict[str, Any]:
    """The repositories of every project the caller belongs to (and any they connected before
    projects); every one for ``admin:read``."""
    store, sub = get_store(), req.user().sub
    found = {int(d["id"]): d for d in Integrations(store).of_user(sub)}
    if req.user().has(ADMIN_READ) or req.user().has(ADMIN_WRITE):
        found.update((int(d["id"]), d) for _, d in Integrations(store).all())
    for project in ProjectRepository(store).of_member(sub):
        if project.kind == "repository":
            owner, _, repo = project.name.partition("/")
            found.update((int(d["id"]), d) for d in Integrations(store).of_repository(owner, repo))
    items = [integrations.console_item(found[k]) for k in sorted(found)]
    return {"repositories": items, "items": items, "total": len(items)}


def _project(store: Any, owner: str, repo: str) -> Project | None:
    """The repository's project; one connected before projects existed is claimed for its first connector."""
    projects = ProjectRepository(store)
    found = projects.get(project_id(owner, repo))
    legacy = Integrations(store).of_repository(owner, repo) if found is None else []
    if legacy:
        found, _ = projects.claim(project_id(owner, repo), "repository", f"{owner}/{repo}", str(legacy[0]["user_id"]))
    return found


def connect(req: Req) -> dict[str, Any]:
    """P2: the caller connects a repository and owns its project; nobody else can connect it again
    (members of its project are told it is connected already)."""
    body, user = req.json(allow_empty=False), req.user()
    owner, repo = _name(body, "owner", "github_owner"), _name(body, "repo", "github_repo")
    store, target = get_store(), f"{owner}/{repo}"
    existing = _project(store, owner, repo)
    if existing is not None:
        enforce(
            store, user, Action.CONNECT, existing, target=target, source="console", implied=implied_role(user, existing)
        )
    if Integrations(store).of_repository(owner, repo):
        raise Conflict(f"{owner}/{repo} is already connected")
    app, installation, html_url, repository_id = get_app(), None, f"https://github.com/{owner}/{repo}", None
    onboarding: dict[str, Any] | None = None
    branch = str(body.get("branch") or settings().deploy_branch)
    if app is not None:
        installation = app.installation_of(owner, repo)
        if installation is None:
            raise Unauthorized(NOT_INSTALLED.format(repo=f"{owner}/{repo}"))
        info = app.call(installation, f"{owner}/{repo}", lambda gh: gh.get_repo(f"{owner}/{repo}").raw_data)
        html_url, repository_id = str(info.get("html_url") or html_url), info.get("id")
        branch = str(body.get("branch") or info.get("default_branch") or branch)
    project, created = ProjectRepository(store).claim(project_id(owner, repo), "repository", target, user.sub)
    if not created:  # someone connected it meanwhile
        enforce(store, user, Action.CONNECT, project, target=target, source="console")
        if Integrations(store).of_repository(owner, repo):
            raise Conflict(f"{owner}/{repo} is already connected")
    doc = integrations.create(
        store,
        user_id=user.sub,
        owner=owner,
        repo=repo,
        branch=branch,
        installation_id=installation,
        html_url=html_url,
        repository_id=repository_id,
    )
    if app is not None and installation is not None and body.get("install_workflow", True) is not False:
        onboarding = _onboard(app, installation, owner, repo)
    audit.record(
        store,
        actor=user.sub,
        action="github.connect",
        target=f"{owner}/{repo}",
        source="console",
        result="success",
        details={"integration_id": doc["id"]},
    )
    return {
        "status": "success",
        "repository": integrations.console_item(doc),
        "onboarding": onboarding,
        "project_id": project.id,
        "webhook": webhook_setup(doc),
    }


def webhook_setup(doc: Mapping[str, Any]) -> dict[str, Any]:
    """What a repository webhook needs, with its secret: shown this once, never again."""
    return {
        "url": repo_secrets.hook_url(),
        "content_type": "application/json",
        "secret": repo_secrets.secret_of(str(doc["full_name"]), str(doc["webhook_nonce"])),
        "note": "store this secret now: it is not shown again (rotate it to get a new one)",
    }


def _onboard(app: Any, installation: int, owner: str, repo: str) -> dict[str, Any]:
    from klepaas_shared.errors import KlepaasError

    from .onboarding import propose_workflow

    try:
        return propose_workflow(app, installation, owner, repo, settings().ci_workflow_path)
    except KlepaasError as exc:  # connecting succeeded; the workflow can be proposed again later
        log.warning("workflow proposal failed", extra=log_fields(repo=f"{owner}/{repo}", error=exc.message))
        return {"status": "failed", "reason": exc.message}


def _owned(req: Req, raw_id: str) -> IntegrationRecord:
    if not raw_id.isdigit() or len(raw_id) > 18:
        raise BadRequest("the integration id must be an integer")
    doc = Integrations(get_store()).get(int(raw_id))
    if doc is None:
        raise NotFound(f"integration {raw_id} does not exist")
    project = _project(get_store(), str(doc["owner"]), str(doc["repo"]))
    who = req.user()
    implied = implied_role(who, project)
    enforce(get_store(), who, Action.CONFIG, project, target=str(doc["full_name"]), source="console", implied=implied)
    return doc


def set_auto_deploy(req: Req) -> dict[str, Any]:
    enabled_arg = (req.args.get("enabled") or "").lower()
    if enabled_arg not in ("true", "false"):
        raise BadRequest("enabled must be true or false")
    doc, enabled = _owned(req, req.params["integration_id"]), enabled_arg == "true"
    store = get_store()
    Integrations(store).update(doc["id"], {"auto_deploy_enabled": enabled, "updated_at": now_iso()})
    audit.record(
        store,
        actor=req.user().sub,
        action="github.auto_deploy",
        target=str(doc["full_name"]),
        source="console",
        result="success",
        details={"enabled": enabled},
    )
    return {"status": "success", "integration_id": doc["id"], "auto_deploy_enabled": enabled}


def manual_deploy(req: Req) -> dict[str, Any]:
    body, user = req.json(allow_empty=False), req.user()
    owner, repo = _name(body, "github_owner", "owner"), _name(body, "github_repo", "repo")
    store = get_store()
    connected_docs = Integrations(store).of_repository(owner, repo)
    if not connected_docs:
        raise NotFound(f"{owner}/{repo} is not connected; connect it first")
    doc = next((d for d in connected_docs if d.get("user_id") == user.sub), connected_docs[0])
    project = _project(store, owner, repo)
    # needs_approval passes: deploy holds a deploy to a protected environment by the same policy
    enforce(
        store,
        user,
        Action.DEPLOY,
        project,
        target=f"{owner}/{repo}",
        source="console",
        environment="staging",
        implied=implied_role(user, project),
    )
    branch = str(body.get("branch") or doc.get("branch") or settings().deploy_branch)
    installation = doc.get("installation_id")
    commit = reread_commit(installation, owner, repo, branch, CommitInfo("", "", "", ""))
    import uuid

    plan = Plan(
        owner,
        repo,
        "staging",
        branch,
        commit,
        staging_tags(commit.sha),
        "manual",
        user.sub,
        installation,
        request_id=uuid.uuid4().hex,
    )
    request = publish(store, plan)
    audit.record(
        store,
        actor=user.sub,
        action="github.manual_deploy",
        target=f"{owner}/{repo}",
        source="console",
        result="accepted",
        details={"request_id": request.request_id, "branch": branch},
    )
    return {
        "status": "success",
        "message": f"{owner}/{repo} ({branch}) 배포를 시작했습니다.",
        "repository": f"{owner}/{repo}",
        "branch": branch,
        "request_id": request.request_id,
        "commit": request.commit.model_dump(),
        "github_deployment_id": request.github_deployment_id,
    }
