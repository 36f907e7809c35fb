"""klepaas_auth: the auth function's own package."""
