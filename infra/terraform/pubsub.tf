# Topics between the functions, Google's own notification topics, the scheduler's maintenance
# ticks, and a dead-letter topic each.
#
# Dead letters: Eventarc creates and owns the Pub/Sub subscription behind each trigger and
# retries a failed delivery with backoff (10 s to 600 s) for its 24 h retention; neither
# google_eventarc_trigger nor the function's event_trigger can give that subscription a
# dead_letter_policy. So the consumer routes them (klepaas_shared.deadletter): after
# var.event_max_attempts failed runs of a message (KLEPAAS_EVENT_MAX_ATTEMPTS, counted in
# Firestore by message id) it publishes the message to <topic>-dead-letter and acks it. That
# needs the consuming function's publisher grant on the dead-letter topics of what it consumes
# (below); no grant for Pub/Sub's service agent is needed, since Pub/Sub forwards nothing itself.
# The ack deadline and retry backoff of those subscriptions are set in modules/cloud-function
# (trigger_delivery): the first redelivery waits var.lease_s, so a dead worker's claim has run out.

locals {
  topics = toset(["deploy-requests", "deployment-events", "alerts", "gcr", "cloud-builds", "maintenance"])

  # Who publishes where (klepaas_shared.entrypoints: publishes=...).
  publishers = {
    "webhook/deploy-requests"   = { fn = "webhook", topic = "deploy-requests" }
    "webhook/deployment-events" = { fn = "webhook", topic = "deployment-events" }
    "deploy/deployment-events"  = { fn = "deploy", topic = "deployment-events" }
    "notify/deployment-events"  = { fn = "notify", topic = "deployment-events" } # Slack decisions
  }

  # Each consuming function may publish to the dead-letter topics of what it consumes
  # (klepaas_shared.entrypoints: topics=...; tests/infra checks they agree).
  dead_letter_publishers = {
    "webhook/gcr"               = { fn = "webhook", topic = "gcr" }
    "webhook/cloud-builds"      = { fn = "webhook", topic = "cloud-builds" }
    "webhook/deployment-events" = { fn = "webhook", topic = "deployment-events" }
    "webhook/maintenance"       = { fn = "webhook", topic = "maintenance" }
    "deploy/deploy-requests"    = { fn = "deploy", topic = "deploy-requests" }
    "deploy/maintenance"        = { fn = "deploy", topic = "maintenance" }
    "notify/deployment-events"  = { fn = "notify", topic = "deployment-events" }
    "notify/alerts"             = { fn = "notify", topic = "alerts" }
    "notify/maintenance"        = { fn = "notify", topic = "maintenance" }
  }
}

resource "google_pubsub_topic" "topic" {
  for_each                   = local.topics
  name                       = each.value
  message_retention_duration = "86400s"
  kms_key_name               = google_kms_crypto_key.data.id
  depends_on                 = [google_kms_crypto_key_iam_member.service_agents]
}

resource "google_pubsub_topic" "dead_letter" {
  for_each                   = local.topics
  name                       = "${each.value}-dead-letter"
  message_retention_duration = "604800s"
  kms_key_name               = google_kms_crypto_key.data.id
  depends_on                 = [google_kms_crypto_key_iam_member.service_agents]
}

resource "google_pubsub_subscription" "dead_letter" {
  for_each                   = local.topics
  name                       = "${each.value}-dead-letter-inspect"
  topic                      = google_pubsub_topic.dead_letter[each.value].id
  message_retention_duration = "604800s"
  expiration_policy {
    ttl = ""
  }
}

resource "google_pubsub_topic_iam_member" "publisher" {
  for_each = local.publishers
  topic    = google_pubsub_topic.topic[each.value.topic].id
  role     = "roles/pubsub.publisher"
  member   = "serviceAccount:${google_service_account.function[each.value.fn].email}"
}

resource "google_pubsub_topic_iam_member" "dead_letter_publisher" {
  for_each = local.dead_letter_publishers
  topic    = google_pubsub_topic.dead_letter[each.value.topic].id
  role     = "roles/pubsub.publisher"
  member   = "serviceAccount:${google_service_account.function[each.value.fn].email}"
}

# Eventarc needs to invoke the event functions' services and receive events.
resource "google_project_iam_member" "eventarc_receiver" {
  project = var.project_id
  role    = "roles/eventarc.eventReceiver"
  member  = "serviceAccount:${google_service_account.eventarc.email}"
}

resource "google_cloud_run_service_iam_member" "eventarc_invoker" {
  for_each = { for name, ep in local.entry_points : name => ep if length(ep.topics) > 0 }
  location = var.region
  service  = module.entry_point[each.key].service
  role     = "roles/run.invoker"
  member   = "serviceAccount:${google_service_account.eventarc.email}"
}
