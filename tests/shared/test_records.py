"""The typed repositories of the collections two functions share, on SQLite (declared queries
only, as locally) and on Google's Firestore emulator."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from klepaas_shared.contracts import Commit, Operation, OperationKind, OperationStatus
from klepaas_shared.errors import Conflict, NotFound
from klepaas_shared.records import STAGES, DeploymentRecord, OperationRecord
from klepaas_shared.records.deployments import Deployments, stage_started
from klepaas_shared.records.integrations import Integrations
from klepaas_shared.records.operations import Operations
from klepaas_shared.records.pulls import PullRequests
from klepaas_shared.store import Store
from klepaas_shared.store.firestore import FirestoreStore
from klepaas_shared.store.sqlite import SqliteStore


@pytest.fixture(params=["sqlite", pytest.param("firestore", marks=pytest.mark.emulator)])
def store(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[Store]:
    if request.param == "sqlite":
        made: Store = SqliteStore(str(tmp_path / "store.sqlite3"), declared_queries=True)
    else:
        monkeypatch.setenv("FIRESTORE_EMULATOR_HOST", request.getfixturevalue("firestore_host"))
        made = FirestoreStore(project=f"demo-{uuid.uuid4().hex[:12]}")
    yield made
    made.close()


def _deployment(deployments: Deployments, repo: str = "shop", request_id: str = "req-1") -> DeploymentRecord:
    return deployments.create(
        owner="acme",
        repo=repo,
        environment="staging",
        namespace="default",
        commit=Commit(sha="c0ffee", message="fix"),
        image="registry.example/acme/shop:v2",
        request_id=request_id,
        requested_by="user-1",
        replicas=2,
    )


def test_a_deployment_is_created_running_with_every_stage_pending(store: Store) -> None:
    deployments = Deployments(store)
    created = _deployment(deployments)
    assert isinstance(created["id"], int)
    assert deployments.get(created["id"]) == created == deployments.get(str(created["id"]))
    assert created["status"] == "running" and created["repository"] == "acme/shop"
    assert created["image"] == {"name": "registry.example/acme/shop", "tag": "v2", "url": created["image"]["url"]}
    assert set(created["stages"]) == set(STAGES)
    assert all(stage["status"] is None for stage in created["stages"].values())
    assert created["cluster"] == {"namespace": "default", "replicas": {"desired": 2, "ready": 0}}
    assert deployments.get(1) is None


def test_stages_and_the_end_are_written_into_the_deployment(store: Store) -> None:
    deployments = Deployments(store)
    deployment_id = _deployment(deployments)["id"]
    deployments.start_stage(deployment_id, "sourcebuild")
    assert stage_started(deployments.get(deployment_id) or {}, "sourcebuild")
    deployments.end_stage(deployment_id, "sourcebuild", ok=False, error="no space", duration_s=1.23456)
    deployments.finish(deployment_id, ok=False, ready=0, desired=2)
    done = deployments.get(deployment_id) or {}
    assert done["stages"]["sourcebuild"]["status"] == "failed"
    assert done["stages"]["sourcebuild"]["duration"] == 1.235
    assert done["error"] == {"message": "no space", "stage": "sourcebuild"}
    assert done["status"] == "failed" and done["completed_at"] and done["total_duration"] is not None
    assert not stage_started(done, "sourcedeploy")


def test_deployments_are_found_by_request_repository_and_status(store: Store) -> None:
    deployments = Deployments(store)
    first = _deployment(deployments, request_id="req-1")
    second = _deployment(deployments, request_id="req-2")
    other = _deployment(deployments, repo="blog", request_id="req-3")
    deployments.finish(other["id"], ok=True)
    assert (deployments.find_by_request("req-2") or {}).get("id") == second["id"]
    assert deployments.find_by_request("req-9") is None
    assert [d["id"] for d in deployments.newest_by_id(owner="acme", repo="shop", limit=10)] == [
        second["id"],
        first["id"],
    ]
    assert [d["id"] for d in deployments.newest_by_id(limit=2)] == [other["id"], second["id"]]
    assert {d["id"] for d in deployments.of_repository("acme", "shop")} == {first["id"], second["id"]}
    assert len(deployments.recent(limit=10)) == 3
    assert sorted(doc_id for doc_id, _ in deployments.running(limit=10)) == sorted(
        [str(first["id"]), str(second["id"])]
    )


def test_a_deployment_claim_writes_once_and_answers_the_deployment_as_it_was(store: Store) -> None:
    deployments = Deployments(store)
    deployment_id = str(_deployment(deployments)["id"])

    def end(doc: DeploymentRecord) -> dict[str, str] | None:
        return {"status": "failed"} if doc.get("status") == "running" else None

    before = deployments.claim(deployment_id, end)
    assert before is not None and before["status"] == "running"
    assert (deployments.get(deployment_id) or {})["status"] == "failed"
    assert deployments.claim(deployment_id, end) is None  # already ended: nothing changes
    assert deployments.claim("404", end) is None


def _operation(operation_id: str = "op-1") -> Operation:
    return Operation(id=operation_id, kind=OperationKind.SCALE, args={"app_name": "web"}, requested_by="user-1")


def test_an_operation_is_created_once_and_saved_merged(store: Store) -> None:
    operations = Operations(store)
    operation = _operation()
    assert operations.create(operation, via="mcp") is True
    assert operations.create(_operation(), via="nlp") is False  # the id is taken: nothing written
    operations.merge(operation.id, {"approval": {"id": "a-1", "state": "pending", "args_hash": "h"}})
    operation.status = OperationStatus.SUCCEEDED
    operations.save(operation)
    record = operations.record(operation.id) or {}
    assert record["via"] == "mcp" and record["approval"]["state"] == "pending"  # kept by the merge
    assert operations.get(operation.id).status == OperationStatus.SUCCEEDED
    assert operations.find("nope") is None
    with pytest.raises(NotFound):
        operations.get("nope")


def test_an_operation_claim_decides_in_a_transaction_and_may_refuse(store: Store) -> None:
    operations = Operations(store)
    operations.create(_operation("op-1"))
    running = _operation("op-2")
    running.status = OperationStatus.RUNNING
    operations.create(running)
    assert [operation_id for operation_id, _ in operations.running(limit=10)] == ["op-2"]

    def refuse(doc: OperationRecord) -> dict[str, str] | None:
        raise Conflict("decided already")

    with pytest.raises(Conflict):
        operations.claim("op-2", refuse)
    assert operations.get("op-2").status == OperationStatus.RUNNING  # nothing written

    def fail(doc: OperationRecord) -> dict[str, Any] | None:
        return {"status": "failed", "result.data.status": "failed"} if doc.get("status") == "running" else None

    assert (operations.claim("op-2", fail) or {}).get("status") == "running"
    assert (operations.record("op-2") or {}).get("result") == {"data": {"status": "failed"}}
    assert operations.claim("op-2", fail) is None
    assert operations.claim("op-404", fail) is None


def test_integrations_are_found_by_repository_whatever_its_case_and_by_user(store: Store) -> None:
    integrations = Integrations(store)
    mine = integrations.create(
        user_id="user-1",
        owner="Acme",
        repo="Shop",
        branch="main",
        installation_id=7,
        html_url="https://github.com/Acme/Shop",
        repository_id=None,
        secret={"webhook_nonce": "n1"},
    )
    theirs = integrations.create(
        user_id="user-2",
        owner="acme",
        repo="shop",
        branch="dev",
        installation_id=None,
        html_url="https://github.com/acme/shop",
        repository_id=None,
        secret={},
    )
    assert mine["webhook_configured"] is True and theirs["webhook_configured"] is False
    assert mine["webhook_nonce"] == "n1" and mine["full_name_lc"] == "acme/shop"
    assert [d["id"] for d in integrations.of_repository("ACME", "shop")] == [mine["id"], theirs["id"]]
    assert [d["id"] for d in integrations.of_user("user-2")] == [theirs["id"]]
    integrations.update(theirs["id"], {"auto_deploy_enabled": False})
    assert [d["id"] for d in integrations.auto_deploying()] == [mine["id"]]
    assert integrations.get(theirs["id"]) == theirs | {"auto_deploy_enabled": False}
    integrations.delete(mine["id"])
    assert [doc_id for doc_id, _ in integrations.all()] == [str(theirs["id"])]


def test_a_pull_request_keeps_the_newest_delivery(store: Store) -> None:
    pulls = PullRequests(store)
    pulls.record({"id": 1, "title": "new", "created_at": "2026-01-01T00:00:00Z", "updated_at": "2026-01-03T00:00:00Z"})
    pulls.record({"id": 1, "title": "old", "created_at": "2026-01-01T00:00:00Z", "updated_at": "2026-01-02T00:00:00Z"})
    pulls.record(
        {"id": 2, "title": "later", "created_at": "2026-01-05T00:00:00Z", "updated_at": "2026-01-05T00:00:00Z"}
    )
    newest = pulls.newest(limit=10)
    assert [(p["id"], p["title"]) for p in newest] == [(2, "later"), (1, "new")]
    assert all(p["recorded_at"] for p in newest)
