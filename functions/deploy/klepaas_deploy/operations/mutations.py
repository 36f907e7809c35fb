"""Scale (through the scale subresource) and rolling restart (restartedAt annotation)."""

from __future__ import annotations

from typing import Any

from klepaas_shared.clock import now_iso
from klepaas_shared.errors import BadRequest

from ..pipeline.refs import CONFIGS, SCALING_HISTORY, AppRef, config_id, resolve
from . import holds
from .context import Ctx
from .outcome import Outcome, dry_run, where

RESTARTED_AT = "kubectl.kubernetes.io/restartedAt"


def replicas_arg(args: dict[str, Any], maximum: int) -> int:
    value = args.get("replicas")
    if isinstance(value, bool) or not isinstance(value, int):
        raise BadRequest("replicas must be an integer")
    if value < 0:
        raise BadRequest("replicas cannot be negative")
    if value > maximum:
        raise BadRequest(f"replicas {value} is above the policy maximum of {maximum}; ask for {maximum} or fewer")
    return value


def _base(ref: AppRef) -> dict[str, Any]:
    return {**where(ref), "timestamp": now_iso()}


def scale(ctx: Ctx, args: dict[str, Any]) -> Outcome:
    ref = resolve(args, ctx.settings, ctx.project)
    replicas = replicas_arg(args, ctx.settings.scale_max_replicas)
    if holds.required(ctx, ref):
        return holds.hold(ctx, ref, ctx.source)
    kube = ctx.kube(ref)
    data = {**_base(ref), "action": "scale", "new_replicas": replicas, "old_replicas": None}
    plan = [
        {
            "verb": "patch",
            "resource": "deployments/scale",
            "namespace": ref.namespace,
            "name": ref.app,
            "body": {"spec": {"replicas": replicas}},
        }
    ]
    if kube is None or ctx.dry_run:
        if kube is not None:
            current = kube.read(
                kube.apps.read_namespaced_deployment_scale, f"read the scale of {ref.app}", ref.app, ref.namespace
            )
            data["old_replicas"] = int(current.get("spec", {}).get("replicas", 0))
        return dry_run(ref, data, f"would scale {ref.describe()} to {replicas}", "scaled", plan)
    current = kube.read(
        kube.apps.read_namespaced_deployment_scale, f"read the scale of {ref.app}", ref.app, ref.namespace
    )
    old = int(current.get("spec", {}).get("replicas", 0))
    kube.write(
        kube.apps.patch_namespaced_deployment_scale,
        f"scale deployment {ref.app}",
        ref.app,
        ref.namespace,
        {"spec": {"replicas": replicas}},
    )
    ctx.step(f"scaled {ref.app} from {old} to {replicas}")
    ctx.store.set(
        SCALING_HISTORY,
        f"{ref.namespace}.{ref.app}.{data['timestamp']}",
        {
            "owner": ref.owner,
            "repo": ref.repo,
            "app": ref.app,
            "namespace": ref.namespace,
            "old_replicas": old,
            "new_replicas": replicas,
            "requested_by": ctx.actor,
            "at": data["timestamp"],
        },
    )
    if ref.owner:  # D3 reads the desired count from here: the deployments view must show the new one
        ctx.store.set(
            CONFIGS,
            config_id(ref.owner, ref.repo),
            {"replica_count": replicas, "updated_at": data["timestamp"], "updated_by": ctx.actor},
        )
    data["old_replicas"] = old
    return Outcome(ref, data, f"{ref.repository}: {old} → {replicas} replicas", "scaled")


def restart(ctx: Ctx, args: dict[str, Any]) -> Outcome:
    ref = resolve(args, ctx.settings, ctx.project)
    if holds.required(ctx, ref):
        return holds.hold(ctx, ref, ctx.source)
    kube = ctx.kube(ref)
    stamp = ctx.operation.created_at if ctx.operation else now_iso()
    data = _base(ref)
    plan = [
        {
            "verb": "update",
            "resource": "deployments",
            "namespace": ref.namespace,
            "name": ref.app,
            "body": {"spec": {"template": {"metadata": {"annotations": {RESTARTED_AT: stamp}}}}},
        }
    ]
    if kube is None or ctx.dry_run:
        if kube is not None:  # a restart of an app that is not there would fail: say so now
            kube.read(kube.apps.read_namespaced_deployment, f"read deployment {ref.app}", ref.app, ref.namespace)
        return dry_run(ref, data, f"would restart {ref.describe()}", "restarted", plan)

    def change(deployment: dict[str, Any]) -> dict[str, Any] | None:
        template = deployment.setdefault("spec", {}).setdefault("template", {})
        notes = template.setdefault("metadata", {}).setdefault("annotations", {}) or {}
        if notes.get(RESTARTED_AT) == stamp:
            return None  # this operation already restarted it
        notes[RESTARTED_AT] = stamp
        template["metadata"]["annotations"] = notes
        return deployment

    what = f"restart deployment {ref.app}"
    kube.modify(
        lambda: kube.read(kube.apps.read_namespaced_deployment, what, ref.app, ref.namespace),
        change,
        lambda body: kube.write(
            kube.apps.replace_namespaced_deployment, what, ref.app, ref.namespace, body, stale_on_conflict=True
        ),
    )
    ctx.step(f"restarted {ref.app} (restartedAt {stamp})")
    return Outcome(
        ref,
        {**data, "message": f"rolling restart of {ref.app} started"},
        f"{ref.repository}: rolling restart",
        "restarted",
    )
