# The console's realtime channel, /api/v1/ws/deployments (README, "Realtime"): a WebSocket, which
# neither a Cloud Function nor API Gateway can hold, so it is a small Cloud Run service of its own
# (tools/realtime_service.py, image built from tools/realtime.Dockerfile) behind the load
# balancer's one path rule for it (lb.tf).
#
# It is unauthenticated on purpose: the console sends no token, and the messages carry only ids,
# stages, statuses and times (klepaas_shared.realtime). Unauthenticated through the load balancer
# only: ingress admits the load balancer and internal traffic, nothing else, and the invoker check
# is turned off on this one service instead of granting allUsers.
#
# It pulls deployment-events through its own subscription (its account may do that and nothing
# else). Pub/Sub hands each message to one puller, so exactly one instance runs, always on:
# min = max = 1, CPU allocated outside requests (the pull runs between them), the longest
# request timeout for long-lived connections, and session affinity for reconnects.

locals {
  realtime_image = "${var.region}-docker.pkg.dev/${var.project_id}/${google_artifact_registry_repository.platform.repository_id}/realtime:${var.realtime_image_tag}"
}

# Images of the platform itself (today the realtime service), apart from the apps' repository
# whose pushes the webhook may watch.
resource "google_artifact_registry_repository" "platform" {
  location      = var.region
  repository_id = "${local.prefix}-platform"
  format        = "DOCKER"
  kms_key_name  = google_kms_crypto_key.data.id
  depends_on    = [google_kms_crypto_key_iam_member.service_agents]
}

resource "google_service_account" "realtime" {
  account_id   = "${local.prefix}-realtime"
  display_name = "K-Le-PaaS ${var.environment} realtime channel"
}

resource "google_pubsub_subscription" "realtime" {
  name  = "deployment-events-realtime"
  topic = google_pubsub_topic.topic["deployment-events"].id
  # Progress older than a few minutes helps nobody: the console reads a deployment's history (D5).
  message_retention_duration = "600s"
  ack_deadline_seconds       = 10
  expiration_policy {
    ttl = ""
  }
}

resource "google_pubsub_subscription_iam_member" "realtime" {
  subscription = google_pubsub_subscription.realtime.name
  role         = "roles/pubsub.subscriber"
  member       = "serviceAccount:${google_service_account.realtime.email}"
}

resource "google_cloud_run_v2_service" "realtime" {
  # checkov:skip=CKV_GCP_102: the console connects without a token; ingress admits only the load balancer (and internal traffic), and the messages carry ids, stages, statuses and times only
  name                 = "${local.prefix}-realtime"
  location             = var.region
  ingress              = "INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER"
  invoker_iam_disabled = true

  template {
    service_account                  = google_service_account.realtime.email
    timeout                          = "3600s"
    session_affinity                 = true
    max_instance_request_concurrency = 500 # tools/realtime_service.py MAX_CONNECTIONS
    scaling {
      min_instance_count = 1
      max_instance_count = 1
    }
    containers {
      image = local.realtime_image
      env {
        name  = "KLEPAAS_REALTIME_SUBSCRIPTION"
        value = google_pubsub_subscription.realtime.id
      }
      resources {
        limits = {
          cpu    = "1"
          memory = "512Mi"
        }
        cpu_idle = false
      }
      startup_probe {
        http_get {
          path = "/healthz"
        }
      }
    }
  }

  depends_on = [google_pubsub_subscription_iam_member.realtime]
}
