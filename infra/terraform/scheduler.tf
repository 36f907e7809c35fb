# Periodic work: Cloud Scheduler publishes a task on the maintenance topic (pubsub.tf), which
# webhook_maintenance and deploy_maintenance both consume (each runs its own tasks and skips the
# other's): functions/webhook/klepaas_webhook/maintenance.py, functions/deploy/klepaas_deploy/maintenance.py.

locals {
  maintenance_tasks = {
    # GitHub keeps failed deliveries for three days; the webhook asks for them again.
    redeliver_failed_deliveries = "*/15 * * * *"
    # Deletes expired documents on SQLite only; on Firestore the TTL policies do (firestore.tf).
    prune_expired = "17 * * * *"
    # deploy: operations and deployments still running past their deadline end as timed_out.
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
