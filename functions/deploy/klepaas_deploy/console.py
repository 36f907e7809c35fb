"""Handlers of the console's deployment routes (D1–D5, K1–K6) and the operations API."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from klepaas_shared.auth import ADMIN_READ
from klepaas_shared.clock import now_iso
from klepaas_shared.errors import BadRequest, NotFound
from klepaas_shared.http import Reply, Req
from klepaas_shared.policy import Visibility
from klepaas_shared.records.deployments import Deployments
from klepaas_shared.store import check_client_id, get_store
from klepaas_shared.store.queries import declare_query

from .pipeline.refs import CONFIGS, SCALING_HISTORY, config_id, console_app, dns_name, github_name, resolve
from .settings import deploy_settings
from .views import history as history_views

if TYPE_CHECKING:
    from klepaas_shared.operations import OperationResponse

# The operations engine (and the contracts, approvals and rollbacks it brings) is imported by the
# handlers that run operations, and the doors of the policy (operations.access, policy: projects,
# contracts, cluster targets) by the handlers that ask them: the deployment history (D1-D5)
# answers a cold instance without either.

declare_query(SCALING_HISTORY, equal=["app"], order_by=[("at", "desc")])


def _int(req: Req, name: str, default: int, low: int, high: int) -> int:
    raw = req.args.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise BadRequest(f"{name} must be an integer") from None
    if not low <= value <= high:
        raise BadRequest(f"{name} must be from {low} to {high}")
    return value


def _operate(req: Req, kind: str, args: dict[str, Any]) -> OperationResponse:
    from klepaas_shared.operations import OperationRequest

    from .operations import engine

    body_id = args.pop("operation_id", None)
    key = body_id if isinstance(body_id, str) else req.request.headers.get("Idempotency-Key")
    try:
        request = OperationRequest(type=kind, args=args, operation_id=key, source="console")  # type: ignore[arg-type]
    except ValueError as exc:
        raise BadRequest(f"invalid operation: {exc}") from None
    return engine.run(get_store(), deploy_settings(), request, req.user())


def _repo_args(req: Req, **extra: Any) -> dict[str, Any]:
    args = {k: v for k, v in req.json().items() if k not in ("user_id", "owner", "repo")}
    env = req.args.get("environment")
    return {
        **args,
        **({"environment": env} if env else {}),
        "github_owner": req.params["owner"],
        "github_repo": req.params["repo"],
        **extra,
    }


def dashboard(req: Req) -> dict[str, Any]:
    return history_views.dashboard(get_store(), Visibility(get_store(), req.user()))


def latest(req: Req) -> dict[str, Any]:
    from .views.usage import fill

    seen = Visibility(get_store(), req.user())
    answer = history_views.latest_per_repository(get_store(), deploy_settings().app_domain, seen)
    fill(deploy_settings(), answer["repositories"])
    return answer


def histories(req: Req) -> dict[str, Any]:
    status = req.args.get("status") or None
    if status not in (None, "running", "success", "failed"):
        raise BadRequest("status must be running, success or failed")
    return history_views.listing(
        get_store(),
        Visibility(get_store(), req.user()),
        repository=req.args.get("repository") or None,
        status=status,
        limit=_int(req, "limit", 20, 1, 100),
        offset=_int(req, "offset", 0, 0, 100_000),
    )


def history_item(req: Req) -> dict[str, Any]:
    raw = req.params["deployment_id"]
    if not (raw.isascii() and raw.isdigit()) or len(raw) > 16:  # "²".isdigit() is true; ids are < 2**53
        raise BadRequest("a deployment id is a number")
    doc = Deployments(get_store()).get(int(raw))
    seen = Visibility(get_store(), req.user())
    if doc is None or not (seen.everything or seen.sees_listed(str(doc.get("owner", "")), str(doc.get("repo", "")))):
        raise NotFound(f"no deployment {raw}")  # another project's deployment is not shown to exist
    return {"deployment": history_views.deployment(doc)}


def get_config(req: Req) -> dict[str, Any]:
    from .operations import access

    owner, repo = github_name(req.params["owner"], "owner"), github_name(req.params["repo"], "repo")
    access.read_project(
        get_store(), req.user(), resolve({"github_owner": owner, "github_repo": repo}, deploy_settings())
    )
    latest_docs = Deployments(get_store()).of_repository(owner, repo, limit=1)
    replicas = _live_desired(owner, repo, latest_docs[0] if latest_docs else None)
    if replicas is None:
        saved = get_store().get(CONFIGS, config_id(owner, repo))
        replicas = (saved or {}).get("replica_count")
    if replicas is None:
        replicas = (latest_docs[0]["cluster"]["replicas"].get("desired") if latest_docs else None) or 1
    return {"owner": owner, "repo": repo, "replica_count": int(replicas)}


def _live_desired(owner: str, repo: str, latest: Mapping[str, Any] | None) -> int | None:
    """The app's desired replicas as its cluster has them (kept briefly), where its last deploy went."""
    from .views.usage import live_replicas

    if latest is None:
        return None
    settings = deploy_settings()
    where = {"environment": latest.get("environment") or "staging", "namespace": latest["cluster"].get("namespace")}
    try:
        ref = resolve({"github_owner": owner, "github_repo": repo, **where}, settings)
    except BadRequest:
        return None
    live = live_replicas(settings, ref)
    return None if live is None else live["desired"]


