"""tests/REGRESSIONS.md names, for each of issue 16's 13 problems, the tests that guard it: every
problem has a row, and every test a row names exists (a renamed or deleted test fails here)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TABLE = ROOT / "tests" / "REGRESSIONS.md"
NAMED = re.compile(r"`(tests/[\w/]+\.py)::(\w+)`")


def rows(text: str) -> dict[int, list[tuple[str, str]]]:
    """Problem number -> the (file, test) pairs its row names."""
    found: dict[int, list[tuple[str, str]]] = {}
    for line in text.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) == 4 and cells[0].isdigit():
            found[int(cells[0])] = NAMED.findall(cells[2])
    return found


def defined(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(), str(path))
    return {n.name for n in tree.body if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)}


def missing(table: dict[int, list[tuple[str, str]]]) -> list[str]:
    problems = [f"problem {n} has no row" for n in range(1, 14) if n not in table]
    problems += [f"problem {n} names no test" for n, named in sorted(table.items()) if not named]
    for n, named in sorted(table.items()):
        for file, test in named:
            path = ROOT / file
            if not path.exists() or test not in defined(path):
                problems.append(f"problem {n}: {file}::{test} does not exist")
    return problems


def test_every_problem_of_issue_16_names_tests_that_exist() -> None:
    assert missing(rows(TABLE.read_text())) == []


def test_a_missing_row_or_a_gone_test_is_reported() -> None:
    table = rows(TABLE.read_text())
    assert sorted(table) == list(range(1, 14))
    del table[5]
    table[6] = [("tests/tools/test_regressions_table.py", "test_that_was_renamed")]
    assert missing(table) == [
        "problem 5 has no row",
        "problem 6: tests/tools/test_regressions_table.py::test_that_was_renamed does not exist",
    ]
