#!/usr/bin/env bash
# checkov over infra/terraform, offline, in its own virtual environment (in the project's it
# would downgrade openai). Every skipped check is justified in a comment beside it.
set -euo pipefail
venv="${CHECKOV_VENV:-.klepaas/checkov-venv}"
if [ ! -x "$venv/bin/checkov" ]; then
  uv venv -q "$venv"
  uv pip install -q --python "$venv/bin/python" "checkov==3.3.30"
fi
"$venv/bin/checkov" -d infra/terraform --framework terraform --quiet --compact
