"""`make bundle`: build/<fn>/ is exactly what Cloud Functions receives.

main.py + the function's package + a copy of klepaas_shared + a requirements.txt exported from
the one lock for that function alone. No symlinks, no ../ paths: Cloud Functions uploads one
folder and nothing beside it.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUILD = ROOT / "build"
IGNORE = shutil.ignore_patterns("__pycache__", "*.pyc", ".mypy_cache", "*.egg-info")
KEEP_OUT = ("google-cloud-functions",)  # the admin API client: tooling only (FIELD_NOTES.md)


def requirements(function: str) -> str:
    return _exported(["--package", f"klepaas-{function}"], function)


def _exported(selection: list[str], name: str) -> str:
    exported = subprocess.run(
        [
            "uv",
            "export",
            "--frozen",
            "--no-dev",
            "--no-emit-workspace",
            "--no-hashes",
            "--no-header",
            "--no-annotate",
            *selection,
        ],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    lines = [line for line in exported.splitlines() if line.strip() and not line.startswith(("-e", "#"))]
    leaked = [line for line in lines if line.split("==")[0].strip().lower() in KEEP_OUT]
    if leaked:
        raise SystemExit(f"{name}: {leaked} must stay out of function bundles")
    return "\n".join(lines) + "\n"


def digest(folder: Path) -> str:
    sha = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        sha.update(path.relative_to(folder).as_posix().encode())
        sha.update(path.read_bytes())
    return sha.hexdigest()[:16]


def bundle(function: str) -> Path:
    source = ROOT / "functions" / function
    target = BUILD / function
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    shutil.copy2(source / "main.py", target / "main.py")
    shutil.copytree(source / f"klepaas_{function}", target / f"klepaas_{function}", ignore=IGNORE)
    shutil.copytree(ROOT / "shared" / "src" / "klepaas_shared", target / "klepaas_shared", ignore=IGNORE)
    (target / "requirements.txt").write_text(requirements(function))
    (target / "BUNDLE_SHA").write_text(digest(target) + "\n")
    return target


REALTIME = "realtime"  # not a function: the realtime channel's container (tools/realtime_service.py)


def realtime() -> Path:
    """build/realtime/: the Docker context of the realtime service, pinned from the same lock."""
    target = BUILD / REALTIME
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    shutil.copy2(ROOT / "tools" / "realtime.Dockerfile", target / "Dockerfile")
    for name in ("realtime_service.py", "dev_realtime.py"):
        shutil.copy2(ROOT / "tools" / name, target / name)
    shutil.copytree(ROOT / "shared" / "src" / "klepaas_shared", target / "klepaas_shared", ignore=IGNORE)
    (target / "requirements.txt").write_text(_exported(["--package", "klepaas-shared", "--extra", "pubsub"], REALTIME))
    (target / "BUNDLE_SHA").write_text(digest(target) + "\n")
    return target


def main(functions: list[str]) -> int:
    for function in functions:
        path = realtime() if function == REALTIME else bundle(function)
        print(f"bundled {function}: {path.relative_to(ROOT)} ({(path / 'BUNDLE_SHA').read_text().strip()})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
