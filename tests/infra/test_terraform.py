"""The Terraform agrees with the code: entry points, topics, settings, secrets and routes.

Terraform itself cannot download providers here, so these checks read the HCL (python-hcl2,
tests/infra/conftest.py) and compare it with the tables the functions run on.
"""

from __future__ import annotations

import importlib
import pkgutil
import re

import pytest

from klepaas_shared import entrypoints, routes
from klepaas_shared.settings import CommonSettings, EnvSettings
from klepaas_shared.store import TTL_COLLECTIONS, TTL_FIELD

from .conftest import TF, blocks, gateway_document, parsed, resources, root_locals


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
    document = gateway_document()
    assert document["swagger"] == "2.0"
    timeouts = {fn: spec["timeout_s"] for fn, spec in root_locals()["functions"].items()}
    for route in routes.ROUTES:
        operation = document["paths"][route.path][route.method.lower()]
        backend = operation["x-google-backend"]
        assert backend["address"] == "${" + route.function + "}"
        assert "options" in document["paths"][route.path]
        # the gateway signs in with its own ID token, and waits as long as the function may run
        assert "disable_auth" not in backend and "jwt_audience" not in backend
        assert backend["deadline"] == timeouts[route.function]
    assert timeouts["deploy"] == 540
    http_functions = {e.function for e in entrypoints.ENTRY_POINTS if e.kind == "http"}
    assert {r.function for r in routes.ROUTES} <= http_functions
    gateway_tf = (TF / "gateway.tf").read_text()
    assert "templatefile(" in gateway_tf
    assert "build/gateway/openapi.json" in gateway_tf


def _settings_classes(function: str) -> list[type[EnvSettings]]:
    package = importlib.import_module(f"klepaas_{function}")
    classes: list[type[EnvSettings]] = [CommonSettings]
    for module_info in pkgutil.walk_packages(package.__path__, f"klepaas_{function}."):
        module = importlib.import_module(module_info.name)
        for value in vars(module).values():
            if isinstance(value, type) and issubclass(value, EnvSettings) and value.__module__ == module.__name__:
                classes.append(value)
    return classes


def _variables(cls: type[EnvSettings]) -> dict[str, bool]:
    """KLEPAAS_* variable name => required (no default)."""
    prefix = cls.env_prefix
    return {f"{prefix}{name}".upper(): field.is_required() for name, field in cls.model_fields.items()}


@pytest.mark.parametrize("function", routes.FUNCTIONS)
def test_every_setting_a_function_needs_is_provided_and_nothing_else(function: str) -> None:
    known: dict[str, bool] = {}
    for cls in _settings_classes(function):
        known.update(_variables(cls))
    local = root_locals()
    env = local["common_env"] | local["function_env"][function]
    # Computed in main.tf: the callees' internal URLs, and the gateway flag on HTTP entry points.
    env |= {f"KLEPAAS_{callee.upper()}_INTERNAL_URL": "" for callee in local["peer_calls"].get(function, [])}
    if any(e.function == function and e.kind == "http" for e in entrypoints.ENTRY_POINTS):
        env |= local["gateway_env"]
    provided = set(env) | set(local["function_secrets"][function])
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
    from klepaas_auth.authorization_server.clients import CLIENTS
    from klepaas_auth.authorization_server.records import CODES, GRANTS, REFRESH
    from klepaas_nlp.chat.pending import PENDING
    from klepaas_notify.installs import USED_STATES
    from klepaas_shared.idempotency import COLLECTION as IDEMPOTENCY
    from klepaas_webhook.deliveries import COLLECTION as DELIVERIES

    authorization_server = {CLIENTS, CODES, GRANTS, REFRESH}
    assert {IDEMPOTENCY, DELIVERIES, PENDING, USED_STATES, *authorization_server} == set(TTL_COLLECTIONS)


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
    from klepaas_notify.maintenance import TASKS as NOTIFY_TASKS
    from klepaas_webhook.maintenance import OTHERS, TASKS

    scheduled = root_locals()["maintenance_tasks"]
    assert set(scheduled) == set(TASKS) | set(DEPLOY_TASKS) | set(NOTIFY_TASKS)
    assert set(DEPLOY_TASKS) | set(NOTIFY_TASKS) == OTHERS  # webhook skips the others' tasks on the shared topic
    job = resources("google_cloud_scheduler_job")["maintenance"]
    assert 'google_pubsub_topic.topic["maintenance"]' in job["pubsub_target"][0]["topic_name"]
    assert "each.key" in job["pubsub_target"][0]["data"]


def test_firestore_reads_are_not_audited_by_default() -> None:
    default = blocks("variable")["data_read_audit_services"]["default"]
    assert "datastore.googleapis.com" not in default and "secretmanager.googleapis.com" in default
    audit = resources("google_project_iam_audit_config")["data_access"]
    [dynamic] = audit["dynamic"]
    assert "contains(var.data_read_audit_services, each.value)" in dynamic["audit_log_config"]["for_each"]
    assert [c["log_type"] for c in audit["audit_log_config"]] == ["ADMIN_READ", "DATA_WRITE"]
