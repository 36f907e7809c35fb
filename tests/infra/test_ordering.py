"""What a function mounts exists before the function: its secrets (by reference), its grants and
the versions Terraform writes (depends_on), the files its settings point at; and the other
things a first apply trips over when they come in the wrong order."""

from __future__ import annotations

import re

from klepaas_shared import entrypoints

from .conftest import blocks, literal_keys, resources, root_locals, secret_volumes


def test_functions_wait_for_their_grants_and_the_versions_terraform_writes() -> None:
    depends_on = set(blocks("module")["entry_point"]["depends_on"])
    assert "${google_secret_manager_secret_iam_member.accessor}" in depends_on
    versions = resources("google_secret_manager_secret_version")
    generated = set(root_locals()["generated_secrets"])
    assert {name for v in versions.values() for name in re.findall(r'secret\["([^"]+)"\]', v["secret"])} == generated
    for name in versions:
        assert f"${{google_secret_manager_secret_version.{name}}}" in depends_on
    # builds run as their own account (new projects have no usable default), granted before the first build
    assert "${google_project_iam_member.build}" in depends_on
    assert "${google_storage_bucket_iam_member.build_reads_bundles}" in depends_on
    assert blocks("module")["entry_point"]["build_service_account"] == "${google_service_account.build.id}"
    function = resources("google_cloudfunctions2_function", "modules/cloud-function")["this"]
    assert function["build_config"][0]["service_account"] == "${var.build_service_account}"
    assert "roles/run.builder" in resources("google_project_iam_member")["build"]["for_each"]


def test_every_other_secret_is_listed_for_a_human_to_fill_before_the_functions_start() -> None:
    output = blocks("output")["secrets_to_fill"]["value"]
    assert "local.secret_names" in output and "!contains(local.generated_secrets, name)" in output


def test_a_secret_left_out_is_neither_created_nor_mounted_and_the_essential_ones_cannot_be() -> None:
    local = root_locals()
    assert "!contains(var.secrets_not_used, name)" in local["mounted_secrets"]
    assert "!contains(var.secrets_not_used, file.secret)" in local["mounted_secret_files"]
    assert "local.mounted_secrets" in local["secret_names"] and "local.mounted_secret_files" in local["secret_names"]
    assert "local.mounted_secrets" in local["secret_grants"]
    module = blocks("module")["entry_point"]
    assert "local.mounted_secrets[each.value.function]" in module["secrets"]
    assert "local.mounted_secret_files[each.value.function]" in module["secret_files"]
    validation = blocks("variable")["secrets_not_used"]["validation"][0]["condition"]
    assert set(literal_keys(validation)) == {"jwt-secret", *local["generated_secrets"]}


def test_every_function_that_uses_redis_mounts_its_ca_where_its_setting_points() -> None:
    local = root_locals()
    ca = local["redis_ca_file"]
    for function, spec in local["functions"].items():
        volumes = secret_volumes(function)
        env = local["function_env"][function]
        uses_redis = "KLEPAAS_REDIS_URL" in local["function_secrets"][function]
        assert spec["redis"] == uses_redis, function
        if uses_redis:
            assert ca in volumes, function
            assert env["KLEPAAS_REDIS_CA_PATH"] == f"{ca['mount_path']}/{ca['file']}"
        else:
            assert ca not in volumes and "KLEPAAS_REDIS_CA_PATH" not in env, function
    [nks] = secret_volumes("deploy")
    # the kubeconfig setting points into its volume, or is empty when the secret is not used
    assert local["function_env"]["deploy"]["KLEPAAS_NKS_KUBECONFIG"] == (
        f'${{contains(var.secrets_not_used, "{nks["secret"]}") ? "" : "{nks["mount_path"]}/{nks["file"]}"}}'
    )
    version = resources("google_secret_manager_secret_version")["redis_ca"]
    assert version["secret_data"].startswith("${join(")
    assert "google_redis_instance.context.server_ca_certs" in version["secret_data"]


def test_each_function_mounts_volumes_in_distinct_directories_with_the_file_named() -> None:
    module = resources("google_cloudfunctions2_function", "modules/cloud-function")["this"]
    volume = module["service_config"][0]["dynamic"][0]["secret_volumes"]["content"][0]
    assert volume["mount_path"] == "${secret_volumes.value.mount_path}"
    assert volume["versions"][0]["path"] == "${secret_volumes.value.file}"
    for function in root_locals()["functions"]:
        mounts = [v["mount_path"] for v in secret_volumes(function)]
        assert len(mounts) == len(set(mounts)), function
        assert all(m.startswith("/secrets/") for m in mounts)


def test_kms_is_granted_to_service_agents_asked_for_not_guessed_by_email() -> None:
    grants = resources("google_kms_crypto_key_iam_member")["service_agents"]
    assert grants["for_each"] == "${google_project_service_identity.agent}"
    assert grants["member"] == "serviceAccount:${each.value.email}"
    for name, topic in resources("google_pubsub_topic").items():
        assert topic["depends_on"] == ["${google_kms_crypto_key_iam_member.service_agents}"], name
    registry = resources("google_artifact_registry_repository")["apps"]
    assert registry["depends_on"] == ["${google_kms_crypto_key_iam_member.service_agents}"]
    for doc_text in (str(v) for v in resources("google_kms_crypto_key_iam_member").values()):
        assert "gserviceaccount.com" not in doc_text


def test_the_gateway_waits_for_its_apis_managed_service() -> None:
    service = resources("google_project_service")["front_door"]
    assert service["service"] == "${google_api_gateway_api.front_door.managed_service}"
    assert resources("google_api_gateway_gateway")["front_door"]["depends_on"] == [
        "${google_project_service.front_door}"
    ]


def test_cloud_monitoring_alerts_reach_the_alerts_topic() -> None:
    channel = resources("google_monitoring_notification_channel")["alerts"]
    assert channel["type"] == "pubsub"
    assert channel["labels"]["topic"] == '${google_pubsub_topic.topic["alerts"].id}'
    grant = resources("google_pubsub_topic_iam_member")["monitoring_publishes_alerts"]
    assert grant["topic"] == channel["labels"]["topic"]
    assert grant["role"] == "roles/pubsub.publisher"
    assert grant["member"] == "serviceAccount:${google_project_service_identity.monitoring.email}"
    assert resources("google_project_service_identity")["monitoring"]["service"] == "monitoring.googleapis.com"
    assert channel["depends_on"] == ["${google_pubsub_topic_iam_member.monitoring_publishes_alerts}"]
    assert any("alerts" in e.topics for e in entrypoints.ENTRY_POINTS)  # and someone consumes it
