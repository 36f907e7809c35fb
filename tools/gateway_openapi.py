"""Write build/gateway/openapi.json: the routing table as the Swagger 2.0 document API Gateway
takes, with one `${<function>}` placeholder per backend that Terraform fills with the function's
URL (templatefile). Every route, plus OPTIONS for the console's CORS preflight, reaches its
function with the path appended and the Authorization header untouched (the functions verify it).
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

from klepaas_shared.routes import ROUTES

OUT = Path(__file__).resolve().parent.parent / "build" / "gateway" / "openapi.json"


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
            "disable_auth": True,
            "deadline": 60.0,
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
