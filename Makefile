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

setup: ## install uv and the Python workspace (one lock)
	@command -v uv >/dev/null 2>&1 || python3 -m pip install --quiet uv
	@uv sync --frozen --quiet

dev: setup ## run every function behind one origin at http://127.0.0.1:8080 (PORT overrides)
	@uv run --frozen python tools/devserver.py

test: system setup ## the whole suite (starts the Firestore and Pub/Sub emulators and redis-server itself)
	@uv run --frozen pytest $(PYTEST_ARGS)

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
	@uv run --frozen python tools/bundle.py $(FUNCTIONS)
	@uv run --frozen python tools/gateway_openapi.py

bundle-%: setup ## build one function's bundle
	@uv run --frozen python tools/bundle.py $*

bench: setup ## the figures the issues name, printed and written to bench/results.json
	@uv run --frozen python bench/run.py

soak: setup ## mixed traffic against make dev for SOAK_SECONDS (default 600): no errors, memory bounded
	@SOAK_SECONDS=$${SOAK_SECONDS:-600} uv run --frozen python tools/soak.py

plan: bundle ## terraform plan (needs terraform and Google credentials)
	@cd infra/terraform && terraform init -input=false && terraform plan -var-file=$${TF_ENV:-staging}.tfvars

deploy: bundle ## terraform apply (needs terraform and Google credentials)
	@cd infra/terraform && terraform init -input=false && terraform apply -var-file=$${TF_ENV:-staging}.tfvars

clean: ## remove build output and local state
	rm -rf build .klepaas .pytest_cache .mypy_cache .ruff_cache
