"""Adding tags through the Docker Registry V2 API against the loopback stand-in: the token flow
(and basic auth when the registry asks for it), retries of 5xx, refusals, the deadline, and the
``sourcebuild`` stage recording which of the policy's tags exist."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from klepaas_deploy.pipeline.stages.ncp import NcpClient
from klepaas_deploy.pipeline.stages.ncp_stages import NcpTarget, ncp_stages
from klepaas_deploy.pipeline.stages.registry import RegistryClient, api_of, repository_of
from klepaas_deploy.pipeline.stages.runner import PipelineRequest
from klepaas_fakes.ncp import NcpFake, add_repository
from klepaas_fakes.registry import RegistryState, registry_api
from klepaas_shared.store import get_store

NAME = "klepaas/owner-repo"
SHA = "a1b2c3d4e5f60718293a4b5c6d7e8f9012345678"


@pytest.fixture
def registry() -> Iterator[RegistryState]:
    with registry_api() as state:
        state.push(NAME, "v1.2.3")
        yield state


def client_of(state: RegistryState, password: str | None = None, **options: Any) -> RegistryClient:
    return RegistryClient(state.url, state.username, password or state.password, sleep=lambda _: None, **options)


def test_tags_are_added_to_the_same_manifest_after_one_bearer_token_login(registry: RegistryState) -> None:
    assert client_of(registry).add_tags(NAME, "v1.2.3", ["v1.2", "v1", "latest-prod"]) == {}
    tags = registry.tags_of(NAME)
    assert sorted(tags) == ["latest-prod", "v1", "v1.2", "v1.2.3"] and len(set(tags.values())) == 1
    assert registry.token_requests == 1 and registry.refused == 1  # the first, anonymous read was challenged


def test_a_registry_answering_basic_is_given_basic_auth_directly(registry: RegistryState) -> None:
    registry.basic_only = True
    assert client_of(registry).add_tags(NAME, "v1.2.3", ["latest-prod"]) == {}
    assert "latest-prod" in registry.tags_of(NAME) and registry.token_requests == 0


def test_a_wrong_login_fails_every_tag_without_retrying(registry: RegistryState) -> None:
    failed = client_of(registry, password="wrong").add_tags(NAME, "v1.2.3", ["v1.2", "v1"])
    assert set(failed) == {"v1.2", "v1"} and "401" in failed["v1"]
    assert registry.token_requests == 1 and sorted(registry.tags_of(NAME)) == ["v1.2.3"]


def test_an_expired_token_is_renewed_once(registry: RegistryState) -> None:
    client = client_of(registry)
    assert client.add_tags(NAME, "v1.2.3", ["v1.2"]) == {}
    registry.tokens.clear()
    assert client.add_tags(NAME, "v1.2.3", ["v1"]) == {}
    assert registry.token_requests == 2 and "v1" in registry.tags_of(NAME)


def test_a_5xx_or_429_is_retried_and_the_tag_is_added(registry: RegistryState) -> None:
    registry.failures += [(f"PUT /v2/{NAME}/manifests/v1", 503), (f"PUT /v2/{NAME}/manifests/v1", 429)]
    assert client_of(registry).add_tags(NAME, "v1.2.3", ["v1"]) == {}
    assert "v1" in registry.tags_of(NAME) and registry.failures == []


def test_a_missing_source_image_fails_every_tag(registry: RegistryState) -> None:
    failed = client_of(registry).add_tags(NAME, "v9.9.9", ["v9"])
    assert list(failed) == ["v9"] and "MANIFEST_UNKNOWN" in failed["v9"]


def test_credentials_are_not_sent_to_a_realm_on_another_plain_http_origin(registry: RegistryState) -> None:
    # The same server reached as localhost: its realm (on 127.0.0.1) is another origin, over http.
    client = RegistryClient(registry.url.replace("127.0.0.1", "localhost"), registry.username, registry.password)
    failed = client.add_tags(NAME, "v1.2.3", ["v1"])
    assert "unusable registry challenge" in failed["v1"] and registry.token_requests == 0


def test_nothing_is_attempted_once_the_deadline_has_passed(registry: RegistryState) -> None:
    failed = client_of(registry, deadline_s=0.0).add_tags(NAME, "v1.2.3", ["v1"])
    assert "deadline" in failed["v1"] and registry.requests == []


def test_the_repository_name_and_api_come_from_the_registry_setting() -> None:
    assert repository_of("kr.ncr.ntruss.com/klepaas", "app") == "klepaas/app"
    assert repository_of("klepaas.kr.ncr.ntruss.com", "app") == "app"
    assert api_of("klepaas.kr.ncr.ntruss.com") == "https://klepaas.kr.ncr.ntruss.com"


@pytest.mark.parametrize(
    ("environment", "version", "tags"),
    [("staging", None, [SHA[:7], "latest-staging"]), ("production", "v1.2.3", ["v1.2.3", "v1.2", "v1", "latest-prod"])],
)
def test_a_build_ends_with_every_policy_tag_in_the_registry(
    ncp: NcpFake, ncp_client: NcpClient, environment: str, version: str | None, tags: list[str]
) -> None:
    target = NcpTarget("201", "", "", "", registry="kr.ncr.ntruss.com/klepaas", build_deadline_s=10)
    add_repository(ncp.state, "owner-repo")  # the sourcecommit stage's mirror, which the build builds
    registry = RegistryClient(ncp.registry_url, ncp.state.access_key, ncp.state.secret_key)
    stage = ncp_stages(ncp_client, target, "", "file:///nowhere", store=get_store(), registry=registry)["sourcebuild"]
    facts: dict[str, Any] = {}
    stage(PipelineRequest("r-1", "1", "Owner", "Repo", "main", SHA, environment=environment, version=version), facts)
    assert ncp.state.images == {NAME: tags[:1]}
    assert sorted(ncp.state.registry.tags_of(NAME)) == sorted(tags)
    assert facts["pushed_tags"] == tags and facts["unpushed_tags"] == [] and "tag_errors" not in facts
