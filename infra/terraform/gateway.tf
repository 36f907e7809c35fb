# The front door: an HTTPS load balancer on the public domain (lb.tf) in front of API Gateway,
# configured with the document generated from the routing table (`make bundle` writes
# build/gateway/openapi.json; each backend placeholder becomes a function's URL).
#
# The gateway calls each function with a Google-signed ID token of its own service account, and
# only that account (plus the functions that call each other, below) holds run.invoker: a request
# to a function's run.app URL from anywhere else is refused by Cloud Run before any code runs.
# The caller's Authorization travels on as X-Forwarded-Authorization (KLEPAAS_BEHIND_API_GATEWAY).

resource "google_service_account" "gateway" {
  account_id   = "${local.prefix}-gateway"
  display_name = "K-Le-PaaS ${var.environment} API Gateway"
}

resource "google_api_gateway_api" "front_door" {
  provider = google-beta
  api_id   = local.prefix
}

# A gateway serves its API only once the API's own managed service is enabled in the project.
resource "google_project_service" "front_door" {
  service            = google_api_gateway_api.front_door.managed_service
  disable_on_destroy = false
}

resource "google_api_gateway_api_config" "front_door" {
  provider             = google-beta
  api                  = google_api_gateway_api.front_door.api_id
  api_config_id_prefix = "${local.prefix}-"

  openapi_documents {
    document {
      path     = "openapi.json"
      contents = base64encode(templatefile("${path.root}/../../build/gateway/openapi.json", local.function_urls))
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
  region     = var.gateway_region
  gateway_id = local.prefix
  api_config = google_api_gateway_api_config.front_door.id
  depends_on = [google_project_service.front_door]
}

resource "google_cloud_run_service_iam_member" "gateway_invoker" {
  for_each = local.http_entry_points
  location = var.region
  service  = module.entry_point[each.key].service
  role     = "roles/run.invoker"
  member   = "serviceAccount:${google_service_account.gateway.email}"
}

# A function that calls another (main.tf, local.peer_calls) may invoke that one's HTTP service.
locals {
  peer_grants = {
    for pair in flatten([
      for caller, callees in local.peer_calls : [for callee in callees : { caller = caller, callee = callee }]
    ]) : "${pair.caller}/${pair.callee}" => pair
  }
}

resource "google_cloud_run_service_iam_member" "peer_invoker" {
  for_each = local.peer_grants
  location = var.region
  service  = module.entry_point["${each.value.callee}_http"].service
  role     = "roles/run.invoker"
  member   = "serviceAccount:${google_service_account.function[each.value.caller].email}"
}
