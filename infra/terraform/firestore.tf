# Firestore (native mode) holds deliveries, integrations, deployments, operations, commands,
# audit, alerts, Slack installs, users, feedback and model statistics.

resource "google_firestore_database" "main" {
  project                           = var.project_id
  name                              = "(default)"
  location_id                       = var.region
  type                              = "FIRESTORE_NATIVE"
  concurrency_mode                  = "OPTIMISTIC"
  point_in_time_recovery_enablement = "POINT_IN_TIME_RECOVERY_ENABLED"
  delete_protection_state           = "DELETE_PROTECTION_ENABLED"
  deletion_policy                   = "ABANDON"
}

# Expiring documents carry the top-level timestamp `expires_at` (klepaas_shared.store writes it
# as a Firestore timestamp); Firestore deletes them after it. The collections are
# klepaas_shared.store.TTL_COLLECTIONS (tests/infra checks they agree).
resource "google_firestore_field" "ttl" {
  for_each = toset([
    "idempotency", "deliveries", "nlp_pending", "slack_oauth_states",
    # the MCP authorization server (functions/auth/klepaas_auth/authorization_server/records.py)
    "oauth_clients", "oauth_codes", "oauth_grants", "oauth_refresh",
  ])
  project    = var.project_id
  database   = google_firestore_database.main.name
  collection = each.value
  field      = "expires_at"
  ttl_config {}
}

locals {
  # The composite indexes the functions' queries need (collection => ordered fields), and only
  # those: tests/infra/test_firestore_indexes.py derives them from the queries the code declares
  # (klepaas_shared.store.queries) by Firestore's rules and fails on a missing or unused one.
  # The direction of each field is the query's: an ascending index does not serve a descending order.
  composite_indexes = {
    commands_by_user              = { collection = "commands", fields = [["user_id", "ASCENDING"], ["id", "DESCENDING"]] }
    commands_by_user_oldest       = { collection = "commands", fields = [["user_id", "ASCENDING"], ["id", "ASCENDING"]] }
    deployments_by_repo           = { collection = "deployments", fields = [["owner", "ASCENDING"], ["repo", "ASCENDING"], ["started_at", "DESCENDING"]] }
    deployments_by_repo_id        = { collection = "deployments", fields = [["owner", "ASCENDING"], ["repo", "ASCENDING"], ["id", "DESCENDING"]] }
    scaling_history_by_app_newest = { collection = "scaling_history", fields = [["app", "ASCENDING"], ["at", "DESCENDING"]] }
  }
}

resource "google_firestore_index" "composite" {
  for_each   = local.composite_indexes
  project    = var.project_id
  database   = google_firestore_database.main.name
  collection = each.value.collection

  dynamic "fields" {
    for_each = each.value.fields
    content {
      field_path = fields.value[0]
      order      = fields.value[1]
    }
  }
}

resource "google_project_iam_member" "firestore_user" {
  for_each = local.functions
  project  = var.project_id
  role     = "roles/datastore.user"
  member   = "serviceAccount:${google_service_account.function[each.key].email}"
}
