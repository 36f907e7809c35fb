"""Measure the rules' precision per reading path and choose the paths they may be sure of.

    uv run --frozen python tests/functions/nlp/calibrate.py          # print the table
    uv run --frozen python tests/functions/nlp/calibrate.py --write  # also rewrite SURE_PATHS and CALIBRATION.md
    uv run --frozen python tests/functions/nlp/calibrate.py --first-sight ROUND dev_x.jsonl dev_y.jsonl

The first-sight record (corpus/first_sight.jsonl) is how the rules read new sets written blind,
before anyone tuned anything to them: one line per answer that claims something, with its path and
whether it was right. Run `--first-sight` with the round's name as soon as the sets arrive, before
any change for them. A path any round caught wrong at first sight is not sure, whatever the tuned
corpora say: they were tuned on, so they overstate; first sight is what an unseen corpus will find.

Attacks (`dev_redteam*`) are never first sight, and the record refuses them: an attacker writes
against the rules' present weaknesses and keeps what fails, so an attack measures where someone
looked for failures, not how often ordinary unseen text meets them (round 31's attack caught 21
confident wrong answers on a path no set written blind has caught wrong). What an attack finds is
taught in its round, and the next set written blind checks the path again.

Every answer that claims something (an intent other than unknown, nothing missing) is counted on
its path (klepaas_nlp.rules.calibration) and its group (mutation, read, ambiguous), right or wrong
as scoring.judge counts it. Only the dev and regression corpora are read: never the blind sets.

Loaded both as a test module's sibling and as a script: as a sibling it shares the tests' `scoring`
(and so the commands it has read already); as a script it imports `scoring` by path.
"""

from __future__ import annotations

import json
import re
import sys
from collections import defaultdict
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from klepaas_nlp.intents import CommandValidationError, Intent, Interpretation
from klepaas_nlp.rules import SessionContext, calibration, interpret

HERE = Path(__file__).resolve().parent
if __package__:
    from . import scoring  # the very module the tests import: one reading of each command a run
else:
    sys.path.insert(0, str(HERE))
    import scoring

CORPORA = (*scoring.DEV_SETS, HERE / "corpus.jsonl", HERE / "corpus_blind.jsonl")
TABLE = HERE / "corpus" / "CALIBRATION.md"
FIRST_SIGHT = HERE / "corpus" / "first_sight.jsonl"
MODULE = Path(calibration.__file__)


@dataclass
class PathFigures:
    support: int = 0
    right: int = 0
    by_intent: dict[str, list[int]] = field(default_factory=dict)  # intent -> [right, total]
    wrong: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.right / self.support if self.support else 0.0

    @property
    def every_intent_right(self) -> bool:
        return all(right == total for right, total in self.by_intent.values())


def _cases() -> Iterator[Mapping[str, Any]]:
    for path in CORPORA:
        yield from scoring.load(path)


def _right(case: Mapping[str, Any], got: Interpretation) -> bool:
    expected = case.get("slots", case.get("args", {}))
    return (
        got.intent.value == case["intent"]
        and scoring._without_defaults(got.args) == scoring._without_defaults(expected)
        and ("missing" not in case or sorted(got.missing) == sorted(case["missing"]))
    )


def _claims(cases: Iterator[Mapping[str, Any]]) -> Iterator[tuple[Mapping[str, Any], Interpretation, str]]:
    """(case, answer, path) for every answer that claims a reading."""
    for case in cases:
        if "context" in case:
            try:
                result = interpret(case["text"], SessionContext(**case["context"]))
            except CommandValidationError:
                continue
        else:
            alone = scoring.read_alone(case["text"])
            if isinstance(alone, CommandValidationError):
                continue
            result = alone
        got = result.interpretation
        if got.intent is Intent.UNKNOWN or got.missing or got.refused:
            continue  # a question or a refusal claims no reading
        yield case, got, result.path


def measure() -> dict[tuple[str, str], PathFigures]:
    figures: dict[tuple[str, str], PathFigures] = defaultdict(PathFigures)
    for case, got, path in _claims(_cases()):
        row = figures[(calibration.group(got.intent), path)]
        right = _right(case, got)
        row.support += 1
        row.right += right
        counts = row.by_intent.setdefault(got.intent.value, [0, 0])
        counts[0] += right
        counts[1] += 1
        if not right:
            row.wrong.append(case["text"])
    return dict(figures)


@cache
def first_sight() -> tuple[str, dict[tuple[str, str], list[int]]]:
    """The recorded rounds, named, and per (group, path) [right, answers] at first sight over all of
    them: a miss at any round's first sight is evidence of how the path fails on unseen text, and a
    fix tuned to that miss afterwards does not make the evidence go away."""
    rows = [json.loads(line) for line in FIRST_SIGHT.read_text(encoding="utf-8").splitlines() if line.strip()]
    rounds = ", ".join(dict.fromkeys(row["round"] for row in rows))
    seen: dict[tuple[str, str], list[int]] = {}
    for row in rows:
        counts = seen.setdefault((row["group"], row["path"]), [0, 0])
        counts[0] += row["right"]
        counts[1] += 1
    return rounds, seen


