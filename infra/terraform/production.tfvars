project_id         = "klepaas-production"
environment        = "production"
region             = "asia-northeast3"
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
