"""The rules compile a pattern when a command first reaches it (issue 19: compiling all of them at
import was most of a cold instance's first interpretation), and reading it lazily changes nothing:
the one-syllable repair of a long command word, rewritten to compile cheaply and only when the
text could hold the word, repairs exactly what the original per-syllable pattern repaired."""

from __future__ import annotations

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
