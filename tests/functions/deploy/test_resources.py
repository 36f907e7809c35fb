"""An app's resources through the deploy function's REST door, against the Kubernetes stand-in."""

from __future__ import annotations

import base64
import json
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from klepaas_fakes.env import klepaas_env
from klepaas_fakes.kube import KubeStandIn
from klepaas_fakes.kube.resources import CONFIGMAPS
from klepaas_shared.store import get_store

from .conftest import reset

BASE = "/api/v1/projects/web/resources"
IMAGE = "registry.example.com/acme/web:v1"
SECRET_VALUE = "s3cr3t-value-never-shown"


@pytest.fixture
def kube(cluster: KubeStandIn) -> Iterator[KubeStandIn]:
    with klepaas_env({"KLEPAAS_RESOURCE_IMAGE_REGISTRIES": "registry.example.com"}):
        reset()
        yield cluster


def configmap(name: str = "cfg", **data: str) -> dict[str, Any]:
    return {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": name, "labels": {"app": "web"}}, "data": data}


def apply(client: Any, headers: dict[str, str], manifest: Any, confirm: str | None = None) -> Any:
    body: dict[str, Any] = {"manifest": manifest, **({"confirm": confirm} if confirm else {})}
    return client.post(f"{BASE}/apply", data=json.dumps(body), headers=headers)


def test_apply_previews_a_diff_then_applies_only_with_its_digest(
    kube: KubeStandIn, client: Any, headers: dict[str, str]
) -> None:
    preview = apply(client, headers, configmap(a="1"))
    assert preview.status_code == 200, preview.get_json()
    answer = preview.get_json()
    assert (answer["state"], answer["creates"], answer["namespace"]) == ("preview", True, "default")
    assert {"path": "data.a", "op": "add", "after": "1"} in answer["diff"]
    assert kube.objects("configmaps", "default") == []

    wrong = apply(client, headers, configmap(a="1"), confirm="sha256:" + "0" * 64)
    assert wrong.status_code == 409
    assert kube.objects("configmaps", "default") == []

    done = apply(client, headers, configmap(a="1"), confirm=answer["digest"])
    assert done.get_json()["state"] == "applied"
    stored = kube.get("configmaps", "default", "cfg")
    assert stored["data"] == {"a": "1"}
    assert [m["manager"] for m in stored["metadata"]["managedFields"]] == ["klepaas"]
    assert any(
        r.content_type == "application/apply-patch+yaml" and r.query.get("dryRun") == ["All"] for r in kube.requests
    )

    change = apply(client, headers, configmap(a="2")).get_json()
    assert change["diff"] == [{"path": "data.a", "op": "change", "before": "1", "after": "2"}]
    stale = apply(client, headers, configmap(a="1"), confirm=answer["digest"])
    assert stale.status_code == 409

    records = [d.data for d in get_store().query("audit") if d.data["action"] == "resources.apply"]
    assert [(r["actor"], r["target"], r["details"]["digest"]) for r in records if r["result"] == "ok"] == [
        ("user-1", "default/ConfigMap/cfg", answer["digest"])
    ]
    assert [r["result"] for r in records].count("failed: conflict") == 2  # the wrong and the stale confirm


def test_a_secret_is_applied_with_its_values_but_never_answers_or_records_them(
    kube: KubeStandIn, client: Any, headers: dict[str, str], caplog: pytest.LogCaptureFixture
) -> None:
    secret = {
        "apiVersion": "v1",
        "kind": "Secret",
        "metadata": {"name": "db"},
        "stringData": {"password": SECRET_VALUE},
    }
    preview = apply(client, headers, secret).get_json()
    done = apply(client, headers, secret, confirm=preview["digest"])
    assert done.status_code == 200
    assert base64.b64decode(kube.get("secrets", "default", "db")["data"]["password"]).decode() == SECRET_VALUE

    got = client.get(f"{BASE}/secrets/db", headers=headers).get_json()
    listed = client.get(f"{BASE}/secrets", headers=headers).get_json()
    assert got["keys"] == ["password"] and "data" not in got and "stringData" not in got
    assert listed["items"][0]["keys"] == ["password"] and "data" not in listed["items"][0]

    encoded = base64.b64encode(SECRET_VALUE.encode()).decode()
    answers = json.dumps([preview, done.get_json(), got, listed])
    trail = json.dumps([d.data for d in get_store().query("audit")])
    for place in (answers, trail, caplog.text):
        assert SECRET_VALUE not in place and encoded not in place


def test_list_pages_with_limit_and_continue_and_filters_by_label(
    kube: KubeStandIn, client: Any, headers: dict[str, str]
) -> None:
    for name in ("a", "b", "c"):
        kube.seed.put(CONFIGMAPS, {"metadata": {"name": name, "namespace": "default", "labels": {"app": name}}})
    first = client.get(f"{BASE}/configmaps?limit=2", headers=headers).get_json()
    assert [i["metadata"]["name"] for i in first["items"]] == ["a", "b"]
    rest = client.get(f"{BASE}/configmaps?limit=2&continue={first['continue']}", headers=headers).get_json()
    assert [i["metadata"]["name"] for i in rest["items"]] == ["c"] and rest["continue"] is None
    chosen = client.get(f"{BASE}/ConfigMap?selector=app%3Db", headers=headers).get_json()
    assert [i["metadata"]["name"] for i in chosen["items"]] == ["b"]


def test_delete_answers_what_would_go_then_deletes_with_the_digest(
    kube: KubeStandIn, client: Any, headers: dict[str, str]
) -> None:
    kube.seed.put(CONFIGMAPS, {"metadata": {"name": "old", "namespace": "default"}, "data": {"k": "v"}})
    preview = client.delete(f"{BASE}/configmaps/old", headers=headers).get_json()
    assert preview["state"] == "preview" and preview["would_remove"]["data"] == {"k": "v"}
    assert kube.get("configmaps", "default", "old")

    bad = client.delete(f"{BASE}/configmaps/old?confirm=nope", headers=headers)
    assert bad.status_code == 409
    done = client.delete(f"{BASE}/configmaps/old?confirm={preview['digest']}", headers=headers)
    assert done.get_json()["state"] == "deleted"
    assert kube.objects("configmaps", "default") == []
    records = [d.data for d in get_store().query("audit") if d.data["action"] == "resources.delete"]
    assert [(r["target"], r["result"]) for r in records] == [("default/ConfigMap/old", "ok")]


def test_apply_conflicting_with_another_field_manager_is_409_and_not_forced(
    kube: KubeStandIn, client: Any, headers: dict[str, str]
) -> None:
    preview = apply(client, headers, configmap(a="1")).get_json()
    apply(client, headers, configmap(a="1"), confirm=preview["digest"])
    with kube.api_client() as api:
        from kubernetes import client as k8s

        k8s.CoreV1Api(api).patch_namespaced_config_map("cfg", "default", {"data": {"a": "9"}}, field_manager="kubectl")
    answer = apply(client, headers, configmap(a="2"))
    assert answer.status_code == 409
    assert 'conflict with "kubectl"' in answer.get_json()["error"]["message"]
    assert kube.get("configmaps", "default", "cfg")["data"] == {"a": "9"}


@pytest.mark.parametrize(
    ("method", "path", "status"),
    [
        ("get", f"{BASE}/pods", 400),
        ("get", f"{BASE}/namespaces", 400),
        ("get", "/api/v1/projects/Bad_Name/resources/configmaps", 400),
        ("get", f"{BASE}/configmaps?environment=qa", 400),
        ("get", f"{BASE}/configmaps/missing", 404),
        ("delete", f"{BASE}/configmaps/Not..Valid", 400),
    ],
)
def test_bad_requests_are_4xx_with_the_error_envelope(
    kube: KubeStandIn, client: Any, headers: dict[str, str], method: str, path: str, status: int
) -> None:
    answer = getattr(client, method)(path, headers=headers)
    assert answer.status_code == status
    assert set(answer.get_json()["error"]) >= {"code", "message"}


def test_a_hostile_manifest_is_refused_before_the_cluster_sees_it(
    kube: KubeStandIn, client: Any, headers: dict[str, str]
) -> None:
    kube.clear_requests()
    hostile = "apiVersion: v1\nkind: ConfigMap\nmetadata: &m\n  name: x\ndata: *m\n"
    answer = apply(client, headers, hostile)
    assert answer.status_code == 422
    assert "anchors and aliases" in answer.get_json()["error"]["message"]
    assert kube.requests == []


def test_a_system_namespace_is_refused(client: Any, headers: dict[str, str], kube: KubeStandIn) -> None:
    with klepaas_env({"KLEPAAS_NAMESPACES": json.dumps({"staging": "kube-system"})}):
        reset()
        answer = client.get(f"{BASE}/configmaps", headers=headers)
    assert answer.status_code == 403
    assert "system namespace" in answer.get_json()["error"]["message"]


def test_reading_needs_read_and_writing_needs_deploy_execute(
    kube: KubeStandIn, client: Any, read_headers: dict[str, str], make_token: Callable[..., str]
) -> None:
    assert client.get(f"{BASE}/configmaps", headers=read_headers).status_code == 200
    assert apply(client, read_headers, configmap(a="1")).status_code == 403
    assert client.delete(f"{BASE}/configmaps/x", headers=read_headers).status_code == 403
    assert client.get(f"{BASE}/configmaps").status_code == 401


def second_person(make_token: Callable[..., str]) -> dict[str, str]:
    """Four eyes (issue 22): whoever asked for the delete cannot approve it; another admin can."""
    return {"Authorization": f"Bearer {make_token(sub='approver-2')}", "Content-Type": "application/json"}


def test_a_confirmed_delete_in_production_is_held_until_approved_then_deleted(
    kube: KubeStandIn, client: Any, headers: dict[str, str], make_token: Callable[..., str]
) -> None:
    from klepaas_shared.contracts import args_hash

    from .test_approvals import approval_requests

    kube.seed.put(CONFIGMAPS, {"metadata": {"name": "prod-cfg", "namespace": "default"}, "data": {"k": "v"}})
    path = f"{BASE}/configmaps/prod-cfg?environment=production"
    preview = client.delete(path, headers=headers).get_json()
    held = client.delete(f"{path}&confirm={preview['digest']}", headers=headers).get_json()
    assert held["state"] == "held" and held["operation_id"]
    assert kube.get("configmaps", "default", "prod-cfg")  # not yet
    [request] = approval_requests()
    assert request["operation_id"] == held["operation_id"] and request["environment"] == "production"

    operation = get_store().get("operations", held["operation_id"])
    assert operation is not None and operation["status"] == "pending" and operation["source"] == "console"
    decision = {"approve": True, "args_hash": args_hash(operation["args"])}
    approved = client.post(
        f"/api/v1/operations/{held['operation_id']}/approval", json=decision, headers=second_person(make_token)
    )
    assert approved.status_code == 200, approved.get_json()
    assert kube.objects("configmaps", "default") == []
    results = [d.data["result"] for d in get_store().query("audit") if d.data["action"] == "resources.delete"]
    assert sorted(results) == ["held for approval", "ok"]


def test_a_held_delete_asked_for_through_mcp_is_recorded_as_coming_from_mcp(kube: KubeStandIn, client: Any) -> None:
    from klepaas_shared.auth import ALL_SCOPES, Principal, delegate

    kube.seed.put(CONFIGMAPS, {"metadata": {"name": "prod-cfg", "namespace": "default"}, "data": {"k": "v"}})
    token = delegate(Principal(sub="user-1", scopes=frozenset(ALL_SCOPES)), "mcp", ttl_s=60)
    via_mcp = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    path = f"{BASE}/configmaps/prod-cfg?environment=production"
    preview = client.delete(path, headers=via_mcp).get_json()
    held = client.delete(f"{path}&confirm={preview['digest']}", headers=via_mcp).get_json()
    assert held["state"] == "held", held
    operation = get_store().get("operations", held["operation_id"])
    assert operation is not None and operation["source"] == "mcp"


def test_an_approved_delete_of_an_object_changed_since_deletes_nothing(
    kube: KubeStandIn, client: Any, headers: dict[str, str], make_token: Callable[..., str]
) -> None:
    from klepaas_shared.contracts import args_hash

    kube.seed.put(CONFIGMAPS, {"metadata": {"name": "prod-cfg", "namespace": "default"}, "data": {"k": "v"}})
    path = f"{BASE}/configmaps/prod-cfg?environment=production"
    preview = client.delete(path, headers=headers).get_json()
    held = client.delete(f"{path}&confirm={preview['digest']}", headers=headers).get_json()
    kube.seed.put(CONFIGMAPS, {"metadata": {"name": "prod-cfg", "namespace": "default"}, "data": {"k": "new"}})
    operation = get_store().get("operations", held["operation_id"]) or {}
    decision = {"approve": True, "args_hash": args_hash(operation["args"])}
    answer = client.post(
        f"/api/v1/operations/{held['operation_id']}/approval", json=decision, headers=second_person(make_token)
    )
    assert answer.status_code == 409
    assert kube.get("configmaps", "default", "prod-cfg")["data"] == {"k": "new"}
