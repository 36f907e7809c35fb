"""The deploy function's settings (``KLEPAAS_*``), read once per instance."""

from __future__ import annotations

from functools import cache
from typing import Literal

from pydantic import Field, SecretStr, field_validator

from klepaas_shared.settings import CommonSettings, load

TargetKind = Literal["gke", "nks", "dry-run"]
ENVIRONMENTS = ("staging", "production", "development")


class DeploySettings(CommonSettings):
    """Clusters, the namespace of each environment, policy limits, Prometheus and prices."""

    # Targets: which cluster serves an app and environment. Keys of ``targets`` are
    # ``<app>/<environment>`` or ``<environment>``; values are gke, nks or dry-run.
    default_target: TargetKind | None = Field(
        None, description="None: nks if a kubeconfig is set, else gke, else dry-run"
    )
    targets: dict[str, TargetKind] = Field(default_factory=dict)
    gke_endpoint: str = Field("", description="https://<control plane IP or host>")
    gke_ca_cert: str = Field("", description="the cluster CA, PEM or base64 of PEM")
    gke_token: SecretStr = Field(SecretStr(""), description="a bearer token; empty: Google default credentials")
    nks_kubeconfig: str = Field("", description="path of the NKS kubeconfig")
    nks_context: str = ""
    kube_timeout_s: float = Field(10.0, gt=0)
    glance_timeout_s: float = Field(1.5, gt=0, description="cluster reads of polled views (D2): no retries")
    # Building pipelines: NCP (SourceCommit → SourceBuild → SourceDeploy) and Google Cloud Build
    ncp_access_key: SecretStr = Field(SecretStr(""), description="NCP API access key; empty: no NCP pipeline")
    ncp_secret_key: SecretStr = SecretStr("")
    ncp_region: str = Field("KR", description="the region of the SourceCommit/SourceBuild/SourceDeploy projects")
    ncp_sourcecommit_url: str = "https://sourcecommit.apigw.ntruss.com"
    ncp_sourcebuild_url: str = "https://sourcebuild.apigw.ntruss.com"
    ncp_sourcedeploy_url: str = "https://vpcsourcedeploy.apigw.ntruss.com"
    ncp_sourcebuild_project_id: str = Field("", description="the SourceBuild project; empty: no NCP pipeline")
    ncp_sourcedeploy_project_id: str = Field("", description="empty: release onto NKS through its API instead")
    ncp_sourcedeploy_stage_id: str = ""
    ncp_sourcedeploy_scenario_id: str = ""
    ncp_nks_cluster_id: str = Field("", description="the NKS cluster SourceDeploy deploys to (shown in results)")
    ncp_registry: str = Field("", description="Container Registry endpoint, e.g. klepaas.kr.ncr.ntruss.com")
    ncp_registry_api: str = Field("", description="the registry's V2 API base URL; empty: https://<registry host>")
    ncp_git_username: str = Field("", description="SourceCommit git user (an NCP sub account's git credential)")
    ncp_git_password: SecretStr = SecretStr("")
    cloudbuild_project: str = Field("", description="the Cloud Build project; empty: no Cloud Build pipeline")
    cloudbuild_region: str = Field("asia-northeast3", description="the region of the Artifact Registry repository")
    cloudbuild_url: str = "https://cloudbuild.googleapis.com"
    cloudbuild_token: SecretStr = Field(SecretStr(""), description="empty: Google default credentials")
    cloudbuild_git_token_secret: str = Field(
        "klepaas-cloudbuild-git-token",
        description="Secret Manager secret (name, in the Cloud Build project) through which a build gets "
        "the GitHub token of a private repository; one version per build, destroyed when it ends",
    )
    cloudbuild_service_account: str = Field(
        "",
        description="email of the service account the builds run as (new projects have no usable default); "
        "empty: the project's default build account",
    )
    secretmanager_url: str = "https://secretmanager.googleapis.com"
    artifact_registry_repo: str = Field("apps", description="Artifact Registry (docker) repository name")
    github_git_base: str = Field("https://github.com", description="where repositories are cloned from")
    github_api_url: str = "https://api.github.com"
    github_app_id: str = Field("", description="the GitHub App cloning private repositories; empty: anonymous")
    github_app_private_key: SecretStr = Field(SecretStr(""), description="the App's RSA private key (PEM)")
    github_permission_cache_s: int = Field(
        300, ge=0, description="how long a GitHub push permission (acting as a developer) is trusted"
    )
    build_deadline_s: float = Field(1200.0, gt=0, description="how long a build may take")
    release_deadline_s: float = Field(600.0, gt=0, description="how long SourceDeploy may take")
    pipeline_poll_s: float = Field(2.0, gt=0, description="first wait between status polls (doubles to 15 s)")
    pipeline_lease_s: float = Field(
        60.0, gt=0, description="a pipeline run whose instance died is taken over after this (renewed while it lives)"
    )
    # Apps
    scale_max_replicas: int = Field(10, ge=1, le=1000)
    container_port: int = Field(8080, ge=1, le=65535)
    container_resources: dict[str, dict[str, str]] = Field(
        default_factory=lambda: {
            "requests": {"cpu": "100m", "memory": "128Mi"},
            "limits": {"cpu": "500m", "memory": "512Mi"},
        },
        description="requests and limits of a created app's container",
    )
    app_domain: str = "klepaas.app"
    ingress_class: str = "nginx"
    rollout_watch_s: float = Field(90.0, gt=0, description="how long a rollout is watched in all")
    rollout_inline_s: float = Field(2.0, ge=0, description="how long a request waits for its rollout")
    rollout_slice_s: float = Field(8.0, gt=0, description="one continuation's watch (inside the ack deadline)")
    rollback_window_days: int = Field(30, ge=1)
    resource_image_registries: str = Field(
        "",
        description="comma-separated registries (host or host/path) an applied manifest's images may come from, "
        "besides the platform's own (Artifact Registry, NCP Container Registry)",
    )
    # Approvals: deploys to these environments wait for a human (Slack Approve / Reject)
    deploy_approval_apps: dict[str, bool] = Field(
        default_factory=dict, description="per-app override: '<app>' or '<app>/<environment>' -> needs approval"
    )
    # Monitoring and cost
    prometheus_url: str = ""
    prometheus_timeout_s: float = Field(5.0, gt=0)
    cluster_name: str = "nks-cluster"
    price_cpu_core_month_krw: float = Field(36_000.0, ge=0)
    price_memory_gib_month_krw: float = Field(4_500.0, ge=0)
    price_load_balancer_month_krw: float = Field(18_000.0, ge=0)

    @field_validator("targets")
    @classmethod
    def _known_environments(cls, value: dict[str, TargetKind]) -> dict[str, TargetKind]:
        for key in value:
            environment = key.rsplit("/", 1)[-1]
            if environment not in ENVIRONMENTS:
                raise ValueError(
                    f"key {key!r} must be '<app>/<environment>' or '<environment>' ({', '.join(ENVIRONMENTS)})"
                )
        return value

    @property
    def ncp_configured(self) -> bool:
        return bool(self.ncp_access_key.get_secret_value() and self.ncp_sourcebuild_project_id and self.ncp_registry)

    @property
    def cloudbuild_configured(self) -> bool:
        return bool(self.cloudbuild_project)

    @property
    def artifact_registry(self) -> str:
        """``<region>-docker.pkg.dev/<project>/<repository>``."""
        return f"{self.cloudbuild_region}-docker.pkg.dev/{self.cloudbuild_project}/{self.artifact_registry_repo}"

    def approval_override(self, app: str, environment: str) -> bool | None:
        """The per-app approval setting of ``app`` in ``environment``, or None when there is none."""
        for key in (f"{app}/{environment}", app):
            if key in self.deploy_approval_apps:
                return self.deploy_approval_apps[key]
        return None


@cache
def deploy_settings() -> DeploySettings:
    """This instance's deploy settings (tests clear the cache)."""
    return load(DeploySettings)
