"""The Pub/Sub consumers: deployment events (and approval requests) and Cloud Monitoring alerts."""

from __future__ import annotations

from typing import Any

from klepaas_shared.events import PubsubMessage, parse


def on_deployment_event(message: PubsubMessage) -> None:
    from klepaas_shared.contracts import DeploymentEvent
    from klepaas_shared.store import get_store

    from .deploys import approvals, decisions, deployments

    if message.attributes.get("kind") == approvals.APPROVAL_KIND:
        approvals.request(get_store(), parse(message, approvals.ApprovalRequest))
        return
    if message.attributes.get("kind") == decisions.DECIDED_KIND:
        decisions.carry_out(get_store(), decision_of(message))
        return
    if message.attributes.get("kind") == decisions.TOLD_KIND:
        decisions.told(told_of(message))
        return
    deployments.handle(parse(message, DeploymentEvent))


def on_alert(message: PubsubMessage) -> None:
    from klepaas_shared.store import get_store

    from .alerting.alerts import receive
    from .alerting.receivers import from_cloud_monitoring
    from .settings import notify_settings

    receive(get_store(), [from_cloud_monitoring(message.json(), notify_settings().cluster_name)])


def decision_of(message: PubsubMessage) -> dict[str, Any]:
    """A decision notify published itself; anything else is acked as malformed."""
    from klepaas_shared.errors import BadRequest

    value = message.json()
    fields = {"approval_id": str, "digest": str, "approve": bool, "slack_user": str, "sub": str, "scopes": list}
    if not isinstance(value, dict) or any(not isinstance(value.get(k), t) for k, t in fields.items()):
        raise BadRequest(f"message {message.message_id} is not an approval decision")
    if not isinstance(value.get("response_url", ""), str):  # absent in decisions queued before it was sent
        raise BadRequest(f"message {message.message_id} is not an approval decision")
    return value


def told_of(message: PubsubMessage) -> dict[str, Any]:
    """A refusal notify queued for the presser; anything else is acked as malformed."""
    from klepaas_shared.errors import BadRequest

    value = message.json()
    if not isinstance(value, dict) or not all(isinstance(value.get(k), str) for k in ("response_url", "text")):
        raise BadRequest(f"message {message.message_id} is not a refusal to tell")
    return value
