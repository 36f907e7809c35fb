"""No import circle anywhere: every project package's import graph, computed from the source with
``ast``, is acyclic. Imports inside functions count too (a lazy import does not make a circle go
away, it only hides it); the only lazy imports left out are of non-project modules, which are
deferred so that a cold start stays short."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGE_ROOTS = (ROOT / "shared" / "src", *sorted((ROOT / "functions").glob("*")))


def _modules() -> dict[str, Path]:
    """Every project module by dotted name (``klepaas_deploy.operations.engine``)."""
    found: dict[str, Path] = {}
    for base in PACKAGE_ROOTS:
        for package in sorted(base.glob("klepaas_*")):
            for path in sorted(package.rglob("*.py")):
                parts = list(path.relative_to(base).with_suffix("").parts)
                if parts[-1] == "__init__":
                    parts.pop()
                found[".".join(parts)] = path
    return found


def _imported(name: str, path: Path, node: ast.Import | ast.ImportFrom, modules: dict[str, Path]) -> Iterator[str]:
    """The project modules one import statement loads."""
    if isinstance(node, ast.Import):
        for alias in node.names:
            if alias.name in modules:
                yield alias.name
        return
    if node.level:
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        for _ in range(node.level - 1):
            package = package.rpartition(".")[0]
        base = f"{package}.{node.module}" if node.module else package
    else:
        base = node.module or ""
    for alias in node.names:
        submodule = f"{base}.{alias.name}"
        if submodule in modules:
            yield submodule
        elif base in modules:
            yield base


def _graph() -> dict[str, set[str]]:
    modules = _modules()
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        tree = ast.parse(path.read_text(), str(path))
        edges = graph.setdefault(name, set())
        for node in ast.walk(tree):
            if isinstance(node, ast.Import | ast.ImportFrom):
                edges.update(target for target in _imported(name, path, node, modules) if target != name)
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_the_graph_covers_every_package() -> None:
    graph = _graph()
    packages = {name.split(".")[0] for name in graph}
    assert {"klepaas_shared", "klepaas_deploy", "klepaas_notify", "klepaas_nlp", "klepaas_webhook"} <= packages
    assert sum(len(edges) for edges in graph.values()) > 100


def test_no_import_circle() -> None:
    assert _cycles(_graph()) == []


def test_a_circle_is_found() -> None:
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


# Functions split into rooms (sub-packages by concern) keep their top small: what the entry
# points call, the settings, and words every room shares (issue 15).
ROOMED = ("deploy", "nlp", "notify")
MAX_TOP_MODULES = 12


def test_a_function_in_rooms_keeps_at_most_12_modules_at_its_top() -> None:
    for function in ROOMED:
        package = ROOT / "functions" / function / f"klepaas_{function}"
        top = sorted(path.name for path in package.glob("*.py"))
        rooms = [path for path in package.iterdir() if (path / "__init__.py").exists()]
        assert len(top) <= MAX_TOP_MODULES, f"klepaas_{function} has {len(top)} modules at its top: {top}"
        assert len(rooms) >= 3, f"klepaas_{function} has {len(rooms)} rooms"
