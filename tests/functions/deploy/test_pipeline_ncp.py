"""The NCP pipeline end to end through the deploy function: a DeployRequest on the deploy-requests
entry point (or a deploy operation over HTTP) → mirror into SourceCommit (a bare repository on
file://) → SourceBuild → SourceDeploy (the signed NCP stand-in) or a release onto NKS (the kube
stand-in); each stage in the history in the console's shape, and as DeploymentEvents."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from klepaas_fakes.env import klepaas_env
from klepaas_fakes.kube import KubeStandIn
from klepaas_fakes.ncp import NcpFake, ncp_api
from klepaas_shared.bus import local_bus
from klepaas_shared.contracts import TOPIC_DEPLOY_REQUESTS, TOPIC_DEPLOYMENT_EVENTS, DeployRequest
from klepaas_shared.events import pubsub_envelope
from klepaas_shared.store import get_store

from .conftest import load_main, reset

APP = "k-le-paas-test01"
OLD_IMAGE = "kr.ncr.ntruss.com/klepaas/k-le-paas-test01:old0000"
REGISTRY = "kr.ncr.ntruss.com/klepaas"


def git(cwd: Path, *args: str) -> str:
    identity = ["-c", "user.name=t", "-c", "user.email=t@example.invalid"]
    done = subprocess.run(["git", *identity, *args], cwd=cwd, capture_output=True, text=True, check=True)
    return done.stdout.strip()


def github_repository(root: Path, dockerfile: str = "FROM node:20\nEXPOSE 3000\n") -> tuple[str, str]:
    """A bare 'GitHub' repository root/gh/K-Le-PaaS/test01.git; (its base URL, the head commit)."""
    work = root / "work"
    work.mkdir()
    git(work, "init", "--quiet", "--initial-branch=main")
    (work / "Dockerfile").write_text(dockerfile)
    git(work, "add", ".")
    git(work, "commit", "--quiet", "-m", "app")
    (root / "gh/K-Le-PaaS").mkdir(parents=True)
    git(root, "clone", "--quiet", "--bare", str(work), str(root / "gh/K-Le-PaaS/test01.git"))
    return f"file://{root}/gh", git(work, "rev-parse", "HEAD")


def deliver(request: DeployRequest, message_id: str) -> None:
    """Deliver ``request`` to the deploy_requests entry point as Eventarc would."""
    from cloudevents.http import CloudEvent

    attributes, data = pubsub_envelope(
        "demo-test", TOPIC_DEPLOY_REQUESTS, "deploy", request.model_dump_json().encode(), message_id=message_id
    )
    load_main().deploy_requests(CloudEvent(attributes, data))


def events() -> list[dict[str, Any]]:
    return [json.loads(data) for topic, _, data, _ in local_bus().published if topic == TOPIC_DEPLOYMENT_EVENTS]


def deployment_of(request: DeployRequest) -> dict[str, Any]:
    docs = [d.data for d in get_store().query("deployments") if d.data["request_id"] == request.request_id]
    assert len(docs) == 1
    return docs[0]


def running_image(cluster: KubeStandIn) -> str:
    deployment = cluster.get("deployments", "default", APP)
    assert deployment is not None
    return str(deployment["spec"]["template"]["spec"]["containers"][0]["image"])


def assert_console_stages(doc: dict[str, Any], expected: dict[str, str | None]) -> None:
    """D5/D6: each stage {status success|failed|null, duration number|null}, plus the timing."""
    for name, status in expected.items():
        stage = doc["stages"][name]
        assert stage["status"] == status, (name, stage)
        if status is None:
            assert stage["duration"] is None and stage["completed_at"] is None
        else:
            assert isinstance(stage["duration"], float) and stage["completed_at"].endswith("Z")


@pytest.fixture
def ncp(tmp_path: Path, cluster: KubeStandIn) -> Iterator[tuple[NcpFake, str]]:
    """The NCP stand-in, a SourceCommit bare repository, a 'GitHub' one, and deploy's settings."""
    github, sha = github_repository(tmp_path)
    (tmp_path / "sc").mkdir()
    subprocess.run(["git", "init", "--quiet", "--bare", str(tmp_path / f"sc/{APP}.git")], check=True)
    cluster.seed.app("default", APP, OLD_IMAGE)
    with ncp_api() as fake:
        fake.state.git_base = f"file://{tmp_path}/sc"
        env = {
            "KLEPAAS_NCP_ACCESS_KEY": fake.state.access_key,
            "KLEPAAS_NCP_SECRET_KEY": fake.state.secret_key,
            "KLEPAAS_NCP_SOURCECOMMIT_URL": fake.urls["sourcecommit"],
            "KLEPAAS_NCP_SOURCEBUILD_URL": fake.urls["sourcebuild"],
            "KLEPAAS_NCP_SOURCEDEPLOY_URL": fake.urls["sourcedeploy"],
            "KLEPAAS_NCP_SOURCEBUILD_PROJECT_ID": "201",
            "KLEPAAS_NCP_SOURCEDEPLOY_PROJECT_ID": "2",
            "KLEPAAS_NCP_SOURCEDEPLOY_STAGE_ID": "3",
            "KLEPAAS_NCP_SOURCEDEPLOY_SCENARIO_ID": "4",
            "KLEPAAS_NCP_NKS_CLUSTER_ID": "nks-1",
            "KLEPAAS_NCP_REGISTRY": REGISTRY,
            "KLEPAAS_NCP_REGISTRY_API": fake.registry_url,
            "KLEPAAS_GITHUB_GIT_BASE": github,
            "KLEPAAS_PIPELINE_POLL_S": "0.005",
            # Production approvals are tested in test_approval*.py; here a request runs as an approved one.
            "KLEPAAS_DEPLOY_APPROVAL_ENVIRONMENTS": "",
        }
        with klepaas_env(env):
            reset()
            yield fake, sha


