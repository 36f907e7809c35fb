"""The Pub/Sub topic names, apart from the message models so that reading them loads no pydantic
(the entry-point table is read on every function's first request)."""

from __future__ import annotations

TOPIC_DEPLOY_REQUESTS = "deploy-requests"
TOPIC_DEPLOYMENT_EVENTS = "deployment-events"
TOPIC_ALERTS = "alerts"
TOPIC_GCR = "gcr"  # Artifact Registry notifications (Google's fixed topic name)
TOPIC_CLOUD_BUILDS = "cloud-builds"  # Cloud Build notifications (Google's fixed topic name)
TOPIC_MAINTENANCE = "maintenance"  # Cloud Scheduler's ticks for periodic work
