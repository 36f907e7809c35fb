variable "project_id" {
  type        = string
  description = "Google Cloud project id."
}

variable "region" {
  type        = string
  description = "Region of the function and its triggers."
}

variable "name" {
  type        = string
  description = "Function name, e.g. klepaas-staging-deploy-http."
  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{0,62}$", var.name))
    error_message = "name must be lower-case letters, digits and dashes, at most 63 characters."
  }
}

variable "entry_point" {
  type        = string
  description = "Python name in main.py (see klepaas_shared.entrypoints)."
}

variable "bundle_dir" {
  type        = string
  description = "Path of build/<fn> made by `make bundle`."
}

variable "source_bucket" {
  type        = string
  description = "Bucket holding the zipped bundles (named by their hash)."
}

variable "service_account_email" {
  type        = string
  description = "The function's own service account (one per function)."
}

variable "memory_mb" {
  type        = number
  default     = 256
  description = "Memory in MiB."
  validation {
    condition     = var.memory_mb >= 128 && var.memory_mb <= 32768
    error_message = "memory_mb must be between 128 and 32768."
  }
}

variable "timeout_s" {
  type        = number
  default     = 60
  description = "Request timeout in seconds (for event functions also the ack deadline)."
  validation {
    condition     = var.timeout_s >= 1 && var.timeout_s <= 3600
    error_message = "timeout_s must be between 1 and 3600."
  }
}

variable "min_instances" {
  type        = number
  default     = 0
  description = "Instances kept warm."
}

variable "max_instances" {
  type        = number
  default     = 10
  description = "Upper bound on instances."
}

variable "ingress" {
  type        = string
  default     = "ALLOW_INTERNAL_AND_GCLB"
  description = "ALLOW_ALL, ALLOW_INTERNAL_ONLY or ALLOW_INTERNAL_AND_GCLB."
  validation {
    condition     = contains(["ALLOW_ALL", "ALLOW_INTERNAL_ONLY", "ALLOW_INTERNAL_AND_GCLB"], var.ingress)
    error_message = "ingress must be ALLOW_ALL, ALLOW_INTERNAL_ONLY or ALLOW_INTERNAL_AND_GCLB."
  }
}

variable "env" {
  type        = map(string)
  default     = {}
  description = "Plain KLEPAAS_* settings."
}

variable "secrets" {
  type        = map(string)
  default     = {}
  description = "Env var name => Secret Manager secret id, mounted as the latest version."
}

variable "secret_files" {
  type = map(object({
    mount_path = string
    secret     = string
    file       = string
  }))
  default     = {}
  description = "Volume name => the directory, the Secret Manager secret id, and the file name its latest version appears as."
}

variable "build_service_account" {
  type        = string
  description = "Full resource name (projects/P/serviceAccounts/EMAIL) of the account Cloud Build builds the bundle as."
}

variable "vpc_connector" {
  type        = string
  default     = null
  description = "Serverless VPC connector id, for functions that reach Memorystore."
}

variable "event_topics" {
  type        = list(string)
  default     = []
  description = "Pub/Sub topic ids delivering to this (event) function through Eventarc."
}

variable "trigger_service_account_email" {
  type        = string
  default     = null
  description = "Identity Eventarc uses to invoke the function."
}

variable "event_retry_min_backoff_s" {
  type        = number
  default     = 60
  description = "First wait before Pub/Sub redelivers a message the function failed (doubling up to event_retry_max_backoff_s); at least the lease, so a redelivery finds a dead worker's lease run out."
  validation {
    condition     = var.event_retry_min_backoff_s >= 0 && var.event_retry_min_backoff_s <= 600
    error_message = "event_retry_min_backoff_s must be between 0 and 600 (Pub/Sub's range)."
  }
}

variable "event_retry_max_backoff_s" {
  type        = number
  default     = 600
  description = "Longest wait between redeliveries of one message."
  validation {
    condition     = var.event_retry_max_backoff_s >= var.event_retry_min_backoff_s && var.event_retry_max_backoff_s <= 600
    error_message = "event_retry_max_backoff_s must be between event_retry_min_backoff_s and 600 (Pub/Sub's range)."
  }
}
