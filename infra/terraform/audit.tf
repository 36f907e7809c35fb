# Project audit logging: who read or changed data and secrets, beside the functions' own audit
# collection.
resource "google_project_iam_audit_config" "data_access" {
  for_each = toset(["datastore.googleapis.com", "secretmanager.googleapis.com", "cloudfunctions.googleapis.com", "storage.googleapis.com"])
  project  = var.project_id
  service  = each.value
  audit_log_config {
    log_type = "ADMIN_READ"
  }
  audit_log_config {
    log_type = "DATA_WRITE"
  }
  audit_log_config {
    log_type = "DATA_READ"
  }
}
