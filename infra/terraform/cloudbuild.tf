# The app builds deploy submits to Cloud Build (the GCP pipeline): the account they run as, and
# the secret through which a build of a private repository gets its GitHub token.
#
# New projects have no default build account with the rights to build, so every build names this
# one (KLEPAAS_CLOUDBUILD_SERVICE_ACCOUNT; its logs then go to Cloud Logging only). It may write
# logs, push to the apps' repository and read the token secret; deploy may act as it, which is
# what naming an account in a build needs.

resource "google_service_account" "app_build" {
  account_id   = "${local.prefix}-app-build"
  display_name = "K-Le-PaaS ${var.environment} app builds (Cloud Build)"
}

resource "google_project_iam_member" "app_build_logs" {
  project = var.project_id
  role    = "roles/logging.logWriter"
  member  = "serviceAccount:${google_service_account.app_build.email}"
}

resource "google_artifact_registry_repository_iam_member" "app_build_pushes" {
  location   = var.region
  repository = google_artifact_registry_repository.apps.name
  role       = "roles/artifactregistry.writer"
  member     = "serviceAccount:${google_service_account.app_build.email}"
}

resource "google_service_account_iam_member" "deploy_acts_as_app_build" {
  service_account_id = google_service_account.app_build.name
  role               = "roles/iam.serviceAccountUser"
  member             = "serviceAccount:${google_service_account.function["deploy"].email}"
}

# One version per build, added by deploy before it submits and destroyed once the build ended
# (functions/deploy/klepaas_deploy/pipeline/stages/gcp_stages.py); Terraform writes none.
resource "google_secret_manager_secret" "cloudbuild_git_token" {
  secret_id = "${local.prefix}-cloudbuild-git-token"
  replication {
    auto {}
  }
}

resource "google_secret_manager_secret_iam_member" "cloudbuild_git_token" {
  for_each = {
    "roles/secretmanager.secretVersionAdder"   = google_service_account.function["deploy"].email
    "roles/secretmanager.secretVersionManager" = google_service_account.function["deploy"].email
    "roles/secretmanager.secretAccessor"       = google_service_account.app_build.email
  }
  secret_id = google_secret_manager_secret.cloudbuild_git_token.id
  role      = each.key
  member    = "serviceAccount:${each.value}"
}
