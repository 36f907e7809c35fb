"""The README's deploy section turns on every API the configuration's resources need, and tells
the steps the configuration cannot take itself."""

from __future__ import annotations

import re

from .conftest import ROOT, all_resources

# Resource type prefix => the APIs it needs (the first match wins).
APIS = {
    "google_cloudfunctions2_": {"cloudfunctions", "run", "cloudbuild", "artifactregistry"},
    "google_cloud_run_": {"run"},
    "google_eventarc_": {"eventarc"},
    "google_pubsub_": {"pubsub"},
    "google_firestore_": {"firestore"},
    "google_redis_": {"redis"},
    "google_vpc_access_": {"vpcaccess"},
    "google_secret_manager_": {"secretmanager"},
    "google_api_gateway_": {"apigateway", "servicemanagement", "servicecontrol"},
    "google_apikeys_": {"apikeys"},
    "google_cloud_scheduler_": {"cloudscheduler"},
    "google_kms_": {"cloudkms"},
    "google_artifact_registry_": {"artifactregistry"},
    "google_compute_": {"compute"},
    "google_monitoring_": {"monitoring"},
    "google_project_service_identity": {"serviceusage"},
    "google_project_service": {"serviceusage"},
    "google_project_iam_": {"cloudresourcemanager"},
    "google_service_account": {"iam"},
    "google_storage_": {"storage"},
    "kubernetes_": {"container"},
    "terraform_data": set(),  # runs gcloud on the applier's machine (Eventarc's subscriptions' delivery)
}


def _deploy_section() -> str:
    text = (ROOT / "README.md").read_text()
    return text[text.index("## Deploying to a real project") : text.index("## What a machine needs")]


def test_every_api_the_resources_need_is_turned_on_in_the_readme() -> None:
    enabled = set(re.findall(r"([a-z]+)\.googleapis\.com", _deploy_section()))
    for scope in ("", "modules/cloud-function"):
        for address in all_resources(scope):
            kind = address.split(".")[0]
            prefix = next((p for p in APIS if kind.startswith(p)), None)
            assert prefix is not None, f"{kind}: which API does it need? add it to APIS and to the README"
            assert APIS[prefix] <= enabled, f"{kind} needs {sorted(APIS[prefix] - enabled)}"
    assert "cloudresourcemanager" in enabled


def test_the_readme_walks_a_project_from_zero_to_the_first_health_check() -> None:
    section = _deploy_section()
    for step in (
        "gcloud projects create",
        "-tfstate",
        "state_prefix",
        "secrets_not_used",
        "-target=google_secret_manager_secret.secret",
        "gcloud secrets versions add",
        "TF_ENV=staging make deploy",
        "lb_ip_address",
        "/api/v1/health",
    ):
        assert step in section, step
    assert section.index("versions add") < section.index("TF_ENV=staging make plan") < section.index("/api/v1/health")
