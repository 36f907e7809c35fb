"""klepaas_webhook: the webhook function's own package."""
