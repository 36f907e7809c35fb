"""The rules compile a pattern when a command first reaches it (issue 19: compiling all of them at
import was most of a cold instance's first interpretation), and reading it lazily changes nothing:
the one-syllable repair of a long command word, rewritten to compile cheaply and only when the
text could hold the word, repairs exactly what the original per-syllable pattern repaired."""

from __future__ import annotations

import itertools
import json
import random
import re
import subprocess
import sys

from klepaas_nlp.rules import spelling
from klepaas_nlp.rules.lazy import LazyAlternation, LazyPattern

from . import regex_needs


def test_a_lazy_pattern_compiles_at_first_use_and_answers_as_re_does() -> None:
    lazy = LazyPattern(r"(?P<word>[a-z]+)-(\d+)", re.IGNORECASE)
    assert not lazy.is_compiled
    eager = re.compile(lazy.source, lazy.flags)
    text = "Web-12 and api-3, not -4"
    match, expected = lazy.search(text), eager.search(text)
    assert lazy.is_compiled
    assert match is not None and expected is not None and match.group(0) == expected.group(0)
    assert lazy.search(text, 3) is not None and lazy.search(text, 3).span() == eager.search(text, 3).span()  # type: ignore[union-attr]
    assert lazy.match(text) is not None and lazy.match(text, 6) is None
    assert lazy.fullmatch("api-3") is not None and lazy.fullmatch("api-3 ") is None
    assert [m.span() for m in lazy.finditer(text)] == [m.span() for m in eager.finditer(text)]
    assert lazy.sub(r"\g<word>", text) == eager.sub(r"\g<word>", text)
    assert lazy.sub(lambda m: m["word"].upper(), text, count=1) == "WEB and api-3, not -4"


def _original_one_off(word: str) -> re.Pattern[str]:
    """The pattern as it was: each syllable in turn open to any Hangul syllable."""
    return re.compile("|".join(word[:i] + "[가-힣]" + word[i + 1 :] for i in range(len(word))))


def test_the_one_syllable_repair_matches_what_the_per_syllable_pattern_matched() -> None:
    rng = random.Random(19)
    checked = repaired = 0
    for lazy, word in spelling._ONE_OFF:
        original = _original_one_off(word)
        replace = spelling._repair_if_close(word)
        # the word's own syllables, close and far syllables, a Latin letter, a space, a newline
        alphabet = [*word, *word, "가", "힣", "데", "드", "레", "a", " ", "\n", "ㄱ"]
        for _ in range(4000):
            text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 3 * len(word))))
            expected = original.sub(replace, text)
            got = lazy.sub(replace, text) if word[0] in text or word[1] in text else text
            assert got == expected, (word, text)
            checked += 1
            repaired += expected != text
    assert checked and repaired  # the random texts did reach repairs, so the comparison can fail


PROBE = """
import itertools
import json
from klepaas_nlp.rules import interpret, spelling
interpret("test01 상태 보여줘", None)
first = [lazy.is_compiled for lazy, _ in spelling._ONE_OFF]
interpret("디플로이먼트 목록 보여줘", None)
second = {word: lazy.is_compiled for lazy, word in spelling._ONE_OFF}
print(json.dumps({"first": first, "second": second}))
"""


def test_a_command_compiles_no_repair_for_words_it_cannot_hold() -> None:
    done = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, check=True, timeout=60)
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen["first"] and not any(seen["first"])
    assert seen["second"]["디플로이먼트"] is True
    assert seen["second"]["엔드포인트"] is False


def _guarded_patterns() -> list[tuple[str, LazyPattern]]:
    """Every rule pattern that names the words its matches need, with where it is defined."""
    return [(where, pattern) for where, pattern in regex_needs.all_patterns() if pattern.needs]


# What may sit beside a needed word: names, tags, digests, flags, particles, URLs, and the letters
# case-insensitive matching equates with ASCII ones (İ ı ſ K).
_PIECES = [
    "web-app", "K-Le-PaaS/test01", "repo", "nginx:1.25", "registry.local:5000/api:v2", "a1b2c3d", "9f3e2ab",
    "abc123def4567", "dev", "prod", "feature/login", "-n", "--namespace", "=", ":", "/", "@sha256:" + "a" * 64,
    "https://github.com/org/repo", "http://x.y/z", "으로", "로", "를", "은", "에서", "의", "보여줘", "3", "the",
    "İ", "ı", "ſ", "\u212a", "to", "in", "back", "rollback",
]  # fmt: skip


