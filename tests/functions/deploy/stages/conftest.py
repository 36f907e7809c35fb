from __future__ import annotations

from collections.abc import Iterator

import pytest

from klepaas_deploy.pipeline.stages.ncp import NcpClient, NcpEndpoints
from klepaas_deploy.pipeline.stages.ncp_http import NcpHttp
from klepaas_fakes.ncp import NcpFake, ncp_api


class FakeTime:
    """A monotonic clock that only moves when the code under test sleeps."""

    def __init__(self) -> None:
        self.now = 0.0
        self.sleeps: list[float] = []

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


@pytest.fixture
def ncp() -> Iterator[NcpFake]:
    with ncp_api() as fake:
        yield fake


@pytest.fixture
def ncp_client(ncp: NcpFake) -> NcpClient:
    endpoints = NcpEndpoints(**ncp.urls)
    http = NcpHttp(ncp.state.access_key, ncp.state.secret_key, timeout_s=5)
    return NcpClient(http, endpoints, poll_base_s=0.001, poll_max_s=0.004)
