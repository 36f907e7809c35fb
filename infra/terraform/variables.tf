variable "project_id" {
  type        = string
  description = "Google Cloud project id."
}

variable "region" {
  type        = string
  default     = "asia-northeast3"
  description = "Region of the functions, Memorystore, Firestore, the scheduler, the key ring and the registry."
}

variable "gateway_region" {
  type        = string
  default     = "asia-northeast1"
  description = "Region of API Gateway and its serverless NEG. API Gateway is offered in few regions (asia-northeast3 is not one): https://cloud.google.com/api-gateway/docs/deployment-model"
}

variable "state_prefix" {
  type        = string
  description = "Prefix of this environment's Terraform state in the <project_id>-tfstate bucket (read by make plan/deploy)."
  validation {
    condition     = var.state_prefix == "klepaas/${var.environment}"
    error_message = "state_prefix must be klepaas/<environment>, so one environment's state is never another's."
  }
}

variable "environment" {
  type        = string
  description = "staging or production."
  validation {
    condition     = contains(["staging", "production"], var.environment)
    error_message = "environment must be staging or production."
  }
}

variable "public_base_url" {
  type        = string
  description = "The one origin the console and MCP clients call: the load balancer's domain, e.g. https://klepaas.com (its certificate is issued for this host)."
  validation {
    condition     = can(regex("^https://[a-z0-9]([a-z0-9.-]*[a-z0-9])?$", var.public_base_url))
    error_message = "public_base_url must be https://<domain>, with no path or trailing slash."
  }
}

variable "console_origin" {
  type        = string
  description = "Where the web console is served, for CORS and redirects, e.g. https://klepaas.com."
}

variable "vpc_connector_cidr" {
  type        = string
  default     = "10.8.0.0/28"
  description = "The /28 of the Serverless VPC connector's own subnet, in the network this configuration creates (network.tf)."
  validation {
    condition     = can(cidrhost(var.vpc_connector_cidr, 0)) && endswith(var.vpc_connector_cidr, "/28")
    error_message = "vpc_connector_cidr must be an IPv4 /28, e.g. 10.8.0.0/28."
  }
}

variable "auth_trusted_proxy_hops" {
  type        = number
  default     = 3
  description = "Entries our own proxies append to X-Forwarded-For (KLEPAAS_AUTH_TRUSTED_PROXY_HOPS): the load balancer appends the client's address and its own (2), Cloud Run's front end the gateway's (1); API Gateway appends none. See README before changing it."
  validation {
    condition     = var.auth_trusted_proxy_hops >= 0 && var.auth_trusted_proxy_hops <= 5
    error_message = "auth_trusted_proxy_hops must be between 0 and 5."
  }
}

variable "data_read_audit_services" {
  type        = list(string)
  default     = ["secretmanager.googleapis.com"]
  description = "Services whose DATA_READ audit logs are on. Firestore's are off by default: every read of every request would be a billed log entry."
}

variable "redis_memory_gb" {
  type        = number
  default     = 1
  description = "Memorystore size in GB."
}

variable "function_memory_mb" {
  type        = map(number)
  default     = {}
  description = "Per-function memory overrides in MiB, keyed by function name."
}

variable "function_max_instances" {
  type        = map(number)
  default     = {}
  description = "Per-function maximum instance overrides."
}

variable "min_instances" {
  type        = number
  default     = 0
  description = "Warm instances for each HTTP function (1 in production avoids cold starts)."
}

variable "event_max_age_s" {
  type        = number
  default     = 3600
  description = "Events older than this are dropped by the event functions."
}

variable "lease_s" {
  type        = number
  default     = 60
  description = "KLEPAAS_LEASE_S and KLEPAAS_PIPELINE_LEASE_S: how long a claim outlives a worker that died (renewed every third of it while the worker lives); Pub/Sub's first redelivery waits at least this long."
  validation {
    condition     = var.lease_s >= 10 && var.lease_s <= 600
    error_message = "lease_s must be between 10 and 600 (a redelivery's backoff must be able to wait it out)."
  }
}

variable "event_retry_max_backoff_s" {
  type        = number
  default     = 600
  description = "Longest wait between Pub/Sub's redeliveries of a message an event function failed (the first waits lease_s)."
  validation {
    condition     = var.event_retry_max_backoff_s >= var.lease_s && var.event_retry_max_backoff_s <= 600
    error_message = "event_retry_max_backoff_s must be between lease_s and 600."
  }
}

variable "event_max_attempts" {
  type        = number
  default     = 5
  description = "Failed runs of a message before its consumer publishes it to <topic>-dead-letter and acks it (a redelivery refused while another run holds the lease is not a failed run)."
  validation {
    condition     = var.event_max_attempts >= 2 && var.event_max_attempts <= 100
    error_message = "event_max_attempts must be between 2 and 100 (one retry at least, after the lease)."
  }
}

variable "scale_max_replicas" {
  type        = number
  default     = 10
  description = "Policy maximum for scale operations."
}

variable "gke_cluster_name" {
  type        = string
  default     = ""
  description = "The GKE target cluster (empty: no GKE target)."
}

variable "gke_cluster_location" {
  type        = string
  default     = ""
  description = "Zone or region of the GKE target cluster."
}

