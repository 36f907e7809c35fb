"""Write build/gateway/openapi.json: the routing table as the Swagger 2.0 document API Gateway
takes, with one `${<function>}` placeholder per backend that Terraform fills with the function's
URL (templatefile). Every route, plus OPTIONS for the console's CORS preflight, reaches its
function with the path appended. The gateway authenticates to the function with a Google-signed
ID token for that URL (the functions admit no one else), and moves the caller's Authorization to
X-Forwarded-Authorization, where the functions read and verify it.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

from klepaas_shared.routes import ROUTES

OUT = Path(__file__).resolve().parent.parent / "build" / "gateway" / "openapi.json"

# How long the gateway waits for each function: its own timeout (infra/terraform/main.tf,
# local.functions; tests/infra checks they agree), so the gateway never cuts off work the function
# is still allowed to finish (a deploy may take 540 s).
DEADLINE_S = {"webhook": 30.0, "deploy": 540.0, "nlp": 60.0, "mcp": 60.0, "notify": 60.0, "auth": 30.0}


def _operation(function: str, operation_id: str, summary: str, path: str) -> dict[str, Any]:
    return {
        "operationId": operation_id,
        "summary": summary,
        "parameters": [
            {"name": name, "in": "path", "required": True, "type": "string"} for name in re.findall(r"\{(\w+)\}", path)
        ],
        "x-google-backend": {
            "address": "${" + function + "}",
            "path_translation": "APPEND_PATH_TO_ADDRESS",
            "deadline": DEADLINE_S[function],
        },
        "responses": {"default": {"description": "the function's answer"}},
    }


def document() -> dict[str, Any]:
    paths: dict[str, dict[str, Any]] = {}
    for route in ROUTES:
        methods = paths.setdefault(route.path, {})
        methods[route.method.lower()] = _operation(route.function, route.operation_id, route.summary, route.path)
        methods.setdefault("options", _operation(route.function, f"{route.operation_id}_preflight", "CORS", route.path))
    return {
        "swagger": "2.0",
        "info": {"title": "klepaas", "version": "1.0.0"},
        "schemes": ["https"],
        "produces": ["application/json"],
        "paths": paths,
    }


def main() -> int:
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(document(), indent=1) + "\n")
    print(f"wrote {OUT.relative_to(OUT.parent.parent.parent)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
