"""A crash between two writes, then the redelivery: for every write of a deploy request, fail it
once; Pub/Sub redelivers the same message; exactly one deployment results, its audit trail whole."""

from __future__ import annotations

from typing import Any

from klepaas_shared.contracts import TOPIC_DEPLOY_REQUESTS, DeployRequest
from klepaas_shared.errors import KlepaasError
from klepaas_shared.store import get_store

from .faults_support import FailingWrites, audit_of, event, main_of, snapshot


def _request(request_id: str) -> DeployRequest:
    return DeployRequest(
        request_id=request_id,
        owner="K-Le-PaaS",
        repo="test01",
        image="registry.test/k-le-paas/test01:v2",
        source="github_push",
        requested_by="github:octocat",
    )


def _deliver(message_id: str, request: DeployRequest) -> None:
    main_of("deploy").deploy_requests(event(TOPIC_DEPLOY_REQUESTS, request, message_id=message_id))


def _settles(message_id: str, request: DeployRequest) -> bool:
    """Deliver once: True when acked, False when nacked with a retryable error."""
    try:
        _deliver(message_id, request)
    except KlepaasError as exc:
        assert exc.retryable, (message_id, exc)
        return False
    return True


def _writes_of_one_request() -> int:
    store = get_store()
    counter = FailingWrites(store, nth=10**6)
    with counter.armed():
        _deliver("probe", _request("probe"))
    for key in list(snapshot()):
        store.delete(*key)
    return counter.count


def _deployments(request_id: str) -> list[dict[str, Any]]:
    return [d.data for d in get_store().query("deployments", [("request_id", "==", request_id)])]


def test_a_crash_at_any_write_of_a_deploy_request_is_redelivered_to_exactly_one_deployment() -> None:
    total = _writes_of_one_request()
    assert total >= 4
    for nth in range(1, total + 1):
        request = _request(f"req-{nth}")
        acked = []
        with FailingWrites(get_store(), nth).armed() as faults:
            acked.append(_settles(f"m-{nth}", request))
        assert faults.failed, nth
        # Redeliveries of the same message: until acked after a nack; a duplicate after an ack
        # is a no-op (or, while the first holder's lease runs, nacked again for later).
        acked += [_settles(f"m-{nth}", request) for _ in range(2)]
        assert any(acked), f"a crash at write {nth} was never recovered"
        deployments = _deployments(request.request_id)
        assert len(deployments) == 1, (nth, deployments)
        assert deployments[0]["stages"]["sourcedeploy"]["status"] == "success", (nth, deployments[0])
        audits = [a for a in audit_of("deploy.deploy_request") if a["details"]["request_id"] == request.request_id]
        assert len(audits) == 1, (nth, audits)
