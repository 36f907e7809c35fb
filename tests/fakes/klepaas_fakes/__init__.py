"""Local stand-ins that speak real wire formats; for tests and benchmarks only."""
