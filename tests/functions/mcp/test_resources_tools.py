"""The resource tools through the official MCP client: mcp → HTTP (a delegated token) → deploy's
resource routes → the Kubernetes stand-in."""

from __future__ import annotations

import base64
import json
from collections.abc import Iterator
from typing import Any

import pytest
from mcp import ClientSession

from klepaas_fakes.env import klepaas_env

from .conftest import Stack
from .test_python_client import session_run

SECRET_VALUE = "pa55-never-shown"


def own_web() -> None:
    """The caller (user-1) owns the app project "web": the policy (issue 22) asks who may touch it."""
    from klepaas_shared.projects import ProjectRepository
    from klepaas_shared.store import get_store

    ProjectRepository(get_store()).claim("app:web", "app", "web", "user-1")


@pytest.fixture(autouse=True)
def web_project(stack: Stack) -> None:
    own_web()


@pytest.fixture
def registries() -> Iterator[None]:
    from klepaas_deploy.settings import deploy_settings

    with klepaas_env({"KLEPAAS_RESOURCE_IMAGE_REGISTRIES": "registry.example.com"}):
        deploy_settings.cache_clear()
        own_web()  # the settings changed: the store the deploy function now reads is claimed too
        yield
    deploy_settings.cache_clear()


def test_tools_are_listed_with_honest_annotations_and_output_schemas(stack: Stack, mcp_token) -> None:
    async def work(session: ClientSession) -> Any:
        return {t.name: t for t in (await session.list_tools()).tools}

    tools = session_run(stack.mcp.url, mcp_token(), work)
    for name in ("resources_list", "resources_get"):
        hints = tools[name].annotations
        assert (hints.read_only_hint, hints.destructive_hint, hints.idempotent_hint) == (True, False, True)
    for name in ("resources_apply", "resources_delete"):
        hints = tools[name].annotations
        assert (hints.read_only_hint, hints.destructive_hint, hints.idempotent_hint) == (False, True, True)
        assert "confirm" in tools[name].input_schema["properties"]
        assert "consented" not in tools[name].input_schema["properties"]  # the person's answer, not the model's
    assert set(tools["resources_apply"].output_schema["properties"]) >= {"state", "digest", "diff", "object"}
    assert "items" in tools["resources_list"].output_schema["properties"]
    assert all(tools[n].title for n in ("resources_list", "resources_get", "resources_apply", "resources_delete"))


def test_apply_previews_then_applies_with_the_digest_and_a_secret_never_comes_back(
    stack: Stack, mcp_token, registries: None
) -> None:
    secret = {"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "db"}, "stringData": {"pw": SECRET_VALUE}}

    async def work(session: ClientSession) -> list[Any]:
        args = {"project": "web", "manifest": secret}
        preview = await session.call_tool("resources_apply", args)
        assert not preview.is_error, preview.content
        assert stack.kube.objects("secrets", "default") == []
        digest = preview.structured_content["digest"]
        applied = await session.call_tool("resources_apply", {**args, "confirm": digest})
        got = await session.call_tool("resources_get", {"project": "web", "kind": "Secret", "name": "db"})
        listed = await session.call_tool("resources_list", {"project": "web", "kind": "Secret"})
        return [preview, applied, got, listed]

    preview, applied, got, listed = session_run(stack.mcp.url, mcp_token(), work)
    assert preview.structured_content["state"] == "preview"
    assert applied.structured_content["state"] == "applied", applied.content
    stored = stack.kube.get("secrets", "default", "db")
    assert base64.b64decode(stored["data"]["pw"]).decode() == SECRET_VALUE
    assert got.structured_content["object"]["keys"] == ["pw"]
    assert [i["metadata"]["name"] for i in listed.structured_content["items"]] == ["db"]
    everything = json.dumps([r.model_dump(mode="json") for r in (preview, applied, got, listed)])
    assert SECRET_VALUE not in everything and stored["data"]["pw"] not in everything


def test_delete_previews_then_deletes_and_a_wrong_digest_changes_nothing(stack: Stack, mcp_token) -> None:
    from klepaas_fakes.kube.resources import CONFIGMAPS

    stack.kube.seed.put(CONFIGMAPS, {"metadata": {"name": "old", "namespace": "default"}, "data": {"k": "v"}})

    async def work(session: ClientSession) -> list[Any]:
        args = {"project": "web", "kind": "ConfigMap", "name": "old"}
        preview = await session.call_tool("resources_delete", args)
        assert not preview.is_error, preview.content
        wrong = await session.call_tool("resources_delete", {**args, "confirm": "sha256:nope"})
        done = await session.call_tool("resources_delete", {**args, "confirm": preview.structured_content["digest"]})
        return [preview, wrong, done]

    preview, wrong, done = session_run(stack.mcp.url, mcp_token(), work)
    assert preview.structured_content["would_remove"]["data"] == {"k": "v"}
    assert wrong.is_error and "conflict" in wrong.content[0].text
    assert done.structured_content["state"] == "deleted"
    assert stack.kube.objects("configmaps", "default") == []


def test_a_hostile_manifest_is_a_tool_error_and_the_cluster_sees_nothing(
    stack: Stack, mcp_token, registries: None
) -> None:
    hostile = {
        "apiVersion": "apps/v1",
        "kind": "Deployment",
        "metadata": {"name": "x"},
        "spec": {"template": {"spec": {"hostPID": True, "containers": [{"name": "x", "image": "evil/x:1"}]}}},
    }
    stack.kube.clear_requests()
    result = session_run(
        stack.mcp.url,
        mcp_token(),
        lambda s: s.call_tool("resources_apply", {"project": "web", "manifest": hostile}),
    )
    assert result.is_error and "hostPID" in result.content[0].text
    assert stack.kube.requests == []


def test_a_read_only_token_cannot_apply(stack: Stack, mcp_token) -> None:
    from klepaas_shared.auth import MCP_EXECUTE

    manifest = {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "c"}, "data": {}}
    result = session_run(
        stack.mcp.url,
        mcp_token(scopes=(MCP_EXECUTE, "read")),
        lambda s: s.call_tool("resources_apply", {"project": "web", "manifest": manifest}),
    )
    assert result.is_error and "forbidden" in result.content[0].text


