"""The NCP ``sourcebuild`` stage against the signed stand-in: the project's image tag is set before
each build (the stand-in pushes under whatever tag the project holds when the build ends), and
builds of one project are serialized by a lease lock in the store."""

from __future__ import annotations

import threading
import time
from dataclasses import replace
from datetime import timedelta
from typing import Any

import pytest

from klepaas_deploy.pipeline.stages.build_lock import LOCKS, BuildLock, LockLost
from klepaas_deploy.pipeline.stages.ncp import NcpClient
from klepaas_deploy.pipeline.stages.ncp_stages import NcpTarget, ncp_stages
from klepaas_deploy.pipeline.stages.runner import PipelineRequest, Stage, StageFailed
from klepaas_fakes.ncp import NcpFake, add_repository
from klepaas_shared.clock import iso, now
from klepaas_shared.store import get_store

TARGET = NcpTarget("201", "", "", "", registry="kr.ncr.ntruss.com/klepaas", build_deadline_s=10)
SHA_A = "a1b2c3d4e5f60718293a4b5c6d7e8f9012345678"
SHA_B = "0f9e8d7c6b5a49382716a5b4c3d2e1f098765432"


@pytest.fixture(autouse=True)
def mirrored(ncp: NcpFake) -> None:
    """The app's SourceCommit repository (the sourcecommit stage's mirror): SourceBuild fails a
    build whose source repository is missing, as NCP does."""
    add_repository(ncp.state, "owner-repo")


def sourcebuild(client: NcpClient, target: NcpTarget = TARGET) -> Stage:
    return ncp_stages(client, target, "", "file:///nowhere", store=get_store())["sourcebuild"]


def request(request_id: str, sha: str, **extra: Any) -> PipelineRequest:
    return PipelineRequest(request_id, "1", "Owner", "Repo", "main", sha, **extra)


def dockerbuild(ncp: NcpFake) -> dict[str, Any]:
    return dict(ncp.state.projects[201]["cmd"]["dockerbuild"])


def test_a_staging_build_pushes_the_commit_tag_and_records_the_tag_it_could_not_push(
    ncp: NcpFake, ncp_client: NcpClient
) -> None:
    facts: dict[str, Any] = {}
    sourcebuild(ncp_client)(request("r-1", SHA_A), facts)
    # The stand-in's project starts as image "app", tag "latest": without the PATCH that is what it pushes.
    assert ncp.state.images == {"klepaas/owner-repo": [SHA_A[:7]]}
    assert facts["pushed_tags"] == [SHA_A[:7]] and facts["unpushed_tags"] == ["latest-staging"]
    docker = dockerbuild(ncp)
    assert (docker["registry"], docker["image"], docker["tag"], docker["latest"]) == (
        "klepaas",
        "owner-repo",
        SHA_A[:7],
        False,
    )
    assert ncp.state.projects[201]["cmd"]["dockerbuild"]["dockerfile"] == "Dockerfile"  # other settings kept
    assert get_store().get(LOCKS, "201") is None and ncp.state.refused == 0


def test_a_production_build_pushes_the_release_version(ncp: NcpFake, ncp_client: NcpClient) -> None:
    facts: dict[str, Any] = {}
    sourcebuild(ncp_client)(request("r-1", SHA_A, environment="production", version="v1.2.3"), facts)
    assert ncp.state.images == {"klepaas/owner-repo": ["v1.2.3"]}
    assert facts["pushed_tags"] == ["v1.2.3"] and facts["unpushed_tags"] == ["v1.2", "v1", "latest-prod"]


def test_two_concurrent_builds_of_one_project_take_turns_and_each_pushes_its_own_tag(
    ncp: NcpFake, ncp_client: NcpClient
) -> None:
    ncp.state.polls_until_done = 4  # long enough that an unserialized second PATCH lands mid-build
    stage = sourcebuild(ncp_client)
    start = threading.Barrier(2)
    facts: dict[str, dict[str, Any]] = {"r-a": {}, "r-b": {}}
    errors: list[BaseException] = []

    def build(request_id: str, sha: str) -> None:
        start.wait()
        try:
            stage(request(request_id, sha), facts[request_id])
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=build, args=args) for args in (("r-a", SHA_A), ("r-b", SHA_B))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=20)
    assert errors == []
    assert ncp.state.builds[facts["r-a"]["build_id"]]["pushed"] == [SHA_A[:7]]
    assert ncp.state.builds[facts["r-b"]["build_id"]]["pushed"] == [SHA_B[:7]]
    assert sorted(ncp.state.images["klepaas/owner-repo"]) == sorted([SHA_A[:7], SHA_B[:7]])
    sourcebuild_calls = [(method, path) for service, method, path in ncp.state.requests if service == "sourcebuild"]
    starts = [i for i, call in enumerate(sourcebuild_calls) if call[0] == "POST"]
    patches = [i for i, call in enumerate(sourcebuild_calls) if call[0] == "PATCH"]
    assert patches[1] > starts[0] + 1  # the second project change waited for the first build's polls


