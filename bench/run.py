"""`make bench`: run every bench/bench_*.py, print one table, write bench/results.json.

Each module has ``run() -> list[dict]``; a figure is
``{"issue", "figure", "value", "unit", "baseline", "target", "ok"}`` (baseline and target may be
None). Benchmarks are never part of the timed test suite.
"""

from __future__ import annotations

import importlib.util
import json
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
# Issues whose text names figures for `make bench`, and the module that measures them.
NAMED = {2: "coldstart", 3: "auth", 4: "webhook", 5: "deploy", 7: "nlp", 8: "mcp", 9: "notify", 18: "mcp"}


def _load(path: Path) -> Any:
    spec = importlib.util.spec_from_file_location(path.stem, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _fmt(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.3g}" if abs(value) < 1000 else f"{value:,.0f}"
    return "-" if value is None else str(value)


def main(selected: list[str]) -> int:
    figures: list[dict[str, Any]] = []
    for path in sorted(HERE.glob("bench_*.py")):
        if selected and path.stem.removeprefix("bench_") not in selected:
            continue
        started = time.monotonic()
        print(f"running {path.stem} ...", file=sys.stderr, flush=True)
        try:
            figures.extend(_load(path).run())
        except Exception as exc:  # one broken benchmark must not hide every other figure
            issue = next((i for i, name in NAMED.items() if name == path.stem.removeprefix("bench_")), None)
            figures.append(_broken(issue, path.stem, exc))
        print(f"  done in {time.monotonic() - started:.1f}s", file=sys.stderr, flush=True)
    soak = HERE / "soak_results.json"  # written by the last `make soak` (ten minutes: not rerun here)
    if soak.exists() and (not selected or "soak" in selected):
        figures.extend(json.loads(soak.read_text()))
    (HERE / "results.json").write_text(json.dumps(figures, indent=2, ensure_ascii=False) + "\n")
    header = ("issue", "figure", "value", "unit", "baseline", "target", "ok")
    rows = [tuple(_fmt(f.get(k)) for k in header) for f in figures]
    widths = [max(len(h), *(len(r[i]) for r in rows)) if rows else len(h) for i, h in enumerate(header)]
    print("  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)))
    for row in rows:
        print("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)))
    failed = [f for f in figures if f.get("ok") is False]
    print(f"\n{len(figures)} figures, {len(failed)} over target; written to bench/results.json")
    missing = [
        f"issue {i} (bench/bench_{name}.py)" for i, name in NAMED.items() if not (HERE / f"bench_{name}.py").exists()
    ]
    if missing and not selected:
        print("no figures yet for " + ", ".join(missing))
    return 1 if any(f.get("unit") == "error" for f in figures) else 0


def _broken(issue: int | None, stem: str, exc: Exception) -> dict[str, Any]:
    message = f"{type(exc).__name__}: {exc}"[:160]
    return {
        "issue": issue,
        "figure": f"{stem} failed",
        "value": message,
        "unit": "error",
        "baseline": None,
        "target": None,
        "ok": False,
    }


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