variable "deploy_namespaces" {
  type        = list(string)
  default     = ["default"]
  description = "Namespaces the deployer may act in (a Role and RoleBinding in each)."
}

variable "ncp_region" {
  type        = string
  default     = "KR"
  description = "Naver Cloud region code."
}

variable "nks_cluster_uuid" {
  type        = string
  default     = ""
  description = "The NKS target cluster's UUID (empty: no NCP target)."
}

variable "ncp_sourcebuild_project_id" {
  type        = string
  default     = ""
  description = "NCP SourceBuild project id."
}

variable "ncp_sourcedeploy_project_id" {
  type        = string
  default     = ""
  description = "NCP SourceDeploy project id."
}

variable "ncp_container_registry" {
  type        = string
  default     = ""
  description = "NCP Container Registry endpoint, e.g. klepaas.kr.ncr.ntruss.com."
}

variable "artifact_registry_repository" {
  type        = string
  default     = "apps"
  description = "Artifact Registry repository that Cloud Build pushes to."
}

variable "watched_image_repositories" {
  type        = list(string)
  default     = []
  description = "Artifact Registry repositories (host/project/repo) whose image pushes trigger deploys."
}

variable "admin_username" {
  type        = string
  default     = "admin"
  description = "The admin login's username (its scrypt hash is a secret)."
}

variable "prometheus_url" {
  type        = string
  default     = ""
  description = "Prometheus HTTP API the deploy function reads cluster metrics from."
}

variable "github_app_id" {
  type        = string
  default     = ""
  description = "The K-Le-PaaS GitHub App id (its private key is a secret)."
}

variable "slack_client_id" {
  type        = string
  default     = ""
  description = "Slack app client id (its secret is a secret)."
}

variable "google_oauth_client_id" {
  type        = string
  default     = ""
  description = "Google OAuth client id for login; register <public_base_url>/api/v1/auth/oauth2/callback/google as its redirect URI."
}

variable "github_oauth_client_id" {
  type        = string
  default     = ""
  description = "GitHub OAuth client id for login; register <public_base_url>/api/v1/auth/oauth2/callback/github as its callback URL."
}

variable "ncp" {
  type = object({
    region                   = optional(string, "KR")
    sourcebuild_project_id   = optional(string, "")
    sourcedeploy_project_id  = optional(string, "")
    sourcedeploy_stage_id    = optional(string, "")
    sourcedeploy_scenario_id = optional(string, "")
    nks_cluster_id           = optional(string, "")
    registry                 = optional(string, "")
    git_username             = optional(string, "")
  })
  default     = {}
  description = "The NCP pipeline: SourceBuild/SourceDeploy project ids, the NKS cluster, the Container Registry endpoint, the SourceCommit git user (keys and git password are secrets). An empty sourcebuild_project_id turns NCP builds off; an empty sourcedeploy_project_id releases onto NKS through its API."
}

variable "cloud_build_enabled" {
  type        = bool
  default     = true
  description = "Build GCP-target apps with Cloud Build into the Artifact Registry repository."
}

variable "llm" {
  type = object({
    round_deadline_ms       = optional(number, 2500)
    anthropic_model         = optional(string, "claude-haiku-4-5")
    anthropic_deadline_ms   = optional(number, 2000)
    openai_model            = optional(string, "gpt-5.4-mini")
    openai_deadline_ms      = optional(number, 2000)
    openai_reasoning_effort = optional(string, "none")
    gemini_model            = optional(string, "gemini-3.5-flash-lite")
    gemini_deadline_ms      = optional(number, 1500)
    gemini_thinking_level   = optional(string, "minimal")
  })
  default     = {}
  description = "The nlp function's language models: ids from each provider's current model list, each model's deadline in milliseconds (the round waits at most round_deadline_ms), GPT's reasoning_effort and Gemini's thinking_level. A retired id shows as an error log, models_unavailable in /healthz and available=false in the insights. The reasons for the defaults are in functions/nlp/klepaas_nlp/settings.py."
  validation {
    condition     = contains(["none", "minimal", "low", "medium", "high"], var.llm.openai_reasoning_effort) && contains(["minimal", "low", "medium", "high"], var.llm.gemini_thinking_level)
    error_message = "llm.openai_reasoning_effort is one of none, minimal, low, medium, high; llm.gemini_thinking_level one of minimal, low, medium, high."
  }
}

variable "secrets_not_used" {
  type        = set(string)
  default     = []
  description = "Short names of secrets (secrets.tf) for features this environment does not use, e.g. [\"gemini-api-key\", \"ncp-access-key\"]: they are neither created nor mounted, so their setting stays empty and the feature is off. The JWT secret and the Redis URL and CA cannot be left out."
  validation {
    condition     = length(setintersection(var.secrets_not_used, ["jwt-secret", "redis-url", "redis-ca"])) == 0
    error_message = "secrets_not_used cannot name jwt-secret, redis-url or redis-ca: every function needs them."
  }
}

variable "realtime_image_tag" {
  type        = string
  default     = "1"
  description = "Tag of the realtime service's image in the platform repository (realtime.tf), built from tools/realtime.Dockerfile (README, step 6)."
  validation {
    condition     = can(regex("^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$", var.realtime_image_tag))
    error_message = "realtime_image_tag must be a Docker tag."
  }
}
