"""The webhook function's settings (``KLEPAAS_*``), read once per instance."""

from __future__ import annotations

from functools import cache

from pydantic import Field, SecretStr

from klepaas_shared.settings import CommonSettings, load


class WebhookSettings(CommonSettings):
    """GitHub App and repository webhook secrets, the GitHub API, the watched registries."""

    github_app_id: str = Field("", description="the GitHub App's id; empty: the App is not configured")
    github_app_private_key: SecretStr = Field(SecretStr(""), description="the App's RSA private key (PEM)")
    github_app_webhook_secret: SecretStr = Field(SecretStr(""), description="secret of the App's webhook")
    github_webhook_secret: SecretStr = Field(
        SecretStr(""), description="legacy single repository-webhook secret (see the fallback below)"
    )
    github_webhook_shared_secret_fallback: bool = Field(
        False, description="migration only: also accept the legacy single secret on repository webhooks"
    )
    webhook_secret_key: SecretStr = Field(
        SecretStr(""), description="server key of per-repository webhook secrets; empty: derived from the JWT secret"
    )
    webhook_secret_grace_s: int = Field(86_400, ge=0, description="how long a rotated-out secret keeps working")
    github_permission_cache_s: int = Field(
        300, ge=0, description="how long a GitHub push permission (joining as a developer) is trusted"
    )
    github_api_url: str = Field("https://api.github.com", description="GitHub REST API base URL")
    github_timeout_s: float = Field(8.0, gt=0, le=30)
    deploy_branch: str = Field("main", description="pushes to this branch deploy to staging")
    watched_image_repositories: str = Field(
        "", description="comma-separated Artifact Registry repositories (host/project/repo) whose pushes deploy"
    )
    ci_workflow_path: str = ".github/workflows/klepaas.yml"

    @property
    def app_configured(self) -> bool:
        return bool(self.github_app_id and self.github_app_private_key.get_secret_value())

    def watched_repositories(self) -> tuple[str, ...]:
        return tuple(p.strip().rstrip("/") for p in self.watched_image_repositories.split(",") if p.strip())


@cache
def settings() -> WebhookSettings:
    """This instance's settings (tests call ``settings.cache_clear()``)."""
    return load(WebhookSettings)
