# One Cloud Function (2nd gen): the bundle zipped and named by its hash, its own service account,
# settings as env vars and secrets, and for an event function one Eventarc trigger per topic.

data "archive_file" "bundle" {
  type        = "zip"
  source_dir  = var.bundle_dir
  output_path = "${path.root}/.terraform/bundles/${var.name}.zip"
}

resource "google_storage_bucket_object" "bundle" {
  name   = "${var.name}-${data.archive_file.bundle.output_sha256}.zip"
  bucket = var.source_bucket
  source = data.archive_file.bundle.output_path
}

resource "google_cloudfunctions2_function" "this" {
  # checkov:skip=CKV_GCP_124: HTTP functions take ALLOW_ALL because Cloud Run does not count API Gateway as internal; IAM admits only the gateway's and the calling functions' accounts. Event functions are ALLOW_INTERNAL_ONLY
  project  = var.project_id
  location = var.region
  name     = var.name

  build_config {
    runtime         = "python312"
    entry_point     = var.entry_point
    service_account = var.build_service_account
    source {
      storage_source {
        bucket = var.source_bucket
        object = google_storage_bucket_object.bundle.name
      }
    }
  }

  service_config {
    available_memory               = "${var.memory_mb}M"
    timeout_seconds                = var.timeout_s
    min_instance_count             = var.min_instances
    max_instance_count             = var.max_instances
    ingress_settings               = var.ingress
    all_traffic_on_latest_revision = true
    service_account_email          = var.service_account_email
    environment_variables          = var.env
    vpc_connector                  = var.vpc_connector
    vpc_connector_egress_settings  = var.vpc_connector == null ? null : "PRIVATE_RANGES_ONLY"

    dynamic "secret_volumes" {
      for_each = var.secret_files
      content {
        mount_path = secret_volumes.value.mount_path
        project_id = var.project_id
        secret     = secret_volumes.value.secret
        versions {
          version = "latest"
          path    = secret_volumes.value.file
        }
      }
    }

    dynamic "secret_environment_variables" {
      for_each = var.secrets
      content {
        key        = secret_environment_variables.key
        project_id = var.project_id
        secret     = secret_environment_variables.value
        version    = "latest"
      }
    }
  }
}

locals {
  # projects/P/locations/R/services/NAME -> NAME
  service_name = basename(google_cloudfunctions2_function.this.service_config[0].service)
}

resource "google_eventarc_trigger" "topic" {
  for_each = toset(var.event_topics)

  project         = var.project_id
  location        = var.region
  name            = substr("${var.name}-${replace(basename(each.value), "_", "-")}", 0, 63)
  service_account = var.trigger_service_account_email

  matching_criteria {
    attribute = "type"
    value     = "google.cloud.pubsub.topic.v1.messagePublished"
  }

  transport {
    pubsub {
      topic = each.value
    }
  }

  # Eventarc takes the Cloud Run service's name; service_config.service is its full resource path.
  destination {
    cloud_run_service {
      service = local.service_name
      region  = var.region
    }
  }
}

# Eventarc creates and owns the Pub/Sub subscription behind each trigger, and neither the trigger
# nor the function can set its delivery: that is done on the subscription itself, Eventarc's
# documented way, once the trigger exists (and again when a value changes). The redelivery of a
# message whose worker died must come no earlier than that worker's lease can run out (issue 16),
# and Pub/Sub must wait for the function as long as the function may run:
# - ack deadline = the function's timeout (10-600 s): a run still going is not redelivered;
# - retry backoff from event_retry_min_backoff_s (>= the lease) doubling to the max;
# - no dead-letter policy here: the consumer counts failed runs (a redelivery refused while a
#   lease is held is not one) and dead-letters after KLEPAAS_EVENT_MAX_ATTEMPTS (pubsub.tf).
locals {
  ack_deadline_s = max(10, min(600, var.timeout_s))
}

resource "terraform_data" "trigger_delivery" {
  for_each = google_eventarc_trigger.topic

  triggers_replace = [
    each.value.transport[0].pubsub[0].subscription,
    local.ack_deadline_s,
    var.event_retry_min_backoff_s,
    var.event_retry_max_backoff_s,
  ]

  provisioner "local-exec" {
    command = join(" ", [
      "gcloud pubsub subscriptions update ${each.value.transport[0].pubsub[0].subscription}",
      "--project=${var.project_id}",
      "--ack-deadline=${local.ack_deadline_s}",
      "--min-retry-delay=${var.event_retry_min_backoff_s}s",
      "--max-retry-delay=${var.event_retry_max_backoff_s}s",
    ])
  }
}
