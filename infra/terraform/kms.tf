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

resource "google_kms_crypto_key_iam_member" "service_agents" {
  for_each = toset([
    "serviceAccount:service-${data.google_project.current.number}@gcp-sa-pubsub.iam.gserviceaccount.com",
    "serviceAccount:service-${data.google_project.current.number}@gcp-sa-artifactregistry.iam.gserviceaccount.com",
  ])
  crypto_key_id = google_kms_crypto_key.data.id
  role          = "roles/cloudkms.cryptoKeyEncrypterDecrypter"
  member        = each.value
}
