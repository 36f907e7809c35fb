# K-Le-PaaS: the only entry point people and CI use. `make help` lists the targets.
SHELL := /bin/bash
.DEFAULT_GOAL := help
FUNCTIONS := webhook deploy nlp mcp notify auth
UV := $(shell command -v uv 2>/dev/null || echo "$(HOME)/.local/bin/uv")
PYTEST_ARGS ?=

.PHONY: help setup system dev test lint fmt bundle $(addprefix bundle-,$(FUNCTIONS)) bench soak plan deploy clean

help: ## list the targets
	@grep -E '^[a-zA-Z_%-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-12s %s\n", $$1, $$2}'

system: ## install what the tests need (redis-server; node for the MCP TypeScript client; GitHub's OpenAPI description)
	@bash tools/install-system.sh

# --compile-bytecode: where PYTHONDONTWRITEBYTECODE is set (these machines set it), no import ever leaves a .pyc,
# so every process compiled the libraries again: 5.9 s of imports for the SDKs a function loads, 2.5 s compiled
# once at install (8 s). It is what `make dev`'s first answers and every test worker wait on.
setup: ## install uv and the Python workspace (one lock)
	@command -v uv >/dev/null 2>&1 || python3 -m pip install --quiet uv
	@uv sync --frozen --quiet --compile-bytecode

dev: setup ## run every function behind one origin at http://127.0.0.1:8080 (PORT overrides)
	@uv run --frozen python tools/devserver.py

# The suite runs its files in parallel (pytest-xdist), one worker per CPU up to four: each worker starts its
# own emulators and redis-server on free ports, and a file's tests share one worker, so a module's fixtures are
# made once. PYTEST_ARGS="-n 0" runs it in one process.
test: system setup ## the whole suite, in parallel (starts the Firestore and Pub/Sub emulators and redis-server itself)
	@uv run --frozen pytest -n auto --maxprocesses 4 --dist loadfile $(PYTEST_ARGS)

lint: setup ## ruff and mypy strict
	@uv run --frozen ruff check .
	@uv run --frozen ruff format --check .
	@uv run --frozen mypy shared/src functions/*/klepaas_*
	@for fn in $(FUNCTIONS); do uv run --frozen mypy functions/$$fn/main.py || exit 1; done  # each main.py is its own module "main"
	@if command -v terraform >/dev/null 2>&1; then terraform fmt -check -recursive infra/terraform; fi
	@bash tools/checkov.sh

fmt: setup ## format the code
	@uv run --frozen ruff format .
	@uv run --frozen ruff check --fix .

bundle: setup ## build/<fn>/: exactly what Cloud Functions receives, for every function
	@uv run --frozen python tools/bundle.py $(FUNCTIONS) realtime
	@uv run --frozen python tools/gateway_openapi.py

bundle-%: setup ## build one function's bundle
	@uv run --frozen python tools/bundle.py $*

bench: setup ## the figures the issues name, printed and written to bench/results.json
	@uv run --frozen python bench/run.py

soak: setup ## mixed traffic against make dev for SOAK_SECONDS (default 600): no errors, memory bounded
	@SOAK_SECONDS=$${SOAK_SECONDS:-600} uv run --frozen python tools/soak.py

# One environment per project: TF_ENV names <env>.tfvars, and its project_id and state_prefix
# choose the state (bucket <project_id>-tfstate), so variables and state always come from the
# same file. -reconfigure: the previous environment's backend is never reused or migrated.
TF_ENV ?= staging
TF_ARGS ?=
TF_VARS := infra/terraform/$(TF_ENV).tfvars
tfvar = $(shell sed -n 's/^$(1)[[:space:]]*=[[:space:]]*"\(.*\)"[[:space:]]*$$/\1/p' $(TF_VARS) 2>/dev/null)
TF_INIT = test -f $(TF_VARS) || { echo "no $(TF_VARS): TF_ENV must be staging or production" >&2; exit 2; }; \
	test -n "$(call tfvar,project_id)" -a -n "$(call tfvar,state_prefix)" || { echo "$(TF_VARS) must set project_id and state_prefix" >&2; exit 2; }; \
	cd infra/terraform && terraform init -input=false -reconfigure \
	  -backend-config="bucket=$(call tfvar,project_id)-tfstate" -backend-config="prefix=$(call tfvar,state_prefix)"

plan: bundle ## terraform plan for TF_ENV (staging|production; needs terraform and Google credentials)
	@$(TF_INIT) && terraform plan -input=false -var-file=$(TF_ENV).tfvars $(TF_ARGS)

deploy: bundle ## terraform apply for TF_ENV (staging|production; needs terraform and Google credentials)
	@$(TF_INIT) && terraform apply -input=false -var-file=$(TF_ENV).tfvars $(TF_ARGS)

clean: ## remove build output and local state
	rm -rf build .klepaas .pytest_cache .mypy_cache .ruff_cache
