"""One cluster as deploy sees it: targets (GKE, NKS, dry run), the Kubernetes client, an app's
objects and manifests, cluster errors as clear messages, and Prometheus queries."""
