"""External MCP connectors: a registry of providers, and list / call / health against them."""
