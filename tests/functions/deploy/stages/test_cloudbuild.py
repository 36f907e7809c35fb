from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from klepaas_deploy.pipeline.stages.cloudbuild import (
    CloudBuild,
    CloudBuildError,
    CloudBuildRefused,
    CloudBuildUnreachable,
    build_body,
)
from klepaas_deploy.pipeline.stages.polling import PollDeadline
from klepaas_deploy.pipeline.stages.secret_manager import SecretManager
from klepaas_deploy.pipeline.stages.tags import tags_for
from klepaas_fakes.cloudbuild import CloudBuildState, cloud_build_api
from klepaas_fakes.faults import DROP, LOST, failure_of

SHA = "abcdef0123456789abcdef0123456789abcdef01"
REPO = "asia-northeast3-docker.pkg.dev/p/apps/owner-repo"


def test_build_pushes_every_production_tag() -> None:
    body = build_body("https://github.com/o/r.git", SHA, REPO, tags_for("production", SHA, "v1.2.3"))
    assert body["images"] == [f"{REPO}:v1.2.3", f"{REPO}:v1.2", f"{REPO}:v1", f"{REPO}:latest-prod"]
    assert body["source"]["gitSource"]["revision"] == SHA


@pytest.mark.parametrize("outcome", ["SUCCESS", "FAILURE"])
def test_submitted_build_is_polled_through_queued_and_working(outcome: str) -> None:
    with cloud_build_api() as (state, url):
        state.outcome = outcome
        client = CloudBuild("p", state.token, base_url=url, poll_base_s=0.001)
        build_id = client.submit(build_body("g", SHA, REPO, tags_for("staging", SHA)))
        assert client.wait(build_id, deadline_s=5) == outcome
        assert state.builds[build_id]["images"][0].endswith(":abcdef0")


ACCOUNT = "projects/p/serviceAccounts/klepaas-staging-cloudbuild@p.iam.gserviceaccount.com"


def test_a_build_runs_as_its_named_account_with_its_logs_in_cloud_logging() -> None:
    with cloud_build_api() as (state, url):
        client = CloudBuild("p", state.token, base_url=url, poll_base_s=0.001)
        build_id = client.submit(build_body("g", SHA, REPO, ["x"], service_account=ACCOUNT))
        assert client.wait(build_id, deadline_s=5) == "SUCCESS"
        build = state.builds[build_id]
        assert build["serviceAccount"] == ACCOUNT and build["options"]["logging"] == "CLOUD_LOGGING_ONLY"


def test_a_named_account_with_the_default_logs_bucket_is_refused_as_cloud_build_refuses_it() -> None:
    with cloud_build_api() as (state, url):
        client = CloudBuild("p", state.token, base_url=url)
        body = build_body("g", SHA, REPO, ["x"])
        with pytest.raises(CloudBuildRefused, match="400"):
            client.submit({**body, "serviceAccount": ACCOUNT})
        with pytest.raises(CloudBuildRefused, match="400"):
            client.submit({**build_body("g", SHA, REPO, ["x"], service_account="klepaas@p.iam.gserviceaccount.com")})
        assert state.builds == {}


def test_a_wrong_token_is_refused() -> None:
    with cloud_build_api() as (_, url):
        client = CloudBuild("p", "wrong", base_url=url)
        with pytest.raises(CloudBuildError, match="401"):
            client.submit(build_body("g", SHA, REPO, ["x"]))


def test_a_build_that_never_settles_hits_the_deadline() -> None:
    with cloud_build_api() as (state, url):
        state.outcome = "WORKING"
        client = CloudBuild("p", state.token, base_url=url, poll_base_s=0.001)
        build_id = client.submit(build_body("g", SHA, REPO, ["x"]))
        with pytest.raises(PollDeadline):
            client.wait(build_id, deadline_s=0.05)


def _client(state: CloudBuildState, url: str) -> CloudBuild:
    return CloudBuild("p", state.token, base_url=url, poll_base_s=0.001, retry_base_s=0.001)


