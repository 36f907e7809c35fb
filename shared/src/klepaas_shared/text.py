"""Text said back to people: what a user typed, made safe to echo, and Korean particles after a word.

:func:`displayable` is applied where user text comes in (nlp's command bodies), so every echo of it
(a reply's ``formatted.command``, a suggestion built from it, the history) and everything that
reads it (the rules, the models) see the same clean text. The console renders chat messages as
HTML and some of the text in its terminals' logs: a NUL, an ANSI escape, a right-to-left override
or a byte-order mark in an echoed command can hide or reorder what is shown.

:func:`particle` picks 을/를, 은/는, 이/가, 과/와, 으로/로 by the word's last sound, instead of
writing "배포은(는)".
"""

from __future__ import annotations

import re
import unicodedata

# ANSI escape sequences whole (CSI "ESC [ … final", OSC "ESC ] … BEL|ST", two-byte ESC X, C1 CSI):
# removing only the ESC left "[31m" in the text, which was then read as words ("31m 재시작해줘").
_ANSI = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[@-Z\\-_]|\x9b[0-?]*[ -/]*[@-~]")
# Line and paragraph breaks and tabs separate words: they become a space, not nothing.
_BREAKS = frozenset("\t\n\r\x0b\x0c\x1c\x1d\x1e\x1f\x85\u2028\u2029")
# Control (Cc), format (Cf: bidi overrides and isolates, U+FEFF, zero-width marks) and lone
# surrogates (Cs): never part of a command, invisible or reordering when shown.
_DROPPED = frozenset({"Cc", "Cf", "Cs"})


def displayable(text: str) -> str:
    """``text`` without escape sequences, control, bidi-override and other invisible format
    characters (breaks become spaces), trimmed; printable text, Hangul included, is kept as typed."""
    text = _ANSI.sub("", text)
    kept = []
    for char in text:
        if char in _BREAKS:
            kept.append(" ")
        elif char.isprintable() or char == " " or unicodedata.category(char) not in _DROPPED:
            kept.append(char)
    return "".join(kept).strip()


_PAIRS = {
    "을": ("을", "를"),
    "를": ("을", "를"),
    "은": ("은", "는"),
    "는": ("은", "는"),
    "이": ("이", "가"),
    "가": ("이", "가"),
    "과": ("과", "와"),
    "와": ("과", "와"),
    "으로": ("으로", "로"),
    "로": ("으로", "로"),
}
# How a word that does not end in Hangul is read aloud, by its end: digits as Sino-Korean numbers
# (영 일 삼 육 칠 팔 end in a consonant, 일 칠 팔 in ㄹ); an acronym by its letters' names (엘 엠 엔 알);
# any other word as Korean says it ("app" 앱, "web" 웹, "portal" 포털, "nginx" 엔진엑스, "server" 서버).
_CLOSED_DIGITS, _RIEUL_DIGITS = frozenset("013678"), frozenset("178")
_CLOSED_LETTER_NAMES, _RIEUL_LETTER_NAMES = frozenset("LMNR"), frozenset("LR")
_CLOSED_ENDINGS = ("b", "ck", "k", "l", "m", "n", "ng", "p", "t", "ame", "ime", "ome", "ume", "ne", "le")
# A silent e after m (a vowel before it), n or l leaves that consonant last: "name" 네임, "pipeline"
# 파이프라인, "scale" 스케일; "acme" 애크미 keeps its vowel.
_RIEUL_ENDINGS = ("l", "le")


def _final(word: str) -> tuple[bool, bool]:
    """(ends in a consonant, that consonant is ㄹ) as ``word`` is read aloud."""
    stripped = word.rstrip(" )]}\"'.,")
    if not stripped:
        return False, False
    last = stripped[-1]
    if "가" <= last <= "힣":
        tail = (ord(last) - 0xAC00) % 28
        return tail != 0, tail == 8
    if last.isdigit():
        return last in _CLOSED_DIGITS, last in _RIEUL_DIGITS
    ending = re.search(r"[A-Za-z]+$", stripped)
    if ending is None:
        return False, False
    letters = ending.group()
    if (letters.isupper() and len(letters) <= 4) or len(letters) == 1:
        # An acronym, or one letter standing alone ("team-b" 팀비, "plan-x" 플랜엑스): its letters' names.
        last = letters[-1].upper()
        return last in _CLOSED_LETTER_NAMES, last in _RIEUL_LETTER_NAMES
    lowered = letters.lower()
    return lowered.endswith(_CLOSED_ENDINGS), lowered.endswith(_RIEUL_ENDINGS)


def particle(word: str, which: str) -> str:
    """``word`` followed by the form of the particle ``which`` (either form: "을" or "를", …) its
    last sound takes: particle("배포", "은") is "배포는", particle("sample-app", "을") "sample-app을"."""
    closed, rieul = _final(word)
    after_consonant, after_vowel = _PAIRS[which]
    if after_consonant == "으로":
        return word + (after_consonant if closed and not rieul else after_vowel)
    return word + (after_consonant if closed else after_vowel)
