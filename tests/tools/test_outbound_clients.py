"""Issue 16, item 13: nine hand-written urllib clients, each with its own error mapping, became
one outbound layer (``klepaas_shared.outbound``, httpx; Google APIs on google-auth's
authorized session, ``klepaas_shared.google_apis``) or the provider's SDK. This keeps it so:
no source module of a function or of the shared library calls out over HTTP on its own.

The layer itself is tested against a real loopback server in tests/shared/test_outbound.py.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# The layer: httpx's pool, and Google APIs on google-auth's authorized session (requests).
LAYER = ROOT / "shared/src/klepaas_shared/outbound.py"
LAYERS = (LAYER, ROOT / "shared/src/klepaas_shared/google_apis.py")
# HTTP client libraries a module could hand-roll calls with.
CLIENTS = ("urllib.request", "http.client", "urllib3", "httpx", "aiohttp", "requests")
# What of ``requests`` a module may name: the exceptions PyGithub and google-auth raise through it.
REQUESTS_NAMES = {"RequestException", "exceptions", "ConnectionError", "Timeout"}


def _sources() -> list[Path]:
    found = [*ROOT.glob("functions/*/main.py"), *ROOT.glob("functions/*/klepaas_*/**/*.py")]
    found += [*(ROOT / "shared/src").rglob("*.py")]
    return sorted(path for path in found if path not in LAYERS)


def _client(module: str) -> str | None:
    return next((c for c in CLIENTS if module == c or module.startswith(c + ".")), None)


def _violations(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(), str(path))
    where = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
    found: list[str] = []
    imported = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                client = _client(alias.name)
                if client and client != "requests":
                    found.append(f"{where}:{node.lineno} imports {alias.name}")
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            client = _client(node.module)
            if client == "requests":
                names = {alias.name for alias in node.names}
                if node.module != "requests.exceptions" and names - REQUESTS_NAMES:
                    found.append(f"{where}:{node.lineno} imports {sorted(names)} from {node.module}")
            elif client:
                found.append(f"{where}:{node.lineno} imports from {node.module}")
        elif (
            "requests" in imported
            and isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Name)
            and node.value.id == "requests"
            and node.attr not in REQUESTS_NAMES
        ):
            found.append(f"{where}:{node.lineno} calls requests.{node.attr}")
    return found


def test_no_module_calls_out_over_http_but_through_the_outbound_layer_or_an_sdk() -> None:
    sources = _sources()
    assert len(sources) > 100 and all(layer.exists() for layer in LAYERS)
    violations = [v for path in sources for v in _violations(path)]
    assert violations == [], "\n".join(violations)


def test_the_check_sees_a_hand_written_client(tmp_path: Path) -> None:
    sample = tmp_path / "client.py"
    sample.write_text(
        "import urllib.request\nimport requests\nfrom http.client import HTTPSConnection\n"
        "def get(url):\n    return requests.get(url), urllib.request.urlopen(url)\n"
    )
    found = _violations(sample)
    assert len(found) == 3, found  # urllib.request, http.client, requests.get
