project_id      = "klepaas-staging"
environment     = "staging"
region          = "asia-northeast3"
public_base_url = "https://staging.klepaas.com"
console_origin  = "https://staging.klepaas.com"
min_instances   = 0
redis_memory_gb = 1
ncp = {
  region       = "KR"
  registry     = "klepaas-staging.kr.ncr.ntruss.com"
  git_username = "klepaas-pipeline"
}
