"""The notify function's own settings (``KLEPAAS_SLACK_*``, ``KLEPAAS_ALERTMANAGER_TOKEN``, ...)."""

from __future__ import annotations

from functools import cache

from pydantic import Field, SecretStr

from klepaas_shared.settings import CommonSettings, load


class NotifySettings(CommonSettings):
    """Slack delivery, Slack install, approvals and alert receivers. Every secret is optional:
    without a bot token or webhook URL, messages are written to the log (console mode)."""

    slack_bot_token: SecretStr = SecretStr("")
    slack_webhook_url: SecretStr = SecretStr("")
    slack_api_url: str = Field("https://slack.com/api/", description="Slack Web API base (a stand-in in tests)")
    slack_signing_secret: SecretStr = SecretStr("")
    slack_response_url_local_origin: str = Field(
        "", description="KLEPAAS_ENV local or test only: the Slack stand-in's origin a response_url may point at"
    )
    slack_client_id: str = ""
    slack_client_secret: SecretStr = SecretStr("")
    slack_redirect_uri: str = ""
    slack_authorize_url: str = "https://slack.com/oauth/v2/authorize"
    slack_install_scopes: str = "chat:write,im:write,channels:read"
    slack_state_secret: SecretStr = SecretStr("")
    slack_token_key: SecretStr = SecretStr("")
    slack_deploy_channel: str = "#deployments"
    slack_repo_channels: dict[str, str] = Field(default_factory=dict, description='JSON {"owner/repo": "#chan"}')
    slack_alert_channel_default: str = "#alerts"
    slack_alert_channel_rate_limited: str = ""
    slack_alert_channel_unauthorized: str = ""
    slack_templates_dir: str = ""
    slack_language: str = "ko"
    slack_rate_per_s: float = Field(1.0, gt=0)
    slack_burst: int = Field(2, ge=1, description="one short of Slack's tolerated burst: headroom for jitter")
    slack_max_wait_s: float = Field(20.0, gt=0)
    alertmanager_token: SecretStr = SecretStr("")
    cluster_name: str = "nks-cluster"
    prometheus_url: str = Field("", description="Prometheus for the nodes of an alert snapshot (M7)")
    prometheus_timeout_s: float = Field(5.0, gt=0)


@cache
def notify_settings() -> NotifySettings:
    """This instance's notify settings, read on first use (tests clear the cache)."""
    return load(NotifySettings)
