from __future__ import annotations

import json
import urllib.error
import urllib.request

import pytest

from klepaas_deploy.pipeline.stages import ncp_signing
from klepaas_deploy.pipeline.stages.ncp import NcpClient, NcpEndpoints
from klepaas_deploy.pipeline.stages.ncp_http import NcpHttp, NcpRefused
from klepaas_deploy.pipeline.stages.polling import PollDeadline, poll
from klepaas_fakes.ncp import NcpFake, add_repository

from .conftest import FakeTime


def test_signature_matches_the_documented_string_to_sign() -> None:
    # Independent computation of the documented form, then the helper's answer must agree.
    import base64
    import hashlib
    import hmac

    message = b"GET /api/v1/repository/app?x=1\n1700000000000\nAK"
    expected = base64.b64encode(hmac.new(b"SK", message, hashlib.sha256).digest()).decode()
    assert ncp_signing.signature("get", "/api/v1/repository/app?x=1", 1700000000000, "AK", "SK") == expected


def test_signed_request_is_accepted_and_creates_the_repository_once(ncp: NcpFake, ncp_client: NcpClient) -> None:
    first = ncp_client.ensure_repository("owner-repo", "mirror of owner/repo")
    again = ncp_client.ensure_repository("owner-repo")
    assert first["git"]["https"].endswith("/owner-repo.git") and again == first
    posts = [r for r in ncp.state.requests if r[1] == "POST"]
    assert len(posts) == 1 and ncp.state.refused == 0


def test_request_signed_with_a_wrong_secret_is_refused_with_401(ncp: NcpFake) -> None:
    client = NcpClient(NcpHttp(ncp.state.access_key, "not-the-secret"), NcpEndpoints(**ncp.urls))
    with pytest.raises(NcpRefused) as caught:
        client.ensure_repository("app")
    assert caught.value.status == 401 and "Signature mismatch" in caught.value.message
    assert ncp.state.repositories == {}


def _raw(url: str, headers: dict[str, str]) -> int:
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return int(response.status)
    except urllib.error.HTTPError as exc:
        if exc.code == 401:
            assert json.loads(exc.read())["error"]["message"] == "Authentication Failed"
        return exc.code


def test_tampered_path_stale_timestamp_and_missing_headers_are_refused(ncp: NcpFake) -> None:
    base = ncp.urls["sourcecommit"]
    ok = ncp_signing.signed_headers("GET", "/api/v1/repository/a", ncp.state.access_key, ncp.state.secret_key)
    assert _raw(base + "/api/v1/repository/b", ok) == 401  # signed for another path
    stale_ms = ncp.state.clock_ms() - 6 * 60 * 1000
    stale = ncp_signing.signed_headers(
        "GET", "/api/v1/repository/a", ncp.state.access_key, ncp.state.secret_key, timestamp_ms=stale_ms
    )
    assert _raw(base + "/api/v1/repository/a", stale) == 401
    assert _raw(base + "/api/v1/repository/a", {}) == 401
    assert _raw(base + "/api/v1/repository/a", ok) == 404  # genuine request reaches the service
    assert ncp.state.refused == 3


def test_build_is_polled_with_backoff_until_it_succeeds(ncp: NcpFake, ncp_client: NcpClient) -> None:
    add_repository(ncp.state, "app")  # what project 201's source names
    ncp.state.polls_until_done = 3
    build_id = ncp_client.start_build("201")
    result = ncp_client.wait_build("201", build_id, deadline_s=10)
    assert result.ok and result.status == "success"
    gets = [r for r in ncp.state.requests if r[0] == "sourcebuild" and r[1] == "GET"]
    assert len(gets) == 4


def test_a_build_is_started_without_a_body_as_documented(ncp: NcpFake, ncp_client: NcpClient) -> None:
    # SourceBuild's "start build" documents no request body: the tag comes from the project's settings.
    assert ncp_client.start_build("201") in ncp.state.builds
    with pytest.raises(NcpRefused) as caught:
        ncp_client.http.call(ncp.urls["sourcebuild"], "POST", "/api/v1/project/201/build", {"tag": "abc1234"})
    assert caught.value.status == 400 and len(ncp.state.builds) == 1


def test_failed_build_reports_its_failed_phase(ncp: NcpFake, ncp_client: NcpClient) -> None:
    add_repository(ncp.state, "app")
    ncp.state.build_outcome = "fail"
    result = ncp_client.wait_build("201", ncp_client.start_build("201"), deadline_s=10)
    assert not result.ok and result.status == "fail" and result.detail == "failed in build"


def test_deploy_is_polled_until_it_settles(ncp: NcpFake, ncp_client: NcpClient) -> None:
    history_id = ncp_client.start_deploy("2", "3", "4")
    assert ncp_client.wait_deploy("2", history_id, deadline_s=10).ok


def test_transient_gateway_error_is_retried(ncp: NcpFake, ncp_client: NcpClient) -> None:
    ncp.state.failures["/api/v1/project/201/build"] = 503
    assert ncp_client.start_build("201").startswith("build-")


def test_polling_stops_at_the_deadline_with_doubling_waits() -> None:
    time_ = FakeTime()
    with pytest.raises(PollDeadline):
        poll(
            lambda: "running",
            lambda s: s == "success",
            deadline_s=10,
            what="job",
            base_s=1,
            max_s=4,
            sleep=time_.sleep,
            clock=time_.clock,
        )
    assert time_.sleeps[:4] == [1, 2, 4, 3] and time_.now == 10