def test_a_confirmed_delete_in_production_waits_for_a_person_and_says_so(stack: Stack, mcp_token) -> None:
    """deploy holds it (issue 18): the tool answers waiting for approval with the operation id and a
    link, operation_status reports it, and the object stays until a person approves."""
    from klepaas_fakes.kube.resources import CONFIGMAPS

    stack.kube.seed.put(CONFIGMAPS, {"metadata": {"name": "old", "namespace": "default"}, "data": {"k": "v"}})

    async def work(session: ClientSession) -> list[Any]:
        args = {"project": "web", "kind": "ConfigMap", "name": "old", "environment": "production"}
        preview = await session.call_tool("resources_delete", args)
        held = await session.call_tool("resources_delete", {**args, "confirm": preview.structured_content["digest"]})
        assert not held.is_error, held.content
        state = await session.call_tool("operation_status", {"operation_id": held.structured_content["operation_id"]})
        return [held, state]

    held, state = session_run(stack.mcp.url, mcp_token(), work)
    operation_id = held.structured_content["operation_id"]
    assert held.structured_content["state"] == "held"
    # deploy's approval endpoint (the console has no approval page)
    assert held.structured_content["approval_url"] == f"{stack.deploy_url}/api/v1/operations/{operation_id}/approval"
    assert held.content[0].text.startswith("waiting for approval") and operation_id in held.content[0].text
    assert state.structured_content["status"] == "waiting_for_approval", state.structured_content
    assert [c["metadata"]["name"] for c in stack.kube.objects("configmaps", "default")] == ["old"]


def test_a_confirmed_delete_asks_the_person_first_and_a_no_keeps_the_object(stack: Stack, mcp_token) -> None:
    """Outside protected environments a host that can be asked (elicitation) is asked before the
    confirmed call acts; the preview, which changes nothing, asks no one."""
    from mcp import Client, types

    from klepaas_fakes.kube.resources import CONFIGMAPS

    from .test_consent import modern_run

    stack.kube.seed.put(CONFIGMAPS, {"metadata": {"name": "old", "namespace": "default"}, "data": {"k": "v"}})
    asked: list[str] = []
    answers = iter(
        [types.ElicitResult(action="decline"), types.ElicitResult(action="accept", content={"proceed": True})]
    )

    def person(params: Any) -> types.ElicitResult:
        asked.append(params.message)
        return next(answers)

    async def work(client: Client) -> list[Any]:
        args = {"project": "web", "kind": "ConfigMap", "name": "old"}
        preview = await client.call_tool("resources_delete", args)
        assert asked == [] and not preview.is_error, preview.content
        confirmed = {**args, "confirm": preview.structured_content["digest"]}
        declined = await client.call_tool("resources_delete", confirmed)
        assert [c["metadata"]["name"] for c in stack.kube.objects("configmaps", "default")] == ["old"]
        return [declined, await client.call_tool("resources_delete", confirmed)]

    declined, deleted = modern_run(stack.mcp.url, mcp_token(), work, person)
    assert declined.is_error and "declined the change; nothing was changed" in declined.content[0].text
    assert deleted.structured_content["state"] == "deleted" and stack.kube.objects("configmaps", "default") == []
    assert asked == ["K-Le-PaaS: delete ConfigMap old of project web in staging? This changes running apps."] * 2
