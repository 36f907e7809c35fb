"""Which channel a message goes to: by repository, event type, severity and error code."""

from __future__ import annotations

from klepaas_shared.contracts import DeploymentEvent

from ..settings import NotifySettings

_RATE_LIMITED = ("rate_limited", "ratelimited", "too_many_requests", "quota_exceeded")
_UNAUTHORIZED = ("unauthorized", "forbidden", "invalid_auth", "permission_denied", "not_authed")


def deployment_channel(settings: NotifySettings, event: DeploymentEvent) -> str:
    """The deployment's own message: the repository's channel, else the deploy channel."""
    return settings.slack_repo_channels.get(f"{event.owner}/{event.repo}") or settings.slack_deploy_channel


def error_channel(settings: NotifySettings, code: str) -> str | None:
    """An extra channel for errors that someone else must act on (quota, credentials)."""
    lowered = code.lower()
    if any(word in lowered for word in _RATE_LIMITED):
        return settings.slack_alert_channel_rate_limited or None
    if any(word in lowered for word in _UNAUTHORIZED):
        return settings.slack_alert_channel_unauthorized or None
    return None


def alert_channel(settings: NotifySettings, severity: str, labels: dict[str, str]) -> str | None:
    """Critical (and error) alerts are posted; a label ``error_code`` can redirect them."""
    if severity not in ("critical", "error"):
        return None
    special = error_channel(settings, labels.get("error_code", "") or labels.get("reason", ""))
    return special or settings.slack_alert_channel_default
