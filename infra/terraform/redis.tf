# Memorystore Redis for what may be lost (conversation context, caches, rate counters), with AUTH
# and in-transit encryption, reached through a Serverless VPC connector.

resource "google_vpc_access_connector" "redis" {
  name          = substr("${local.prefix}-vpc", 0, 25)
  region        = var.region
  network       = var.network
  ip_cidr_range = var.vpc_connector_cidr
  min_instances = 2
  max_instances = 3
}

resource "google_redis_instance" "context" {
  name                    = "${local.prefix}-context"
  region                  = var.region
  tier                    = var.environment == "production" ? "STANDARD_HA" : "BASIC"
  memory_size_gb          = var.redis_memory_gb
  redis_version           = "REDIS_7_0"
  authorized_network      = var.network
  auth_enabled            = true
  transit_encryption_mode = "SERVER_AUTHENTICATION"
  redis_configs = {
    maxmemory-policy = "allkeys-lru"
  }
}