def _variant(word: str, rng: random.Random) -> str:
    exotic = {"i": "İı", "s": "ſ", "k": "\u212a"}
    out = []
    for char in word:
        roll = rng.random()
        if char in exotic and roll < 0.25:
            out.append(rng.choice(exotic[char]))
        elif roll < 0.5:
            out.append(char.upper())
        else:
            out.append(char)
    return "".join(out)


def _texts(needs: tuple[str, ...], rng: random.Random, count: int, source: str = "", flags: int = 0) -> list[str]:
    """Texts around the needed words; with ``source``, also the words the pattern itself spells
    (each alternative's literal) and texts drawn from its structure, so an alternative the needs
    forgot is reached without them."""
    spelled = re.sub(r"\\.", " ", source)  # an escape (\b, \s) is no letter of a word
    words = re.findall(r"[A-Za-z]{2,}|[가-힣]+", spelled)
    # and each word with the next, as an alternative may spell them in a row ("지 마", "do not")
    pairs = [f"{a}{gap}{b}" for a, b in itertools.pairwise(words) for gap in ("", " ")]
    drawn = regex_needs.samples(source, flags, rng, 50) if source else []
    pieces = _PIECES + words + pairs + drawn
    texts = []
    for _ in range(count):
        parts = [rng.choice(pieces) for _ in range(rng.randint(0, 4))]
        for _ in range(rng.randint(0, 2)):
            parts.insert(rng.randint(0, len(parts)), _variant(rng.choice(needs), rng))
        texts.append(rng.choice(["", " ", "  "]).join(parts) if rng.random() < 0.5 else " ".join(parts))
    return texts


def _unguarded_matches(pattern: LazyPattern, texts: list[str]) -> tuple[list[str], int]:
    compiled = re.compile(pattern.source, pattern.flags)
    matched = [text for text in texts if compiled.search(text) is not None]
    return [text for text in matched if not pattern.may_match(text)], len(matched)


def test_the_structure_of_every_guarded_pattern_proves_its_needed_words() -> None:
    """Every way through each guarded pattern passes a literal holding one of its words (read from
    the parse tree, so no match can be missed the way a sampled text might miss one)."""
    guarded = _guarded_patterns()
    assert len(guarded) >= 150  # keyword families, counts, typos, verbs, safety, quoting, references
    unproven = [
        where for where, pattern in guarded if not regex_needs.covers(pattern.source, pattern.flags, pattern.needs)
    ]
    assert unproven == []


def test_the_proof_rejects_needed_words_a_match_can_do_without() -> None:
    assert regex_needs.covers(r"\bns\b|\bnamespaces?\b", re.IGNORECASE, ("ns", "namespace"))
    assert not regex_needs.covers(r"\bns\b|\bnamespaces?\b", re.IGNORECASE, ("namespace",))
    assert not regex_needs.covers(r"deploy(?:ment)?s?|배포", 0, ("deployment", "배포"))  # the suffix is optional
    assert not regex_needs.covers(r"(?:롤백)?목록", 0, ("롤백",))
    assert not regex_needs.covers(r"[가-힣]{2}", 0, ("가",))  # a class too large to read letter by letter
    assert not regex_needs.covers(r"(?!롤백)\w+", 0, ("롤백",))  # a lookahead that must fail reads nothing
    assert regex_needs.covers(r"(?=롤백)\w+", 0, ("롤백",))
    assert regex_needs.covers(r"[재잭]시작", 0, ("재", "잭"))
    assert not regex_needs.covers(r"[재잭]시작", 0, ("재",))
    assert regex_needs.derive(r"\b(?:staus|stauts)\b", re.IGNORECASE) == ("stauts", "staus")


def test_every_match_of_a_guarded_pattern_holds_one_of_its_needed_words() -> None:
    rng = random.Random(1919)
    guarded = _guarded_patterns()
    assert len(guarded) >= 150
    for where, pattern in guarded:
        missed, matched = _unguarded_matches(pattern, _texts(pattern.needs, rng, 2000, pattern.source, pattern.flags))
        assert not missed, (where, missed[:3])
        assert matched, where  # the texts reached matches, so a wrong guard would have shown


def test_the_needed_words_check_catches_a_wrong_guard() -> None:
    wrong = LazyPattern(r"\bbranch\b", re.IGNORECASE, needs=("brunch",))
    missed, _ = _unguarded_matches(wrong, _texts(("branch",), random.Random(3), 300))
    assert missed
    # an alternative left out of the needs is reached through the words the pattern spells
    forgot = LazyPattern(r"\bshell\b|\bsudo\b", re.IGNORECASE, needs=("shell",))
    missed, _ = _unguarded_matches(forgot, _texts(forgot.needs, random.Random(4), 300, forgot.source))
    assert missed
    # the folded İ/ı/ſ are found where re.IGNORECASE finds them
    assert LazyPattern(r"commit", re.IGNORECASE, needs=("commit",)).search("COMMıT 9f3e2ab") is not None
    assert LazyPattern(r"ns", re.IGNORECASE, needs=("ns",)).search("nſ dev") is not None


