"""From a DeployRequest to a running image: the pipeline seam, the building pipelines and their
platforms (NCP, Cloud Build), releases, the deployment history and how stages are recorded."""
