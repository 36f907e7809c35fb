# Cloud Monitoring alerts reach the notify function: a notification channel publishes to the
# `alerts` topic that notify_alerts consumes. Monitoring publishes as its own service agent,
# which needs the publisher role on that topic before the channel can be used.

resource "google_project_service_identity" "monitoring" {
  provider = google-beta
  service  = "monitoring.googleapis.com"
}

resource "google_pubsub_topic_iam_member" "monitoring_publishes_alerts" {
  topic  = google_pubsub_topic.topic["alerts"].id
  role   = "roles/pubsub.publisher"
  member = "serviceAccount:${google_project_service_identity.monitoring.email}"
}

resource "google_monitoring_notification_channel" "alerts" {
  display_name = "K-Le-PaaS ${var.environment} alerts topic"
  type         = "pubsub"
  labels = {
    topic = google_pubsub_topic.topic["alerts"].id
  }
  depends_on = [google_pubsub_topic_iam_member.monitoring_publishes_alerts]
}
