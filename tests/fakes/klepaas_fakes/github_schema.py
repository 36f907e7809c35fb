"""Every GitHub stand-in reply, checked against GitHub's published REST description.

The description is npm ``@octokit/openapi`` (``generated/api.github.com.json``, OpenAPI 3.0.3),
pinned in ``tests/fakes/github_openapi/package.json`` and installed there by ``make system`` (or on
first use here, the same ``npm ci``). A reply is matched to its operation (method and path
template) and to the documented answer for its status code; its JSON body must validate against
that answer's schema. A status the operation does not document is a mismatch too.

OpenAPI 3.0 is not JSON Schema: ``nullable: true`` becomes ``anyOf: [null, the schema]``, and
``oneOf`` is read as ``anyOf`` (the description uses it for unions whose members overlap, e.g. a
409's ``basic-error`` or ``repository-rule-violation-error``, which every error body matches both
of; octokit's generated types read it as a union too). The rest is read as JSON Schema 2020-12
(``$ref`` beside other keywords keeps them, as OpenAPI means).
Mismatches are collected in :data:`MISMATCHES`; the suite's conftest fails any test that leaves
one behind, so a stand-in kinder (or stranger) than GitHub cannot hide a client bug.
"""

from __future__ import annotations

import json
import re
import subprocess
import threading
from functools import cache
from pathlib import Path
from typing import Any

PACKAGE_DIR = Path(__file__).resolve().parents[1] / "github_openapi"
DESCRIPTION = PACKAGE_DIR / "node_modules" / "@octokit" / "openapi" / "generated" / "api.github.com.json"
BASE_URI = "https://api.github.com/openapi.json"
# Path parameters GitHub allows slashes in: a file path, a ref such as ``heads/main``.
_GREEDY = {"path", "ref"}

MISMATCHES: list[str] = []
_lock = threading.Lock()


def ensure_installed() -> Path:
    """The description's path, running ``npm ci`` in its package folder when it is missing."""
    if not DESCRIPTION.is_file():
        subprocess.run(
            ["npm", "ci", "--no-audit", "--no-fund"],
            cwd=PACKAGE_DIR,
            check=True,
            capture_output=True,
            timeout=600,
        )
    return DESCRIPTION


def _openapi30_to_jsonschema(node: Any) -> Any:
    if isinstance(node, list):
        return [_openapi30_to_jsonschema(item) for item in node]
    if not isinstance(node, dict):
        return node
    converted = {
        ("anyOf" if key == "oneOf" else key): _openapi30_to_jsonschema(value)
        for key, value in node.items()
        if key != "nullable"
    }
    if node.get("nullable") is True:
        return {"anyOf": [{"type": "null"}, converted]}
    return converted


class _Description:
    def __init__(self) -> None:
        from referencing import Registry, Resource
        from referencing.jsonschema import DRAFT202012

        document = json.loads(ensure_installed().read_text())
        self.version = str(document["info"]["version"])
        components = _openapi30_to_jsonschema(document["components"])
        resource = Resource.from_contents({"components": components}, default_specification=DRAFT202012)
        self.registry: Any = Registry().with_resource(BASE_URI, resource)
        self.components = components
        self.operations: list[tuple[re.Pattern[str], str, str, dict[str, Any]]] = []
        for template, item in document["paths"].items():
            pattern = re.compile(_template_regex(template))
            for method, operation in item.items():
                if method in {"get", "put", "post", "patch", "delete"}:
                    self.operations.append((pattern, template, method.upper(), operation))
        # The most literal template first: /commits/{ref}/status before /commits/{ref}.
        self.operations.sort(key=lambda op: -len(re.sub(r"\{[^}]+\}", "", op[1])))

    def operation(self, method: str, path: str) -> tuple[str, dict[str, Any]] | None:
        for pattern, template, op_method, operation in self.operations:
            if op_method == method and pattern.fullmatch(path):
                return template, operation
        return None

    def response_schema(self, operation: dict[str, Any], status: int) -> tuple[bool, Any]:
        """(documented?, the JSON schema of that answer's body, or None when it has no body)."""
        response = operation.get("responses", {}).get(str(status))
        if response is None:
            return False, None
        if "$ref" in response:
            response = self.components["responses"][response["$ref"].rsplit("/", 1)[-1]]
        content = response.get("content") or {}
        for media in ("application/json", "application/scim+json"):
            if media in content and "schema" in content[media]:
                return True, _openapi30_to_jsonschema(content[media]["schema"])
        return True, None

    def errors(self, schema: Any, body: Any) -> list[str]:
        from jsonschema import Draft202012Validator

        validator = Draft202012Validator(_rebase(schema), registry=self.registry)
        return [
            f"{'/'.join(map(str, e.absolute_path)) or '<body>'}: {e.message[:300]}" for e in validator.iter_errors(body)
        ]


def _rebase(node: Any) -> Any:
    """Local ``#/components/...`` references, made absolute to the registered description."""
    if isinstance(node, list):
        return [_rebase(item) for item in node]
    if isinstance(node, dict):
        return {k: (BASE_URI + v if k == "$ref" and v.startswith("#/") else _rebase(v)) for k, v in node.items()}
    return node


def _template_regex(template: str) -> str:
    def parameter(match: re.Match[str]) -> str:
        return ".+" if match.group(1) in _GREEDY else "[^/]+"

    return re.sub(r"\\\{([^}]+)\\\}", parameter, re.escape(template))


@cache
def description() -> _Description:
    return _Description()


def check_reply(method: str, path: str, status: int, body: Any, *, injected: bool = False) -> list[str]:
    """Check one reply; record and return its mismatches (none when it is faithful).

    ``injected``: a failure a test asked for (``fail_next``); any status may be injected, but its
    body must still be GitHub's error shape (``basic-error``)."""
    try:
        problems = _problems(method, path, status, body, injected)
    except Exception as exc:  # a check that cannot run fails the test, never the reply
        problems = [f"{method} {path}: the schema check could not run: {type(exc).__name__}: {exc}"]
    if problems:
        with _lock:
            MISMATCHES.extend(problems)
    return problems


def _problems(method: str, path: str, status: int, body: Any, injected: bool) -> list[str]:
    spec = description()
    found = spec.operation(method, path)
    if found is None:
        problems = [f"{method} {path}: no such operation in @octokit/openapi {spec.version}"]
    elif injected:
        schema = {"$ref": "#/components/schemas/basic-error"}
        problems = [f"{method} {found[0]} {status} (injected): {e}" for e in spec.errors(schema, body)]
    else:
        template, operation = found
        documented, schema = spec.response_schema(operation, status)
        if not documented:
            problems = [f"{method} {template}: status {status} is not a documented answer"]
        elif schema is None:
            problems = []
        else:
            problems = [f"{method} {template} {status}: {e}" for e in spec.errors(schema, body)]
    return problems


def warm(replies: list[tuple[str, str, int]]) -> None:
    """Load the description and resolve the schemas of ``replies`` (method, path, status) ahead of them,
    recording nothing: the first check of a reply otherwise costs a second and more (the description is
    13 MB of JSON and its references resolve on first use), which a caller with a deadline would pay."""
    spec = description()
    for method, path, status in replies:
        found = spec.operation(method, path)
        if found is not None:
            _, schema = spec.response_schema(found[1], status)
            if schema is not None:
                spec.errors(schema, {})


def take_mismatches() -> list[str]:
    """The mismatches recorded since the last call (and forget them)."""
    with _lock:
        taken = list(MISMATCHES)
        MISMATCHES.clear()
    return taken
