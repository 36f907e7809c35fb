# A customer-managed key for the messages and images at rest (Pub/Sub topics, Artifact Registry).

data "google_project" "current" {}

resource "google_kms_key_ring" "data" {
  name     = "${local.prefix}-data"
  location = var.region
}

resource "google_kms_crypto_key" "data" {
  name            = "${local.prefix}-data"
  key_ring        = google_kms_key_ring.data.id
  rotation_period = "7776000s" # 90 days
  lifecycle {
    prevent_destroy = true
  }
}

# Pub/Sub and Artifact Registry encrypt with the key as their service agents. A project's agents
# exist only once something asks for them, so they are asked for here rather than named by email.
resource "google_project_service_identity" "agent" {
  provider = google-beta
  for_each = toset(["pubsub.googleapis.com", "artifactregistry.googleapis.com"])
  service  = each.value
}

resource "google_kms_crypto_key_iam_member" "service_agents" {
  for_each      = google_project_service_identity.agent
  crypto_key_id = google_kms_crypto_key.data.id
  role          = "roles/cloudkms.cryptoKeyEncrypterDecrypter"
  member        = "serviceAccount:${each.value.email}"
}
