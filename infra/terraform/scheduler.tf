# Periodic work: Cloud Scheduler publishes a task on the maintenance topic (pubsub.tf), which
# webhook_maintenance, deploy_maintenance and notify_maintenance all consume (each runs its own
# tasks and skips the others'): functions/{webhook/klepaas_webhook,deploy/klepaas_deploy,notify/klepaas_notify}/maintenance.py.

locals {
  maintenance_tasks = {
    # GitHub keeps failed deliveries for three days; the webhook asks for them again.
    redeliver_failed_deliveries = "*/15 * * * *"
    # Deletes expired documents on SQLite only; on Firestore the TTL policies do (firestore.tf).
    prune_expired = "17 * * * *"
    # deploy: operations and deployments still running past their deadline end as timed_out;
    # notify: approvals still being decided past their lease are opened again (outcome unknown).
    end_stuck_work = "*/5 * * * *"
  }
}

resource "google_cloud_scheduler_job" "maintenance" {
  for_each  = local.maintenance_tasks
  name      = "${local.prefix}-${replace(each.key, "_", "-")}"
  region    = var.region
  schedule  = each.value
  time_zone = "Etc/UTC"
  pubsub_target {
    topic_name = google_pubsub_topic.topic["maintenance"].id
    data       = base64encode(jsonencode({ task = each.key }))
  }
}
