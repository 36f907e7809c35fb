"""Classes of Hangul syllables the rules read endings by, built once from the Unicode layout
(initial × 588 + vowel × 28 + final, from U+AC00)."""

from __future__ import annotations

_FIRST, _COUNT = 0xAC00, 11172


def syllables(final: int | None = None, vowels: frozenset[int] | None = None) -> str:
    """Every syllable with final consonant index `final` (0 for none) and, if given, one of `vowels`."""
    return "".join(
        chr(_FIRST + code)
        for code in range(_COUNT)
        if (final is None or code % 28 == final) and (vowels is None or code % 588 // 28 in vowels)
    )


# The vowels of a verb's -아/-어 form (ㅏ ㅐ ㅓ ㅔ ㅕ ㅘ ㅙ ㅝ ㅞ).
INFLECTED_VOWELS = frozenset({0, 1, 4, 5, 6, 9, 10, 14, 15})
# Those the form leaves when it contracts into a stem's last syllable (ㅣ+ㅓ → ㅕ, ㅗ+ㅏ → ㅘ, ㅚ+ㅓ → ㅙ, ㅜ+ㅓ → ㅝ);
# no loanword noun ends in them open (loanwords end in ㅓ: 워커, 서버, 컨슈머).
CONTRACTED_VOWELS = frozenset({6, 9, 10, 14})

FINAL_N = syllables(final=4)  # final ㄴ: the past adnominal (한, 된) and -ㄴ데 (그런데)
FINAL_L = syllables(final=8)  # final ㄹ: the future adnominal (할, 갈, 늘릴)
FINAL_M = syllables(final=16)  # final ㅁ: the chat statement (튐, 됨, 남)
PAST = syllables(final=20)  # final ㅆ: the past (했, 됐, 었, 바꿨)
INFLECTED = syllables(final=0, vowels=INFLECTED_VOWELS)  # an open -아/-어 form: 나, 해, 돼, 혀
CONTRACTED = syllables(final=0, vowels=CONTRACTED_VOWELS)  # an open contracted form: 텨, 바꿔, 놔, 돼
