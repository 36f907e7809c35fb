"""The README's picture of the tree ("How the pieces fit") is the tree: every function and every
room (sub-package) is in it, deploy's top modules are named, and no folder it names is gone."""

from __future__ import annotations

import re
from pathlib import Path

from klepaas_shared import records

ROOT = Path(__file__).resolve().parents[2]
SOURCES = (ROOT / "functions", ROOT / "shared" / "src" / "klepaas_shared")


def _picture() -> str:
    text = (ROOT / "README.md").read_text()
    start = text.index("```", text.index("## How the pieces fit"))
    return text[start : text.index("```", start + 3)]


def _rooms(package: Path) -> list[Path]:
    """Sub-packages at any depth (``pipeline/stages/`` too)."""
    return sorted(init.parent for init in package.rglob("__init__.py") if init.parent != package)


def test_every_function_and_room_is_in_the_picture() -> None:
    picture = _picture()
    packages = [*sorted((ROOT / "functions").glob("*/klepaas_*")), SOURCES[1]]
    assert len(packages) == 7
    for package in packages:
        if package.parent.parent.name == "functions":
            assert f"{package.parent.name}/" in picture, package.parent.name
        for room in _rooms(package):
            assert f"{room.name}/" in picture, f"{package.name}/{room.relative_to(package)} is not in the picture"


def test_the_picture_names_no_folder_that_is_gone() -> None:
    folders = {"functions", "shared", "infra", "terraform", "tests", "fakes"}
    for source in SOURCES:
        folders |= {path.name for path in source.rglob("*") if path.is_dir() and path.name != "__pycache__"}
    named = set(re.findall(r"(?<![A-Za-z])([a-z_]+)/", _picture()))  # not "Korean/English"
    assert named - folders == set()


def test_the_top_of_deploy_and_the_shared_collections_are_named() -> None:
    picture = _picture()
    for module in sorted((ROOT / "functions" / "deploy" / "klepaas_deploy").glob("*.py")):
        if module.stem != "__init__":
            assert re.search(rf"\b{module.stem}\b", picture), module.stem
    for collection in records.COLLECTIONS:
        assert collection in picture, collection
