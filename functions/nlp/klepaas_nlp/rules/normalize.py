"""Text normalisation: full-width and look-alike characters, invisible characters, spacing, typos."""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

from klepaas_nlp.arguments import CommandValidationError
from klepaas_nlp.rules.abbreviations import spelled_out
from klepaas_nlp.rules.foreign import in_korean
from klepaas_nlp.rules.lay_words import in_platform_words
from klepaas_nlp.rules.lazy import LazyPattern
from klepaas_nlp.rules.spelling import repair

MAX_COMMAND_CHARS = 500

# Zero-width and format characters, Hangul fillers, and the invisible "tag" characters used to hide text.
_INVISIBLE = LazyPattern(
    r"[\u00ad\u034f\u115f\u1160\u180e\u200b-\u200f\u2028-\u202f\u2060-\u206f\u3164\ufeff\uffa0\U000e0000-\U000e007f]"
)
_WHITESPACE = LazyPattern(r"\s+")
# A tag in brackets heading a line ("[카톡]", "[긴급]", "[14:20]"): the shape the mail's, the chat's and the
# message's headers share.
BRACKET_TAG = r"\[[^\]\n]{1,20}\]"
# The marks of a forwarded or answered mail and its header fields ("FW:", "Fwd:", "RE:", "CC:", "Subject:"),
# in a header's place (a line's start, before a colon, after any "[tag]"): how the message came, never what
# it acts on. Anywhere else the same letters are a name like any other ("restart fw", "cc 재시작해줘"). "RE:"
# stays: on one line it is "regarding", the topic of the request (operation_talk, lending); a mail's body
# after its subject line is read alone (self_answered.mail_body).
_MAIL_MARKS = LazyPattern(
    rf"^([ \t]*(?:{BRACKET_TAG}[ \t]*)*)(?:(?:fwd?|cc|bcc|subj(?:ect)?|forwarded)[ \t]*:[ \t]*)+",
    re.IGNORECASE | re.MULTILINE,
    needs=(":",),
)
# Emoji, pictographs and their modifiers carry no words: they part the words beside them.
_PICTOGRAPHS = LazyPattern(r"[\U0001f000-\U0001faff\u2600-\u27bf\u2b00-\u2bff\ufe0f\u20e3]")
# The same emoji as a chat types it, by its shortcode between colons (":fire:", ":pray:", ":+1:"): no word
# either. A colon after a word or a number ("ns:prod:", "10:42:") opens none.
_SHORTCODES = LazyPattern(r"(?<![\w:]):[a-z0-9_+-]{2,32}:(?![\w:])", needs=(":",))
# The chat's envelope copied along with a message, at a line's start: a speaker tag after the messenger's or the
# time's brackets ("[카톡] 김인턴: …", "[14:20] 태윤: …", "[오후 3:12] …", "[Minsu] [3:12 PM] …"). It says who
# wrote and when, never what is asked, and its words are no names ("[14:20] Minsu: …"). A tag in capitals
# ("[INFO] deployer: …", "[TODO] …") is a log's level or a tracker's status, read where those are read.
_STAMP = r"\[\s*(?:(?:오전|오후|am|pm)\s*)?\d{1,2}:\d{2}(?::\d{2})?(?:\s*(?:am|pm))?\s*\]"
_TAGS = rf"(?:{BRACKET_TAG}[ \t]*)"
_SPEAKER = r"(?:[^\s\[\]:,.!?()][^\s\[\]:]{0,19}(?:[ \t]?님)?[ \t]*:(?=\s))"
_CHAT_ENVELOPE = LazyPattern(
    rf"^[ \t]*(?:(?P<stamped>{_TAGS}*{_STAMP}[ \t]*{_TAGS}*){_SPEAKER}?|(?P<tagged>{_TAGS}+){_SPEAKER})[ \t]*",
    re.IGNORECASE | re.MULTILINE,
    needs=("[",),
)
_CAPITALS_TAG = LazyPattern(r"\[\s*[A-Z][A-Z0-9_-]+\s*\]|(?<![\w.-])[A-Z][A-Z_-]+[ \t]*:[ \t]*$")
# "@" before a time of day ("restart X @3pm", "@ 14:00", "@midnight") is the "at" it stands for, no mention: the
# change is asked for then, which the rules refuse as they refuse "at 3pm".
_AT_A_TIME = LazyPattern(
    r"(?<![\w.@-])@[ \t]?(?=\d{1,2}(?::\d{2})?[ \t]?(?:am|pm)\b|\d{1,2}:\d{2}\b|(?:midnight|noon)\b)",
    re.IGNORECASE,
    needs=("@",),
)
# Markdown emphasis around words ("**cart-api**", "_urgent_", "*now*"): how the words look, never part of them.
# Only a mark standing outside a word opens or closes it ("my_app_name" keeps its underscores); strikethrough
# (~~x~~) is no emphasis and stays.
_EMPHASIS = LazyPattern(r"(?<![\w*~])(\*\*|__|\*|_)(?=[^\s*_])(.+?)(?<=[^\s*_])\1(?![\w*])", needs=("*", "_"))
# A hashtag beside a request ("#incident", "#배포", "#ops-alerts") files the message under a topic or a channel:
# never a name or a request. An issue's number ("#1182") and a heading ("# title") are no hashtags.
_HASHTAG = LazyPattern(r"(?<![\w&#/])#[^\W\d_][\w-]*", needs=("#",))
# "deploy해줘" and "파드pod" read as two words, so English keywords keep their word boundaries.
_SCRIPT_CHANGE = LazyPattern(r"(?<=[A-Za-z])(?=[가-힣])|(?<=[가-힣])(?=[A-Za-z])")
# "ticket-router3개로": a count typed onto a name, told apart by the counter word after it (and the
# counter's particle or the word's end: "api3개선" is no count); a name's own digits have none.
_GLUED_COUNT = LazyPattern(r"(?<=[A-Za-z])(?=\d{1,3}\s?(?:개|대)(?:으로|로|씩|만|까지|[^가-힣]|$))", needs=("개", "대"))
# "scale web to3": a count typed onto the "to" that takes it to its goal (a name's own digits follow a
# letter or a dash of the name, never the word "to" standing alone).
_GLUED_TO = LazyPattern(r"(?<![\w.-])(to)(?=\d{1,3}(?![\w.:/-]))", re.IGNORECASE)
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


