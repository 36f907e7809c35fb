# The public domain: a global external Application Load Balancer with a Google-managed
# certificate, whose only backend is the gateway through a serverless NEG. It is the one thing
# with a public address. Point public_base_url's domain (an A record) at output lb_ip_address;
# the certificate becomes ACTIVE once that record resolves.

locals {
  public_host = trimprefix(var.public_base_url, "https://")
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

resource "google_compute_backend_service" "gateway" {
  name                  = "${local.prefix}-gateway"
  load_balancing_scheme = "EXTERNAL_MANAGED"
  protocol              = "HTTPS"
  backend {
    group = google_compute_region_network_endpoint_group.gateway.id
  }
  log_config {
    enable      = true
    sample_rate = 1.0
  }
}

resource "google_compute_url_map" "front_door" {
  name            = "${local.prefix}-front-door"
  default_service = google_compute_backend_service.gateway.id
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
