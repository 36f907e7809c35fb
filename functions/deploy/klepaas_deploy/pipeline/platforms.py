"""Which pipeline runs a DeployRequest, and the NCP and Cloud Build stages built from settings.

A request that names an image is released as it is. Otherwise its platform is the request's
``target`` or, failing that, its app's cluster (nks → NCP, gke → Google Cloud); a platform whose
build settings are missing falls back to the release pipeline, which leaves the build waiting.
"""

from __future__ import annotations

from klepaas_shared.contracts import DeployRequest
from klepaas_shared.github_app import installation_tokens

from ..cluster.targets import kind_for
from ..operations.context import Ctx
from .building import BuildingPipeline
from .refs import AppRef
from .seam import Pipeline
from .stages import runner
from .stages.cloudbuild import CloudBuild
from .stages.gcp_stages import GcpTarget, cloud_build_stages
from .stages.github_token import TokenSource
from .stages.ncp import NcpClient, NcpEndpoints
from .stages.ncp_http import NcpHttp
from .stages.ncp_stages import NcpTarget, ncp_stages
from .stages.registry import RegistryClient, api_of
from .stages.secret_manager import SecretManager

PLATFORM_OF_CLUSTER = {"nks": "ncp", "gke": "gcp"}


def ncp_stage_set(ctx: Ctx, request: DeployRequest, ref: AppRef) -> dict[str, runner.Stage]:
    s = ctx.settings
    http = NcpHttp(s.ncp_access_key.get_secret_value(), s.ncp_secret_key.get_secret_value(), timeout_s=10.0)
    endpoints = NcpEndpoints(s.ncp_sourcecommit_url, s.ncp_sourcebuild_url, s.ncp_sourcedeploy_url)
    client = NcpClient(http, endpoints, poll_base_s=s.pipeline_poll_s)
    target = NcpTarget(
        s.ncp_sourcebuild_project_id,
        s.ncp_sourcedeploy_project_id,
        s.ncp_sourcedeploy_stage_id,
        s.ncp_sourcedeploy_scenario_id,
        registry=s.ncp_registry,
        namespace=ref.namespace,
        domain=s.app_domain,
        git_username=s.ncp_git_username,
        git_password=s.ncp_git_password.get_secret_value(),
        build_deadline_s=s.build_deadline_s,
        deploy_deadline_s=s.release_deadline_s,
    )
    api = s.ncp_registry_api or api_of(s.ncp_registry)
    registry = RegistryClient(api, s.ncp_access_key.get_secret_value(), s.ncp_secret_key.get_secret_value())
    return ncp_stages(client, target, github_token(ctx, request), s.github_git_base, registry=registry)


def gcp_stage_set(ctx: Ctx, request: DeployRequest, ref: AppRef) -> dict[str, runner.Stage]:
    s = ctx.settings
    token = s.cloudbuild_token.get_secret_value()  # empty: the default credentials
    poll_s = s.pipeline_poll_s
    client = CloudBuild(s.cloudbuild_project, token, base_url=s.cloudbuild_url, poll_base_s=poll_s, retry_base_s=poll_s)
    account = s.cloudbuild_service_account
    account_name = f"projects/{s.cloudbuild_project}/serviceAccounts/{account}" if account else ""
    target = GcpTarget(s.artifact_registry, s.github_git_base, s.build_deadline_s, account_name)
    secret = f"projects/{s.cloudbuild_project}/secrets/{s.cloudbuild_git_token_secret}"
    secrets = SecretManager(secret, token, base_url=s.secretmanager_url) if s.cloudbuild_git_token_secret else None
    return cloud_build_stages(client, target, github_token(ctx, request), secrets)


def github_token(ctx: Ctx, request: DeployRequest) -> TokenSource:
    """The repository's installation token, minted when a stage first needs it ("" when the App
    is not configured or the request names no installation: public repositories)."""
    s = ctx.settings
    key = s.github_app_private_key.get_secret_value()
    installation = request.github_installation_id
    if not (s.github_app_id and key and installation):
        return lambda: ""
    return lambda: installation_tokens(s.github_app_id, key, s.github_api_url).token(installation)


def platform_of(ctx: Ctx, request: DeployRequest, ref: AppRef) -> str | None:
    """``ncp`` or ``gcp`` when that platform can build this request, else None."""
    platform = request.target or PLATFORM_OF_CLUSTER.get(kind_for(ctx.settings, ref.app, ref.environment))
    if platform == "ncp" and ctx.settings.ncp_configured:
        return "ncp"
    if platform == "gcp" and ctx.settings.cloudbuild_configured:
        return "gcp"
    return None


def pipeline_for(ctx: Ctx, request: DeployRequest, ref: AppRef, default: Pipeline) -> Pipeline:
    """The pipeline of ``request``; ``default`` for an image already built or no building platform."""
    platform = None if request.image else platform_of(ctx, request, ref)
    if platform == "ncp":
        return BuildingPipeline("ncp", ncp_stage_set)
    if platform == "gcp":
        return BuildingPipeline("gcp", gcp_stage_set)
    return default
