"""Text normalisation: full-width and look-alike characters, invisible characters, spacing, typos."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from klepaas_nlp.arguments import CommandValidationError
from klepaas_nlp.rules.lazy import LazyPattern
from klepaas_nlp.rules.spelling import repair

MAX_COMMAND_CHARS = 500

# Zero-width and format characters, Hangul fillers, and the invisible "tag" characters used to hide text.
_INVISIBLE = LazyPattern(
    r"[\u00ad\u034f\u115f\u1160\u180e\u200b-\u200f\u2028-\u202f\u2060-\u206f\u3164\ufeff\uffa0\U000e0000-\U000e007f]"
)
_WHITESPACE = LazyPattern(r"\s+")
# "deploy해줘" and "파드pod" read as two words, so English keywords keep their word boundaries.
_SCRIPT_CHANGE = LazyPattern(r"(?<=[A-Za-z])(?=[가-힣])|(?<=[가-힣])(?=[A-Za-z])")
# "ticket-router3개로": a count typed onto a name, told apart by the counter word after it (and the
# counter's particle or the word's end: "api3개선" is no count); a name's own digits have none.
_GLUED_COUNT = LazyPattern(r"(?<=[A-Za-z])(?=\d{1,3}\s?(?:개|대)(?:으로|로|씩|만|까지|[^가-힣]|$))", needs=("개", "대"))
_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'", "×": "x", "～": "~", "。": "."})
# Cyrillic and Greek letters that look like Latin ones ("rоllback" with a Cyrillic о) read as Latin.
_HOMOGLYPHS = str.maketrans(
    "аеорсухіјѕԁһӏАВЕКМНОРСТХІЈЅαοντιкмнѵԝɡ",
    "aeopcyxijsdhlABEKMHOPCTXIJSaovtikmhvwg",
)


# A name ("billing-deploy", "K-Le-PaaS/test01", "shop:1.4.2") is never a command word, whatever it contains.
# A kind prefix ("svc/payments") stays readable: it says what the name is.
_NAME_LIKE = LazyPattern(
    r"(?<![a-z0-9])(?!(?:pods?|po|svc|services?|deployments?|deploy|ns|namespaces?)/)[a-z0-9]+(?:[-_./:@][a-z0-9]+)+",
    needs=("-", ".", "/", ":", "@", "_"),
)


@dataclass(frozen=True, slots=True)
class NormalisedText:
    """One command as typed (cleaned), lower-cased, and lower-cased without spaces.

    `words` and `words_compact` are the last two with every name-like token replaced by "§", so
    that keywords are looked for in the command's own words only.
    """

    text: str
    lower: str
    compact: str
    words: str = ""
    words_compact: str = ""


def check_length(raw: str) -> None:
    stripped = raw.strip()
    if not stripped:
        raise CommandValidationError("명령이 비어 있습니다.", "The command is empty.", field="command")
    if len(stripped) > MAX_COMMAND_CHARS:
        raise CommandValidationError(
            f"명령은 {MAX_COMMAND_CHARS}자 이하여야 합니다 (현재 {len(stripped)}자).",
            f"A command must be at most {MAX_COMMAND_CHARS} characters (got {len(stripped)}).",
            field="command",
        )


# Hangul typed as loose letters, one key at a time ("ㄹㅗㄹ백"): NFKC composes a consonant and its vowel
# into a syllable but leaves the final consonant loose ("로ᄅ백"); inside a word (a syllable on both
# sides) it is that syllable's final. Consonants alone ("ㄱ", "ㄴㄴ") are chat words and stay.
_LEADS_AS_TAILS = {lead: tail for tail, lead in enumerate("\0ᄀᄁ\0ᄂ\0\0ᄃᄅ\0\0\0\0\0\0\0ᄆᄇ\0ᄉᄊᄋᄌᄎᄏᄐᄑᄒ") if lead != "\0"}
_LOOSE_FINAL = LazyPattern("(?<=[가-힣])([" + "".join(_LEADS_AS_TAILS) + "])(?=[가-힣])", needs=tuple(_LEADS_AS_TAILS))


def _attach_loose_finals(text: str) -> str:
    """Each loose final consonant inside a word joined to the open syllable before it."""
    out: list[str] = []
    for index, char in enumerate(text):
        before = out[-1] if out else ""
        after = text[index + 1] if index + 1 < len(text) else ""
        if (
            char in _LEADS_AS_TAILS
            and "가" <= before <= "힣"
            and (ord(before) - 0xAC00) % 28 == 0
            and "가" <= after <= "힣"
        ):
            out[-1] = chr(ord(before) + _LEADS_AS_TAILS[char])
        else:
            out.append(char)
    return "".join(out)


def clean_characters(raw: str) -> str:
    """Full-width to half-width, look-alike letters to Latin, invisible characters removed, loose Hangul
    letters composed into syllables; lines kept."""
    text = unicodedata.normalize("NFKC", raw).translate(_QUOTES).translate(_HOMOGLYPHS)
    text = _INVISIBLE.sub("", text)
    return _attach_loose_finals(text) if _LOOSE_FINAL.search(text) else text


def tidy(text: str) -> str:
    """Scripts spaced apart, whitespace collapsed to single spaces, misspelled command words repaired."""
    text = _GLUED_COUNT.sub(" ", _SCRIPT_CHANGE.sub(" ", text))
    return repair(_WHITESPACE.sub(" ", text).strip())


def clean(raw: str) -> str:
    """Everything `clean_characters` and `tidy` do, in one step."""
    return tidy(clean_characters(raw))


def normalise(raw: str) -> NormalisedText:
    text = clean(raw)
    lower = text.lower()
    words = _NAME_LIKE.sub("§", lower)
    return NormalisedText(
        text=text, lower=lower, compact=lower.replace(" ", ""), words=words, words_compact=words.replace(" ", "")
    )
