"""Each app's SourceBuild build builds that app's own SourceCommit mirror: the stand-in builds
what the project's ``source.config`` names when the build starts, as SourceBuild does."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

from klepaas_deploy.pipeline.stages.ncp import NcpClient
from klepaas_deploy.pipeline.stages.ncp_stages import NcpTarget, ncp_stages
from klepaas_deploy.pipeline.stages.runner import PipelineRequest, run
from klepaas_fakes.ncp import NcpFake
from klepaas_shared.store import get_store

from .test_runner import Recorder, git

TARGET = NcpTarget("201", "", "", "", registry="kr.ncr.ntruss.com/klepaas")


def github_repo(root: Path, owner: str, name: str, text: str) -> str:
    work = root / f"work-{name}"
    work.mkdir()
    git(work, "init", "--quiet", "--initial-branch=main")
    (work / "Dockerfile").write_text(text)
    git(work, "add", ".")
    git(work, "commit", "--quiet", "-m", name)
    (root / "gh" / owner).mkdir(parents=True, exist_ok=True)
    git(root, "clone", "--quiet", "--bare", str(work), str(root / f"gh/{owner}/{name}.git"))
    return git(work, "rev-parse", "HEAD")


def test_two_apps_each_build_their_own_mirror(tmp_path: Path, ncp: NcpFake, ncp_client: NcpClient) -> None:
    (tmp_path / "sc").mkdir()
    ncp.state.git_base = f"file://{tmp_path}/sc"
    outcomes: dict[str, dict[str, Any]] = {}
    for name in ("alpha", "beta"):
        sha = github_repo(tmp_path, "Owner", name, f"FROM {name}\n")
        subprocess.run(["git", "init", "--quiet", "--bare", str(tmp_path / f"sc/owner-{name}.git")], check=True)
        request = PipelineRequest(f"req-{name}", f"dep-{name}", "Owner", name, "main", sha)
        stages = ncp_stages(ncp_client, TARGET, "", f"file://{tmp_path}/gh", store=get_store())
        outcome = run(get_store(), request, stages, Recorder())
        assert outcome.ok, outcome.error
        outcomes[name] = outcome.facts
    built = {job["source"]["repository"]: job["source"] for job in ncp.state.builds.values()}
    assert set(built) == {"owner-alpha", "owner-beta"}
    for name in ("alpha", "beta"):
        assert built[f"owner-{name}"] == {
            "repository": f"owner-{name}",
            "branch": "main",
            "commit": outcomes[name]["mirrored"],  # the commit the sourcecommit stage pushed for this app
        }
    assert ncp.state.projects[201]["source"]["config"] == {"repository": "owner-beta", "branch": "main"}


def test_a_build_whose_mirror_is_missing_fails_in_prepare(ncp: NcpFake, ncp_client: NcpClient) -> None:
    build_id = ncp_client.start_build("201")  # project 201 names repository "app", which does not exist
    result = ncp_client.wait_build("201", build_id, deadline_s=30)
    assert (result.ok, result.status, result.detail) == (False, "fail", "failed in prepare")
