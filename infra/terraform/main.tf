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
    notify_maintenance        = { function = "notify", topics = ["maintenance"] }
    auth_http                 = { function = "auth", topics = [] }
  }

  http_entry_points = { for name, ep in local.entry_points : name => ep if length(ep.topics) == 0 }
  entry_point_names = { for name, ep in local.entry_points : name => "${local.prefix}-${replace(name, "_", "-")}" }

  # Each HTTP function's Cloud Run URL in its deterministic form, https://SERVICE-PROJECT_NUMBER.REGION.run.app
  # (https://cloud.google.com/run/docs/triggering/https-request): known before the
  # function exists, so functions can name each other (and mcp itself) without a dependency cycle.
  function_urls = {
    for name, ep in local.http_entry_points :
    ep.function => "https://${local.entry_point_names[name]}-${data.google_project.current.number}.${var.region}.run.app"
  }

  # Who calls whom directly (klepaas_shared.peers): the caller gets KLEPAAS_<CALLEE>_INTERNAL_URL,
  # the audience of the Google-signed ID token it sends, and run.invoker on the callee (gateway.tf).
  # nlp, mcp and notify run operations on deploy; mcp interprets through nlp; auth's health checks
  # every function.
  peer_calls = {
    nlp    = ["deploy"]
    mcp    = ["deploy", "nlp"]
    notify = ["deploy"]
    auth   = ["webhook", "deploy", "nlp", "mcp", "notify", "auth"]
  }
  peer_env = {
    for fn in keys(local.functions) : fn => {
      for callee in lookup(local.peer_calls, fn, []) : "KLEPAAS_${upper(callee)}_INTERNAL_URL" => local.function_urls[callee]
    }
  }

  # Only the HTTP entry points sit behind the gateway (klepaas_shared.auth.caller_authorization).
  gateway_env = { KLEPAAS_BEHIND_API_GATEWAY = "true" }

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
    KLEPAAS_LEASE_S            = tostring(var.lease_s)
    # The client's address: admin login counters (auth), the host of refused-token audit records.
    KLEPAAS_AUTH_TRUSTED_PROXY_HOPS = tostring(var.auth_trusted_proxy_hops)
  }

  function_env = {
    webhook = {
      KLEPAAS_GITHUB_APP_ID = var.github_app_id
      # Registries whose pushed images deploy; never the one Cloud Build pushes to (a loop).
      KLEPAAS_WATCHED_IMAGE_REPOSITORIES = join(",", var.watched_image_repositories)
    }
    deploy = {
      KLEPAAS_PIPELINE_LEASE_S   = tostring(var.lease_s)
      KLEPAAS_SCALE_MAX_REPLICAS = tostring(var.scale_max_replicas)
      KLEPAAS_GKE_ENDPOINT       = var.gke_cluster_name == "" ? "" : "https://${data.google_container_cluster.target[0].endpoint}"
      KLEPAAS_GKE_CA_CERT        = var.gke_cluster_name == "" ? "" : data.google_container_cluster.target[0].master_auth[0].cluster_ca_certificate
      KLEPAAS_NKS_KUBECONFIG     = contains(var.secrets_not_used, "nks-kubeconfig") ? "" : "/secrets/nks/kubeconfig" # secrets.tf
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
      KLEPAAS_CLOUDBUILD_SERVICE_ACCOUNT   = google_service_account.app_build.email                      # cloudbuild.tf
      KLEPAAS_CLOUDBUILD_GIT_TOKEN_SECRET  = google_secret_manager_secret.cloudbuild_git_token.secret_id # cloudbuild.tf
    }
    # The language models and their deadlines (var.llm; why these: functions/nlp/klepaas_nlp/settings.py).
    nlp = {
      KLEPAAS_REDIS_CA_PATH           = "/secrets/redis-ca/ca.pem"
      KLEPAAS_LLM_DEADLINE_MS         = tostring(var.llm.round_deadline_ms)
      KLEPAAS_ANTHROPIC_MODEL         = var.llm.anthropic_model
      KLEPAAS_ANTHROPIC_DEADLINE_MS   = tostring(var.llm.anthropic_deadline_ms)
      KLEPAAS_OPENAI_MODEL            = var.llm.openai_model
      KLEPAAS_OPENAI_DEADLINE_MS      = tostring(var.llm.openai_deadline_ms)
      KLEPAAS_OPENAI_REASONING_EFFORT = var.llm.openai_reasoning_effort
      KLEPAAS_GEMINI_MODEL            = var.llm.gemini_model
      KLEPAAS_GEMINI_DEADLINE_MS      = tostring(var.llm.gemini_deadline_ms)
      KLEPAAS_GEMINI_THINKING_LEVEL   = var.llm.gemini_thinking_level
    }
    mcp = {
      KLEPAAS_REDIS_CA_PATH = "/secrets/redis-ca/ca.pem"
      # API Gateway calls the backend at its own URL, so /mcp sees that Host, not the public one.
      KLEPAAS_MCP_ALLOWED_HOSTS   = join(",", [local.public_host, trimprefix(local.function_urls["mcp"], "https://")])
      KLEPAAS_MCP_ALLOWED_ORIGINS = var.console_origin
      KLEPAAS_MCP_RESOURCE_URL    = "${var.public_base_url}/mcp"
    }
    notify = {
      KLEPAAS_REDIS_CA_PATH = "/secrets/redis-ca/ca.pem"
      # The nodes of an alert snapshot (M7) come from the same Prometheus deploy reads.
      KLEPAAS_SLACK_CLIENT_ID = var.slack_client_id
      KLEPAAS_PROMETHEUS_URL  = var.prometheus_url
      KLEPAAS_CLUSTER_NAME    = var.environment == "production" ? "nks-cluster" : "nks-cluster-${var.environment}"
    }
    auth = {
      KLEPAAS_REDIS_CA_PATH         = "/secrets/redis-ca/ca.pem"
      KLEPAAS_AUTH_GOOGLE_CLIENT_ID = var.google_oauth_client_id
      KLEPAAS_AUTH_GITHUB_CLIENT_ID = var.github_oauth_client_id
      KLEPAAS_AUTH_REDIRECT_URIS    = "${var.console_origin}/console/oauth2-callback"
      KLEPAAS_ADMIN_USERNAME        = var.admin_username
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

# Cloud Functions builds each bundle with Cloud Build as this account: since July 2024 new projects
# have no default build account with the rights to do it. Cloud Run Builder is the role made for
# function builds; the log and image writes are the 1st gen list's, kept in case a build needs them.
resource "google_service_account" "build" {
  account_id   = "${local.prefix}-build"
  display_name = "K-Le-PaaS ${var.environment} function builds"
}

resource "google_project_iam_member" "build" {
  for_each = toset(["roles/run.builder", "roles/logging.logWriter", "roles/artifactregistry.writer"])
  project  = var.project_id
  role     = each.value
  member   = "serviceAccount:${google_service_account.build.email}"
}

resource "google_storage_bucket_iam_member" "build_reads_bundles" {
  bucket = google_storage_bucket.bundles.name
  role   = "roles/storage.objectViewer"
  member = "serviceAccount:${google_service_account.build.email}"
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
  name                  = local.entry_point_names[each.key]
  entry_point           = each.key
  bundle_dir            = "${path.root}/../../build/${each.value.function}"
  source_bucket         = google_storage_bucket.bundles.name
  service_account_email = google_service_account.function[each.value.function].email
  build_service_account = google_service_account.build.id
  memory_mb             = lookup(var.function_memory_mb, each.value.function, local.functions[each.value.function].memory_mb)
  timeout_s             = local.functions[each.value.function].timeout_s
  max_instances         = lookup(var.function_max_instances, each.value.function, 20)
  min_instances         = length(each.value.topics) == 0 ? var.min_instances : 0
  # Event functions take only Eventarc's pushes. HTTP functions take ALLOW_ALL because API Gateway
  # is not among the callers Cloud Run counts as internal; what closes them is IAM: run.invoker
  # belongs to the gateway's account and the calling functions' only (gateway.tf), never allUsers.
  ingress = length(each.value.topics) == 0 ? "ALLOW_ALL" : "ALLOW_INTERNAL_ONLY"
  env = merge(
    local.common_env,
    local.function_env[each.value.function],
    local.peer_env[each.value.function],
    length(each.value.topics) == 0 ? local.gateway_env : {},
  )
  secrets = {
    for env_name, secret in local.mounted_secrets[each.value.function] :
    env_name => google_secret_manager_secret.secret[secret].secret_id
  }
  secret_files = {
    for volume, file in local.mounted_secret_files[each.value.function] :
    volume => merge(file, { secret = google_secret_manager_secret.secret[file.secret].secret_id })
  }
  vpc_connector                 = local.functions[each.value.function].redis ? google_vpc_access_connector.redis.id : null
  event_topics                  = [for topic in each.value.topics : google_pubsub_topic.topic[topic].id]
  trigger_service_account_email = google_service_account.eventarc.email
  # A redelivery comes no earlier than a dead worker's lease can have run out (issue 16).
  event_retry_min_backoff_s = var.lease_s
  event_retry_max_backoff_s = var.event_retry_max_backoff_s

  # A function starts only once it may read its secrets and the versions Terraform writes exist.
  depends_on = [
    google_secret_manager_secret_iam_member.accessor,
    google_secret_manager_secret_version.redis_url,
    google_secret_manager_secret_version.redis_ca,
    google_project_iam_member.build,
    google_storage_bucket_iam_member.build_reads_bundles,
    google_secret_manager_secret_iam_member.cloudbuild_git_token,
    google_service_account_iam_member.deploy_acts_as_app_build,
  ]
}