GUARDED_PROBE = """
import json, sys
sys.path.insert(0, sys.argv[1])
from regex_needs import all_patterns
from klepaas_nlp.rules import interpret
interpret("test01 상태 보여줘", None)
guarded = [(where, p) for where, p in all_patterns() if p.needs]
print(json.dumps({"guarded": len(guarded), "compiled": [where for where, p in guarded if p.is_compiled]}))
"""


def test_the_first_command_compiles_none_of_the_patterns_whose_words_it_lacks() -> None:
    """``make bench``'s first interpretation names no URL, image, branch, commit, namespace,
    join, set-aside phrase or unsafe English word: none of those patterns is compiled for it."""
    from pathlib import Path

    here = str(Path(__file__).resolve().parent)
    done = subprocess.run(
        [sys.executable, "-c", GUARDED_PROBE, here], capture_output=True, text=True, check=True, timeout=60
    )
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen["guarded"] >= 25
    assert seen["compiled"] == []


def _alternations() -> list[tuple[str, LazyAlternation]]:
    import importlib
    import pkgutil

    import klepaas_nlp.rules

    found = []
    for info in pkgutil.iter_modules(klepaas_nlp.rules.__path__):
        module = importlib.import_module(f"klepaas_nlp.rules.{info.name}")
        found += [(f"{info.name}.{name}", v) for name, v in vars(module).items() if isinstance(v, LazyAlternation)]
    return found


def _joined(alternation: LazyAlternation) -> re.Pattern[str]:
    """The one pattern an alternation stands for, each branch a named group."""
    (flags,) = {branch.flags for branch in alternation.branches}
    return re.compile("|".join(f"(?P<b{i}>{b.source})" for i, b in enumerate(alternation.branches)), flags)


def _spans_joined(joined: re.Pattern[str], text: str) -> list[tuple[int, int, int]]:
    return [
        (m.start(), m.end(), next(i for i in range(joined.groups) if m.group(f"b{i}") is not None))
        for m in joined.finditer(text)
    ]


def test_an_alternation_read_branch_by_branch_finds_what_the_joined_pattern_finds() -> None:
    from .test_rules_corpus import load_corpus

    alternations = _alternations()
    assert {where for where, _ in alternations} >= {"numbers._NUMBER_TOKEN", "predicate._STEM"}
    corpus = [case["text"] for case in load_corpus()]
    rng = random.Random(2019)
    for where, alternation in alternations:
        for branch in alternation.branches:  # an empty match would let two matches meet at one place
            assert regex_needs.min_width(branch.source, branch.flags) > 0, where
        joined = _joined(alternation)
        drawn = [s for b in alternation.branches for s in regex_needs.samples(b.source, b.flags, rng, 40)]
        texts = corpus + [
            " ".join(rng.choice(drawn + corpus[:200]) for _ in range(rng.randint(1, 4))) for _ in range(3000)
        ]
        found = whole = 0
        for text in texts + drawn:
            expected = _spans_joined(joined, text)
            got = [(m.start(), m.end(), i) for i, m in alternation.finditer(text)]
            assert got == expected, (where, text)
            found += len(expected)
            full, got_full = joined.fullmatch(text), alternation.fullmatch(text)
            assert (got_full is None) == (full is None), (where, text)
            if full is not None and got_full is not None:
                assert got_full[0] == next(i for i in range(joined.groups) if full.group(f"b{i}") is not None)
                whole += 1
        assert found > 1000, where  # the texts reached many matches of many branches
        assert whole > 20, where  # and whole texts matched, so fullmatch was compared


def test_numbers_are_marked_as_the_one_number_pattern_marked_them() -> None:
    from klepaas_nlp.rules import numbers

    from .test_rules_corpus import load_corpus

    whole = re.compile(numbers.NUMBER, re.IGNORECASE)
    texts = [case["text"] for case in load_corpus()] + [
        "3다섯 five다섯 다섯3 열 두 개 스무 이십오 백 three3 a couple of 2"
    ]
    for text in texts:
        assert numbers.mark_numbers(text) == whole.sub(numbers._marks, text.translate(numbers._TYPED_MARKS)), text
