# Periodic work: a tick on the maintenance topic every 15 minutes (for example, redelivering
# GitHub deliveries that failed), consumed like any other event.

resource "google_pubsub_topic" "maintenance" {
  name         = "maintenance"
  kms_key_name = google_kms_crypto_key.data.id
  depends_on   = [google_kms_crypto_key_iam_member.service_agents]
}

resource "google_cloud_scheduler_job" "redeliver_failed_deliveries" {
  name      = "${local.prefix}-redeliver-failed-deliveries"
  region    = var.region
  schedule  = "*/15 * * * *"
  time_zone = "Etc/UTC"
  pubsub_target {
    topic_name = google_pubsub_topic.maintenance.id
    data       = base64encode(jsonencode({ task = "redeliver_failed_deliveries" }))
  }
}
