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
    # Apps
    namespaces: dict[str, str] = Field(default_factory=dict, description="environment -> namespace")
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
    # Approvals: deploys to these environments wait for a human (Slack Approve / Reject)
    deploy_approval_environments: str = Field("production", description="comma-separated; empty: none")
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

    def namespace_for(self, environment: str) -> str:
        return self.namespaces.get(environment, "default")

    def needs_approval(self, app: str, environment: str) -> bool:
        for key in (f"{app}/{environment}", app):
            if key in self.deploy_approval_apps:
                return self.deploy_approval_apps[key]
        return environment in {e.strip() for e in self.deploy_approval_environments.split(",")}


@cache
def deploy_settings() -> DeploySettings:
    """This instance's deploy settings (tests clear the cache)."""
    return load(DeploySettings)
