"""klepaas_deploy: the deploy function's own package."""
