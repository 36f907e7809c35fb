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
from klepaas_nlp.rules.lazy import LazyPattern


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
    import importlib
    import pkgutil

    import klepaas_nlp.rules

    found: list[tuple[str, LazyPattern]] = []
    for info in pkgutil.iter_modules(klepaas_nlp.rules.__path__):
        module = importlib.import_module(f"klepaas_nlp.rules.{info.name}")
        for name, value in vars(module).items():
            values = value if isinstance(value, tuple) else (value,)
            found += [(f"{info.name}.{name}", v) for v in values if isinstance(v, LazyPattern) and v.needs]
    return found


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


def _texts(needs: tuple[str, ...], rng: random.Random, count: int, source: str = "") -> list[str]:
    """Texts around the needed words; with ``source``, also the words the pattern itself spells
    (each alternative's literal), so an alternative the needs forgot is reached without them."""
    spelled = re.sub(r"\\.", " ", source)  # an escape (\b, \s) is no letter of a word
    words = re.findall(r"[A-Za-z]{2,}|[가-힣]+", spelled)
    # and each word with the next, as an alternative may spell them in a row ("지 마", "do not")
    pairs = [f"{a}{gap}{b}" for a, b in itertools.pairwise(words) for gap in ("", " ")]
    pieces = _PIECES + words + pairs
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


def test_every_match_of_a_guarded_pattern_holds_one_of_its_needed_words() -> None:
    rng = random.Random(1919)
    guarded = _guarded_patterns()
    assert len(guarded) >= 20  # references' patterns, at least
    for where, pattern in guarded:
        missed, matched = _unguarded_matches(pattern, _texts(pattern.needs, rng, 2000, pattern.source))
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
from test_rules_lazy_patterns import _guarded_patterns
from klepaas_nlp.rules import interpret
interpret("test01 상태 보여줘", None)
print(json.dumps({"guarded": len(_guarded_patterns()),
                  "compiled": [where for where, p in _guarded_patterns() if p.is_compiled]}))
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
