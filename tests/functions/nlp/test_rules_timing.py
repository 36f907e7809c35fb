"""A lenient latency guard; the 5 ms p99 target is measured by the benchmark, not here.

Per-call CPU time of this thread is measured rather than wall time, so that other processes on a
busy machine cannot make the test flake; the interpreter does no I/O, so the two agree when idle.
"""

from __future__ import annotations

import contextlib
import time

import pytest

from klepaas_nlp.intents import CommandValidationError
from klepaas_nlp.rules import SessionContext, interpret

from .test_rules_corpus import load_corpus

P99_LIMIT_MS = 20.0
# The guards on long texts: a longest command may cost this many ordinary ones (`ordinary_ms`).
WORST_CASE_RATIO = 25
_ORDINARY_SAMPLE = 400
ADVERSARIAL_INPUTS = [
    "a" * 500,
    "1" * 500,
    "-" * 500,
    "a/" * 250,
    "a1" * 250,
    "web가" * 125,
    ("web-app " * 63)[:500],
    ("all " * 125)[:500],
    ("열 " * 250)[:500],
    ("3개 " * 167)[:500],
    ("in " * 167)[:500],
    ("K-Le-PaaS/test01 " * 30)[:500],
]


def _cpu_ms(text: str, context: SessionContext | None = None) -> float:
    started = time.thread_time()
    with contextlib.suppress(CommandValidationError):
        interpret(text, context)
    return (time.thread_time() - started) * 1000


def test_rules_interpret_a_command_well_within_the_latency_budget() -> None:
    cases = load_corpus()
    contexts = [SessionContext.model_validate(case["context"]) if "context" in case else None for case in cases]
    for case, context in zip(cases, contexts, strict=True):
        interpret(case["text"], context)
    durations_ms = sorted(
        _cpu_ms(case["text"], context) for _ in range(3) for case, context in zip(cases, contexts, strict=True)
    )
    p99 = durations_ms[int(len(durations_ms) * 0.99)]
    median = durations_ms[len(durations_ms) // 2]
    print(f"\nrules CPU time per command: median {median:.3f} ms, p99 {p99:.3f} ms")
    assert p99 < P99_LIMIT_MS


@pytest.fixture(scope="module")
def ordinary_ms() -> float:
    """The median CPU time of an ordinary command, on this machine in this run: the guards below compare
    a long text's cost with it rather than with a fixed time (an absolute limit read 20.2 ms on a slower
    CI machine for one sample that also paid the first compilation of patterns only its text reaches)."""
    ordinary = [case["text"] for case in load_corpus()[:_ORDINARY_SAMPLE]]
    for text in ordinary:
        interpret(text)
    return sorted(_best_ms(text) for text in ordinary)[len(ordinary) // 2]


def _best_ms(text: str) -> float:
    """The best of three: what the rules cost, without a busy machine's pauses or a first compilation."""
    return min(_cpu_ms(text) for _ in range(3))


def test_adversarial_commands_of_maximum_length_stay_fast(ordinary_ms: float) -> None:
    # A 500-letter text is ~15 times an ordinary command's length: read in linear time it costs about
    # that many commands, and a cost that grew with the square of its length would cost hundreds.
    worst_ms = max(_best_ms(text) for text in ADVERSARIAL_INPUTS)
    print(f"\nrules CPU time, worst adversarial 500-character command: {worst_ms:.3f} ms ({ordinary_ms:.3f} ms each)")
    assert worst_ms < WORST_CASE_RATIO * ordinary_ms


# Long lists of names (an attack's find): each comma re-read the whole list before it, so a list of
# 95 names cost about 300 ms. Cut once and read per comma, the cost grows with the list's length.
LIST_INPUTS = [
    "api, " * 95 + "web 상태 확인",
    # A text of labels (a review's find): each colon read the whole text before it, ~300 ms for 160 labels.
    ("x: " * 167)[:500],
    ("re: " * 125)[:500],
    ("api 로그, " * 60)[:500],
    "api 재시작하고 " * 34 + "web 로그",
    ("restart api, " * 40)[:500],
]
LIST_RATIO = 65


def test_long_lists_of_names_cost_time_in_proportion_to_their_length(ordinary_ms: float) -> None:
    worst_ms = max(_best_ms(text) for text in LIST_INPUTS)
    print(f"\nrules CPU time, worst list of names: {worst_ms:.3f} ms")
    assert worst_ms < LIST_RATIO * ordinary_ms


# 250 clauses that each ask with no act ("줘 줘 …"): each re-read every clause before it for a change it
# might confirm, ~700 ms. Reading each clause once, the cost is the clauses' count times one clause's.
CLAUSES_INPUT = ("줘 " * 250)[:500]
CLAUSES_RATIO = 160


def test_many_clauses_cost_time_in_proportion_to_their_count(ordinary_ms: float) -> None:
    spent_ms = _best_ms(CLAUSES_INPUT)
    print(f"\nrules CPU time, 250 clauses: {spent_ms:.3f} ms")
    assert spent_ms < CLAUSES_RATIO * ordinary_ms


# A message of many cuts (issue 24, round 30): every cut was tried as the end of a situation and the start
# of a closing statement, and each try re-normalised the words on one side of it, so "토큰 " x 160 cost
# ~35 ms and a situation repeated ("세션이 끊겨서 " x 60) about a second. Each cut's question is answered
# once, the cheap tests on its last word first.
SITUATION_INPUTS = [
    ("토큰 " * 160)[:500],
    ("토큰이 만료돼서 " * 60)[:500],
    ("세션이 끊겨서 " * 70)[:500],
    " ".join(f"pod{index}가 밀려서" for index in range(60))[:500],
]
SITUATION_RATIO = 60
SITUATION_WORDS_RATIO = 10


def test_a_message_of_many_cuts_reads_each_cut_once(ordinary_ms: float) -> None:
    words_ms = _best_ms(SITUATION_INPUTS[0])
    worst_ms = max(_best_ms(text) for text in SITUATION_INPUTS)
    print(f"\nrules CPU time, 160 words: {words_ms:.3f} ms; worst message of many cuts: {worst_ms:.3f} ms")
    assert words_ms < SITUATION_WORDS_RATIO * ordinary_ms
    assert worst_ms < SITUATION_RATIO * ordinary_ms
