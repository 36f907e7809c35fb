#!/usr/bin/env bash
# Installs what the test suite needs, once: from Debian, redis-server and Node.js/npm for the MCP
# TypeScript client; from npm, GitHub's OpenAPI description. Google's emulators come with the
# Google Cloud CLI (see the README).
set -euo pipefail
need=()
command -v redis-server >/dev/null 2>&1 || need+=(redis-server)
command -v node >/dev/null 2>&1 || need+=(nodejs npm)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi
if ! command -v gcloud >/dev/null 2>&1; then
  echo "note: gcloud is missing; the emulator tests need it:" >&2
  echo "  install the Google Cloud CLI, then: gcloud components install cloud-firestore-emulator pubsub-emulator beta" >&2
fi
# GitHub's REST API description (npm @octokit/openapi, the version pinned in its package-lock):
# every reply of the GitHub stand-in is validated against it (tests/fakes/klepaas_fakes/github_schema.py).
openapi="$(dirname "$0")/../tests/fakes/github_openapi"
if [ ! -f "$openapi/node_modules/@octokit/openapi/package.json" ]; then
  (cd "$openapi" && npm ci --no-audit --no-fund >/dev/null)
fi
