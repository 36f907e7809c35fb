# Project audit logging: who changed data and secrets (ADMIN_READ, DATA_WRITE), beside the
# functions' own audit collection. DATA_READ only where var.data_read_audit_services says: on
# Firestore it would log, and bill, every read of every request.
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
  dynamic "audit_log_config" {
    for_each = contains(var.data_read_audit_services, each.value) ? ["DATA_READ"] : []
    content {
      log_type = audit_log_config.value
    }
  }
}
