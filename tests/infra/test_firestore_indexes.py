"""The composite indexes in infra/terraform/firestore.tf are exactly those the code's queries need.

Every query is declared where it is made (klepaas_shared.store.queries); importing every module
of the shared library and of each function collects the declarations. Each declaration derives
its composite index by Firestore's rules (DeclaredQuery.composite_index); Terraform must declare
each one, and nothing else.
"""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache
from typing import Any

import pytest

from klepaas_shared import routes
from klepaas_shared.store import get_store
from klepaas_shared.store.queries import DECLARED, DeclaredQuery, UndeclaredQuery, declare_query

from .test_terraform import root_locals

Index = tuple[str, tuple[tuple[str, str], ...]]


@cache
def declared() -> dict[Any, DeclaredQuery]:
    packages = ["klepaas_shared", *(f"klepaas_{function}" for function in routes.FUNCTIONS)]
    for name in packages:
        package = importlib.import_module(name)
        for module in pkgutil.walk_packages(package.__path__, f"{name}."):
            importlib.import_module(module.name)
    return {shape: query for shape, query in DECLARED.items() if query.declared_in.startswith("klepaas_")}


def needed() -> dict[Index, list[str]]:
    wanted: dict[Index, list[str]] = {}
    for query in declared().values():
        index = query.composite_index()
        if index is not None:
            wanted.setdefault(index, []).append(query.declared_in)
    return wanted


def in_terraform() -> dict[Index, str]:
    found: dict[Index, str] = {}
    for name, index in root_locals()["composite_indexes"].items():
        fields = tuple((str(field), str(order)) for field, order in index["fields"])
        found[(str(index["collection"]), fields)] = name
    return found


def test_every_query_the_code_declares_has_its_composite_index() -> None:
    missing = {index: where for index, where in needed().items() if index not in in_terraform()}
    assert not missing, f"firestore.tf lacks composite indexes: {missing}"


def test_every_composite_index_in_terraform_serves_a_declared_query() -> None:
    unused = {name for index, name in in_terraform().items() if index not in needed()}
    assert not unused, f"firestore.tf declares indexes no query uses: {sorted(unused)}"


def test_the_queries_the_console_depends_on_are_among_the_declared_ones() -> None:
    indexes = needed()
    assert ("commands", (("user_id", "ASCENDING"), ("id", "ASCENDING"))) in indexes  # N3, oldest first
    assert ("commands", (("user_id", "ASCENDING"), ("id", "DESCENDING"))) in indexes  # N4, newest first
    assert ("deployments", (("owner", "ASCENDING"), ("repo", "ASCENDING"), ("id", "DESCENDING"))) in indexes  # D6
    assert ("scaling_history", (("app", "ASCENDING"), ("at", "DESCENDING"))) in indexes


@pytest.mark.parametrize(
    ("kwargs", "index"),
    [
        ({"equal": ["a"]}, None),  # one field: its single-field index
        ({"equal": ["a", "b"]}, None),  # equalities only: Firestore merges single-field indexes
        ({"order_by": [("a", "desc")]}, None),  # one field, either direction
        ({"ranges": ["a"], "order_by": [("a", "asc")]}, None),
        ({"equal": ["a"], "order_by": [("a", "desc")]}, None),
        ({"equal": ["a"], "order_by": [("b", "asc")]}, (("a", "ASCENDING"), ("b", "ASCENDING"))),
        ({"equal": ["a"], "order_by": [("b", "desc")]}, (("a", "ASCENDING"), ("b", "DESCENDING"))),
        (
            {"equal": ["b", "a"], "order_by": [("c", "desc")]},
            (("a", "ASCENDING"), ("b", "ASCENDING"), ("c", "DESCENDING")),
        ),
        ({"equal": ["a"], "ranges": ["b"]}, (("a", "ASCENDING"), ("b", "ASCENDING"))),
        (
            {"equal": ["a"], "ranges": ["b"], "order_by": [("c", "desc")]},
            (("a", "ASCENDING"), ("c", "DESCENDING"), ("b", "DESCENDING")),
        ),
        (
            {"equal": ["t", "a"], "arrays": ["t"], "order_by": [("c", "asc")]},
            (("a", "ASCENDING"), ("t", "CONTAINS"), ("c", "ASCENDING")),
        ),
    ],
)
def test_the_composite_index_follows_firestores_rules(kwargs: dict[str, Any], index: Any) -> None:
    query = declare_query("rules_example", **kwargs)
    assert query.composite_index() == (None if index is None else ("rules_example", index))


def test_the_local_store_refuses_a_query_nobody_declared() -> None:
    store = get_store()
    with pytest.raises(UndeclaredQuery, match="undeclared query on 'nobody_declared_this'"):
        store.query("nobody_declared_this", [("x", "==", 1)], order_by=[("y", "desc")])
    declare_query("declared_here", equal=["x"], order_by=[("y", "desc")])
    assert store.query("declared_here", [("x", "==", 1)], order_by=[("y", "desc")]) == []
