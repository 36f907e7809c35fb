"""klepaas_shared: what two or more K-Le-PaaS functions use."""
