# One front door: API Gateway configured with the document generated from the routing table
# (`make bundle` writes build/gateway/openapi.json; each backend placeholder is a function URL).

resource "google_service_account" "gateway" {
  account_id   = "${local.prefix}-gateway"
  display_name = "K-Le-PaaS ${var.environment} API Gateway"
}

resource "google_api_gateway_api" "front_door" {
  provider = google-beta
  api_id   = local.prefix
}

resource "google_api_gateway_api_config" "front_door" {
  provider             = google-beta
  api                  = google_api_gateway_api.front_door.api_id
  api_config_id_prefix = "${local.prefix}-"

  openapi_documents {
    document {
      path = "openapi.json"
      contents = base64encode(templatefile("${path.root}/../../build/gateway/openapi.json", {
        for name, ep in local.entry_points : ep.function => module.entry_point[name].url if length(ep.topics) == 0
      }))
    }
  }

  gateway_config {
    backend_config {
      google_service_account = google_service_account.gateway.email
    }
  }

  lifecycle {
    create_before_destroy = true
  }
}

resource "google_api_gateway_gateway" "front_door" {
  provider   = google-beta
  region     = var.region
  gateway_id = local.prefix
  api_config = google_api_gateway_api_config.front_door.id
}

# The HTTP functions authenticate every caller themselves (bearer JWT verified in code, GitHub,
# Slack and Alertmanager signatures or secrets); the gateway forwards Authorization unchanged
# (disable_auth), so the services accept unauthenticated invocations at the IAM layer.
resource "google_cloud_run_service_iam_member" "public_http" {
  # checkov:skip=CKV_GCP_102: every HTTP function verifies the bearer JWT, or a GitHub/Slack signature or the Alertmanager secret, in code
  for_each = { for name, ep in local.entry_points : name => ep if length(ep.topics) == 0 }
  location = var.region
  service  = module.entry_point[each.key].service
  role     = "roles/run.invoker"
  member   = "allUsers"
}
