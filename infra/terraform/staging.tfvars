# The staging environment: its own project, and its own state (bucket <project_id>-tfstate,
# prefix state_prefix). make plan/deploy read both from this file: TF_ENV=staging.
project_id      = "klepaas-staging"
state_prefix    = "klepaas/staging"
environment     = "staging"
region          = "asia-northeast3"
gateway_region  = "asia-northeast1"
public_base_url = "https://staging.klepaas.com"
console_origin  = "https://staging.klepaas.com"
min_instances   = 0
redis_memory_gb = 1
ncp = {
  region       = "KR"
  registry     = "klepaas-staging.kr.ncr.ntruss.com"
  git_username = "klepaas-pipeline"
}
