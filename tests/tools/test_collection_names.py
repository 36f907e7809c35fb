"""A collection two functions touch lives in klepaas_shared, and nothing else names it.

Every place the source names a collection is found with ``ast``: the first argument of a store or
transaction call (``get``, ``create``, ``set``, ``update``, ``delete``, ``query``), of
``declare_query`` and the second of ``create_numbered``, and any ``collection=`` argument. A name
given by a constant is followed to its string through assignments and imports. Then:

- no function names a collection of ``klepaas_shared.records`` (it goes through the typed
  repository), nor one a module of ``klepaas_shared`` keeps (``audit``, ``projects``, ...);
- no collection is named by two functions (that one belongs in ``klepaas_shared.records``);
- every store call in a function names its collection by something this test can follow, so a
  name cannot hide from it behind a parameter;
- each collection's name is spelled in one module (the others import it).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from klepaas_shared import records

ROOT = Path(__file__).resolve().parents[2]
PACKAGE_ROOTS = (ROOT / "shared" / "src", *sorted((ROOT / "functions").glob("*")))
STORE_METHODS = frozenset({"get", "create", "set", "update", "delete", "query"})
RECEIVERS = frozenset({"store", "_store", "txn", "tx", "transaction"})
# Where a collection is an argument other than a store call's first: function name -> position.
COLLECTION_ARGUMENT = {"declare_query": 0, "create_numbered": 1}
SHARED = "klepaas_shared"


@dataclass(frozen=True)
class Site:
    module: str
    line: int
    collection: str | None  # None: not a string this test can follow
    spelled_in: str = ""  # the module whose string literal it is

    @property
    def package(self) -> str:
        return self.module.split(".")[0]

    def __str__(self) -> str:
        return f"{self.module}:{self.line} names {self.collection!r}"


def _sources() -> dict[str, str]:
    """Every project module's source by dotted name."""
    found: dict[str, str] = {}
    for base in PACKAGE_ROOTS:
        for package in sorted(base.glob("klepaas_*")):
            for path in sorted(package.rglob("*.py")):
                parts = list(path.relative_to(base).with_suffix("").parts)
                if parts[-1] == "__init__":
                    parts.pop()
                found[".".join(parts)] = path.read_text()
    return found


class _Index:
    """Module-level constants and imported names of every module, to follow a name to its string."""

    def __init__(self, trees: dict[str, ast.Module], packages: set[str]) -> None:
        self.trees, self.packages = trees, packages
        self.constants = {name: self._constants(tree) for name, tree in trees.items()}
        self.imports = {name: self._imports(name, tree) for name, tree in trees.items()}

    @staticmethod
    def _constants(tree: ast.Module) -> dict[str, ast.expr]:
        found: dict[str, ast.expr] = {}
        for node in tree.body:
            if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
                found[node.targets[0].id] = node.value
            elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.value is not None:
                found[node.target.id] = node.value
        return found

    def _imports(self, name: str, tree: ast.Module) -> dict[str, tuple[str, str | None]]:
        """Local name -> (module, attribute or None for the module itself)."""
        found: dict[str, tuple[str, str | None]] = {}
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                for alias in node.names:
                    if alias.name in self.trees:
                        found[alias.asname or alias.name] = (alias.name, None)
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    package = name if name in self.packages else name.rpartition(".")[0]
                    for _ in range(node.level - 1):
                        package = package.rpartition(".")[0]
                    base = f"{package}.{node.module}" if node.module else package
                else:
                    base = node.module or ""
                for alias in node.names:
                    local = alias.asname or alias.name
                    if f"{base}.{alias.name}" in self.trees:
                        found[local] = (f"{base}.{alias.name}", None)
                    elif base in self.trees:
                        found[local] = (base, alias.name)
        return found

    def resolve(self, module: str, expr: ast.expr, depth: int = 0) -> tuple[str, str] | None:
        """The string ``expr`` stands for, and the module that spells it."""
        if depth > 8:
            return None
        if isinstance(expr, ast.Constant):
            return (expr.value, module) if isinstance(expr.value, str) else None
        if isinstance(expr, ast.Name):
            if expr.id in self.constants[module]:
                return self.resolve(module, self.constants[module][expr.id], depth + 1)
            target, attribute = self.imports[module].get(expr.id, ("", None))
            if attribute is not None:
                return self.resolve(target, ast.Name(attribute), depth + 1)
        if isinstance(expr, ast.Attribute) and isinstance(expr.value, ast.Name):
            target, attribute = self.imports[module].get(expr.value.id, ("", ""))
            if target and attribute is None:
                return self.resolve(target, ast.Name(expr.attr), depth + 1)
        return None


def _receiver(expr: ast.expr) -> str:
    """``store`` for ``store``, ``self.store``, ``ctx.store``; ``get_store`` for ``get_store()``."""
    if isinstance(expr, ast.Call):
        return _receiver(expr.func)
    if isinstance(expr, ast.Attribute):
        return expr.attr
    return expr.id if isinstance(expr, ast.Name) else ""


