"""push → deploy → Slack (issue 11): one signed GitHub push through webhook, deploy and notify on the
dev server's local bus, with the Kubernetes, Slack and GitHub stand-ins recording every hop."""

from __future__ import annotations

from typing import Any

import pytest

from .conftest import Console, wait_for
from .deliveries import push_payload, signed
from .pipelines import ARTIFACT_REGISTRY
from .server import DevServer
from .standins import APP_SECRET, OWNER, PUSHED_REPO, PUSHED_SHA, SHIPPED_REPO, StandIns, app_of

PUSHED = f"{OWNER}/{PUSHED_REPO}"


def _slack_messages(standins: StandIns, repository: str) -> list[Any]:
    return [m for m in standins.slack.posts() if repository in m.text]


def _github_states(standins: StandIns, repo: str, deployment_id: int) -> list[str]:
    fake = standins.github.repos[f"{OWNER}/{repo}".lower()]
    return [s["state"] for s in fake.deployment_statuses.get(deployment_id, [])]


@pytest.fixture(scope="module")
def pushed(admin: Console, dev: DevServer, standins: StandIns) -> dict[str, Any]:
    """Connect the repository (auto-deploy on), then push to main as GitHub does."""
    admin.ok(admin.post("/api/v1/projects/github/connect", {"owner": OWNER, "repo": PUSHED_REPO}))
    raw, headers = signed("push", push_payload(OWNER, PUSHED_REPO, PUSHED_SHA, installation_id=77), APP_SECRET)
    answer = admin.http.post(f"{dev.base_url}/api/v1/github/webhook", content=raw, headers=headers)
    body: dict[str, Any] = admin.ok(answer)
    return {**body, "guid": headers["X-GitHub-Delivery"], "raw": raw, "headers": headers}


def test_push_becomes_one_deployment_one_slack_message_and_github_statuses(
    pushed: dict[str, Any], admin: Console, dev: DevServer, standins: StandIns
) -> None:
    assert pushed["status"] == "queued" and pushed["commit"] == PUSHED_SHA
    github_deployment = int(pushed["github_deployment_id"])
    assert _github_states(standins, PUSHED_REPO, github_deployment)[0] == "queued"

    def recorded() -> dict[str, Any] | None:
        found = admin.ok(admin.get("/api/v1/github/pipelines", t=1, repository=PUSHED))["deployments"]
        return next((d for d in found if d["commit"]["sha"] == PUSHED_SHA), None)

    deployment = wait_for(recorded)
    assert deployment["repository"] == PUSHED and deployment["status"] in ("running", "success")  # the build is quick
    message = wait_for(lambda: _slack_messages(standins, PUSHED))
    assert len(message) == 1 and PUSHED_SHA[:7] in message[0].text
    states = wait_for(
        lambda: (s := _github_states(standins, PUSHED_REPO, github_deployment)) and "in_progress" in s[1:] and s
    )
    assert states[0] == "queued" and "in_progress" in states[1:]

    replay = admin.http.post(f"{dev.base_url}/api/v1/github/webhook", content=pushed["raw"], headers=pushed["headers"])
    assert 200 <= replay.status_code < 300
    again = admin.ok(admin.get("/api/v1/github/pipelines", t=1, repository=PUSHED))["deployments"]
    assert [d["id"] for d in again if d["commit"]["sha"] == PUSHED_SHA] == [deployment["id"]]
    assert len(_slack_messages(standins, PUSHED)) == 1


def test_push_is_built_by_cloud_build_released_on_the_cluster_and_slack_and_github_show_success(
    pushed: dict[str, Any], standins: StandIns
) -> None:
    app = app_of(PUSHED_REPO)
    built = f"{ARTIFACT_REGISTRY}/{app}"

    def released() -> bool:
        deployment = standins.kube.get("deployments", "default", app)
        image = deployment["spec"]["template"]["spec"]["containers"][0]["image"] if deployment else ""
        return bool(image == f"{built}:{PUSHED_SHA[:7]}")

    wait_for(released, timeout_s=30)
    [build] = [b for b in standins.pipelines.cloudbuild.builds.values() if b["images"][0].startswith(built + ":")]
    assert build["images"] == [f"{built}:{PUSHED_SHA[:7]}", f"{built}:latest-staging"]
    # The App is installed on the repository: its token fetches it, through a Secret Manager version.
    fetched = standins.pipelines.cloudbuild.fetched[build["id"]]
    assert fetched["token"] and PUSHED_SHA in build["steps"][0]["args"][-1] and build["status"] == "SUCCESS"
    github_deployment = int(pushed["github_deployment_id"])
    assert wait_for(lambda: "success" in _github_states(standins, PUSHED_REPO, github_deployment))

    def finished() -> list[Any]:
        messages = _slack_messages(standins, PUSHED)
        return messages if messages and messages[0].updates and "✅" in messages[0].text else []

    assert len(wait_for(finished)) == 1, "one message per deployment, updated in place to success"


def test_a_release_rolls_out_on_the_cluster_and_updates_its_one_slack_message(
    admin: Console, standins: StandIns
) -> None:
    image = "registry.klepaas.test/shipped:v2"
    args = {"github_owner": OWNER, "github_repo": SHIPPED_REPO, "image": image, "commit": {"sha": PUSHED_SHA}}
    done = admin.ok(
        admin.http.post("/api/v1/operations", json={"type": "deploy", "args": args}, headers=admin.headers())
    )
    assert done["operation"]["status"] in ("succeeded", "success"), done
    deployment = standins.kube.get("deployments", "default", app_of(SHIPPED_REPO))
    assert deployment["spec"]["template"]["spec"]["containers"][0]["image"] == image
    repository = f"{OWNER}/{SHIPPED_REPO}"

    def finished() -> list[Any]:
        messages = _slack_messages(standins, repository)
        return messages if messages and messages[0].updates and "✅" in messages[0].text else []

    messages = wait_for(finished)
    assert len(messages) == 1, "one message per deployment, updated in place"