def put_config(req: Req) -> dict[str, Any]:
    from klepaas_shared.policy import Action, enforce

    from .operations import access

    owner, repo = github_name(req.params["owner"], "owner"), github_name(req.params["repo"], "repo")
    value = req.json(allow_empty=False).get("replica_count")
    maximum = deploy_settings().scale_max_replicas
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= maximum:
        raise BadRequest(f"replica_count must be an integer from 0 to {maximum}")
    project = access.project_of(get_store(), resolve({"github_owner": owner, "github_repo": repo}, deploy_settings()))
    enforce(get_store(), req.user(), Action.CONFIG, project, target=f"{owner}/{repo}", source="console")
    get_store().set(
        CONFIGS, config_id(owner, repo), {"replica_count": value, "updated_at": now_iso(), "updated_by": req.user().sub}
    )
    return {"owner": owner, "repo": repo, "replica_count": value}


def rollback_list(req: Req) -> dict[str, Any]:
    from .operations import access, rollbacks
    from .operations.context import Ctx

    ctx = Ctx.of(get_store(), deploy_settings(), req.user())
    access.read(ctx, req.user(), _repo_args(req))
    return rollbacks.candidates(ctx, _repo_args(req))


def _rollback(req: Req, extra_key: str) -> Reply:
    body = req.json(allow_empty=False)
    args = {"github_owner": body.get("owner"), "github_repo": body.get("repo"), extra_key: body.get(extra_key)}
    for optional in ("environment", "operation_id"):
        if optional in body:
            args[optional] = body[optional]
    answer = _operate(req, "rollback", args)
    return Reply(
        {"status": "success", **answer.model_dump(mode="json")},
        202 if answer.operation and answer.operation.status.value == "running" else 200,
    )


def rollback_commit(req: Req) -> Reply:
    return _rollback(req, "target_commit_sha")


def rollback_previous(req: Req) -> Reply:
    return _rollback(req, "steps_back")


def scale(req: Req) -> dict[str, Any]:
    answer = _operate(req, "scale", _repo_args(req))
    return {"status": "success", **answer.model_dump(mode="json")}


def restart(req: Req) -> dict[str, Any]:
    answer = _operate(req, "restart", _repo_args(req))
    return {"status": "success", **answer.model_dump(mode="json")}


def scaling_history(req: Req) -> dict[str, Any]:
    from .operations import access

    ref = resolve({"github_owner": req.params["owner"], "github_repo": req.params["repo"]}, deploy_settings())
    access.read_project(get_store(), req.user(), ref)
    docs = get_store().query(
        SCALING_HISTORY, [("app", "==", ref.app)], order_by=[("at", "desc")], limit=_int(req, "limit", 20, 1, 100)
    )
    return {"owner": ref.owner, "repo": ref.repo, "history": [d.data for d in docs]}


def _app_args(req: Req) -> dict[str, Any]:
    app = console_app(req.params["app"])
    return {"namespace": dns_name(req.params["namespace"], "namespace"), "app_name": dns_name(app, "app")}


def pods(req: Req) -> dict[str, Any]:
    from klepaas_shared.operations import OperationRequest

    from .operations import engine

    args = _app_args(req)
    answer = engine.run(
        get_store(), deploy_settings(), OperationRequest(type="status", args=args, operation_id=None), req.user()
    )
    data = answer.data or {}
    rows = [
        {
            "name": p["name"],
            "phase": p["phase"],
            "ready": p["is_ready"],
            "restarts": p["restarts"],
            "startTime": p["start_time"],
            "status": p["status"],
            "node": p["node"],
        }
        for p in data.get("pods", [])
    ]
    return {
        "status": "success",
        "namespace": args["namespace"],
        "app": args["app_name"],
        "pods": rows,
        "dry_run": bool(data.get("dry_run")),
    }


def logs(req: Req) -> dict[str, Any]:
    from klepaas_shared.operations import OperationRequest

    from .operations import engine

    args = _app_args(req)
    previous = (req.args.get("previous") or "false").lower()
    if previous not in ("true", "false"):
        raise BadRequest("previous must be true or false")
    pod = req.args.get("pod") or args["app_name"]
    run = OperationRequest(
        operation_id=None,
        type="logs",
        args={
            **args,
            "pod_name": dns_name(pod, "pod"),
            "lines": _int(req, "lines", 200, 1, 1000),
            "previous": previous == "true",
        },
    )
    data = engine.run(get_store(), deploy_settings(), run, req.user()).data or {}
    return {
        "status": "success",
        "podName": data.get("pod_name", pod),
        "logs": data.get("logs", ""),
        "lines": data.get("total_lines", 0),
        "podStatus": data.get("pod_status"),
        "warning": data.get("warning"),
        "namespace": args["namespace"],
    }


def run_operation(req: Req) -> OperationResponse:
    from klepaas_shared.operations import OperationRequest

    from .operations import engine

    return engine.run(get_store(), deploy_settings(), req.model(OperationRequest), req.user())


def get_operation(req: Req) -> Any:
    from klepaas_shared.records.operations import Operations

    from .operations import access

    operation_id = check_client_id(req.params["operation_id"], "operation_id")
    operation = Operations(get_store()).get(operation_id)
    if operation.requested_by != req.user().sub:  # the requester always sees their own
        try:
            ref = resolve(operation.args, deploy_settings())
        except BadRequest:  # arguments that never named an app: no project to ask about
            ref = None
        if ref is None:
            req.user().require(ADMIN_READ)  # no project's members to let in: only an admin reads it
        else:
            access.read_project(get_store(), req.user(), ref)
    return operation


def decide_approval(req: Req) -> OperationResponse:
    from klepaas_shared.contracts import ApprovalDecision

    from .operations import approvals

    operation_id = check_client_id(req.params["operation_id"], "operation_id")
    return approvals.decide(get_store(), deploy_settings(), operation_id, req.model(ApprovalDecision), req.user())
