"""The Google Cloud pipeline end to end through the deploy function: Cloud Build (its REST
stand-in) builds and pushes to Artifact Registry under the tag policy, then the image is released
onto GKE (the kube stand-in behind a GKE endpoint and token)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from klepaas_fakes.cloudbuild import CloudBuildState, cloud_build_api
from klepaas_fakes.env import klepaas_env
from klepaas_fakes.kube import KubeStandIn
from klepaas_shared.contracts import args_hash
from klepaas_shared.store import get_store

from .conftest import reset
from .test_approvals import approval_requests, decide, follow_rollouts
from .test_pipeline_ncp import (
    APP,
    OLD_IMAGE,
    assert_console_stages,
    deliver,
    deployment_of,
    events,
    github_repository,
    request_for,
    running_image,
)

AR = "asia-northeast3-docker.pkg.dev/klepaas-prod/apps"


@pytest.fixture
def gcp(tmp_path: Path, cluster: KubeStandIn) -> Iterator[tuple[CloudBuildState, str]]:
    github, sha = github_repository(tmp_path)
    cluster.seed.app("default", APP, OLD_IMAGE)
    with cloud_build_api() as (state, url):
        env = {
            "KLEPAAS_DEFAULT_TARGET": "gke",
            "KLEPAAS_GKE_ENDPOINT": cluster.url,
            "KLEPAAS_GKE_TOKEN": cluster.token,
            "KLEPAAS_CLOUDBUILD_PROJECT": "klepaas-prod",
            "KLEPAAS_CLOUDBUILD_REGION": "asia-northeast3",
            "KLEPAAS_ARTIFACT_REGISTRY_REPO": "apps",
            "KLEPAAS_CLOUDBUILD_URL": url,
            "KLEPAAS_CLOUDBUILD_TOKEN": state.token,
            "KLEPAAS_SECRETMANAGER_URL": url,  # the stand-in serves Secret Manager's two calls too
            "KLEPAAS_GITHUB_GIT_BASE": github,
            "KLEPAAS_PIPELINE_POLL_S": "0.005",
            # Production approvals are tested in test_approval*.py; here a request runs as an approved one.
            "KLEPAAS_DEPLOY_APPROVAL_ENVIRONMENTS": "",
        }
        with klepaas_env(env):
            reset()
            yield state, sha


def only_build(state: CloudBuildState) -> dict[str, Any]:
    assert len(state.builds) == 1
    return next(iter(state.builds.values()))


def test_a_staging_push_is_built_by_cloud_build_and_rolled_out_on_gke(
    gcp: tuple[CloudBuildState, str], cluster: KubeStandIn
) -> None:
    state, sha = gcp
    request = request_for(sha)
    deliver(request, "m-1")
    doc = deployment_of(request)
    assert doc["status"] == "success", doc["error"]
    assert_console_stages(doc, {"sourcecommit": "success", "sourcebuild": "success", "sourcedeploy": "success"})
    build = only_build(state)
    assert build["images"] == [f"{AR}/{APP}:{sha[:7]}", f"{AR}/{APP}:latest-staging"]
    assert build["source"]["gitSource"]["revision"] == sha and build["projectId"] == "klepaas-prod"
    assert running_image(cluster) == f"{AR}/{APP}:{sha[:7]}"
    assert doc["cluster"]["replicas"]["ready"] >= 1
    assert [e["type"] for e in events()][-1] == "deployment_completed"


def test_a_release_is_tagged_with_its_version_at_three_precisions(
    gcp: tuple[CloudBuildState, str], cluster: KubeStandIn
) -> None:
    state, sha = gcp
    tags = ("v1.2.3", "v1.2", "v1", "latest-prod")
    request = request_for(sha, environment="production", image_tags=tags)
    deliver(request, "m-1")
    assert deployment_of(request)["status"] == "success"
    assert only_build(state)["images"] == [f"{AR}/{APP}:{tag}" for tag in tags]
    assert running_image(cluster) == f"{AR}/{APP}:v1.2.3"


def test_a_request_without_a_commit_builds_the_head_of_its_branch(gcp: tuple[CloudBuildState, str]) -> None:
    state, sha = gcp
    request = request_for("")
    deliver(request, "m-1")
    doc = deployment_of(request)
    assert doc["status"] == "success" and doc["commit"]["sha"] == sha, "the history names the commit built"
    assert only_build(state)["source"]["gitSource"]["revision"] == sha
    assert events()[-1]["commit"]["sha"] == sha


def test_a_failed_cloud_build_fails_the_deployment_and_releases_nothing(
    gcp: tuple[CloudBuildState, str], cluster: KubeStandIn
) -> None:
    state, sha = gcp
    state.outcome = "FAILURE"
    cluster.clear_requests()
    request = request_for(sha)
    deliver(request, "m-1")
    doc = deployment_of(request)
    assert doc["status"] == "failed" and doc["error"]["stage"] == "sourcebuild"
    assert "ended FAILURE" in doc["error"]["message"]
    assert_console_stages(doc, {"sourcecommit": "success", "sourcebuild": "failed", "sourcedeploy": None})
    assert running_image(cluster) == OLD_IMAGE
    assert [r for r in cluster.requests if r.method in ("PATCH", "POST", "PUT", "DELETE")] == []
    assert events()[-1]["status"] == "failed" and events()[-1]["error"]["stage"] == "sourcebuild"


def test_an_unreachable_repository_fails_the_first_stage(gcp: tuple[CloudBuildState, str]) -> None:
    state, _ = gcp
    request = request_for("", repo="missing")
    deliver(request, "m-1")
    docs = [d.data for d in get_store().query("deployments")]
    assert docs[0]["status"] == "failed" and docs[0]["error"]["stage"] == "sourcecommit"
    assert "git ls-remote failed" in docs[0]["error"]["message"] and state.builds == {}


def test_a_cluster_that_refuses_the_release_fails_the_last_stage(
    gcp: tuple[CloudBuildState, str], cluster: KubeStandIn
) -> None:
    _, sha = gcp
    cluster.fail_next(403, path="*deployments*", method="PATCH", times=5, message="forbidden by policy")
    request = request_for(sha)
    deliver(request, "m-1")
    doc = deployment_of(request)
    assert doc["status"] == "failed" and doc["error"]["stage"] == "sourcedeploy"
    assert_console_stages(doc, {"sourcecommit": "success", "sourcebuild": "success", "sourcedeploy": "failed"})
    assert running_image(cluster) == OLD_IMAGE


def test_a_production_release_waits_for_its_approval_then_builds_once(
    gcp: tuple[CloudBuildState, str], cluster: KubeStandIn, client: Any, headers: dict[str, str]
) -> None:
    state, sha = gcp
    tags = ("v1.2.3", "v1.2", "v1", "latest-prod")
    request = request_for(sha, environment="production", image_tags=tags)
    with klepaas_env({"KLEPAAS_DEPLOY_APPROVAL_ENVIRONMENTS": "production"}):
        reset()
        deliver(request, "m-1")
        assert state.builds == {} and running_image(cluster) == OLD_IMAGE
        [approval] = approval_requests()
        assert approval["args"]["image_tags"] == list(tags)
        answer = decide(client, headers, request.request_id, True, args_hash(approval["args"]))
        assert answer.status_code == 200, answer.get_json()
        follow_rollouts()
        deliver(request, "m-9")  # a late redelivery of the original request: nothing more
        assert deployment_of(request)["status"] == "success"
        assert only_build(state)["images"] == [f"{AR}/{APP}:{tag}" for tag in tags]
        assert running_image(cluster) == f"{AR}/{APP}:v1.2.3"


def test_a_private_repository_is_fetched_with_the_installation_token_through_a_secret(
    gcp: tuple[CloudBuildState, str], tmp_path: Path
) -> None:
    """Cloud Build's gitSource fetches anonymously: a private repository is fetched by a git step
    whose token comes from a Secret Manager version, never from the Build or a URL."""
    from klepaas_fakes.github import github_standin

    state, sha = gcp
    url = f"file://{tmp_path}/gh/K-Le-PaaS/test01.git"
    with github_standin() as (github, private_key):
        github.add_repo("K-Le-PaaS", "test01", installation_id=5)
        state.private[url] = github.tokens  # what GitHub would accept: the App's installation tokens
        env = {
            "KLEPAAS_GITHUB_APP_ID": str(github.app_id),
            "KLEPAAS_GITHUB_APP_PRIVATE_KEY": private_key,
            "KLEPAAS_GITHUB_API_URL": github.url,
        }
        with klepaas_env(env):
            reset()
            request = request_for(sha, github_installation_id=5)
            deliver(request, "m-1")
            doc = deployment_of(request)
    assert doc["status"] == "success", doc["error"]
    build = only_build(state)
    [token] = github.tokens
    assert "source" not in build and token not in json.dumps(build)
    fetched = state.fetched[build["id"]]
    assert fetched["url"] == url and fetched["token"] is True
    [version] = build["availableSecrets"]["secretManager"]
    assert version["versionName"].startswith("projects/klepaas-prod/secrets/klepaas-cloudbuild-git-token/versions/")
    assert state.versions[version["versionName"]]["state"] == "DESTROYED"  # once the build had ended


def test_a_private_repository_fetched_anonymously_fails_its_build(
    gcp: tuple[CloudBuildState, str], tmp_path: Path
) -> None:
    """What the stand-in does to a gitSource it may not read (the bug this pipeline had)."""
    state, sha = gcp
    state.private[f"file://{tmp_path}/gh/K-Le-PaaS/test01.git"] = {"ghs_never-handed-out"}
    request = request_for(sha)  # no installation: no token, so a public gitSource
    deliver(request, "m-1")
    doc = deployment_of(request)
    assert doc["status"] == "failed" and "ended FAILURE" in doc["error"]["message"]
    assert "could not read Username" in only_build(state)["statusDetail"]