def _argument(call: ast.Call) -> ast.expr | None:
    """The expression naming the collection, when ``call`` is a call that names one."""
    func = call.func
    if isinstance(func, ast.Attribute) and func.attr in STORE_METHODS:
        receiver = _receiver(func.value)
        if receiver in RECEIVERS or receiver == "get_store":
            return call.args[0] if call.args else None
    name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
    position = COLLECTION_ARGUMENT.get(name)
    if position is not None and len(call.args) > position:
        return call.args[position]
    return next((k.value for k in call.keywords if k.arg == "collection"), None)  # a helper's parameter


def sites(sources: dict[str, str]) -> Iterator[Site]:
    """Every place a module names a collection."""
    trees = {name: ast.parse(source, name) for name, source in sources.items()}
    packages = {name for name in trees if any(other.startswith(f"{name}.") for other in trees)}
    index = _Index(trees, packages)
    for module, tree in trees.items():
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and (argument := _argument(node)) is not None:
                found = index.resolve(module, argument)
                yield Site(module, node.lineno, *(found or (None,)))


def violations(found: list[Site]) -> list[str]:
    """What breaks the rules of this module's docstring."""
    kept_by_shared = {s.collection for s in found if s.package == SHARED and s.collection} | set(records.COLLECTIONS)
    problems = [
        f"{s}: a collection of klepaas_shared, reach it through its repository"
        for s in found
        if s.package != SHARED and s.collection in kept_by_shared
    ]
    functions: dict[str, set[str]] = {}
    for s in found:
        if s.package != SHARED and s.collection is not None and s.collection not in kept_by_shared:
            functions.setdefault(s.collection, set()).add(s.package)
    problems += [
        f"{name!r} is named by {sorted(owners)}: give it a repository in klepaas_shared.records"
        for name, owners in sorted(functions.items())
        if len(owners) > 1
    ]
    spellings: dict[str, set[str]] = {}
    for s in found:
        if s.collection is not None and (s.package == SHARED or s.collection not in kept_by_shared):
            spellings.setdefault(s.collection, set()).add(s.spelled_in)
    problems += [
        f"{name!r} is spelled in {sorted(modules)}: spell it in one module, import it in the others"
        for name, modules in sorted(spellings.items())
        if len(modules) > 1
    ]
    problems += [
        f"{s.module}:{s.line}: a store call whose collection this test cannot follow; name it by a constant"
        for s in found
        if s.package != SHARED and s.collection is None
    ]
    return problems


def test_no_function_names_a_shared_collection_and_none_is_shared_unnoticed() -> None:
    assert violations(list(sites(_sources()))) == []


def test_the_scan_sees_what_it_must() -> None:
    """A scan that found nothing would pass the test above: it must find the known owners."""
    owners: dict[str | None, set[str]] = {}
    for site in sites(_sources()):
        owners.setdefault(site.collection, set()).add(site.package)
    assert owners["users"] == {"klepaas_auth"}
    assert owners["slack_installs"] == {"klepaas_notify"}
    assert owners["mcp_providers"] == {"klepaas_mcp"}
    assert owners["nlp_pending"] == {"klepaas_nlp"}
    assert owners["rollout_watches"] == {"klepaas_deploy"}
    assert owners["github_deployments"] == {"klepaas_webhook"}
    for name in records.COLLECTIONS:
        assert owners[name] == {SHARED}, name
    assert owners["audit"] == {SHARED}


PLANTED = {
    "klepaas_shared": "",
    "klepaas_shared.records": 'DEPLOYMENTS = "deployments"\n',
    "klepaas_shared.audit": 'COLLECTION = "audit"\ndef record(store): store.set(COLLECTION, "1", {})\n',
    "klepaas_a": "",
    "klepaas_a.history": (
        "from klepaas_shared import records\n"
        "def read(store): return store.get(records.DEPLOYMENTS, '1')\n"  # a shared one, by constant
    ),
    "klepaas_a.trail": 'def seen(ctx): return ctx.store.query("audit", [("x", "==", 1)])\n',  # a shared module's
    "klepaas_a.pulls": 'PULLS = "pulls"\ndef write(txn): txn.set(PULLS, "1", {})\n',
    "klepaas_b": "",
    "klepaas_b.pulls": 'from klepaas_shared.store.queries import declare_query\ndeclare_query("pulls")\n',
    "klepaas_b.hidden": "def write(store, name): store.delete(name, '1')\n",
    "klepaas_b.fine": 'OWN = "own"\ndef write(get_store): get_store().set(OWN, "1", {})\n',
    "klepaas_b.helper": 'def prune(store): expire(store, collection="deployments")\n',  # through a helper
    "klepaas_b.again": 'def read(store): return store.get("own", "1")\n',  # fine's name, spelled twice
}


def test_each_rule_catches_a_planted_breach() -> None:
    problems = violations(list(sites(PLANTED)))
    assert len(problems) == 7, problems
    assert any(p.startswith("klepaas_a.history:2") and "repository" in p for p in problems)
    assert any(p.startswith("klepaas_a.trail:1") and "repository" in p for p in problems)
    assert any(p.startswith("'pulls' is named by ['klepaas_a', 'klepaas_b']") for p in problems)
    assert any(p.startswith("klepaas_b.hidden:1") and "cannot follow" in p for p in problems)
    assert any(p.startswith("klepaas_b.helper:1") and "repository" in p for p in problems)
    assert any(p.startswith("'own' is spelled in ['klepaas_b.again', 'klepaas_b.fine']") for p in problems)
