from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import pytest

from klepaas_deploy.pipeline.stages.ncp import NcpClient
from klepaas_deploy.pipeline.stages.ncp_stages import NcpTarget, ncp_stages
from klepaas_deploy.pipeline.stages.runner import PipelineRequest, run
from klepaas_fakes.ncp import NcpFake
from klepaas_shared.idempotency import InFlight
from klepaas_shared.store import get_store

from .test_mirror import git


class Recorder:
    def __init__(self) -> None:
        self.events: list[tuple[Any, ...]] = []

    def start(self, deployment_id: str, stage: str) -> None:
        self.events.append(("start", stage))

    def finish(self, deployment_id: str, stage: str, *, status: str, duration_s: float, error: str | None) -> None:
        assert duration_s >= 0
        self.events.append(("finish", stage, status, error))


@pytest.fixture
def world(tmp_path: Path, ncp: NcpFake) -> tuple[PipelineRequest, str]:
    """A 'GitHub' bare repo under tmp/gh/owner/repo.git and an empty SourceCommit bare repo."""
    work = tmp_path / "work"
    work.mkdir()
    git(work, "init", "--quiet", "--initial-branch=main")
    (work / "Dockerfile").write_text("FROM node\nEXPOSE 3000\n")
    git(work, "add", ".")
    git(work, "commit", "--quiet", "-m", "app")
    (tmp_path / "gh/Owner").mkdir(parents=True)
    git(tmp_path, "clone", "--quiet", "--bare", str(work), str(tmp_path / "gh/Owner/Repo.git"))
    (tmp_path / "sc").mkdir()
    subprocess.run(["git", "init", "--quiet", "--bare", str(tmp_path / "sc/owner-repo.git")], check=True)
    ncp.state.git_base = f"file://{tmp_path}/sc"
    sha = git(work, "rev-parse", "HEAD")
    request = PipelineRequest("req-1", "dep-1", "Owner", "Repo", "main", sha)
    return request, f"file://{tmp_path}/gh"


TARGET = NcpTarget("201", "2", "3", "4", registry="kr.ncr.ntruss.com/klepaas")


def test_all_three_stages_succeed_in_order(ncp: NcpFake, ncp_client: NcpClient, world: tuple[Any, str]) -> None:
    request, github = world
    recorder = Recorder()
    outcome = run(get_store(), request, ncp_stages(ncp_client, TARGET, "tok", github), recorder)
    assert outcome.ok and outcome.facts["image"] == f"kr.ncr.ntruss.com/klepaas/owner-repo:{request.sha[:7]}"
    assert recorder.events == [
        ("start", "sourcecommit"),
        ("finish", "sourcecommit", "success", None),
        ("start", "sourcebuild"),
        ("finish", "sourcebuild", "success", None),
        ("start", "sourcedeploy"),
        ("finish", "sourcedeploy", "success", None),
    ]
    assert "owner-repo" in ncp.state.repositories and ncp.state.refused == 0


def test_a_request_without_a_commit_builds_the_head_and_names_it(
    ncp: NcpFake, ncp_client: NcpClient, world: tuple[Any, str]
) -> None:
    request, github = world
    headless = PipelineRequest("req-2", "dep-2", "Owner", "Repo", "main", "")
    outcome = run(get_store(), headless, ncp_stages(ncp_client, TARGET, "tok", github), Recorder())
    assert outcome.ok and outcome.facts["sha"] == request.sha
    assert outcome.facts["image"] == f"kr.ncr.ntruss.com/klepaas/owner-repo:{request.sha[:7]}"


def test_repeated_request_starts_no_second_pipeline(
    ncp: NcpFake, ncp_client: NcpClient, world: tuple[Any, str]
) -> None:
    request, github = world
    stages = ncp_stages(ncp_client, TARGET, "tok", github)
    run(get_store(), request, stages, Recorder())
    builds = len(ncp.state.builds)
    recorder = Recorder()
    again = run(get_store(), request, stages, recorder)
    assert again.ok and again.repeated and recorder.events == [] and len(ncp.state.builds) == builds == 1


def test_a_request_still_running_is_not_started_again(world: tuple[Any, str]) -> None:
    request, _ = world
    get_store().create("pipeline_runs", request.request_id, {"status": "running"})
    with pytest.raises(InFlight):
        run(get_store(), request, {}, Recorder())


