"""An approved deploy runs as what it was: a GitHub release stays a GitHub release asked for by
the webhook, in the operation, the history, the events and the audit, with its approver beside."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from klepaas_fakes.kube import KubeStandIn
from klepaas_shared.bus import local_bus
from klepaas_shared.contracts import TOPIC_DEPLOYMENT_EVENTS, DeployRequest, args_hash
from klepaas_shared.store import get_store

from .conftest import load_main
from .test_approvals import approval_requests, decide, follow_rollouts
from .test_console import _event


def test_an_approved_release_keeps_its_source_and_requester_and_records_the_approver(
    cluster: KubeStandIn, client: Any, make_token: Callable[..., str]
) -> None:
    deploy_main = load_main()
    request = DeployRequest(
        owner="K-Le-PaaS",
        repo="test01",
        environment="production",
        image="r/test01:v3",
        requested_by="webhook",
        source="github_release",
        commit={"sha": "e" * 40},
    )  # type: ignore[arg-type]
    deploy_main.deploy_requests(_event(request, "origin-1"))
    [approval] = approval_requests()
    approver = {"Authorization": f"Bearer {make_token(sub='ops-lead')}", "Content-Type": "application/json"}
    assert decide(client, approver, request.request_id, True, args_hash(approval["args"])).status_code == 200
    follow_rollouts()

    [doc] = [d.data for d in get_store().query("deployments")]
    assert (doc["source"], doc["requested_by"], doc["approved_by"]) == ("github_release", "webhook", "ops-lead")
    operation = get_store().get("operations", request.request_id)
    assert operation["status"] == "succeeded" and operation["requested_by"] == "webhook"
    assert operation["origin"] == {"source": "github_release", "requested_by": "webhook"}
    assert operation["approved_by"] == "ops-lead"
    events = [json.loads(d) for t, _, d, a in local_bus().published if t == TOPIC_DEPLOYMENT_EVENTS and not a]
    assert events and {e["requested_by"] for e in events} == {"webhook"}
    audit = {d.data["action"]: d.data for d in get_store().query("audit")}
    assert audit["deploy.approve"]["actor"] == "ops-lead" and audit["deploy.approve"]["source"] == "slack"
    ran = audit["deploy.deploy"]
    assert (ran["actor"], ran["source"], ran["details"]["approved_by"]) == ("webhook", "github_release", "ops-lead")
