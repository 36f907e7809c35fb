# Memorystore Redis for what may be lost (conversation context, caches, rate counters), with AUTH
# and in-transit encryption, reached through a Serverless VPC connector on the network below.
# The server's CA goes to Secret Manager (secrets.tf) and is mounted into every function that uses
# Redis, which verifies the server against it (KLEPAAS_REDIS_CA_PATH).

# A network of our own, so nothing depends on a project's `default` network existing (org
# policies often skip creating it) or on which of its ranges are free.
resource "google_compute_network" "private" {
  name                    = "${local.prefix}-private"
  auto_create_subnetworks = false
}

# Nothing is meant to reach into this network: say so explicitly, below the connector's own rules
# (Google adds those at priority 1000 for the serverless infrastructure and its health checks).
resource "google_compute_firewall" "deny_ingress" {
  name          = "${local.prefix}-deny-ingress"
  network       = google_compute_network.private.id
  direction     = "INGRESS"
  priority      = 65534
  source_ranges = ["0.0.0.0/0"]
  deny {
    protocol = "all"
  }
  log_config {
    metadata = "INCLUDE_ALL_METADATA"
  }
}

resource "google_compute_subnetwork" "connector" {
  name          = "${local.prefix}-connector"
  region        = var.region
  network       = google_compute_network.private.id
  ip_cidr_range = var.vpc_connector_cidr
  # Requests from the connector to Google APIs stay on Google's network.
  private_ip_google_access = true
  log_config {
    aggregation_interval = "INTERVAL_10_MIN"
    flow_sampling        = 0.5
    metadata             = "INCLUDE_ALL_METADATA"
  }
}

resource "google_vpc_access_connector" "redis" {
  name = substr("${local.prefix}-vpc", 0, 25)
  # Same region as the functions: a connector serves only its own region.
  region        = var.region
  min_instances = 2
  max_instances = 3
  subnet {
    name = google_compute_subnetwork.connector.name
  }
}

resource "google_redis_instance" "context" {
  name                    = "${local.prefix}-context"
  region                  = var.region
  tier                    = var.environment == "production" ? "STANDARD_HA" : "BASIC"
  memory_size_gb          = var.redis_memory_gb
  redis_version           = "REDIS_7_0"
  authorized_network      = google_compute_network.private.id
  auth_enabled            = true
  transit_encryption_mode = "SERVER_AUTHENTICATION"
  redis_configs = {
    maxmemory-policy = "allkeys-lru"
  }
}
