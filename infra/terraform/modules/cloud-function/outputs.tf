output "url" {
  value       = google_cloudfunctions2_function.this.service_config[0].uri
  description = "The function's HTTPS URL."
}

output "service" {
  value       = local.service_name
  description = "The name of the Cloud Run service behind the function (what IAM bindings and Eventarc take)."
}

output "name" {
  value       = google_cloudfunctions2_function.this.name
  description = "The function's name."
}
