output "public_url" {
  value       = var.public_base_url
  description = "The one origin for the console and MCP clients: the load balancer, once DNS points at lb_ip_address."
}

output "lb_ip_address" {
  value       = google_compute_global_address.front_door.address
  description = "Point an A record for public_base_url's domain here; the managed certificate waits for it."
}

output "gateway_hostname" {
  value       = google_api_gateway_gateway.front_door.default_hostname
  description = "The gateway's own hostname (API Gateway cannot close it; the load balancer is the address to use)."
}

output "function_urls" {
  value       = { for name, ep in local.entry_points : name => module.entry_point[name].url }
  description = "Each entry point's own URL (HTTP ones admit only the gateway and calling functions; event ones only Eventarc)."
}

output "secrets_to_fill" {
  value       = sort([for name in local.secret_names : google_secret_manager_secret.secret[name].secret_id if !contains(local.generated_secrets, name)])
  description = "Secrets that need a version added (gcloud secrets versions add) before the functions can start."
}

output "alerts_notification_channel" {
  value       = google_monitoring_notification_channel.alerts.id
  description = "Give this channel to Cloud Monitoring alert policies: their incidents reach the alerts topic."
}

output "redis_host" {
  value       = google_redis_instance.context.host
  description = "Memorystore host (reached through the VPC connector)."
}