# Hangul typed as loose letters, one key at a time ("ㄹㅗㄹ백"): a consonant, a vowel and maybe a final
# consonant not followed by a vowel of its own make one syllable. Consonants alone ("ㄱ", "ㄴㄴ", "ㅋ"
# after a word) hold no vowel and stay as typed.
_LEADS = "ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ"
_VOWELS = "ㅏㅐㅑㅒㅓㅔㅕㅖㅗㅘㅙㅚㅛㅜㅝㅞㅟㅠㅡㅢㅣ"
_TAILS = " ㄱㄲㄳㄴㄵㄶㄷㄹㄺㄻㄼㄽㄾㄿㅀㅁㅂㅄㅅㅆㅇㅈㅊㅋㅌㅍㅎ"
_LOOSE_SYLLABLE = LazyPattern(f"([{_LEADS}])([{_VOWELS}])([{_TAILS[1:]}](?![{_VOWELS}]))?", needs=tuple(_VOWELS))


def _compose(match: re.Match[str]) -> str:
    lead, vowel, tail = match.group(1), match.group(2), match.group(3) or " "
    return chr(0xAC00 + _LEADS.index(lead) * 588 + _VOWELS.index(vowel) * 28 + _TAILS.index(tail))


# A version dictated with 점 for its dots ("1점2점3", "v2점0"): the version written ("1.2.3"), never a count.
_SPOKEN_VERSION = LazyPattern(r"(?<![\d.])\d+(?:점\d+)+(?![\d.])", needs=("점",))


def _version_dots(match: re.Match[str]) -> str:
    return match[0].replace("점", ".")


def clean_characters(raw: str) -> str:
    """Full-width to half-width, look-alike letters to Latin, invisible characters removed, loose Hangul
    letters composed into syllables; lines kept."""
    # Composed before NFKC, which turns loose letters into conjoining ones and leaves a final one loose.
    text = unicodedata.normalize("NFKC", _LOOSE_SYLLABLE.sub(_compose, raw)).translate(_QUOTES).translate(_HOMOGLYPHS)
    text = _AT_A_TIME.sub("at ", _SHORTCODES.sub(" ", _PICTOGRAPHS.sub(" ", _INVISIBLE.sub("", text))))
    text = _HASHTAG.sub(" ", _EMPHASIS.sub(r"\2", _SPOKEN_VERSION.sub(_version_dots, text)))
    return _MAIL_MARKS.sub(r"\1", _CHAT_ENVELOPE.sub(_without_envelope, text))


def _without_envelope(match: re.Match[str]) -> str:
    """The line without its chat envelope, unless a tag or a speaker in capitals is a log's level or a
    tracker's status ("[INFO] deployer: …", "[14:20:11] ERROR: …")."""
    return match[0] if _CAPITALS_TAG.search(match[0]) is not None else ""


def tidy(text: str) -> str:
    """The closed set's Chinese and Japanese words read as Korean ones, scripts spaced apart, whitespace
    collapsed to single spaces, chat abbreviations spelled out, misspelled command words repaired, lay
    counters of copies read as copies (lay_words)."""
    text = _GLUED_TO.sub(r"\1 ", _GLUED_COUNT.sub(" ", _SCRIPT_CHANGE.sub(" ", in_korean(text))))
    return in_platform_words(repair(spelled_out(_WHITESPACE.sub(" ", text).strip())))


def clean(raw: str) -> str:
    """Everything `clean_characters` and `tidy` do, in one step."""
    return tidy(clean_characters(raw))


# The rules normalise one command's text and its clauses several times over (each concern reads the part it
# needs, ~4 a command); the result depends on the text alone and is immutable. `interpret` empties the cache
# when it starts on a command, so each command pays its own normalisation (the bench's repeated passes too).
@functools.lru_cache(maxsize=128)
def normalise(raw: str) -> NormalisedText:
    text = clean(raw)
    lower = text.lower()
    words = _NAME_LIKE.sub("§", lower)
    return NormalisedText(
        text=text, lower=lower, compact=lower.replace(" ", ""), words=words, words_compact=words.replace(" ", "")
    )
