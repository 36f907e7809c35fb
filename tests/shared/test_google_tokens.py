"""Google credentials through google-auth's real Application Default Credentials path, against a
metadata-server stand-in (issue 16, item 2): one token fetch per expiry, not one per call, for
Cloud Build, GKE requests and the ID tokens of calls between functions.

google-auth reads ``GCE_METADATA_HOST`` when it is imported, so each case runs in a fresh Python
process pointed at the stand-in, as a cold instance would be."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from klepaas_fakes.metadata import MetadataState, metadata_server
from klepaas_fakes.scripted import scripted_server

ACCESS = """
from klepaas_shared.google_tokens import access_token
tokens = {access_token() for _ in range(50)}
print(json.dumps(sorted(tokens)))
"""

PEER = """
from klepaas_shared.peers import peer
for _ in range(20):
    peer("deploy", "http://127.0.0.1:9", timeout_s=5).json("GET", "/api/v1/health/deploy")
print(json.dumps([]))
"""

GKE = """
from kubernetes import client
from klepaas_fakes.kube.standin import KubeStandIn
from klepaas_deploy.cluster.targets import target
with KubeStandIn(token=sys.argv[1]) as cluster:
    os.environ["KLEPAAS_GKE_ENDPOINT"] = cluster.url
    core = client.CoreV1Api(target("gke").api_client())
    counts = [len(core.list_namespace().items) for _ in range(15)]
print(json.dumps(counts))
"""

CLOUD_BUILD = """
from klepaas_deploy.pipeline.stages.cloudbuild import CloudBuild, build_body
from klepaas_fakes.cloudbuild import CloudBuildState, cloud_build_api
with cloud_build_api(CloudBuildState(token=sys.argv[1])) as (state, url):
    client = CloudBuild("p", base_url=url, poll_base_s=0.001)
    build_id = client.submit(build_body("g", "a" * 40, "r.example/p/apps/o-r", ["x"]))
    statuses = [client.status(build_id) for _ in range(15)] + [client.wait(build_id, deadline_s=10)]
print(json.dumps(statuses))
"""


def run(script: str, metadata_host: str, tmp_path: Path, *args: str, **env: str) -> Any:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("GOOGLE_", "GCE_", "KLEPAAS_"))}
    clean |= {"GCE_METADATA_HOST": metadata_host, "GCE_METADATA_IP": metadata_host, "CLOUDSDK_CONFIG": str(tmp_path)}
    clean |= {"KLEPAAS_ENV": "test", "KLEPAAS_JWT_SECRET": "x" * 40, **env}
    done = subprocess.run(
        [sys.executable, "-c", "import json, os, sys\n" + script, *args],
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_an_access_token_is_fetched_once_and_reused_until_it_nears_expiry(tmp_path: Path) -> None:
    with metadata_server() as (state, host):
        assert len(run(ACCESS, host, tmp_path)) == 1
        assert state.fetched["token"] == 1


def test_a_token_within_the_refresh_margin_is_fetched_again(tmp_path: Path) -> None:
    with metadata_server(MetadataState(expires_in_s=60)) as (state, host):  # google-auth renews ~4 min early
        assert len(run(ACCESS, host, tmp_path)) == 50
        assert state.fetched["token"] == 50


def test_calls_to_another_function_carry_one_cached_id_token_for_its_url(tmp_path: Path) -> None:
    with metadata_server() as (state, host), scripted_server() as (deploy, url):
        run(PEER, host, tmp_path, KLEPAAS_DEPLOY_INTERNAL_URL=url)
    assert state.fetched == {f"identity:{url}": 1}
    sent = {headers.get("X-Serverless-Authorization") for _, _, headers, _ in deploy.requests}
    assert sent == {f"Bearer {state.issued[0]}"} and len(deploy.requests) == 20


def test_without_an_internal_url_a_function_is_called_at_the_front_door_without_an_id_token(tmp_path: Path) -> None:
    with metadata_server() as (state, host), scripted_server() as (front, url):
        run(PEER.replace("http://127.0.0.1:9", url), host, tmp_path)
    assert not state.fetched and len(front.requests) == 20
    assert not any("X-Serverless-Authorization" in headers for _, _, headers, _ in front.requests)


def test_gke_requests_share_one_google_token(tmp_path: Path) -> None:
    with metadata_server(MetadataState(access_token="ya29.cluster-knows-me")) as (state, host):
        namespaces = run(GKE, host, tmp_path, "ya29.cluster-knows-me", KLEPAAS_DEFAULT_TARGET="gke")
        assert state.fetched["token"] == 1
    assert len(namespaces) == 15 and len(set(namespaces)) == 1 and namespaces[0] > 0


def test_cloud_build_polls_share_one_google_token(tmp_path: Path) -> None:
    """The submit and every poll of a build carry the same cached token (the stand-in refuses any
    other): one metadata fetch, not one per poll."""
    with metadata_server(MetadataState(access_token="ya29.builds-know-me")) as (state, host):
        statuses = run(CLOUD_BUILD, host, tmp_path, "ya29.builds-know-me")
        assert state.fetched["token"] == 1
    assert len(statuses) == 16 and statuses[-1] == "SUCCESS"


ROTATED = """
from klepaas_deploy.pipeline.stages.cloudbuild import CloudBuild, build_body
from klepaas_fakes.cloudbuild import CloudBuildState, cloud_build_api
with cloud_build_api(CloudBuildState(token=sys.argv[1])) as (state, url):
    client = CloudBuild("p", base_url=url, poll_base_s=0.001)
    build_id = client.submit(build_body("g", "a" * 40, "r.example/p/apps/o-r", ["x"]))
    before = [client.status(build_id) for _ in range(5)]
    state.token = sys.argv[2]  # the API stops taking the first token before it expires
    after = [client.status(build_id) for _ in range(5)]
