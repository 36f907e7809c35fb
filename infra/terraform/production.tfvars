# The production environment: its own project, and its own state (bucket <project_id>-tfstate,
# prefix state_prefix). make plan/deploy read both from this file: TF_ENV=production.
project_id         = "klepaas-production"
state_prefix       = "klepaas/production"
environment        = "production"
region             = "asia-northeast3"
gateway_region     = "asia-northeast1"
public_base_url    = "https://klepaas.com"
console_origin     = "https://klepaas.com"
min_instances      = 1
redis_memory_gb    = 2
scale_max_replicas = 10
ncp = {
  region       = "KR"
  registry     = "klepaas.kr.ncr.ntruss.com"
  git_username = "klepaas-pipeline"
}
