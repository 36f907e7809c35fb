terraform {
  required_version = ">= 1.6"
  required_providers {
    google = {
      source  = "hashicorp/google"
      version = ">= 6.0"
    }
    google-beta = {
      source  = "hashicorp/google-beta"
      version = ">= 6.0"
    }
    kubernetes = {
      source  = "hashicorp/kubernetes"
      version = ">= 2.30"
    }
    archive = {
      source  = "hashicorp/archive"
      version = ">= 2.4"
    }
  }
  # State lives in a bucket per project: terraform init -backend-config="bucket=<project>-tfstate"
  backend "gcs" {
    prefix = "klepaas"
  }
}

provider "google" {
  project = var.project_id
  region  = var.region
}

provider "google-beta" {
  project = var.project_id
  region  = var.region
}

data "google_client_config" "current" {}

provider "kubernetes" {
  host                   = var.gke_cluster_name == "" ? null : "https://${data.google_container_cluster.target[0].endpoint}"
  token                  = data.google_client_config.current.access_token
  cluster_ca_certificate = var.gke_cluster_name == "" ? null : base64decode(data.google_container_cluster.target[0].master_auth[0].cluster_ca_certificate)
}
