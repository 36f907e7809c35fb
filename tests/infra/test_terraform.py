"""The Terraform agrees with the code: entry points, topics, settings, secrets and routes.

Terraform itself cannot download providers here, so these checks read the HCL (python-hcl2)
and compare it with the tables the functions run on.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from functools import cache
from pathlib import Path
from typing import Any

import hcl2
import pytest
from hcl2 import SerializationOptions
from pydantic_settings import BaseSettings

from klepaas_shared import entrypoints, routes
from klepaas_shared.settings import CommonSettings
from klepaas_shared.store import TTL_COLLECTIONS, TTL_FIELD

TF = Path(__file__).resolve().parents[2] / "infra" / "terraform"
ROOT = TF.parent.parent


@cache
def parsed() -> dict[str, dict[str, Any]]:
    options = SerializationOptions(strip_string_quotes=True)
    result = {}
    for path in sorted(TF.rglob("*.tf")):
        with path.open() as handle:
            result[str(path.relative_to(TF))] = hcl2.load(handle, serialization_options=options)
    return result


def root_locals() -> dict[str, Any]:
    merged: dict[str, Any] = {}
    for name, doc in parsed().items():
        if "/" not in name:
            for block in doc.get("locals", []):
                merged.update(block)
    return merged


def resources(kind: str) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for name, doc in parsed().items():
        if "/" in name:
            continue
        for block in doc.get("resource", []):
            found.update(block.get(kind, {}))
    return found


def test_every_file_parses() -> None:
    assert len(parsed()) >= 10
    assert "modules/cloud-function/main.tf" in parsed()


def test_every_entry_point_has_its_function_with_the_same_topics() -> None:
    declared = root_locals()["entry_points"]
    in_code = {e.target: e for e in entrypoints.ENTRY_POINTS}
    assert set(declared) == set(in_code)
    for target, entry in in_code.items():
        assert declared[target]["function"] == entry.function
        assert sorted(declared[target]["topics"]) == sorted(entry.topics)


def test_every_consumed_or_published_topic_exists_with_a_dead_letter_topic() -> None:
    topics = set(re.findall(r'"([a-z-]+)"', root_locals()["topics"]))
    for entry in entrypoints.ENTRY_POINTS:
        assert set(entry.topics) <= topics, entry
        assert set(entry.publishes) <= topics, entry
    assert "google_pubsub_topic" in {k for d in parsed().values() for b in d.get("resource", []) for k in b}
    assert "dead_letter" in resources("google_pubsub_topic")


def test_every_publisher_in_code_may_publish_and_nobody_else() -> None:
    grants = {(g["fn"], g["topic"]) for g in root_locals()["publishers"].values()}
    wanted = {(e.function, topic) for e in entrypoints.ENTRY_POINTS for topic in e.publishes}
    assert grants == wanted


def test_every_route_reaches_the_gateway_document() -> None:
    import sys

    sys.path.insert(0, str(ROOT / "tools"))
    try:
        gateway = importlib.import_module("gateway_openapi")
    finally:
        sys.path.pop(0)
    document = gateway.document()
    assert document["swagger"] == "2.0"
    for route in routes.ROUTES:
        operation = document["paths"][route.path][route.method.lower()]
        assert operation["x-google-backend"]["address"] == "${" + route.function + "}"
        assert "options" in document["paths"][route.path]
    http_functions = {e.function for e in entrypoints.ENTRY_POINTS if e.kind == "http"}
    assert {r.function for r in routes.ROUTES} <= http_functions
    gateway_tf = (TF / "gateway.tf").read_text()
    assert "templatefile(" in gateway_tf
    assert "build/gateway/openapi.json" in gateway_tf


def _settings_classes(function: str) -> list[type[BaseSettings]]:
    package = importlib.import_module(f"klepaas_{function}")
    classes: list[type[BaseSettings]] = [CommonSettings]
    for module_info in pkgutil.walk_packages(package.__path__, f"klepaas_{function}."):
        module = importlib.import_module(module_info.name)
        for value in vars(module).values():
            if isinstance(value, type) and issubclass(value, BaseSettings) and value.__module__ == module.__name__:
                classes.append(value)
    return classes


def _variables(cls: type[BaseSettings]) -> dict[str, bool]:
    """KLEPAAS_* variable name => required (no default)."""
    prefix = str(cls.model_config.get("env_prefix", ""))
    return {f"{prefix}{name}".upper(): field.is_required() for name, field in cls.model_fields.items()}


@pytest.mark.parametrize("function", routes.FUNCTIONS)
def test_every_setting_a_function_needs_is_provided_and_nothing_else(function: str) -> None:
    known: dict[str, bool] = {}
    for cls in _settings_classes(function):
        known.update(_variables(cls))
    env = root_locals()["common_env"] | root_locals()["function_env"][function]
    provided = set(env) | set(root_locals()["function_secrets"][function])
    missing = {name for name, required in known.items() if required} - provided
    assert not missing, f"{function} needs {sorted(missing)}"
    unknown = provided - set(known)
    assert not unknown, f"{function} is given settings it never reads: {sorted(unknown)}"
    for production_setting in ("KLEPAAS_STORE", "KLEPAAS_EVENTS", "KLEPAAS_JWT_SECRET", "KLEPAAS_PROJECT_ID"):
        assert production_setting in provided


def test_secrets_are_granted_per_function_only() -> None:
    secrets_tf = (TF / "secrets.tf").read_text()
    assert 'role      = "roles/secretmanager.secretAccessor"' in secrets_tf
    assert "google_project_iam_member" not in secrets_tf  # no project-wide secret access


def test_memorystore_requires_auth_and_tls() -> None:
    redis = resources("google_redis_instance")["context"]
    assert redis["auth_enabled"] is True
    assert redis["transit_encryption_mode"] == "SERVER_AUTHENTICATION"


def test_firestore_is_protected() -> None:
    database = resources("google_firestore_database")["main"]
    assert database["point_in_time_recovery_enablement"] == "POINT_IN_TIME_RECOVERY_ENABLED"
    assert database["delete_protection_state"] == "DELETE_PROTECTION_ENABLED"
    ttl = resources("google_firestore_field")["ttl"]
    assert set(re.findall(r'"([a-z_]+)"', ttl["for_each"])) == set(TTL_COLLECTIONS)
    assert ttl["field"] == TTL_FIELD


def test_the_deployer_role_has_no_wildcards_and_no_dangerous_verbs() -> None:
    rules = root_locals()["deployer_rules"]
    for rule in rules:
        assert "*" not in rule["verbs"] and "*" not in rule["resources"]
        assert not {"escalate", "bind", "impersonate", "delete"} & set(rule["verbs"])
        assert not {"secrets", "pods/exec", "roles", "rolebindings"} & set(rule["resources"])


def test_every_checkov_skip_is_justified() -> None:
    for path in TF.rglob("*.tf"):
        for line in path.read_text().splitlines():
            if "checkov:skip=" in line:
                assert re.search(r"checkov:skip=CKV_\w+:\s*\S.{20,}", line), f"{path}: {line.strip()}"


def test_both_environments_have_tfvars() -> None:
    for env in ("staging", "production"):
        text = (TF / f"{env}.tfvars").read_text()
        assert f'environment        = "{env}"' in text or f'environment     = "{env}"' in text


def test_every_collection_whose_documents_expire_has_a_ttl_policy() -> None:
    from klepaas_nlp.chat.pending import PENDING
    from klepaas_notify.installs import USED_STATES
    from klepaas_shared.idempotency import COLLECTION as IDEMPOTENCY
    from klepaas_webhook.deliveries import COLLECTION as DELIVERIES

    assert {IDEMPOTENCY, DELIVERIES, PENDING, USED_STATES} == set(TTL_COLLECTIONS)


def test_every_consumer_may_dead_letter_what_it_consumes_and_nothing_else() -> None:
    grants = {(g["fn"], g["topic"]) for g in root_locals()["dead_letter_publishers"].values()}
    wanted = {(e.function, topic) for e in entrypoints.ENTRY_POINTS for topic in e.topics}
    assert grants == wanted
    grant = resources("google_pubsub_topic_iam_member")["dead_letter_publisher"]
    assert grant["for_each"] == "${local.dead_letter_publishers}"
    assert "google_pubsub_topic.dead_letter[each.value.topic]" in grant["topic"]
    assert resources("google_pubsub_topic")["dead_letter"]["name"] == "${each.value}-dead-letter"
    assert "KLEPAAS_EVENT_MAX_ATTEMPTS" in root_locals()["common_env"]


def test_every_scheduled_task_is_one_the_maintenance_consumer_runs() -> None:
    from klepaas_deploy.maintenance import TASKS as DEPLOY_TASKS
    from klepaas_webhook.maintenance import OTHERS, TASKS

    scheduled = root_locals()["maintenance_tasks"]
    assert set(scheduled) == set(TASKS) | set(DEPLOY_TASKS)
    assert set(DEPLOY_TASKS) == OTHERS  # webhook skips deploy's tasks on the shared topic
    job = resources("google_cloud_scheduler_job")["maintenance"]
    assert 'google_pubsub_topic.topic["maintenance"]' in job["pubsub_target"][0]["topic_name"]
    assert "each.key" in job["pubsub_target"][0]["data"]