def request_for(sha: str, **extra: Any) -> DeployRequest:
    fields = {"owner": "K-Le-PaaS", "repo": "test01", "requested_by": "webhook", "commit": {"sha": sha}, **extra}
    return DeployRequest.model_validate(fields)


def test_a_push_is_mirrored_built_and_deployed_with_every_stage_recorded(
    ncp: tuple[NcpFake, str], cluster: KubeStandIn, tmp_path: Path
) -> None:
    fake, sha = ncp
    request = request_for(sha, github_installation_id=7, github_deployment_id=70)
    deliver(request, "m-1")
    doc = deployment_of(request)
    assert doc["status"] == "success" and doc["error"] is None and isinstance(doc["total_duration"], float)
    assert_console_stages(doc, {"sourcecommit": "success", "sourcebuild": "success", "sourcedeploy": "success"})
    assert doc["image"] == {"name": f"{REGISTRY}/{APP}", "tag": sha[:7], "url": f"{REGISTRY}/{APP}:{sha[:7]}"}
    mirrored = tmp_path / f"sc/{APP}.git"
    assert git(mirrored, "rev-parse", "refs/heads/main^") == sha  # the commit, plus the manifests added on top
    manifest = git(mirrored, "show", "refs/heads/main:k8s/deployment.yaml")
    assert "containerPort: 3000" in manifest and f"{REGISTRY}/{APP}:{sha[:7]}" in manifest
    assert len(fake.state.builds) == 1 and len(fake.state.deploys) == 1 and fake.state.refused == 0
    assert fake.state.images == {f"klepaas/{APP}": [sha[:7]]}  # SourceBuild pushed the tag that is deployed
    assert running_image(cluster) == OLD_IMAGE  # SourceDeploy, not our cluster client, released it
    kinds = [(e["type"], e["stage"], e["status"]) for e in events()]
    assert kinds == [
        ("deployment_started", None, "running"),
        ("stage_started", "sourcecommit", "running"),
        ("stage_completed", "sourcecommit", "success"),
        ("stage_started", "sourcebuild", "running"),
        ("stage_completed", "sourcebuild", "success"),
        ("stage_started", "sourcedeploy", "running"),
        ("stage_completed", "sourcedeploy", "success"),
        ("deployment_completed", "sourcedeploy", "success"),
    ]
    assert all(e["github_deployment_id"] == 70 for e in events())


def test_without_a_sourcedeploy_project_the_image_is_released_onto_nks(
    ncp: tuple[NcpFake, str], cluster: KubeStandIn
) -> None:
    fake, sha = ncp
    with klepaas_env({"KLEPAAS_NCP_SOURCEDEPLOY_PROJECT_ID": ""}):
        reset()
        request = request_for(sha)
        deliver(request, "m-1")
        doc = deployment_of(request)
    assert doc["status"] == "success" and doc["cluster"]["replicas"]["ready"] >= 1
    assert running_image(cluster) == f"{REGISTRY}/{APP}:{sha[:7]}" and fake.state.deploys == {}
    assert fake.state.images == {f"klepaas/{APP}": [sha[:7]]}  # the image released is the one built


def test_a_production_release_ends_with_all_four_policy_tags_on_one_image_in_the_registry(
    ncp: tuple[NcpFake, str],
) -> None:
    fake, sha = ncp
    request = request_for(sha, environment="production", image_tags=("v1.2.3",))
    deliver(request, "m-1")
    doc = deployment_of(request)
    assert doc["status"] == "success" and doc["image"]["tag"] == "v1.2.3"
    assert fake.state.images == {f"klepaas/{APP}": ["v1.2.3"]}  # SourceBuild pushed one tag ...
    tags = fake.state.registry.tags_of(f"klepaas/{APP}")  # ... the registry API added the others
    assert sorted(tags) == ["latest-prod", "v1", "v1.2", "v1.2.3"] and len(set(tags.values())) == 1
    run = get_store().get("pipeline_runs", request.request_id) or {}
    assert run["facts"]["pushed_tags"] == ["v1.2.3", "v1.2", "v1", "latest-prod"]
    assert run["facts"]["unpushed_tags"] == [] and "tag_errors" not in run["facts"]
    assert doc["image_tags"] == {"pushed": ["v1.2.3", "v1.2", "v1", "latest-prod"], "not_pushed": []}
    assert fake.state.registry.token_requests == 1  # one login for the read and the three writes


