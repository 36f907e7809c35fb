output "gateway_url" {
  value       = "https://${google_api_gateway_gateway.front_door.default_hostname}"
  description = "The one origin for the console and MCP clients (point public_base_url's domain at it)."
}

output "function_urls" {
  value       = { for name, ep in local.entry_points : name => module.entry_point[name].url }
  description = "Each entry point's own URL."
}

output "redis_host" {
  value       = google_redis_instance.context.host
  description = "Memorystore host (reached through the VPC connector)."
}
