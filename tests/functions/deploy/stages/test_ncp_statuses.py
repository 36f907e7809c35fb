"""Every status SourceBuild and SourceDeploy document ends (or continues) the wait as it should:
a failed deploy ends its stage at once with the provider's reason, never after the deadline."""

from __future__ import annotations

from typing import Any

import pytest

from klepaas_deploy.pipeline.stages.ncp import DEPLOY_FAILED, NcpClient
from klepaas_deploy.pipeline.stages.ncp_stages import NcpTarget, ncp_stages
from klepaas_deploy.pipeline.stages.polling import PollDeadline
from klepaas_deploy.pipeline.stages.runner import PipelineRequest, StageFailed
from klepaas_fakes.ncp import NcpFake, add_repository
from klepaas_shared.store import get_store

TARGET = NcpTarget("201", "2", "3", "4", registry="kr.ncr.ntruss.com/klepaas", deploy_deadline_s=30)
REQUEST = PipelineRequest("r-1", "1", "Owner", "Repo", "main", "a" * 40)
STILL_RUNNING = [
    "inprogress",
    "pending",
    "waiting",
    "canceling",
    "canary_pending",
    "canary_analyzing",
    "canary_rejecting",
]


def deploy_stage(client: NcpClient) -> Any:
    return ncp_stages(client, TARGET, "", "file:///nowhere", store=get_store())["sourcedeploy"]


@pytest.mark.parametrize("status", ["fail", "error", "reject", "canceled", "canary_reject", "canary_waiting_timeout"])
def test_a_failed_deploy_ends_its_stage_with_the_provider_reason(
    ncp: NcpFake, ncp_client: NcpClient, status: str
) -> None:
    ncp.state.deploy_outcome = status
    facts: dict[str, Any] = {}
    with pytest.raises(StageFailed) as failed:
        deploy_stage(ncp_client)(REQUEST, facts)  # a 30 s deadline: a status taken for "running" would time out
    assert f"ended {status} ({DEPLOY_FAILED[status]})" in str(failed.value)
    polls = [r for r in ncp.state.requests if r[0] == "sourcedeploy" and r[1] == "GET"]
    assert len(polls) == ncp.state.polls_until_done + 1  # it stopped at the first terminal answer


def test_a_deploy_passes_through_waiting_and_inprogress_to_success(ncp: NcpFake, ncp_client: NcpClient) -> None:
    ncp.state.polls_until_done = 4
    seen: list[str] = []
    history_id = ncp_client.start_deploy("2", "3", "4")
    while not (job := ncp_client.deploy_status("2", history_id)).settled:
        seen.append(job.status)
    assert seen == ["waiting", "waiting", "inprogress", "inprogress"] and job.ok and job.status == "success"


@pytest.mark.parametrize("status", STILL_RUNNING)
def test_a_deploy_in_a_running_status_waits_until_its_deadline_and_says_where_it_stood(
    ncp: NcpFake, ncp_client: NcpClient, status: str
) -> None:
    ncp.state.deploy_outcome = status
    ncp.state.polls_until_done = 0
    history_id = ncp_client.start_deploy("2", "3", "4")
    with pytest.raises(PollDeadline, match=f"last status: {status}"):
        ncp_client.wait_deploy("2", history_id, deadline_s=0.05)


@pytest.mark.parametrize(("outcome", "detail"), [("fail", "failed in post-build"), ("canceled", "canceled")])
def test_a_build_that_fails_or_is_canceled_ends_with_its_reason(
    ncp: NcpFake, ncp_client: NcpClient, outcome: str, detail: str
) -> None:
    add_repository(ncp.state, "app")
    ncp.state.build_outcome, ncp.state.build_failed_phase = outcome, "post-build"
    result = ncp_client.wait_build("201", ncp_client.start_build("201"), deadline_s=30)
    assert (result.ok, result.settled, result.status, result.detail) == (False, True, outcome, detail)


def test_a_build_goes_through_prepare_and_upload(ncp: NcpFake, ncp_client: NcpClient) -> None:
    add_repository(ncp.state, "app")
    ncp.state.polls_until_done = 4
    build_id = ncp_client.start_build("201")
    seen = []
    while not (job := ncp_client.build_status("201", build_id)).settled:
        seen.append(job.status)
    assert seen == ["prepare", "prepare", "upload", "upload"] and job.ok
