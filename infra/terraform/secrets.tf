# Secrets come only from Secret Manager, mounted as env vars; each function may read only its own.
# Versions are added out of band (gcloud secrets versions add), except the Redis URL made here.

locals {
  function_secrets = {
    webhook = {
      KLEPAAS_JWT_SECRET                = "klepaas-jwt-secret"
      KLEPAAS_GITHUB_APP_WEBHOOK_SECRET = "klepaas-github-app-webhook-secret"
      KLEPAAS_GITHUB_WEBHOOK_SECRET     = "klepaas-github-webhook-secret"
      KLEPAAS_GITHUB_APP_PRIVATE_KEY    = "klepaas-github-app-private-key"
    }
    deploy = {
      KLEPAAS_JWT_SECRET             = "klepaas-jwt-secret"
      KLEPAAS_NCP_ACCESS_KEY         = "klepaas-ncp-access-key"
      KLEPAAS_NCP_SECRET_KEY         = "klepaas-ncp-secret-key"
      KLEPAAS_NCP_GIT_PASSWORD       = "klepaas-ncp-git-password"
      KLEPAAS_GITHUB_APP_PRIVATE_KEY = "klepaas-github-app-private-key"
    }
    nlp = {
      KLEPAAS_JWT_SECRET        = "klepaas-jwt-secret"
      KLEPAAS_REDIS_URL         = "klepaas-redis-url"
      KLEPAAS_ANTHROPIC_API_KEY = "klepaas-anthropic-api-key"
      KLEPAAS_OPENAI_API_KEY    = "klepaas-openai-api-key"
      KLEPAAS_GEMINI_API_KEY    = "klepaas-gemini-api-key"
    }
    mcp = {
      KLEPAAS_JWT_SECRET = "klepaas-jwt-secret"
      KLEPAAS_REDIS_URL  = "klepaas-redis-url"
    }
    notify = {
      KLEPAAS_JWT_SECRET           = "klepaas-jwt-secret"
      KLEPAAS_REDIS_URL            = "klepaas-redis-url"
      KLEPAAS_SLACK_BOT_TOKEN      = "klepaas-slack-bot-token"
      KLEPAAS_SLACK_SIGNING_SECRET = "klepaas-slack-signing-secret"
      KLEPAAS_SLACK_CLIENT_SECRET  = "klepaas-slack-client-secret"
      KLEPAAS_SLACK_TOKEN_KEY      = "klepaas-slack-token-key"
      KLEPAAS_ALERTMANAGER_TOKEN   = "klepaas-alertmanager-token"
    }
    auth = {
      KLEPAAS_JWT_SECRET                = "klepaas-jwt-secret"
      KLEPAAS_JWT_PREVIOUS_SECRET       = "klepaas-jwt-previous-secret"
      KLEPAAS_REDIS_URL                 = "klepaas-redis-url"
      KLEPAAS_AUTH_GOOGLE_CLIENT_SECRET = "klepaas-google-client-secret"
      KLEPAAS_AUTH_GITHUB_CLIENT_SECRET = "klepaas-github-client-secret"
      KLEPAAS_ADMIN_PASSWORD_HASH       = "klepaas-admin-password-hash"
    }
  }

  # Secrets mounted as files (mount directory => secret id); the file inside is named by the key.
  function_secret_files = {
    deploy = { "/secrets/nks" = "klepaas-nks-kubeconfig" }
  }

  secret_ids = toset(concat(
    flatten([for fn, secrets in local.function_secrets : values(secrets)]),
    flatten([for fn, files in local.function_secret_files : values(files)]),
  ))

  secret_grants = {
    for pair in concat(
      flatten([for fn, secrets in local.function_secrets : [for secret in values(secrets) : { fn = fn, secret = secret }]]),
      flatten([for fn, files in local.function_secret_files : [for secret in values(files) : { fn = fn, secret = secret }]]),
    ) : "${pair.fn}/${pair.secret}" => pair
  }
}

resource "google_secret_manager_secret" "secret" {
  for_each  = local.secret_ids
  secret_id = "${local.prefix}-${trimprefix(each.value, "klepaas-")}"
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
  secret      = google_secret_manager_secret.secret["klepaas-redis-url"].id
  secret_data = "rediss://:${google_redis_instance.context.auth_string}@${google_redis_instance.context.host}:${google_redis_instance.context.port}/0"
}
