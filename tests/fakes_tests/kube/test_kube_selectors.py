"""Label selectors (equality and set-based) and field selectors on lists."""

from __future__ import annotations

import pytest
from kubernetes import client
from kubernetes.client.rest import ApiException


@pytest.fixture
def labelled(core: client.CoreV1Api) -> client.CoreV1Api:
    for name, labels in {
        "web-1": {"app": "web", "tier": "frontend"},
        "web-2": {"app": "web"},
        "api-1": {"app": "api", "tier": "backend"},
        "job-1": {"task": "migrate"},
    }.items():
        core.create_namespaced_pod(
            "default",
            client.V1Pod(
                metadata=client.V1ObjectMeta(name=name, labels=labels),
                spec=client.V1PodSpec(containers=[client.V1Container(name="c", image="busybox:1.36")]),
            ),
        )
    return core


@pytest.mark.parametrize(
    ("selector", "expected"),
    [
        ("app=web", {"web-1", "web-2"}),
        ("app==api", {"api-1"}),
        ("app!=web", {"api-1", "job-1"}),
        ("app in (web, api)", {"web-1", "web-2", "api-1"}),
        ("app notin (web)", {"api-1", "job-1"}),
        ("tier", {"web-1", "api-1"}),
        ("!tier", {"web-2", "job-1"}),
        ("app=web,tier=frontend", {"web-1"}),
        ("app in (web,api),!tier", {"web-2"}),
    ],
)
def test_label_selectors(labelled: client.CoreV1Api, selector: str, expected: set[str]) -> None:
    found = labelled.list_namespaced_pod("default", label_selector=selector)
    assert {p.metadata.name for p in found.items} == expected


def test_unparseable_label_selector_is_400(labelled: client.CoreV1Api) -> None:
    with pytest.raises(ApiException) as bad:
        labelled.list_namespaced_pod("default", label_selector="app=(web")
    assert bad.value.status == 400


def test_field_selectors(labelled: client.CoreV1Api) -> None:
    by_name = labelled.list_namespaced_pod("default", field_selector="metadata.name=api-1")
    assert [p.metadata.name for p in by_name.items] == ["api-1"]
    running = labelled.list_pod_for_all_namespaces(field_selector="status.phase=Running,metadata.name!=job-1")
    assert {p.metadata.name for p in running.items} == {"web-1", "web-2", "api-1"}
    on_node = labelled.list_namespaced_pod("default", field_selector="spec.nodeName=standin-node-1")
    assert len(on_node.items) == 4


def test_unsupported_field_selector_is_400(labelled: client.CoreV1Api) -> None:
    with pytest.raises(ApiException) as bad:
        labelled.list_namespaced_pod("default", field_selector="spec.hostname=x")
    assert bad.value.status == 400
    assert "field label not supported" in bad.value.body
