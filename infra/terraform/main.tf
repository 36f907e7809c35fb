# The functions: one service account per function, one Cloud Function per entry point
# (klepaas_shared.entrypoints is the source of truth; tests/infra checks they agree).

locals {
  prefix = "klepaas-${var.environment}"

  functions = {
    webhook = { memory_mb = 256, timeout_s = 30, redis = false }
    deploy  = { memory_mb = 512, timeout_s = 540, redis = false }
    nlp     = { memory_mb = 512, timeout_s = 60, redis = true }
    mcp     = { memory_mb = 512, timeout_s = 60, redis = true }
    notify  = { memory_mb = 256, timeout_s = 60, redis = true }
    auth    = { memory_mb = 256, timeout_s = 30, redis = true }
  }

  entry_points = {
    webhook_http              = { function = "webhook", topics = [] }
    webhook_gcp_events        = { function = "webhook", topics = ["gcr", "cloud-builds"] }
    webhook_deployment_events = { function = "webhook", topics = ["deployment-events"] }
    webhook_maintenance       = { function = "webhook", topics = ["maintenance"] }
    deploy_http               = { function = "deploy", topics = [] }
    deploy_requests           = { function = "deploy", topics = ["deploy-requests"] }
    deploy_maintenance        = { function = "deploy", topics = ["maintenance"] }
    nlp_http                  = { function = "nlp", topics = [] }
    mcp_http                  = { function = "mcp", topics = [] }
    notify_http               = { function = "notify", topics = [] }
    notify_deployment_events  = { function = "notify", topics = ["deployment-events"] }
    notify_alerts             = { function = "notify", topics = ["alerts"] }
    auth_http                 = { function = "auth", topics = [] }
  }

  # Settings every function reads (klepaas_shared.settings.CommonSettings).
  common_env = {
    KLEPAAS_ENV                = var.environment
    KLEPAAS_PROJECT_ID         = var.project_id
    KLEPAAS_STORE              = "firestore"
    KLEPAAS_EVENTS             = "pubsub"
    KLEPAAS_API_BASE_URL       = var.public_base_url
    KLEPAAS_CONSOLE_ORIGIN     = var.console_origin
    KLEPAAS_CORS_ALLOW_ORIGINS = var.console_origin
    KLEPAAS_EVENT_MAX_AGE_S    = tostring(var.event_max_age_s)
    KLEPAAS_EVENT_MAX_ATTEMPTS = tostring(var.event_max_attempts)
  }

  function_env = {
    webhook = {
      KLEPAAS_GITHUB_APP_ID = var.github_app_id
      # Registries whose pushed images deploy; never the one Cloud Build pushes to (a loop).
      KLEPAAS_WATCHED_IMAGE_REPOSITORIES = join(",", var.watched_image_repositories)
    }
    deploy = {
      KLEPAAS_SCALE_MAX_REPLICAS = tostring(var.scale_max_replicas)
      KLEPAAS_GKE_ENDPOINT       = var.gke_cluster_name == "" ? "" : "https://${data.google_container_cluster.target[0].endpoint}"
      KLEPAAS_GKE_CA_CERT        = var.gke_cluster_name == "" ? "" : data.google_container_cluster.target[0].master_auth[0].cluster_ca_certificate
      KLEPAAS_NKS_KUBECONFIG     = "/secrets/nks/kubeconfig"
      KLEPAAS_PROMETHEUS_URL     = var.prometheus_url
      KLEPAAS_CLUSTER_NAME       = var.environment == "production" ? "nks-cluster" : "nks-cluster-${var.environment}"
      # The building pipelines (NCP keys are secrets; an empty SourceBuild project turns NCP builds off).
      KLEPAAS_NCP_REGION                   = var.ncp.region
      KLEPAAS_NCP_SOURCEBUILD_PROJECT_ID   = var.ncp.sourcebuild_project_id
      KLEPAAS_NCP_SOURCEDEPLOY_PROJECT_ID  = var.ncp.sourcedeploy_project_id
      KLEPAAS_NCP_SOURCEDEPLOY_STAGE_ID    = var.ncp.sourcedeploy_stage_id
      KLEPAAS_NCP_SOURCEDEPLOY_SCENARIO_ID = var.ncp.sourcedeploy_scenario_id
      KLEPAAS_NCP_NKS_CLUSTER_ID           = var.ncp.nks_cluster_id
      KLEPAAS_NCP_REGISTRY                 = var.ncp.registry
      KLEPAAS_NCP_GIT_USERNAME             = var.ncp.git_username
      KLEPAAS_GITHUB_APP_ID                = var.github_app_id
      KLEPAAS_CLOUDBUILD_PROJECT           = var.cloud_build_enabled ? var.project_id : ""
      KLEPAAS_CLOUDBUILD_REGION            = var.region
      KLEPAAS_ARTIFACT_REGISTRY_REPO       = var.artifact_registry_repository
    }
    nlp = {}
    mcp = { KLEPAAS_MCP_ALLOWED_HOSTS = replace(var.public_base_url, "https://", ""), KLEPAAS_MCP_ALLOWED_ORIGINS = var.console_origin }
    notify = {
      # The nodes of an alert snapshot (M7) come from the same Prometheus deploy reads.
      KLEPAAS_SLACK_CLIENT_ID = var.slack_client_id
      KLEPAAS_PROMETHEUS_URL  = var.prometheus_url
      KLEPAAS_CLUSTER_NAME    = var.environment == "production" ? "nks-cluster" : "nks-cluster-${var.environment}"
    }
    auth = {
      KLEPAAS_AUTH_GOOGLE_CLIENT_ID = var.google_oauth_client_id
      KLEPAAS_AUTH_GITHUB_CLIENT_ID = var.github_oauth_client_id
      KLEPAAS_AUTH_REDIRECT_URIS    = "${var.console_origin}/console/oauth2-callback"
      KLEPAAS_ADMIN_USERNAME        = var.admin_username
      # API Gateway, then Google's front end, each append to X-Forwarded-For: the client is 2 from the right.
      KLEPAAS_AUTH_TRUSTED_PROXY_HOPS = "2"
    }
  }
}