print(json.dumps([before, after, sorted(set(state.authorizations))]))
"""

GKE_AND_CLOUD_BUILD = """
from kubernetes import client
from klepaas_fakes.kube.standin import KubeStandIn
from klepaas_deploy.cluster.targets import target
from klepaas_deploy.pipeline.stages.cloudbuild import CloudBuild, build_body
from klepaas_fakes.cloudbuild import CloudBuildState, cloud_build_api
with KubeStandIn(token=sys.argv[1]) as cluster, cloud_build_api(CloudBuildState(token=sys.argv[1])) as (_, url):
    os.environ["KLEPAAS_GKE_ENDPOINT"] = cluster.url
    core = client.CoreV1Api(target("gke").api_client())
    builds = CloudBuild("p", base_url=url, poll_base_s=0.001)
    build_id = builds.submit(build_body("g", "a" * 40, "r.example/p/apps/o-r", ["x"]))
    done = [(len(core.list_namespace().items) > 0, builds.status(build_id)) for _ in range(5)]
print(json.dumps(done))
"""


def test_cloud_build_polls_within_the_refresh_margin_fetch_a_token_each_time(tmp_path: Path) -> None:
    """google-auth's authorized session renews a token near expiry (~4 min early): a 60 s token is
    fetched again for every call, which shows the session, not a cache of ours, decides."""
    with metadata_server(MetadataState(access_token="ya29.builds-know-me", expires_in_s=60)) as (state, host):
        statuses = run(CLOUD_BUILD, host, tmp_path, "ya29.builds-know-me")
        assert state.fetched["token"] == len(statuses) + 1  # the submit, 15 polls and the wait's poll(s)
    assert statuses[-1] == "SUCCESS"


def test_a_401_from_a_google_api_makes_the_session_refresh_once_and_retry(tmp_path: Path) -> None:
    """The token is still within its lifetime but the API refuses it (revoked, rotated): the
    authorized session fetches a new one on the 401 and repeats the call, and keeps that one."""
    rotation = ["ya29.first", "ya29.second"]
    with metadata_server(MetadataState(rotation=list(rotation))) as (state, host):
        before, after, seen = run(ROTATED, host, tmp_path, *rotation)
        assert state.fetched["token"] == 2
    assert len(before) == len(after) == 5 and after[-1] == "SUCCESS"  # every call answered, none failed
    assert seen == [f"Bearer {token}" for token in rotation]


def test_gke_and_cloud_build_share_one_set_of_credentials(tmp_path: Path) -> None:
    with metadata_server(MetadataState(access_token="ya29.both-know-me")) as (state, host):
        done = run(GKE_AND_CLOUD_BUILD, host, tmp_path, "ya29.both-know-me", KLEPAAS_DEFAULT_TARGET="gke")
        assert state.fetched["token"] == 1
    assert len(done) == 5 and all(listed for listed, _ in done) and done[-1][1] == "SUCCESS"


NO_CREDENTIALS = """
from klepaas_deploy.pipeline.stages.cloudbuild import CloudBuild, build_body
from klepaas_shared.errors import KlepaasError
try:
    CloudBuild("p", base_url="http://127.0.0.1:9", poll_base_s=0.001).status("b-1")
except KlepaasError as exc:
    print(json.dumps([type(exc).__name__, exc.retryable, exc.message]))
"""


def test_without_default_credentials_a_google_api_call_is_a_config_error_naming_them(tmp_path: Path) -> None:
    """No metadata server and no credentials file: google-auth's ADC lookup fails, raised as our
    configuration error (not retried as if Google were down), before anything is sent."""
    with metadata_server() as (state, host):
        pass  # stopped: nothing answers at its address any more
    name, retryable, message = run(NO_CREDENTIALS, host, tmp_path)
    assert (name, retryable) == ("ConfigError", False) and "Application Default Credentials" in message
    assert not state.fetched


CONCURRENT = """
import threading
from klepaas_deploy.pipeline.stages.cloudbuild import CloudBuild, build_body
from klepaas_fakes.cloudbuild import CloudBuildState, cloud_build_api
with cloud_build_api(CloudBuildState(token=sys.argv[1])) as (state, url):
    client = CloudBuild("p", base_url=url, poll_base_s=0.001)
    start, found = threading.Barrier(8), []
    def poll():
        start.wait()
        found.append(client.find("klepaas-none"))
    threads = [threading.Thread(target=poll) for _ in range(8)]
    [t.start() for t in threads]
    [t.join() for t in threads]
print(json.dumps(found))
"""


def test_threads_of_a_cold_instance_calling_at_once_share_one_token_fetch(tmp_path: Path) -> None:
    with metadata_server(MetadataState(access_token="ya29.builds-know-me")) as (state, host):
        found = run(CONCURRENT, host, tmp_path, "ya29.builds-know-me")
        assert state.fetched["token"] == 1
    assert found == [None] * 8
