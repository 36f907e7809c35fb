terraform {
  # 1.9: a variable's validation may name another variable (state_prefix checks environment).
  required_version = ">= 1.9, < 2.0"
  # Pinned to one major version each: a new major changes schemas and defaults under us.
  required_providers {
    google = {
      source  = "hashicorp/google"
      version = "~> 6.0"
    }
    google-beta = {
      source  = "hashicorp/google-beta"
      version = "~> 6.0"
    }
    kubernetes = {
      source  = "hashicorp/kubernetes"
      version = "~> 2.30"
    }
    archive = {
      source  = "hashicorp/archive"
      version = "~> 2.4"
    }
  }
  # One state per environment, in that environment's own project. `make plan` / `make deploy`
  # pass bucket (<project_id>-tfstate) and prefix (state_prefix) from the same <env>.tfvars that
  # holds the variables, with -reconfigure, so one environment's variables never meet another's state.
  backend "gcs" {}
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
