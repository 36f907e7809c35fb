"""Journeys 16 and 18 (FRONTEND_API §5): the Deployments view and its dialogs; a deploy watched by polling."""

from __future__ import annotations

from typing import Any

from .conftest import Console, wait_for
from .pipelines import ARTIFACT_REGISTRY
from .standins import APP, OWNER, REPO, StandIns

REPOSITORY = f"{OWNER}/{REPO}"


def _latest(console: Console) -> dict[str, Any]:
    repositories = console.ok(console.get("/api/v1/deployment-histories/repositories/latest", t=1))["repositories"]
    found: dict[str, Any] = next(r for r in repositories if r["full_name"] == REPOSITORY)
    return found


def test_journey_16_deployments_view_and_its_dialogs(
    admin: Console, released: dict[str, Any], connected: dict[str, Any]
) -> None:
    item = _latest(admin)
    assert (item["owner"], item["repo"], item["branch"]) == (OWNER, REPO, "main")
    assert isinstance(item["auto_deploy_enabled"], bool)
    latest = item["latest_deployment"]
    assert isinstance(latest["id"], int) and latest["status"] in ("running", "success", "failed")
    assert {"tag", "url"} <= latest["image"].keys()
    assert {"sha", "short_sha", "message", "author", "url"} <= latest["commit"].keys()
    cluster = latest["cluster"]
    assert cluster["namespace"] == "default"
    assert isinstance(cluster["replicas"]["desired"], int) and isinstance(cluster["replicas"]["ready"], int)
    assert isinstance(cluster["resources"]["cpu"], int | float) and isinstance(
        cluster["resources"]["memory"], int | float
    )
    assert {"started_at", "completed_at", "total_duration"} <= latest["timing"].keys()
    assert "service_url" in latest

    config = admin.ok(admin.get(f"/api/v1/deployments/{REPOSITORY}/config", user_id=admin.user_id))
    assert isinstance(config["replica_count"], int)
    admin.ok(admin.post(f"/api/v1/deployments/{REPOSITORY}/scale", {"replicas": 2}))
    assert admin.ok(admin.get(f"/api/v1/deployments/{REPOSITORY}/config"))["replica_count"] == 2

    rollbacks = admin.ok(admin.get(f"/api/v1/deployments/{REPOSITORY}/rollback/list", user_id=admin.user_id))
    assert {"current_state", "available_versions", "rollback_history"} <= rollbacks.keys()
    version = rollbacks["available_versions"][0]
    assert {
        "commit_sha",
        "commit_sha_short",
        "commit_message",
        "deployed_at",
        "is_current",
        "steps_back",
    } <= version.keys()
    target = next(v for v in rollbacks["available_versions"] if not v["is_current"])
    admin.ok(
        admin.post("/api/v1/rollback/commit", {"owner": OWNER, "repo": REPO, "target_commit_sha": target["commit_sha"]})
    )
    admin.ok(admin.post(f"/api/v1/deployments/{REPOSITORY}/restart", {}))

    namespace, app = cluster["namespace"], f"{item['owner']}-{item['repo']}".lower()
    assert app == APP
    pods = admin.ok(admin.get(f"/api/v1/deployments/{namespace}/{app}/pods"))
    assert pods["status"] == "success" and pods["pods"]
    pod = pods["pods"][0]
    assert {"name", "phase", "ready", "restarts", "startTime"} <= pod.keys()
    logs = admin.ok(
        admin.get(f"/api/v1/deployments/{namespace}/{app}/logs", pod=pod["name"], lines=200, previous="false")
    )
    assert logs["status"] == "success" and logs["podName"] == pod["name"]
    assert isinstance(logs["logs"], str) and isinstance(logs["lines"], int) and "podStatus" in logs


def _pipelines(console: Console) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = console.ok(console.get("/api/v1/github/pipelines", t=1, repository=REPOSITORY))[
        "deployments"
    ]
    for deployment in found:
        assert "/" in deployment["repository"]
        assert {"id", "status", "commit", "logs_url", "timing", "updated_at", "stages", "error"} <= deployment.keys()
        assert "auto_deploy_enabled" in deployment
    return found


def _new_pipeline(console: Console, before: set[int]) -> dict[str, Any]:
    found: dict[str, Any] = wait_for(lambda: next((d for d in _pipelines(console) if d["id"] not in before), None))
    return found


def _trigger(console: Console) -> dict[str, Any]:
    body: dict[str, Any] = console.ok(
        console.post("/api/v1/github/manual-deploy", {"github_owner": OWNER, "github_repo": REPO, "branch": "main"})
    )
    return body


def test_journey_18_trigger_deploy_shows_a_running_pipeline_with_pending_stages(
    admin: Console, connected: dict[str, Any], standins: StandIns
) -> None:
    standins.pipelines.cloudbuild.hold = True  # the build stays under way while the console looks
    try:
        before = {d["id"] for d in _pipelines(admin)}
        _trigger(admin)
        running = _new_pipeline(admin, before)
        polled = admin.ok(admin.get(f"/api/v1/deployment-histories/{running['id']}"))
    finally:
        standins.pipelines.cloudbuild.hold = False
    assert running["status"] == "running"
    stages = running["stages"]
    assert set(stages) == {"sourcecommit", "sourcebuild", "sourcedeploy"}
    assert all(s["status"] in ("success", "failed", None) for s in stages.values())
    assert stages["sourcedeploy"]["status"] is None, "a stage that has not finished is null"
    deployment = polled.get("deployment") or polled
    assert deployment["status"] == "running"
    assert set(deployment["stages"]) >= {"sourcecommit", "sourcebuild", "sourcedeploy"}


def test_journey_18_polling_sees_three_successful_stages_and_success(admin: Console, connected: dict[str, Any]) -> None:
    before = {d["id"] for d in _pipelines(admin)}
    _trigger(admin)
    first = _new_pipeline(admin, before)

    def finished() -> dict[str, Any] | None:
        polled = admin.ok(admin.get(f"/api/v1/deployment-histories/{first['id']}"))
        deployment: dict[str, Any] = polled.get("deployment") or polled
        return deployment if deployment["status"] in ("success", "failed") else None

    done = wait_for(finished, timeout_s=30)
    assert done["status"] == "success", done["error"]
    assert all(done["stages"][s]["status"] == "success" for s in ("sourcecommit", "sourcebuild", "sourcedeploy"))
    assert done["image"]["url"] == f"{ARTIFACT_REGISTRY}/{APP}:{done['commit']['short_sha']}"
