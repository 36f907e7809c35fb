"""The Prometheus stand-in through the real client: scalar expressions answer as scalars, and the
stand-in's faults (429, 5xx, dropped connections) reach the client as Prometheus's would."""

from __future__ import annotations

import json
import urllib.parse
import urllib.request
from collections.abc import Iterator

import pytest

from klepaas_fakes.faults import DROP, failure_of
from klepaas_fakes.prometheus import PrometheusStandIn
from klepaas_shared.errors import KlepaasError
from klepaas_shared.prometheus import PrometheusClient


@pytest.fixture
def prom() -> Iterator[PrometheusStandIn]:
    with PrometheusStandIn() as standin:
        yield standin


def raw(prom: PrometheusStandIn, query: str) -> dict[str, object]:
    url = f"{prom.url}/api/v1/query?{urllib.parse.urlencode({'query': query})}"
    with urllib.request.urlopen(url, timeout=5) as response:
        data: dict[str, object] = json.loads(response.read())["data"]
    return data


def test_a_scalar_expression_answers_resulttype_scalar(prom: PrometheusStandIn) -> None:
    prom.set("sum(rate(node_network_receive_bytes_total[5m]))", ({}, 12.5))
    data = raw(prom, "scalar(sum(rate(node_network_receive_bytes_total[5m])))")
    assert data["resultType"] == "scalar"
    at, value = data["result"]  # type: ignore[misc]
    assert isinstance(at, float) and value == "12.5"
    assert raw(prom, "42")["result"][1] == "42.0"  # type: ignore[index]
    assert raw(prom, "up")["resultType"] == "vector"


def test_the_client_reads_a_scalar_answer(prom: PrometheusStandIn) -> None:
    prom.set_scalar("sum(x) / 1e6", 3.14159)
    assert PrometheusClient(prom.url, 5).scalar("sum(x) / 1e6") == 3.14
    assert PrometheusClient(prom.url, 5).vector("sum(x) / 1e6") == [({}, 3.14159)]


@pytest.mark.parametrize("fault", [503, 500, 429, DROP])
def test_one_fault_is_ridden_out_by_the_client_retry(prom: PrometheusStandIn, fault: int | str) -> None:
    prom.set("up", ({"job": "node"}, 1.0))
    prom.faults.add(fault)
    assert PrometheusClient(prom.url, 5).vector("up") == [({"job": "node"}, 1.0)]
    assert prom.faults.queue == []


@pytest.mark.parametrize("fault", [503, DROP])
def test_faults_that_persist_reach_the_caller_as_an_upstream_error(prom: PrometheusStandIn, fault: int | str) -> None:
    prom.faults.add(fault, times=5)
    failure = failure_of(lambda: PrometheusClient(prom.url, 5).vector("up"))
    assert isinstance(failure, KlepaasError) and failure.http_status in (502, 503)
