# Topics between the functions, Google's own notification topics, and a dead-letter topic each.
# Eventarc's trigger subscriptions retry with backoff. The dead-letter topics and the functions'
# publish grants are in place; routing a message there after the maximum attempts is not yet
# done by klepaas_shared.events (see issue 10's note).

locals {
  topics = toset(["deploy-requests", "deployment-events", "alerts", "gcr", "cloud-builds"])

  # Who publishes where (klepaas_shared.entrypoints: publishes=...), plus dead letters.
  publishers = {
    "webhook/deploy-requests"   = { fn = "webhook", topic = "deploy-requests" }
    "webhook/deployment-events" = { fn = "webhook", topic = "deployment-events" }
    "deploy/deployment-events"  = { fn = "deploy", topic = "deployment-events" }
  }

  consumers = toset(distinct(flatten([for ep in values(local.entry_points) : [for t in ep.topics : ep.function]])))
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
  for_each = { for pair in setproduct(tolist(local.consumers), tolist(local.topics)) : "${pair[0]}/${pair[1]}" => { fn = pair[0], topic = pair[1] } }
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
