"""A pipeline that fails at any stage fails its deployment with that stage and reason, announces
it, and leaves the running version alone; a repeated or redelivered request never builds twice,
and a run whose instance died is taken over where it stopped instead of being lost."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from klepaas_deploy.pipeline.stages.ncp import NcpClient
from klepaas_fakes.env import klepaas_env
from klepaas_fakes.kube import KubeStandIn
from klepaas_fakes.ncp import NcpFake
from klepaas_shared.clock import now_iso
from klepaas_shared.idempotency import InFlight
from klepaas_shared.store import get_store

from .conftest import reset
from .test_pipeline_ncp import (
    OLD_IMAGE,
    assert_console_stages,
    deliver,
    deployment_of,
    events,
    ncp,  # noqa: F401 - the fixture
    request_for,
    running_image,
)

BREAKS: dict[str, Callable[[NcpFake], None]] = {
    "sourcecommit": lambda fake: setattr(fake.state, "git_base", "file:///nonexistent/sc"),
    "sourcebuild": lambda fake: setattr(fake.state, "build_outcome", "fail"),
    "sourcedeploy": lambda fake: setattr(fake.state, "deploy_outcome", "fail"),
}
REASONS = {"sourcecommit": "git push failed", "sourcebuild": "ended fail failed in build", "sourcedeploy": "ended fail"}


@pytest.mark.parametrize("stage", ["sourcecommit", "sourcebuild", "sourcedeploy"])
def test_a_failed_stage_fails_the_deployment_with_its_reason_and_leaves_the_cluster_alone(
    ncp: tuple[NcpFake, str],  # noqa: F811
    cluster: KubeStandIn,
    stage: str,
) -> None:
    fake, sha = ncp
    BREAKS[stage](fake)
    # Without a SourceDeploy project a successful build would be released through the cluster API.
    release_env = {} if stage == "sourcedeploy" else {"KLEPAAS_NCP_SOURCEDEPLOY_PROJECT_ID": ""}
    with klepaas_env(release_env):
        reset()
        cluster.clear_requests()
        request = request_for(sha)
        deliver(request, "m-1")
        doc = deployment_of(request)
        published = events()
    order = ["sourcecommit", "sourcebuild", "sourcedeploy"]
    expected = {name: "success" for name in order[: order.index(stage)]} | {stage: "failed"}
    assert_console_stages(doc, expected | dict.fromkeys(order[order.index(stage) + 1 :]))
    assert doc["status"] == "failed" and doc["error"]["stage"] == stage and REASONS[stage] in doc["error"]["message"]
    assert doc["completed_at"] and isinstance(doc["total_duration"], float)
    assert running_image(cluster) == OLD_IMAGE
    assert [r for r in cluster.requests if r.method in ("PATCH", "POST", "PUT", "DELETE")] == []
    final = published[-1]
    assert final["type"] == "deployment_completed" and final["status"] == "failed"
    assert final["stage"] == stage and final["error"]["stage"] == stage and REASONS[stage] in final["error"]["message"]
    assert {"type": "stage_completed", "stage": stage, "status": "failed"}.items() <= published[-2].items()
    assert not any(e["stage"] == order[-1] and e["type"] == "stage_started" for e in published) or stage == order[-1]


def test_a_production_request_without_a_release_version_fails_at_the_first_stage(
    ncp: tuple[NcpFake, str],  # noqa: F811
    cluster: KubeStandIn,
) -> None:
    fake, sha = ncp
    request = request_for(sha, environment="production", image_tags=("main",))
    deliver(request, "m-1")
    doc = deployment_of(request)
    assert doc["status"] == "failed" and doc["error"]["stage"] == "sourcecommit"
    assert "production needs a version vX.Y.Z" in doc["error"]["message"]
    assert fake.state.builds == {} and running_image(cluster) == OLD_IMAGE


def test_a_redelivered_request_never_builds_or_announces_twice(ncp: tuple[NcpFake, str]) -> None:  # noqa: F811
    fake, sha = ncp
    request = request_for(sha)
    deliver(request, "m-1")
    deliver(request, "m-1")  # the same message again
    deliver(request, "m-2")  # the same request published again
    assert deployment_of(request)["status"] == "success"
    assert len(fake.state.builds) == 1 and len(fake.state.deploys) == 1
    assert [e["type"] for e in events()].count("deployment_completed") == 1


def test_a_pipeline_whose_instance_died_is_taken_over_and_waits_for_the_same_build(
    ncp: tuple[NcpFake, str],  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    fake, sha = ncp
    fake.state.polls_until_done = 3
    wait_build = NcpClient.wait_build

    def dies_while_waiting(self: NcpClient, *args: Any, **kwargs: Any) -> Any:
        monkeypatch.setattr(NcpClient, "wait_build", wait_build)
        raise SystemExit("the instance was stopped at its timeout")  # what a killed instance looks like

    monkeypatch.setattr(NcpClient, "wait_build", dies_while_waiting)
    request = request_for(sha)
    with pytest.raises(SystemExit):
        deliver(request, "m-1")
    doc = deployment_of(request)
    assert doc["status"] == "running" and doc["stages"]["sourcebuild"]["status"] is None
    assert doc["stages"]["sourcecommit"]["status"] == "success" and len(fake.state.builds) == 1
    with pytest.raises(InFlight):
        deliver(request, "m-2")  # while its lease lasts, the run is someone else's
    get_store().update("pipeline_runs", request.request_id, {"lease_until": now_iso()})
    pushes = [r for r in fake.state.requests if r[0] == "sourcecommit"]
    deliver(request, "m-2")
    doc = deployment_of(request)
    assert doc["status"] == "success" and doc["stages"]["sourcebuild"]["status"] == "success"
    assert len(fake.state.builds) == 1 and len(fake.state.deploys) == 1  # the same build, waited for again
    assert [r for r in fake.state.requests if r[0] == "sourcecommit"] == pushes  # the mirror was not redone
    assert [e["type"] for e in events()].count("deployment_completed") == 1