def test_a_registry_failure_on_one_tag_is_recorded_and_the_release_still_succeeds(
    ncp: tuple[NcpFake, str],
) -> None:
    fake, sha = ncp
    # Every attempt at v1 fails (the client tries three times); the other tags are added.
    fake.state.registry.failures += [(f"PUT /v2/klepaas/{APP}/manifests/v1", 500)] * 3
    request = request_for(sha, environment="production", image_tags=("v1.2.3",))
    with klepaas_env({"KLEPAAS_NCP_SOURCEDEPLOY_PROJECT_ID": ""}):
        reset()
        deliver(request, "m-1")
        doc = deployment_of(request)
        run = get_store().get("pipeline_runs", request.request_id) or {}
    assert doc["status"] == "success"
    assert doc["image_tags"] == {"pushed": ["v1.2.3", "v1.2", "latest-prod"], "not_pushed": ["v1"]}
    assert sorted(fake.state.registry.tags_of(f"klepaas/{APP}")) == ["latest-prod", "v1.2", "v1.2.3"]
    assert "500" in run["facts"]["tag_errors"]["v1"]


def test_a_refused_sourcebuild_project_change_fails_the_build_stage_and_leaves_the_cluster_alone(
    ncp: tuple[NcpFake, str], cluster: KubeStandIn
) -> None:
    fake, sha = ncp
    fake.state.failures["PATCH /api/v1/project/201"] = 403
    with klepaas_env({"KLEPAAS_NCP_SOURCEDEPLOY_PROJECT_ID": ""}):  # a built image would be released by us
        reset()
        cluster.clear_requests()
        request = request_for(sha)
        deliver(request, "m-1")
        doc = deployment_of(request)
    assert_console_stages(doc, {"sourcecommit": "success", "sourcebuild": "failed", "sourcedeploy": None})
    assert doc["status"] == "failed" and doc["error"]["stage"] == "sourcebuild"
    assert f"could not set SourceBuild project 201 to build {APP}:{sha[:7]}" in doc["error"]["message"]
    assert fake.state.builds == {} and fake.state.images == {} and fake.state.deploys == {}
    assert running_image(cluster) == OLD_IMAGE
    assert [r for r in cluster.requests if r.method in ("PATCH", "POST", "PUT", "DELETE")] == []


def test_a_deploy_operation_without_an_image_ends_succeeded_after_the_pipeline(
    ncp: tuple[NcpFake, str], client: Any, headers: dict[str, str]
) -> None:
    _, sha = ncp
    args = {"github_owner": "K-Le-PaaS", "github_repo": "test01", "commit": {"sha": sha}}
    body = client.post("/api/v1/operations", json={"type": "deploy", "args": args}, headers=headers).get_json()
    assert body["operation"]["status"] == "running" and body["data"]["deployment_status"] == "waiting"
    queued = [data for topic, _, data, _ in local_bus().published if topic == TOPIC_DEPLOY_REQUESTS]
    assert len(queued) == 1
    deliver(DeployRequest.model_validate_json(queued[0]), "m-1")
    saved = get_store().get("operations", body["operation"]["id"]) or {}
    assert saved["status"] == "succeeded" and saved["result"]["data"]["image"] == f"{REGISTRY}/{APP}:{sha[:7]}"
    d5 = client.get(f"/api/v1/deployment-histories/{body['data']['deployment_id']}", headers=headers).get_json()
    assert d5["deployment"]["status"] == "success"
    assert {k: v["status"] for k, v in d5["deployment"]["stages"].items()} == dict.fromkeys(
        ("sourcecommit", "sourcebuild", "sourcedeploy"), "success"
    )


def test_a_private_repository_is_cloned_with_an_installation_token_of_the_app(ncp: tuple[NcpFake, str]) -> None:
    from klepaas_fakes.github import github_standin

    fake, sha = ncp
    with github_standin() as (github, private_key):
        github.add_repo("K-Le-PaaS", "test01", installation_id=5)
        env = {
            "KLEPAAS_GITHUB_APP_ID": str(github.app_id),
            "KLEPAAS_GITHUB_APP_PRIVATE_KEY": private_key,
            "KLEPAAS_GITHUB_API_URL": github.url,
        }
        with klepaas_env(env):
            reset()
            granted = request_for(sha, github_installation_id=5)
            deliver(granted, "m-1")
            refused = request_for(sha, github_installation_id=6, environment="production", image_tags=("v1.0.0",))
            deliver(refused, "m-2")
            assert deployment_of(granted)["status"] == "success"
            failed = deployment_of(refused)
    assert list(github.tokens.values()) == [5]  # minted once, for the installation that has the repository
    assert failed["status"] == "failed" and failed["error"]["stage"] == "sourcecommit"
    assert "GitHub refused an installation token: 404" in failed["error"]["message"]
    assert len(fake.state.builds) == 1
