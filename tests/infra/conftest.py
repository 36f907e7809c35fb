"""Reading the Terraform configuration as data (python-hcl2), for the checks in tests/infra.

Terraform cannot download providers here, so the checks read the HCL: blocks come back as dicts,
and every expression as its source text, "${...}".
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import hcl2
from hcl2 import SerializationOptions

TF = Path(__file__).resolve().parents[2] / "infra" / "terraform"
ROOT = TF.parent.parent
MODULE = "modules/cloud-function"


@cache
def parsed() -> dict[str, dict[str, Any]]:
    """Every .tf file, by path relative to infra/terraform."""
    options = SerializationOptions(strip_string_quotes=True)
    result = {}
    for path in sorted(TF.rglob("*.tf")):
        if ".terraform" in path.parts:
            continue
        with path.open() as handle:
            result[str(path.relative_to(TF))] = hcl2.load(handle, serialization_options=options)
    return result


@cache
def tfvars(env: str) -> dict[str, Any]:
    options = SerializationOptions(strip_string_quotes=True)
    with (TF / f"{env}.tfvars").open() as handle:
        return dict(hcl2.load(handle, serialization_options=options))


def _documents(scope: str) -> Iterator[dict[str, Any]]:
    for name, doc in parsed().items():
        if (scope == "" and "/" not in name) or (scope and name.startswith(scope + "/")):
            yield doc


def blocks(kind: str, scope: str = "") -> dict[str, Any]:
    """Top-level blocks of one kind (locals, variable, module, output) in the root or a module."""
    found: dict[str, Any] = {}
    for doc in _documents(scope):
        for block in doc.get(kind, []):
            found.update(block)
    return found


def root_locals() -> dict[str, Any]:
    return blocks("locals")


def resources(kind: str, scope: str = "") -> dict[str, Any]:
    """Resources of one type, by name."""
    found: dict[str, Any] = {}
    for doc in _documents(scope):
        for block in doc.get("resource", []):
            found.update(block.get(kind, {}))
    return found


def all_resources(scope: str = "") -> dict[str, dict[str, Any]]:
    """type.name => body, for every resource in the root or a module."""
    found: dict[str, dict[str, Any]] = {}
    for doc in _documents(scope):
        for block in doc.get("resource", []):
            for kind, named in block.items():
                for name, body in named.items():
                    found[f"{kind}.{name}"] = body
    return found


def data_sources(scope: str = "") -> set[str]:
    found = set()
    for doc in _documents(scope):
        for block in doc.get("data", []):
            for kind, named in block.items():
                found.update(f"data.{kind}.{name}" for name in named)
    return found


def strings(value: Any) -> Iterator[str]:
    """Every string inside a parsed value (comments left out)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            if key != "__comments__":
                yield from strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings(item)


def interpolations(text: str) -> Iterator[str]:
    """The expressions inside ${...} (nested braces included)."""
    start = text.find("${")
    while start != -1:
        depth, index = 0, start + 1
        while index < len(text):
            if text[index] == "{":
                depth += 1
            elif text[index] == "}":
                depth -= 1
                if depth == 0:
                    break
            index += 1
        yield text[start + 2 : index]
        start = text.find("${", index)


def literal_keys(expression: str) -> list[str]:
    """The quoted strings of an expression such as toset(["a", "b"])."""
    return re.findall(r'"([^"$]+)"', expression)


def secret_volumes(function: str) -> list[dict[str, str]]:
    """A function's secret volumes (function_secret_files), `local.x` references resolved."""
    local = root_locals()
    volumes = []
    for value in local["function_secret_files"][function].values():
        if isinstance(value, str):
            [name] = re.findall(r"^\$\{local\.(\w+)\}$", value)
            volumes.append(local[name])
        else:
            volumes.append(value)
    return volumes


def gateway_document() -> dict[str, Any]:
    """The document tools/gateway_openapi.py writes for API Gateway."""
    import importlib
    import sys

    sys.path.insert(0, str(ROOT / "tools"))
    try:
        gateway = importlib.import_module("gateway_openapi")
    finally:
        sys.path.pop(0)
    return dict(gateway.document())
