"""A client chooses an operation's id (body ``operation_id``, ``Idempotency-Key``, the path): one
that Firestore would refuse or read as a path is a 400 with a message, before anything runs."""

from __future__ import annotations

from typing import Any

import pytest

from klepaas_fakes.kube import KubeStandIn
from klepaas_shared.store import get_store

SCALE = {"type": "scale", "args": {"github_owner": "K-Le-PaaS", "github_repo": "test01", "replicas": 2}}
BAD = ["a/b", ".", "..", "__x__", "x" * 129, "space id", "한글"]


@pytest.mark.parametrize("bad", BAD)
def test_a_bad_operation_id_is_a_400_with_a_message_and_runs_nothing(
    cluster: KubeStandIn, client: Any, headers: dict[str, str], bad: str
) -> None:
    cluster.seed.app("default", "k-le-paas-test01", "registry.example/test01:v1", replicas=1)
    response = client.post("/api/v1/operations", json={**SCALE, "operation_id": bad}, headers=headers)
    assert response.status_code == 400, response.get_json()
    error = response.get_json()["error"]
    assert error["code"] == "bad_request" and "operation_id" in error["message"]
    console = client.post(
        "/api/v1/deployments/K-Le-PaaS/test01/scale", json={"replicas": 2}, headers={**headers, "Idempotency-Key": bad}
    )
    assert console.status_code == 400 and "operation_id" in console.get_json()["error"]["message"]
    assert [r for r in cluster.requests if r.method == "PATCH"] == []
    assert get_store().query("operations") == []


@pytest.mark.parametrize("bad", ["__x__", "..", "x" * 129, "a%2Fb"])
def test_a_bad_operation_id_in_the_path_is_a_400(client: Any, headers: dict[str, str], bad: str) -> None:
    response = client.get(f"/api/v1/operations/{bad}", headers=headers)
    assert response.status_code in (400, 404), response.get_json()
    if response.status_code == 400:
        assert "operation_id" in response.get_json()["error"]["message"]


def test_ids_of_every_allowed_kind_work(cluster: KubeStandIn, client: Any, headers: dict[str, str]) -> None:
    cluster.seed.app("default", "k-le-paas-test01", "registry.example/test01:v1", replicas=1)
    assert client.post("/api/v1/operations", json={**SCALE, "operation_id": ""}, headers=headers).status_code == 200
    for good in ("op-1", "nlp-abc.def:2", "A_b", "x" * 128):
        response = client.post("/api/v1/operations", json={**SCALE, "operation_id": good}, headers=headers)
        assert response.status_code == 200, response.get_json()
        assert client.get(f"/api/v1/operations/{good}", headers=headers).get_json()["id"] == good
