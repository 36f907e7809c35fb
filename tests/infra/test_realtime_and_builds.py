"""The realtime channel's Cloud Run service and the app builds' account and token secret: what
they may do is exactly what tools/realtime_service.py and the deploy function need."""

from __future__ import annotations

import sys

from klepaas_deploy.settings import DeploySettings

from .conftest import ROOT, all_resources, resources, root_locals, strings

sys.path.insert(0, str(ROOT / "tools"))
import dev_realtime


def _mentions(needle: str) -> set[str]:
    """Every resource whose arguments name ``needle``."""
    return {address for address, body in all_resources().items() if any(needle in s for s in strings(body))}


def test_the_load_balancer_sends_the_console_channel_path_to_the_realtime_service() -> None:
    assert root_locals()["realtime_path"] == dev_realtime.PATH
    url_map = resources("google_compute_url_map")["front_door"]
    [matcher] = url_map["path_matcher"]
    assert matcher["default_service"] == url_map["default_service"] == "${google_compute_backend_service.gateway.id}"
    [rule] = matcher["path_rule"]
    assert (rule["paths"], rule["service"]) == (
        ["${local.realtime_path}"],
        "${google_compute_backend_service.realtime.id}",
    )
    assert url_map["host_rule"][0]["hosts"] == ["${local.public_host}"]
    backend = resources("google_compute_backend_service")["realtime"]
    assert [b["group"] for b in backend["backend"]] == ["${google_compute_region_network_endpoint_group.realtime.id}"]
    neg = resources("google_compute_region_network_endpoint_group")["realtime"]
    assert neg["network_endpoint_type"] == "SERVERLESS"
    assert neg["cloud_run"][0]["service"] == "${google_cloud_run_v2_service.realtime.name}"


def test_the_realtime_service_holds_long_connections_on_one_always_on_instance() -> None:
    service = resources("google_cloud_run_v2_service")["realtime"]
    [template] = service["template"]
    assert template["timeout"] == "3600s" and template["session_affinity"] is True
    # one subscription feeds one puller: more instances would each see only part of the events
    scaling = template["scaling"][0]
    assert (scaling["min_instance_count"], scaling["max_instance_count"]) == (1, 1)
    [container] = template["containers"]
    assert container["resources"][0]["cpu_idle"] is False  # the pull runs between requests
    [env] = container["env"]
    assert (env["name"], env["value"]) == ("KLEPAAS_REALTIME_SUBSCRIPTION", "${google_pubsub_subscription.realtime.id}")
    assert "realtime:${var.realtime_image_tag}" in root_locals()["realtime_image"]
    subscription = resources("google_pubsub_subscription")["realtime"]
    assert subscription["topic"] == '${google_pubsub_topic.topic["deployment-events"].id}'


def test_the_realtime_account_may_only_pull_its_own_subscription() -> None:
    assert _mentions("google_service_account.realtime.email") == {
        "google_pubsub_subscription_iam_member.realtime",
        "google_cloud_run_v2_service.realtime",
    }
    grant = resources("google_pubsub_subscription_iam_member")["realtime"]
    assert grant["role"] == "roles/pubsub.subscriber"
    assert grant["subscription"] == "${google_pubsub_subscription.realtime.name}"
    service = resources("google_cloud_run_v2_service")["realtime"]
    assert service["template"][0]["service_account"] == "${google_service_account.realtime.email}"


def test_deploy_names_the_build_account_and_the_token_secret_terraform_creates() -> None:
    deploy = root_locals()["function_env"]["deploy"]
    assert deploy["KLEPAAS_CLOUDBUILD_SERVICE_ACCOUNT"] == "${google_service_account.app_build.email}"
    assert deploy["KLEPAAS_CLOUDBUILD_GIT_TOKEN_SECRET"] == (
        "${google_secret_manager_secret.cloudbuild_git_token.secret_id}"
    )
    assert {"cloudbuild_service_account", "cloudbuild_git_token_secret"} <= set(DeploySettings.model_fields)


def test_the_token_secret_is_writable_by_deploy_and_readable_by_the_builds_only() -> None:
    grants = resources("google_secret_manager_secret_iam_member")["cloudbuild_git_token"]
    assert grants["secret_id"] == "${google_secret_manager_secret.cloudbuild_git_token.id}"
    deploy, build = (
        '${google_service_account.function["deploy"].email}',
        "${google_service_account.app_build.email}",
    )
    assert grants["for_each"] == {
        "roles/secretmanager.secretVersionAdder": deploy,
        "roles/secretmanager.secretVersionManager": deploy,
        "roles/secretmanager.secretAccessor": build,
    }
    # the per-function grants (secrets.tf) never reach this secret
    assert "cloudbuild-git-token" not in str(root_locals()["function_secrets"])


def test_deploy_may_run_builds_as_the_build_account_which_may_only_log_push_and_read_the_token() -> None:
    acts_as = resources("google_service_account_iam_member")["deploy_acts_as_app_build"]
    assert acts_as["service_account_id"] == "${google_service_account.app_build.name}"
    assert acts_as["role"] == "roles/iam.serviceAccountUser"
    assert acts_as["member"] == 'serviceAccount:${google_service_account.function["deploy"].email}'
    assert _mentions("google_service_account.app_build.email") == {
        "google_project_iam_member.app_build_logs",
        "google_artifact_registry_repository_iam_member.app_build_pushes",
        "google_secret_manager_secret_iam_member.cloudbuild_git_token",
    }
    assert resources("google_project_iam_member")["app_build_logs"]["role"] == "roles/logging.logWriter"
    pushes = resources("google_artifact_registry_repository_iam_member")["app_build_pushes"]
    assert (pushes["repository"], pushes["role"]) == (
        "${google_artifact_registry_repository.apps.name}",
        "roles/artifactregistry.writer",
    )
