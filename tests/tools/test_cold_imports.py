"""Cold start is a feature: importing a function's main.py (what a cold instance does before its
first request) loads none of the heavy libraries; handlers import them on first use."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from klepaas_shared import routes

ROOT = Path(__file__).resolve().parents[2]
HEAVY = (
    "pydantic",
    "pydantic_settings",
    "jwt",
    "cryptography",
    "kubernetes",
    "github",
    "slack_sdk",
    "anthropic",
    "openai",
    "google.genai",
    "google.cloud.firestore",
    "google.cloud.pubsub_v1",
    "redis",
    "httpx",
    "mcp",
)
PROBE = """
import importlib.util, json, sys
spec = importlib.util.spec_from_file_location("main", sys.argv[1])
module = importlib.util.module_from_spec(spec)
spec.loader.exec_module(module)
print(json.dumps(sorted(sys.modules)))
"""


@pytest.mark.parametrize("function", routes.FUNCTIONS)
def test_importing_main_loads_no_heavy_library(function: str) -> None:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, str(ROOT / "functions" / function / "main.py")],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    loaded = set(json.loads(done.stdout))
    assert not sorted(name for name in HEAVY if name in loaded)


HEALTH_PROBE = """
import json, sys
from klepaas_fakes.clients import function_client
assert function_client(sys.argv[2], sys.argv[1]).get("/healthz").status_code == 200
print(json.dumps(sorted(sys.modules)))
"""


@pytest.mark.parametrize("function", routes.FUNCTIONS)
def test_the_first_health_check_loads_no_heavy_library(function: str) -> None:
    """What a cold instance does before it is ready: functions-framework builds the app (our error
    pages are installed then) and answers the health check."""
    done = subprocess.run(
        [sys.executable, "-c", HEALTH_PROBE, str(ROOT / "functions" / function / "main.py"), f"{function}_http"],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    loaded = set(json.loads(done.stdout))
    assert not sorted(name for name in HEAVY if name in loaded)
