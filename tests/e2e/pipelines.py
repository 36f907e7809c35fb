"""The building pipelines beside `make dev`: Cloud Build (for apps on the GKE target, the default
here) and NCP SourceCommit/SourceBuild (for the one app pinned to NKS), with a directory of bare
git repositories standing for GitHub and another standing for SourceCommit.

Both targets are the same Kubernetes API stand-in: GKE through its URL and token, NKS through the
kubeconfig. Cloud Build builds the commit a request names without cloning it, so the GitHub
stand-in's made-up commits build; the NCP mirror checks a commit out, so the NKS app's commit is a
real one in its bare repository.
"""

from __future__ import annotations

import json
import subprocess
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path

from klepaas_fakes.cloudbuild import CloudBuildState, cloud_build_api
from klepaas_fakes.devstack.git import bare_repository
from klepaas_fakes.kube import KubeStandIn
from klepaas_fakes.ncp import NcpFake, ncp_api

GCP_PROJECT, AR_REGION, AR_REPO = "klepaas-e2e", "asia-northeast3", "apps"
ARTIFACT_REGISTRY = f"{AR_REGION}-docker.pkg.dev/{GCP_PROJECT}/{AR_REPO}"
NCP_REGISTRY = "kr.ncr.ntruss.com/klepaas"  # the registry of the stand-in's SourceBuild project
NCP_BUILD_PROJECT = "201"


@dataclass
class Pipelines:
    cloudbuild: CloudBuildState
    cloudbuild_url: str
    ncp: NcpFake
    git_base: str  # file:// URL of <owner>/<repo>.git bare repositories: "GitHub"


def github_repository(root: Path, owner: str, repo: str) -> str:
    """A bare repository ``root/<owner>/<repo>.git`` with one commit on main (a Dockerfile); its sha."""
    return bare_repository(root, owner, repo, "Ship it on NKS")


def sourcecommit_repository(ncp: NcpFake, root: Path, app: str) -> None:
    """The empty SourceCommit repository the NCP mirror pushes ``app`` into."""
    root.mkdir(exist_ok=True)
    ncp.state.git_base = f"file://{root}"
    subprocess.run(["git", "init", "--quiet", "--bare", str(root / f"{app}.git")], check=True)


def start(stack: ExitStack, state_dir: Path) -> Pipelines:
    """Start the Cloud Build and NCP stand-ins (stopped with ``stack``) and an empty "GitHub"."""
    cloudbuild, url = stack.enter_context(cloud_build_api())
    # The e2e "GitHub" repositories built on Cloud Build have fixed commit ids that exist only in
    # the GitHub stand-in, so builds check their source's access but clone nothing (the clone is
    # tested in tests/functions/deploy/test_pipeline_gcp.py).
    cloudbuild.clone_sources = False
    ncp = stack.enter_context(ncp_api())
    (state_dir / "github").mkdir()
    return Pipelines(cloudbuild, url, ncp, f"file://{state_dir / 'github'}")


def environment(p: Pipelines, kube: KubeStandIn, nks_apps: tuple[str, ...]) -> dict[str, str]:
    """Every app on GKE built by Cloud Build, except ``nks_apps``: on NKS, built by SourceBuild."""
    return {
        "KLEPAAS_DEFAULT_TARGET": "gke",
        "KLEPAAS_GKE_ENDPOINT": kube.url,
        "KLEPAAS_GKE_TOKEN": kube.token,
        "KLEPAAS_TARGETS": json.dumps({f"{app}/staging": "nks" for app in nks_apps}),
        "KLEPAAS_CLOUDBUILD_PROJECT": GCP_PROJECT,
        "KLEPAAS_CLOUDBUILD_REGION": AR_REGION,
        "KLEPAAS_ARTIFACT_REGISTRY_REPO": AR_REPO,
        "KLEPAAS_CLOUDBUILD_URL": p.cloudbuild_url,
        "KLEPAAS_CLOUDBUILD_TOKEN": p.cloudbuild.token,
        "KLEPAAS_SECRETMANAGER_URL": p.cloudbuild_url,  # a private repository's token goes through a secret
        "KLEPAAS_NCP_ACCESS_KEY": p.ncp.state.access_key,
        "KLEPAAS_NCP_SECRET_KEY": p.ncp.state.secret_key,
        "KLEPAAS_NCP_SOURCECOMMIT_URL": p.ncp.urls["sourcecommit"],
        "KLEPAAS_NCP_SOURCEBUILD_URL": p.ncp.urls["sourcebuild"],
        "KLEPAAS_NCP_SOURCEDEPLOY_URL": p.ncp.urls["sourcedeploy"],
        "KLEPAAS_NCP_SOURCEBUILD_PROJECT_ID": NCP_BUILD_PROJECT,
        "KLEPAAS_NCP_REGISTRY": NCP_REGISTRY,
        "KLEPAAS_NCP_REGISTRY_API": p.ncp.registry_url,
        "KLEPAAS_GITHUB_GIT_BASE": p.git_base,
        "KLEPAAS_PIPELINE_POLL_S": "0.01",
    }
