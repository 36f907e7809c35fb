"""Every reference resolves to something the configuration creates: resources, data sources,
modules and their outputs, locals and variables, and each literal key of a for_each resource
(secrets, topics, service accounts, entry points). These are what stop an apply, or a first
request, when they drift: a secret id that was never created, a service named by its path."""

from __future__ import annotations

import re

import pytest

from .conftest import (
    MODULE,
    all_resources,
    blocks,
    data_sources,
    interpolations,
    literal_keys,
    parsed,
    resources,
    root_locals,
    secret_volumes,
    strings,
)

RESOURCE_REF = re.compile(r"(?<![\w.])((?:google|google_beta|kubernetes|archive)_\w+)\.(\w+)")
INDEXED_REF = re.compile(r'(?<![\w.])((?:google|kubernetes)_\w+\.\w+|module\.\w+)\["([^"$]+)"\]')


def _secret_names() -> set[str]:
    local = root_locals()
    names = {name for secrets in local["function_secrets"].values() for name in secrets.values()}
    return names | {v["secret"] for fn in local["function_secret_files"] for v in secret_volumes(fn)}


def for_each_keys(expression: str) -> set[str]:
    """The keys a for_each expression gives, for the forms this configuration uses."""
    local = root_locals()
    if match := re.fullmatch(r"\$\{local\.(\w+)\}", expression):
        name = match.group(1)
        if name == "secret_names":  # toset(concat(...)) of the mounted tables; all of them by default
            return _secret_names()
        if name in {"peer_grants"}:
            return {f"{caller}/{callee}" for caller, callees in local["peer_calls"].items() for callee in callees}
        value = local[name]
        if isinstance(value, dict):
            return set(value)
        if isinstance(value, str) and value.startswith("${toset("):
            return set(literal_keys(value))
        if isinstance(value, str) and value.startswith("${{for name, ep in local.entry_points"):
            return set(local["entry_points"])  # filtered maps of entry points: a subset
    if expression.startswith("${toset(["):
        return set(literal_keys(expression))
    if match := re.fullmatch(r"\$\{(google_\w+)\.(\w+)\}", expression):
        return for_each_keys(resources(match.group(1))[match.group(2)]["for_each"])
    raise AssertionError(f"cannot resolve for_each {expression!r}: keep for_each to a local, a toset or a resource")


def _references(scope: str) -> list[tuple[str, str]]:
    """(file, expression) for every interpolation in a scope's files."""
    found = []
    for name, doc in parsed().items():
        in_scope = ("/" not in name) if scope == "" else name.startswith(scope + "/")
        if in_scope:
            found.extend((name, expr) for text in strings(doc) for expr in interpolations(text))
    return found


@pytest.mark.parametrize("scope", ["", MODULE])
def test_every_reference_names_something_declared(scope: str) -> None:
    declared = set(all_resources(scope)) | data_sources(scope)
    variables, local_names = set(blocks("variable", scope)), set(blocks("locals", scope))
    modules = set(blocks("module", scope))
    module_outputs = set(blocks("output", MODULE))
    problems = []
    for file, expr in _references(scope):
        for kind, name in RESOURCE_REF.findall(expr):
            if f"{kind}.{name}" not in declared and f"data.{kind}.{name}" not in declared:
                problems.append(f"{file}: {kind}.{name}")
        problems += [f"{file}: var.{n}" for n in re.findall(r"(?<![\w.])var\.(\w+)", expr) if n not in variables]
        problems += [f"{file}: local.{n}" for n in re.findall(r"(?<![\w.])local\.(\w+)", expr) if n not in local_names]
        for module, output in re.findall(r"(?<![\w.])module\.(\w+)(?:\[[^\]]*\])?\.(\w+)", expr):
            if module not in modules or output not in module_outputs:
                problems.append(f"{file}: module.{module}.{output}")
        for kind, name in re.findall(r"(?<![\w.])data\.(\w+)\.(\w+)", expr):
            if f"data.{kind}.{name}" not in declared:
                problems.append(f"{file}: data.{kind}.{name}")
    assert not problems, problems


def test_every_literal_key_is_one_its_for_each_creates() -> None:
    declared = all_resources()
    modules = blocks("module")
    checked = 0
    for file, expr in _references(""):
        for target, key in INDEXED_REF.findall(expr):
            if target.startswith("module."):
                keys = for_each_keys(modules[target.removeprefix("module.")]["for_each"])
            else:
                keys = for_each_keys(declared[target]["for_each"])
            assert key in keys, f"{file}: {target}[{key!r}] is not among {sorted(keys)}"
            checked += 1
    assert checked >= 5  # topics, secrets, service accounts and entry points are named this way


def test_functions_get_secret_ids_from_the_secrets_terraform_creates() -> None:
    module = blocks("module")["entry_point"]
    assert "google_secret_manager_secret.secret[secret].secret_id" in module["secrets"]
    assert "google_secret_manager_secret.secret[file.secret].secret_id" in module["secret_files"]
    secret = resources("google_secret_manager_secret")["secret"]
    assert secret["for_each"] == "${local.secret_names}"
    assert secret["secret_id"] == "${local.prefix}-${each.value}"
    for name in _secret_names():  # short names: the environment prefix is added once, by the resource
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", name) and not name.startswith("klepaas"), name
    # every function that reads a secret may read it, and nothing else
    grants = resources("google_secret_manager_secret_iam_member")["accessor"]
    assert grants["for_each"] == "${local.secret_grants}"
    assert "google_service_account.function[each.value.fn]" in grants["member"]


def test_peer_calls_name_http_functions_the_callers_reach_by_url_and_may_invoke() -> None:
    local = root_locals()
    http = {name.removesuffix("_http") for name, ep in local["entry_points"].items() if not ep["topics"]}
    for caller, callees in local["peer_calls"].items():
        assert caller in local["functions"]
        assert set(callees) <= http, (caller, callees)
    grant = resources("google_cloud_run_service_iam_member")["peer_invoker"]
    assert grant["service"] == '${module.entry_point["${each.value.callee}_http"].service}'
    assert grant["member"] == "serviceAccount:${google_service_account.function[each.value.caller].email}"
    assert 'KLEPAAS_${upper(callee)}_INTERNAL_URL" => local.function_urls[callee]' in local["peer_env"]


def test_eventarc_and_iam_name_the_cloud_run_service_not_its_path() -> None:
    module_locals = blocks("locals", MODULE)
    assert (
        module_locals["service_name"] == "${basename(google_cloudfunctions2_function.this.service_config[0].service)}"
    )
    trigger = resources("google_eventarc_trigger", MODULE)["topic"]
    assert trigger["destination"][0]["cloud_run_service"][0]["service"] == "${local.service_name}"
    assert blocks("output", MODULE)["service"]["value"] == "${local.service_name}"
    for name, binding in resources("google_cloud_run_service_iam_member").items():
        assert re.fullmatch(r"\$\{module\.entry_point\[[^\]]+\]\.service\}", binding["service"]), name


def test_every_function_url_is_its_http_services_deterministic_url() -> None:
    local = root_locals()
    assert local["entry_point_names"] == (
        '${{for name, ep in local.entry_points : name => "${local.prefix}-${replace(name, "_", "-")}"}}'
    )
    url = local["function_urls"]
    assert "https://${local.entry_point_names[name]}-${data.google_project.current.number}.${var.region}.run.app" in url
    # a run.app host label holds at most 63 characters (project numbers have 12 digits)
    for name, ep in local["entry_points"].items():
        if not ep["topics"]:
            assert len(f"klepaas-production-{name.replace('_', '-')}-123456789012") <= 63, name
