"""klepaas_mcp: the mcp function's own package."""