def record_first_sight(round_name: str, paths: list[Path]) -> int:
    """Append how the rules read `paths` now, as round `round_name`; how many answers were recorded."""
    attacks = [path.name for path in paths if path.name.startswith("dev_redteam")]
    if attacks:
        raise SystemExit(f"an attack is not first sight (see the module's docstring): {attacks}")
    recorded = FIRST_SIGHT.read_text(encoding="utf-8") if FIRST_SIGHT.exists() else ""
    known = {json.loads(line)["set"] for line in recorded.splitlines() if line.strip()}
    if known & {path.name for path in paths}:
        raise SystemExit(f"already recorded: {sorted(known & {path.name for path in paths})}")
    lines = []
    for path in paths:
        for case, got, reading in _claims(iter(scoring.load(path))):
            row = {"round": round_name, "set": path.name, "text": case["text"], "group": calibration.group(got.intent)}
            lines.append(json.dumps({**row, "path": reading, "right": _right(case, got)}, ensure_ascii=False))
    FIRST_SIGHT.write_text(recorded + "".join(f"{line}\n" for line in lines), encoding="utf-8")
    first_sight.cache_clear()
    return len(lines)


def earned(kind: str, path: str, row: PathFigures) -> bool:
    """Admissible by shape, every answer on it right, enough of them (the precision's bound), and
    nothing on it wrong at any round's first sight."""
    _, seen = first_sight()
    right, answers = seen.get((kind, path), (0, 0))
    return (
        calibration.admissible(kind, path)
        and calibration.precision_bound(row.right, row.support) >= calibration.MIN_PRECISION_BOUND
        and row.right == row.support
        and row.every_intent_right
        and right == answers
    )


def table(figures: Mapping[tuple[str, str], PathFigures]) -> list[str]:
    rows = [
        "| group | path | support | precision | bound | first sight | admissible | sure |",
        "|---|---|---:|---:|---:|---:|:-:|:-:|",
    ]
    _, seen = first_sight()
    for (kind, path), row in sorted(figures.items(), key=lambda item: (item[0][0], -item[1].support, item[0][1])):
        admissible = "yes" if calibration.admissible(kind, path) else "no"
        sure = "**yes**" if earned(kind, path, row) else "no"
        bound = f"{calibration.precision_bound(row.right, row.support):.1%}"
        first = "{}/{}".format(*seen[(kind, path)]) if (kind, path) in seen else "-"
        rows.append(
            f"| {kind} | `{path}` | {row.support} | {row.precision:.1%} | {bound} | {first} | {admissible} | {sure} |"
        )
    return rows


def by_intent(figures: Mapping[tuple[str, str], PathFigures]) -> list[str]:
    """Precision per intent over every path, and over the sure paths only."""
    totals: dict[str, list[int]] = {}  # intent -> [right, total, right on sure paths, total on sure paths]
    for key, row in figures.items():
        sure = earned(*key, row)
        for intent, (right, total) in row.by_intent.items():
            counts = totals.setdefault(intent, [0, 0, 0, 0])
            counts[0] += right
            counts[1] += total
            counts[2] += right if sure else 0
            counts[3] += total if sure else 0
    rows = ["| intent | answers | precision | on sure paths | precision there |", "|---|---:|---:|---:|---:|"]
    for intent, (right, total, sure_right, sure_total) in sorted(totals.items()):
        there = f"{sure_right / sure_total:.1%}" if sure_total else "-"
        rows.append(f"| {intent} | {total} | {right / total:.1%} | {sure_total} | {there} |")
    return rows


_SURE_BLOCK = re.compile(r"SURE_PATHS: frozenset\[tuple\[str, str\]\] = frozenset\(.*?\n\)\n|SURE_PATHS: .*?\n", re.S)


def write(figures: Mapping[tuple[str, str], PathFigures]) -> None:
    sure = sorted(key for key, row in figures.items() if earned(*key, row))
    lines = [
        f'        ("{kind}", "{path}"),  # {figures[(kind, path)].support} of as many right' for kind, path in sure
    ]
    block = "SURE_PATHS: frozenset[tuple[str, str]] = frozenset(\n    {\n" + "\n".join(lines) + "\n    }\n)\n"
    source = MODULE.read_text(encoding="utf-8")
    MODULE.write_text(_SURE_BLOCK.sub(lambda _: block, source, count=1), encoding="utf-8")
    corpora = ", ".join(path.name for path in CORPORA)
    TABLE.write_text(
        "# Rules calibration: precision per reading path\n\n"
        "Generated by `tests/functions/nlp/calibrate.py --write`; read `klepaas_nlp/rules/calibration.py` "
        "for what a path is and when it may be sure.\n\n"
        f"Corpora (dev and regression only): {corpora}. A sure path has every answer right and a 95 % "
        f"Wilson lower bound of its precision of at least {calibration.MIN_PRECISION_BOUND:.0%} (the `bound` "
        "column). The rules were tuned on these corpora, so their precision here overstates what an unseen"
        " corpus finds: that is why the bound and the shape are asked for besides 100 %, and why a path"
        f" caught wrong at any round's first sight ({first_sight()[0]}; `first_sight.jsonl`: right of the"
        " answers read on it in sets nobody had tuned on yet) is not sure.\n\n"
        + "\n".join(table(figures))
        + "\n\n## Per intent\n\n"
        + "\n".join(by_intent(figures))
        + "\n",
        encoding="utf-8",
    )


def main() -> None:
    if sys.argv[1:2] == ["--first-sight"]:
        round_name, *names = sys.argv[2:]
        count = record_first_sight(round_name, [HERE / "corpus" / name for name in names])
        print(f"recorded {count} answers of {', '.join(names)} as round {round_name}")
        return
    figures = measure()
    print("\n".join(table(figures)))
    print("\n".join(by_intent(figures)))
    for (kind, path), row in sorted(figures.items()):
        for text in row.wrong:
            print(f"wrong on {kind} {path}: {text}")
    if "--write" in sys.argv[1:]:
        write(figures)


if __name__ == "__main__":
    main()
