"""The NCP pipeline through `make dev`: an app on NKS is mirrored into SourceCommit (Kubernetes
manifests added), built by SourceBuild and released onto the cluster, each stage watched by the
console's polling; every NCP call signed. (Apps on GKE, built by Cloud Build: journey 18 and the
push → Slack test.)"""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

from .conftest import Console, wait_for
from .pipelines import NCP_BUILD_PROJECT, NCP_REGISTRY
from .standins import NKS_REPO, OWNER, StandIns, app_of


def _deployment(console: Console, deployment_id: int) -> dict[str, Any]:
    polled = console.ok(console.get(f"/api/v1/deployment-histories/{deployment_id}"))
    found: dict[str, Any] = polled.get("deployment") or polled
    return found


def test_a_manual_deploy_of_an_nks_app_is_mirrored_built_by_sourcebuild_and_released(
    admin: Console, standins: StandIns, state_dir: Path
) -> None:
    app, sha = app_of(NKS_REPO), standins.nks_sha
    admin.ok(admin.post("/api/v1/projects/github/connect", {"owner": OWNER, "repo": NKS_REPO}))
    started = admin.ok(
        admin.post("/api/v1/github/manual-deploy", {"github_owner": OWNER, "github_repo": NKS_REPO, "branch": "main"})
    )
    assert started["commit"]["sha"] == sha

    def mine() -> dict[str, Any] | None:
        found = admin.ok(admin.get("/api/v1/github/pipelines", t=1, repository=f"{OWNER}/{NKS_REPO}"))["deployments"]
        return next((d for d in found if d["commit"]["sha"] == sha), None)

    deployment_id = int(wait_for(mine)["id"])

    def finished() -> dict[str, Any] | None:
        done = _deployment(admin, deployment_id)
        return done if done["status"] in ("success", "failed") else None

    done = wait_for(finished, timeout_s=30)  # the first release on a cluster imports its client: seconds
    assert done["status"] == "success", done["error"]
    assert {name: stage["status"] for name, stage in done["stages"].items()} == {
        "sourcecommit": "success",
        "sourcebuild": "success",
        "sourcedeploy": "success",
    }
    image = f"{NCP_REGISTRY}/{app}:{sha[:7]}"
    assert done["image"]["url"] == image
    assert done["image_tags"] == {"pushed": [sha[:7], "latest-staging"], "not_pushed": []}  # every policy tag
    running = standins.kube.get("deployments", "default", app)
    assert running is not None and running["spec"]["template"]["spec"]["containers"][0]["image"] == image

    ncp = standins.pipelines.ncp.state
    assert ncp.refused == 0, "every NCP call is signed"
    assert [b["projectId"] for b in ncp.builds.values()] == [int(NCP_BUILD_PROJECT)]
    mirrored = state_dir / "sourcecommit" / f"{app}.git"
    files = subprocess.run(
        ["git", "ls-tree", "-r", "--name-only", "main"], cwd=mirrored, capture_output=True, text=True, check=True
    ).stdout.split()
    assert "Dockerfile" in files and any(name.startswith("k8s/") for name in files), files
