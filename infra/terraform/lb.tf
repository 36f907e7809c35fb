# The public domain: a global external Application Load Balancer with a Google-managed
# certificate, whose backends are the gateway (everything) and the realtime service (its one
# WebSocket path, which API Gateway cannot carry), each through a serverless NEG. It is the one thing
# with a public address. Point public_base_url's domain (an A record) at output lb_ip_address;
# the certificate becomes ACTIVE once that record resolves.

locals {
  public_host   = trimprefix(var.public_base_url, "https://")
  realtime_path = "/api/v1/ws/deployments" # tools/dev_realtime.py PATH; tests/infra checks they agree
}

resource "google_compute_global_address" "front_door" {
  name = "${local.prefix}-front-door"
}

resource "google_compute_managed_ssl_certificate" "front_door" {
  name = "${local.prefix}-front-door"
  managed {
    domains = [local.public_host]
  }
}

# Serverless NEGs for API Gateway are in Preview (google-beta), and must be in the gateway's region.
resource "google_compute_region_network_endpoint_group" "gateway" {
  provider              = google-beta
  name                  = "${local.prefix}-gateway"
  region                = var.gateway_region
  network_endpoint_type = "SERVERLESS"
  serverless_deployment {
    platform = "apigateway.googleapis.com"
    resource = google_api_gateway_gateway.front_door.gateway_id
  }
}

# The gateway requires this key on every operation (tools/gateway_openapi.py), and only the load
# balancer sends it: a request to the gateway's own *.gateway.dev hostname gets 401. It marks
# "came through the front door", nothing more (it is in the backend's configuration, readable by
# the project's viewers); callers still authenticate with their own tokens.
resource "google_apikeys_key" "front_door" {
  name         = "${local.prefix}-front-door"
  display_name = "K-Le-PaaS ${var.environment} load balancer to gateway"
  restrictions {
    api_targets {
      service = google_api_gateway_api.front_door.managed_service
    }
  }
  depends_on = [google_project_service.front_door]
}

resource "google_compute_backend_service" "gateway" {
  name                  = "${local.prefix}-gateway"
  load_balancing_scheme = "EXTERNAL_MANAGED"
  protocol              = "HTTPS"
  # Header name: tools/gateway_openapi.py FRONT_DOOR_KEY_HEADER (tests/infra checks they agree).
  custom_request_headers = ["x-api-key:${google_apikeys_key.front_door.key_string}"]
  backend {
    group = google_compute_region_network_endpoint_group.gateway.id
  }
  log_config {
    enable      = true
    sample_rate = 1.0
  }
}

resource "google_compute_region_network_endpoint_group" "realtime" {
  name                  = "${local.prefix}-realtime"
  region                = var.region
  network_endpoint_type = "SERVERLESS"
  cloud_run {
    service = google_cloud_run_v2_service.realtime.name
  }
}

# Cloud Run's request timeout (3600 s, realtime.tf) bounds a WebSocket here: a serverless NEG's
# backend service takes no timeout of its own.
resource "google_compute_backend_service" "realtime" {
  name                  = "${local.prefix}-realtime"
  load_balancing_scheme = "EXTERNAL_MANAGED"
  protocol              = "HTTPS"
  backend {
    group = google_compute_region_network_endpoint_group.realtime.id
  }
  log_config {
    enable      = true
    sample_rate = 1.0
  }
}

resource "google_compute_url_map" "front_door" {
  name            = "${local.prefix}-front-door"
  default_service = google_compute_backend_service.gateway.id

  host_rule {
    hosts        = [local.public_host]
    path_matcher = "api"
  }

  path_matcher {
    name            = "api"
    default_service = google_compute_backend_service.gateway.id
    path_rule {
      paths   = [local.realtime_path]
      service = google_compute_backend_service.realtime.id
    }
  }
}

resource "google_compute_ssl_policy" "front_door" {
  name            = "${local.prefix}-front-door"
  profile         = "MODERN"
  min_tls_version = "TLS_1_2"
}

resource "google_compute_target_https_proxy" "front_door" {
  name             = "${local.prefix}-front-door"
  url_map          = google_compute_url_map.front_door.id
  ssl_certificates = [google_compute_managed_ssl_certificate.front_door.id]
  ssl_policy       = google_compute_ssl_policy.front_door.id
}

resource "google_compute_global_forwarding_rule" "front_door" {
  name                  = "${local.prefix}-front-door"
  load_balancing_scheme = "EXTERNAL_MANAGED"
  ip_address            = google_compute_global_address.front_door.id
  port_range            = "443"
  target                = google_compute_target_https_proxy.front_door.id
}