@pytest.mark.parametrize("faults", [[429], [503], [500, 429, 502]])
def test_a_submit_refused_for_now_is_retried_and_makes_one_build(faults: list[int]) -> None:
    with cloud_build_api() as (state, url):
        for fault in faults:
            state.faults.add(fault, "POST /v1/projects/p/builds")
        build_id = _client(state, url).submit(build_body("g", SHA, REPO, ["x"], key="klepaas-r-1"))
        assert list(state.builds) == [build_id]
        assert [m for m, _ in state.requests].count("POST") == len(faults) + 1


@pytest.mark.parametrize("fault", [DROP, LOST])
def test_a_submit_whose_connection_drops_finds_or_makes_exactly_one_build(fault: str) -> None:
    """``drop``: the request never arrived; ``lost``: the build was created and its answer lost."""
    with cloud_build_api() as (state, url):
        state.faults.add(fault, "POST /v1/projects/p/builds")
        build_id = _client(state, url).submit(build_body("g", SHA, REPO, ["x"], key="klepaas-r-1"))
        assert list(state.builds) == [build_id] and state.builds[build_id]["tags"] == ["klepaas-r-1"]
        posts = [m for m, _ in state.requests].count("POST")
        assert posts == (2 if fault == DROP else 1)  # a lost answer is found by its tag, not submitted again


def test_a_submit_without_a_key_is_not_repeated_after_a_dropped_connection() -> None:
    with cloud_build_api() as (state, url):
        state.faults.add(LOST, "POST /v1/projects/p/builds")
        failure = failure_of(lambda: _client(state, url).submit(build_body("g", SHA, REPO, ["x"])))
        assert isinstance(failure, CloudBuildUnreachable)
        assert len(state.builds) == 1  # the one the lost answer was about: no second


def test_a_refused_submit_is_not_retried() -> None:
    with cloud_build_api() as (state, url):
        with pytest.raises(CloudBuildRefused, match="400"):
            _client(state, url).submit({"steps": []})
        assert [m for m, _ in state.requests] == ["POST"]


def test_polls_ride_out_429_5xx_and_dropped_connections() -> None:
    with cloud_build_api() as (state, url):
        client = _client(state, url)
        build_id = client.submit(build_body("g", SHA, REPO, ["x"], key="k"))
        for fault in (503, DROP, 429, DROP):  # four in a row: the fifth attempt of one poll succeeds
            state.faults.add(fault, "GET /v1/projects/p/builds/")
        assert client.wait(build_id, deadline_s=30) == "SUCCESS"
        assert state.faults.queue == []


def test_a_poll_that_keeps_failing_fails_after_its_attempts() -> None:
    with cloud_build_api() as (state, url):
        client = _client(state, url)
        build_id = client.submit(build_body("g", SHA, REPO, ["x"]))
        state.faults.add(503, "GET /v1/projects/p/builds/", times=5)
        with pytest.raises(CloudBuildError, match="503"):
            client.status(build_id)
        assert [m for m, _ in state.requests].count("GET") == 5


def test_a_private_source_is_fetched_by_a_git_step_with_the_token_as_a_secret(tmp_path: Path) -> None:
    work = tmp_path / "work"
    work.mkdir()
    for args in (["init", "--quiet", "--initial-branch=main"], ["commit", "--quiet", "--allow-empty", "-m", "x"]):
        subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@e.invalid", *args], cwd=work, check=True)
    sha = subprocess.run(
        ["git", "rev-parse", "HEAD"], cwd=work, check=True, capture_output=True, text=True
    ).stdout.strip()
    git_url = f"file://{work}"
    with cloud_build_api() as (state, url):
        state.private[git_url] = {"ghs_secret"}
        secrets = SecretManager("projects/p/secrets/klepaas-cloudbuild-git-token", state.token, base_url=url)
        version = secrets.add_version("ghs_secret")
        client = _client(state, url)
        build_id = client.submit(build_body(git_url, sha, REPO, ["x"], token_version=version))
        assert client.wait(build_id, deadline_s=30) == "SUCCESS"
        assert "ghs_secret" not in json.dumps(state.builds[build_id])
        wrong = secrets.add_version("ghs_wrong")
        failed = client.submit(build_body(git_url, sha, REPO, ["x"], token_version=wrong))
        assert client.wait(failed, deadline_s=30) == "FAILURE"
        assert "Authentication failed" in state.builds[failed]["statusDetail"]
