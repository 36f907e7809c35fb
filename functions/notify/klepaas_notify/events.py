"""The Pub/Sub consumers: deployment events (and approval requests) and Cloud Monitoring alerts."""

from __future__ import annotations

from klepaas_shared.events import PubsubMessage, parse


def on_deployment_event(message: PubsubMessage) -> None:
    from klepaas_shared.contracts import DeploymentEvent
    from klepaas_shared.store import get_store

    from .deploys import approvals, deployments

    if message.attributes.get("kind") == approvals.APPROVAL_KIND:
        approvals.request(get_store(), parse(message, approvals.ApprovalRequest))
        return
    deployments.handle(parse(message, DeploymentEvent))


def on_alert(message: PubsubMessage) -> None:
    from klepaas_shared.store import get_store

    from .alerting.alerts import receive
    from .alerting.receivers import from_cloud_monitoring
    from .settings import notify_settings

    receive(get_store(), [from_cloud_monitoring(message.json(), notify_settings().cluster_name)])
