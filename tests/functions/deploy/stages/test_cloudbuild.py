from __future__ import annotations

import pytest

from klepaas_deploy.pipeline.stages.cloudbuild import CloudBuild, CloudBuildError, build_body
from klepaas_deploy.pipeline.stages.polling import PollDeadline
from klepaas_deploy.pipeline.stages.tags import tags_for
from klepaas_fakes.cloudbuild import cloud_build_api

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
        client = CloudBuild("p", lambda: state.token, base_url=url, poll_base_s=0.001)
        build_id = client.submit(build_body("g", SHA, REPO, tags_for("staging", SHA)))
        assert client.wait(build_id, deadline_s=5) == outcome
        assert state.builds[build_id]["images"][0].endswith(":abcdef0")


def test_a_wrong_token_is_refused() -> None:
    with cloud_build_api() as (_, url):
        client = CloudBuild("p", lambda: "wrong", base_url=url)
        with pytest.raises(CloudBuildError, match="401"):
            client.submit(build_body("g", SHA, REPO, ["x"]))


def test_a_build_that_never_settles_hits_the_deadline() -> None:
    with cloud_build_api() as (state, url):
        state.outcome = "WORKING"
        client = CloudBuild("p", lambda: state.token, base_url=url, poll_base_s=0.001)
        build_id = client.submit(build_body("g", SHA, REPO, ["x"]))
        with pytest.raises(PollDeadline):
            client.wait(build_id, deadline_s=0.05)
