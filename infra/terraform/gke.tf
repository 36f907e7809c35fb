# The GKE target: the deploy function's identity may get cluster credentials, and inside the
# cluster a namespaced Role without wildcards gives it only what deploying needs (FIELD_NOTES).

data "google_container_cluster" "target" {
  count    = var.gke_cluster_name == "" ? 0 : 1
  name     = var.gke_cluster_name
  location = var.gke_cluster_location
}

resource "google_project_iam_member" "deploy_cluster_viewer" {
  count   = var.gke_cluster_name == "" ? 0 : 1
  project = var.project_id
  role    = "roles/container.clusterViewer"
  member  = "serviceAccount:${google_service_account.function["deploy"].email}"
}

locals {
  deployer_rules = [
    { api_groups = ["apps"], resources = ["deployments"], verbs = ["get", "list", "watch", "patch", "update", "create"] },
    { api_groups = ["apps"], resources = ["deployments/scale"], verbs = ["get", "patch", "update"] },
    { api_groups = ["apps"], resources = ["replicasets"], verbs = ["get", "list"] },
    { api_groups = [""], resources = ["pods"], verbs = ["get", "list", "watch"] },
    { api_groups = [""], resources = ["pods/log"], verbs = ["get"] },
    { api_groups = [""], resources = ["events"], verbs = ["get", "list"] },
    { api_groups = [""], resources = ["services"], verbs = ["get", "list", "create", "patch"] },
    { api_groups = ["networking.k8s.io"], resources = ["ingresses"], verbs = ["get", "list", "create", "patch"] },
  ]
}

resource "kubernetes_role_v1" "deployer" {
  for_each = var.gke_cluster_name == "" ? toset([]) : toset(var.deploy_namespaces)
  metadata {
    name      = "klepaas-deployer"
    namespace = each.value
  }
  dynamic "rule" {
    for_each = local.deployer_rules
    content {
      api_groups = rule.value.api_groups
      resources  = rule.value.resources
      verbs      = rule.value.verbs
    }
  }
}

resource "kubernetes_role_binding_v1" "deployer" {
  for_each = var.gke_cluster_name == "" ? toset([]) : toset(var.deploy_namespaces)
  metadata {
    name      = "klepaas-deployer"
    namespace = each.value
  }
  role_ref {
    api_group = "rbac.authorization.k8s.io"
    kind      = "Role"
    name      = kubernetes_role_v1.deployer[each.value].metadata[0].name
  }
  subject {
    kind = "User"
    name = google_service_account.function["deploy"].email
  }
}

# Cloud Build builds images for the GCP target and pushes them to Artifact Registry.
resource "google_artifact_registry_repository" "apps" {
  location      = var.region
  repository_id = var.artifact_registry_repository
  format        = "DOCKER"
  kms_key_name  = google_kms_crypto_key.data.id
  depends_on    = [google_kms_crypto_key_iam_member.service_agents]
}

resource "google_project_iam_member" "deploy_cloudbuild" {
  # checkov:skip=CKV_GCP_49: deploy submits builds through the Cloud Build API (the GCP pipeline); it needs builds.create
  project = var.project_id
  role    = "roles/cloudbuild.builds.editor"
  member  = "serviceAccount:${google_service_account.function["deploy"].email}"
}