resource "google_service_account" "function" {
  for_each     = local.functions
  account_id   = "${local.prefix}-${each.key}"
  display_name = "K-Le-PaaS ${var.environment} ${each.key} function"
}

resource "google_service_account" "eventarc" {
  account_id   = "${local.prefix}-eventarc"
  display_name = "K-Le-PaaS ${var.environment} Eventarc trigger identity"
}

resource "google_storage_bucket" "bundles" {
  # checkov:skip=CKV_GCP_62: holds only the function bundles; reads and writes are in the Data Access audit logs (audit.tf)
  name                        = "${var.project_id}-${local.prefix}-bundles"
  location                    = var.region
  uniform_bucket_level_access = true
  public_access_prevention    = "enforced"
  force_destroy               = false
  versioning {
    enabled = true
  }
  lifecycle_rule {
    condition {
      age = 90
    }
    action {
      type = "Delete"
    }
  }
}

module "entry_point" {
  source   = "./modules/cloud-function"
  for_each = local.entry_points

  project_id            = var.project_id
  region                = var.region
  name                  = "${local.prefix}-${replace(each.key, "_", "-")}"
  entry_point           = each.key
  bundle_dir            = "${path.root}/../../build/${each.value.function}"
  source_bucket         = google_storage_bucket.bundles.name
  service_account_email = google_service_account.function[each.value.function].email
  memory_mb             = lookup(var.function_memory_mb, each.value.function, local.functions[each.value.function].memory_mb)
  timeout_s             = local.functions[each.value.function].timeout_s
  max_instances         = lookup(var.function_max_instances, each.value.function, 20)
  min_instances         = length(each.value.topics) == 0 ? var.min_instances : 0
  # HTTP functions are reached through the gateway only; event functions only from Eventarc.
  ingress                       = length(each.value.topics) == 0 ? "ALLOW_ALL" : "ALLOW_INTERNAL_ONLY"
  env                           = merge(local.common_env, local.function_env[each.value.function])
  secrets                       = local.function_secrets[each.value.function]
  secret_files                  = lookup(local.function_secret_files, each.value.function, {})
  vpc_connector                 = local.functions[each.value.function].redis ? google_vpc_access_connector.redis.id : null
  event_topics                  = [for topic in each.value.topics : google_pubsub_topic.topic[topic].id]
  trigger_service_account_email = google_service_account.eventarc.email

  depends_on = [google_secret_manager_secret_iam_member.accessor]
}