@pytest.mark.parametrize(
    ("stage", "break_it", "reason"),
    [
        ("sourcecommit", lambda ncp: ncp.state.__setattr__("git_base", "file:///nonexistent"), "git push failed"),
        ("sourcebuild", lambda ncp: ncp.state.__setattr__("build_outcome", "fail"), "ended fail failed in build"),
        ("sourcedeploy", lambda ncp: ncp.state.__setattr__("deploy_outcome", "fail"), "ended fail"),
    ],
)
def test_failure_at_a_stage_is_recorded_with_its_reason_and_stops_the_run(
    ncp: NcpFake, ncp_client: NcpClient, world: tuple[Any, str], stage: str, break_it: Any, reason: str
) -> None:
    request, github = world
    break_it(ncp)
    recorder = Recorder()
    outcome = run(get_store(), request, ncp_stages(ncp_client, TARGET, "tok", github), recorder)
    assert not outcome.ok and outcome.failed_stage == stage and reason in (outcome.error or "")
    last = recorder.events[-1]
    assert last[:3] == ("finish", stage, "failed") and reason in last[3]
    started = [e[1] for e in recorder.events if e[0] == "start"]
    assert started[-1] == stage  # no later stage started
    if stage != "sourcedeploy":
        assert ncp.state.deploys == {}  # the running version was never touched
    assert get_store().get("pipeline_runs", request.request_id)["failed_stage"] == stage


def test_a_build_that_outlives_its_deadline_fails_the_stage(
    ncp: NcpFake, ncp_client: NcpClient, world: tuple[Any, str]
) -> None:
    request, github = world
    ncp.state.polls_until_done = 10_000
    target = NcpTarget("201", "2", "3", "4", registry="r", build_deadline_s=0.05)
    outcome = run(get_store(), request, ncp_stages(ncp_client, target, "tok", github), Recorder())
    assert outcome.failed_stage == "sourcebuild" and "did not finish within" in (outcome.error or "")
    assert ncp.state.deploys == {}


def _expire(request_id: str) -> None:
    get_store().update("pipeline_runs", request_id, {"lease_until": "2000-01-01T00:00:00Z"})


def test_a_run_taken_over_resumes_at_the_stage_it_stopped_in_with_its_saved_facts() -> None:
    request = PipelineRequest("req-9", "dep-9", "o", "r", "main", "a" * 40)
    calls: list[tuple[str, Any]] = []

    def commit(_: PipelineRequest, facts: dict[str, Any]) -> None:
        calls.append(("commit", None))
        facts["image"] = "reg/o-r:aaaaaaa"

    def build(_: PipelineRequest, facts: dict[str, Any]) -> None:
        calls.append(("build", facts.get("build_id")))
        if "build_id" not in facts:
            facts["build_id"] = "b-1"
            raise SystemExit("killed")

    stages = {"sourcecommit": commit, "sourcebuild": build, "sourcedeploy": lambda _, facts: None}
    with pytest.raises(SystemExit):
        run(get_store(), request, stages, Recorder())
    with pytest.raises(InFlight):
        run(get_store(), request, stages, Recorder())
    _expire(request.request_id)
    recorder = Recorder()
    outcome = run(get_store(), request, stages, recorder)
    assert outcome.ok and outcome.facts == {"image": "reg/o-r:aaaaaaa", "build_id": "b-1"}
    assert calls == [("commit", None), ("build", None), ("build", "b-1")]
    assert [e[1] for e in recorder.events if e[0] == "start"] == ["sourcebuild", "sourcedeploy"]


def test_a_run_that_keeps_dying_is_failed_after_three_attempts() -> None:
    request = PipelineRequest("req-8", "dep-8", "o", "r", "main", "a" * 40)

    def dies(_: PipelineRequest, facts: dict[str, Any]) -> None:
        raise SystemExit("killed")

    for _ in range(3):
        with pytest.raises(SystemExit):
            run(get_store(), request, {"sourcecommit": dies}, Recorder())
        _expire(request.request_id)
    recorder = Recorder()
    outcome = run(get_store(), request, {"sourcecommit": dies}, recorder)
    assert not outcome.ok and outcome.failed_stage == "sourcecommit" and "stopped 3 times" in (outcome.error or "")
    assert recorder.events == [("finish", "sourcecommit", "failed", outcome.error)]
    again = run(get_store(), request, {"sourcecommit": dies}, Recorder())
    assert again.repeated and not again.ok