def test_a_dead_holders_lease_runs_out_and_the_next_build_proceeds(ncp: NcpFake, ncp_client: NcpClient) -> None:
    get_store().set(LOCKS, "201", {"holder": "died", "lease_until": iso(now() + timedelta(seconds=0.3))})
    started = time.monotonic()
    facts: dict[str, Any] = {}
    sourcebuild(ncp_client)(request("r-1", SHA_A), facts)
    assert time.monotonic() - started >= 0.25  # it waited for the lease, not less
    assert ncp.state.images == {"klepaas/owner-repo": [SHA_A[:7]]} and get_store().get(LOCKS, "201") is None


def test_a_build_waiting_past_its_deadline_fails_with_the_busy_project_and_changes_nothing(
    ncp: NcpFake, ncp_client: NcpClient
) -> None:
    get_store().set(LOCKS, "201", {"holder": "r-other", "lease_until": iso(now() + timedelta(minutes=5))})
    with pytest.raises(Exception, match="SourceBuild project 201 stayed busy with another build"):
        sourcebuild(ncp_client, replace(TARGET, build_deadline_s=0.2))(request("r-1", SHA_A), {})
    assert ncp.state.builds == {} and dockerbuild(ncp)["tag"] == "latest"
    assert (get_store().get(LOCKS, "201") or {})["holder"] == "r-other"


def test_a_refused_project_change_fails_the_stage_with_the_reason_and_starts_no_build(
    ncp: NcpFake, ncp_client: NcpClient
) -> None:
    ncp.state.failures["PATCH /api/v1/project/201"] = 400
    with pytest.raises(StageFailed) as caught:
        sourcebuild(ncp_client)(request("r-1", SHA_A), {})
    assert caught.value.message.startswith(f"could not set SourceBuild project 201 to build owner-repo:{SHA_A[:7]}")
    assert "PATCH /api/v1/project/201: 400" in caught.value.message
    assert ncp.state.builds == {} and ncp.state.images == {} and get_store().get(LOCKS, "201") is None


def test_a_project_that_builds_no_docker_image_fails_the_stage(ncp: NcpFake, ncp_client: NcpClient) -> None:
    ncp.state.projects[201]["cmd"]["dockerbuild"]["use"] = False
    with pytest.raises(StageFailed, match="does not push a Docker image"):
        sourcebuild(ncp_client)(request("r-1", SHA_A), {})
    assert ncp.state.builds == {}


def test_a_lock_taken_over_after_its_lease_ran_out_is_reported_lost_on_renewal() -> None:
    store = get_store()
    mine = BuildLock(store, "201", "r-1", lease_s=0.05)
    assert mine.try_acquire() is None
    mine.renew()  # still ours
    time.sleep(0.06)
    assert BuildLock(store, "201", "r-2").try_acquire() is None
    with pytest.raises(LockLost, match="passed to r-2"):
        mine.renew()
    mine.release()  # not ours any more: left alone
    assert (store.get(LOCKS, "201") or {})["holder"] == "r-2"


@pytest.mark.parametrize(
    ("body", "status"),
    [
        ({"cmd": {"dockerbuild": {"tag": "bad tag!"}}}, 400),
        ({"cmd": {"dockerbuild": {"image": "Upper/Case"}}}, 400),
        ({"cmd": {"dockerbuild": {"registry": "someone-else"}}}, 400),
        ({"cmd": {"dockerbuild": {"latest": "yes"}}}, 400),
        ({"name": "renamed"}, 400),
        ({}, 400),
    ],
)
def test_the_stand_in_refuses_project_changes_outside_the_documented_shape(
    ncp: NcpFake, ncp_client: NcpClient, body: dict[str, Any], status: int
) -> None:
    from klepaas_deploy.pipeline.stages.ncp_http import NcpRefused

    before = dockerbuild(ncp)
    with pytest.raises(NcpRefused) as caught:
        ncp_client.update_build_project("201", body)
    assert caught.value.status == status and dockerbuild(ncp) == before


def test_the_stand_in_refuses_an_unsigned_project_change_and_an_unknown_project(ncp: NcpFake) -> None:
    from klepaas_deploy.pipeline.stages.ncp import NcpEndpoints
    from klepaas_deploy.pipeline.stages.ncp_http import NcpHttp, NcpRefused

    forged = NcpClient(NcpHttp(ncp.state.access_key, "wrong-secret"), NcpEndpoints(**ncp.urls))
    with pytest.raises(NcpRefused) as caught:
        forged.update_build_project("201", {"cmd": {"dockerbuild": {"tag": "evil"}}})
    assert caught.value.status == 401 and dockerbuild(ncp)["tag"] == "latest"
    client = NcpClient(NcpHttp(ncp.state.access_key, ncp.state.secret_key), NcpEndpoints(**ncp.urls))
    with pytest.raises(NcpRefused) as missing:
        client.build_project("999")
    assert missing.value.status == 404
