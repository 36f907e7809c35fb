# Secrets come only from Secret Manager; each function may read only its own. A secret is named
# here by its short name; its id in the project is "<prefix>-<name>" (google_secret_manager_secret
# below), and the functions receive that id from the resource, never a spelled-out copy of it.
# Terraform writes the versions of the Redis URL and CA itself; every other secret needs a version
# added (gcloud secrets versions add) before the functions are created: see the README.

locals {
  # Env var => secret short name, per function.
  function_secrets = {
    webhook = {
      KLEPAAS_JWT_SECRET                = "jwt-secret"
      KLEPAAS_GITHUB_APP_WEBHOOK_SECRET = "github-app-webhook-secret"
      KLEPAAS_GITHUB_WEBHOOK_SECRET     = "github-webhook-secret"
      KLEPAAS_GITHUB_APP_PRIVATE_KEY    = "github-app-private-key"
    }
    deploy = {
      KLEPAAS_JWT_SECRET             = "jwt-secret"
      KLEPAAS_NCP_ACCESS_KEY         = "ncp-access-key"
      KLEPAAS_NCP_SECRET_KEY         = "ncp-secret-key"
      KLEPAAS_NCP_GIT_PASSWORD       = "ncp-git-password"
      KLEPAAS_GITHUB_APP_PRIVATE_KEY = "github-app-private-key"
    }
    nlp = {
      KLEPAAS_JWT_SECRET        = "jwt-secret"
      KLEPAAS_REDIS_URL         = "redis-url"
      KLEPAAS_ANTHROPIC_API_KEY = "anthropic-api-key"
      KLEPAAS_OPENAI_API_KEY    = "openai-api-key"
      KLEPAAS_GEMINI_API_KEY    = "gemini-api-key"
    }
    mcp = {
      KLEPAAS_JWT_SECRET    = "jwt-secret"
      KLEPAAS_REDIS_URL     = "redis-url"
      KLEPAAS_MCP_STATE_KEY = "mcp-state-key" # seals elicitation rounds across instances
    }
    notify = {
      KLEPAAS_JWT_SECRET           = "jwt-secret"
      KLEPAAS_REDIS_URL            = "redis-url"
      KLEPAAS_SLACK_BOT_TOKEN      = "slack-bot-token"
      KLEPAAS_SLACK_SIGNING_SECRET = "slack-signing-secret"
      KLEPAAS_SLACK_CLIENT_SECRET  = "slack-client-secret"
      KLEPAAS_SLACK_TOKEN_KEY      = "slack-token-key"
      KLEPAAS_ALERTMANAGER_TOKEN   = "alertmanager-token"
    }
    auth = {
      KLEPAAS_JWT_SECRET                = "jwt-secret"
      KLEPAAS_JWT_PREVIOUS_SECRET       = "jwt-previous-secret"
      KLEPAAS_REDIS_URL                 = "redis-url"
      KLEPAAS_AUTH_GOOGLE_CLIENT_SECRET = "google-client-secret"
      KLEPAAS_AUTH_GITHUB_CLIENT_SECRET = "github-client-secret"
      KLEPAAS_ADMIN_PASSWORD_HASH       = "admin-password-hash"
    }
  }

  # Secrets mounted as files: volume name => the directory, the secret and the file name in it.
  # The env var naming the file is in main.tf (KLEPAAS_NKS_KUBECONFIG, KLEPAAS_REDIS_CA_PATH).
  redis_ca_file = { mount_path = "/secrets/redis-ca", secret = "redis-ca", file = "ca.pem" }
  function_secret_files = {
    webhook = {}
    deploy  = { nks = { mount_path = "/secrets/nks", secret = "nks-kubeconfig", file = "kubeconfig" } }
    nlp     = { redis-ca = local.redis_ca_file }
    mcp     = { redis-ca = local.redis_ca_file }
    notify  = { redis-ca = local.redis_ca_file }
    auth    = { redis-ca = local.redis_ca_file }
  }

  # The secrets whose versions Terraform writes (google_secret_manager_secret_version below).
  generated_secrets = ["redis-url", "redis-ca"]

  # What this environment mounts: without var.secrets_not_used (a feature it does not use, whose
  # setting then stays empty and turns the feature off).
  mounted_secrets = {
    for fn, secrets in local.function_secrets :
    fn => { for env_name, name in secrets : env_name => name if !contains(var.secrets_not_used, name) }
  }
  mounted_secret_files = {
    for fn, files in local.function_secret_files :
    fn => { for volume, file in files : volume => file if !contains(var.secrets_not_used, file.secret) }
  }

  secret_names = toset(concat(
    flatten([for fn, secrets in local.mounted_secrets : values(secrets)]),
    flatten([for fn, files in local.mounted_secret_files : [for file in values(files) : file.secret]]),
  ))

  secret_grants = {
    for pair in concat(
      flatten([for fn, secrets in local.mounted_secrets : [for name in values(secrets) : { fn = fn, secret = name }]]),
      flatten([for fn, files in local.mounted_secret_files : [for file in values(files) : { fn = fn, secret = file.secret }]]),
    ) : "${pair.fn}/${pair.secret}" => pair
  }
}

resource "google_secret_manager_secret" "secret" {
  for_each  = local.secret_names
  secret_id = "${local.prefix}-${each.value}"
  replication {
    auto {}
  }
}

resource "google_secret_manager_secret_iam_member" "accessor" {
  for_each  = local.secret_grants
  secret_id = google_secret_manager_secret.secret[each.value.secret].id
  role      = "roles/secretmanager.secretAccessor"
  member    = "serviceAccount:${google_service_account.function[each.value.fn].email}"
}

resource "google_secret_manager_secret_version" "redis_url" {
  secret      = google_secret_manager_secret.secret["redis-url"].id
  secret_data = "rediss://:${google_redis_instance.context.auth_string}@${google_redis_instance.context.host}:${google_redis_instance.context.port}/0"
}

# Memorystore's per-instance server CA (it may list more than one during a rotation), as PEM.
resource "google_secret_manager_secret_version" "redis_ca" {
  secret      = google_secret_manager_secret.secret["redis-ca"].id
  secret_data = join("\n", [for ca in google_redis_instance.context.server_ca_certs : trimspace(ca.cert)])
}
