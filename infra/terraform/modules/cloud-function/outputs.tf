output "url" {
  value       = google_cloudfunctions2_function.this.service_config[0].uri
  description = "The function's HTTPS URL."
}

output "service" {
  value       = google_cloudfunctions2_function.this.service_config[0].service
  description = "The Cloud Run service behind the function."
}

output "name" {
  value       = google_cloudfunctions2_function.this.name
  description = "The function's name."
}
