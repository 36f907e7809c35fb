"""Fault injection (status codes, Retry-After, delays, counts) and the request log."""

from __future__ import annotations

import json
import time

import pytest
from kubernetes.client.rest import ApiException

DEPLOYMENT = "/apis/apps/v1/namespaces/*/deployments/*"


def test_next_patch_answers_409_once_and_changes_nothing(kube, apps) -> None:
    kube.seed.app("shop", "web", "acme/web:v1")
    kube.fail_next(409, method="PATCH", path=DEPLOYMENT)
    with pytest.raises(ApiException) as conflict:
        apps.patch_namespaced_deployment("web", "shop", {"spec": {"replicas": 3}})
    assert conflict.value.status == 409
    body = json.loads(conflict.value.body)
    assert (body["kind"], body["reason"]) == ("Status", "Conflict")
    assert apps.read_namespaced_deployment("web", "shop").spec.replicas == 1
    apps.patch_namespaced_deployment("web", "shop", {"spec": {"replicas": 3}})
    assert apps.read_namespaced_deployment("web", "shop").spec.replicas == 3


def test_429_carries_retry_after(kube, apps) -> None:
    kube.seed.app("shop", "web", "acme/web:v1")
    kube.fail_next(429, method="PATCH", retry_after_s=7)
    with pytest.raises(ApiException) as throttled:
        apps.patch_namespaced_deployment("web", "shop", {"spec": {"replicas": 2}})
    assert throttled.value.status == 429
    assert throttled.value.headers["Retry-After"] == "7"
    body = json.loads(throttled.value.body)
    assert (body["reason"], body["details"]["retryAfterSeconds"]) == ("TooManyRequests", 7)


def test_client_retries_a_get_after_429_with_retry_after(kube, core) -> None:
    """urllib3's default Retry honours Retry-After for idempotent methods: the caller never sees the 429."""
    fault = kube.fail_next(429, method="GET", path="/api/v1/namespaces", retry_after_s=0)
    assert core.list_namespace().items
    assert fault.hits == 1
    assert [r.status for r in kube.requests[-2:]] == [429, 200]


@pytest.mark.parametrize(("status", "reason"), [(500, "InternalError"), (503, "ServiceUnavailable")])
def test_server_errors_for_the_next_n_matching_requests(kube, core, status: int, reason: str) -> None:
    fault = kube.fail_next(status, method="GET", path="/api/v1/namespaces", times=2)
    for _ in range(2):
        with pytest.raises(ApiException) as failed:
            core.list_namespace()
        assert failed.value.status == status
        assert json.loads(failed.value.body)["reason"] == reason
    core.read_namespace("default")
    assert core.list_namespace().items
    assert fault.hits == 2


def test_fault_only_hits_matching_method_and_path(kube, core, apps) -> None:
    kube.seed.app("shop", "web", "acme/web:v1")
    kube.fail_next(500, method="DELETE", path=DEPLOYMENT)
    apps.read_namespaced_deployment("web", "shop")
    core.list_namespaced_pod("shop")
    with pytest.raises(ApiException):
        apps.delete_namespaced_deployment("web", "shop")


def test_delay_slows_the_next_request_only(kube, core) -> None:
    kube.delay_next(0.2, path="/api/v1/namespaces")
    began = time.monotonic()
    core.list_namespace()
    slow = time.monotonic() - began
    began = time.monotonic()
    core.list_namespace()
    fast = time.monotonic() - began
    assert slow >= 0.2
    assert fast < 0.2


def test_request_log_records_method_path_query_and_content_type(kube, core, apps) -> None:
    kube.seed.app("shop", "web", "acme/web:v1")
    kube.clear_requests()
    core.list_namespaced_pod("shop", label_selector="app=web", limit=5)
    apps.patch_namespaced_deployment("web", "shop", [{"op": "replace", "path": "/spec/replicas", "value": 2}])
    listed, patched = kube.requests
    assert (listed.method, listed.path, listed.status) == ("GET", "/api/v1/namespaces/shop/pods", 200)
    assert listed.query == {"labelSelector": ["app=web"], "limit": ["5"]}
    assert (patched.method, patched.content_type) == ("PATCH", "application/json-patch+json")
    assert json.loads(patched.body)[0]["op"] == "replace"
