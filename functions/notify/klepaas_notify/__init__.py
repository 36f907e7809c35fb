"""klepaas_notify: the notify function's own package."""
