"""Text normalisation: full-width characters, invisible characters, spacing and common typos."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from klepaas_nlp.arguments import CommandValidationError

MAX_COMMAND_CHARS = 500

_INVISIBLE = re.compile(r"[\u200b-\u200f\u2028-\u202f\u2060-\u206f\ufeff\u00ad]")
_WHITESPACE = re.compile(r"\s+")
# "deploy해줘" and "파드pod" read as two words, so English keywords keep their word boundaries.
_SCRIPT_CHANGE = re.compile(r"(?<=[A-Za-z])(?=[가-힣])|(?<=[가-힣])(?=[A-Za-z])")
_QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "×": "x", "～": "~", "。": "."})

# Each pair rewrites a frequent misspelling to the form the classifier knows.
_TYPOS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"롤\s*[벡빽뺵뱩]"), "롤백"),
    (re.compile(r"(해|려|여|워|봐|줘|켜|쳐)\s*[죠조쥬]"), r"\1줘"),
    (re.compile(r"헤\s*줘"), "해줘"),
    (re.compile(r"스\s*[캐켸]\s*일"), "스케일"),
    (re.compile(r"스\s*켈\s*링"), "스케일링"),
    (re.compile(r"제\s*시\s*작"), "재시작"),
    (re.compile(r"재\s*싲\s*가"), "재시작"),
    (re.compile(r"디플로이\s*먼[츠드트]"), "디플로이먼트"),
    (re.compile(r"네임\s*스[페패]이스"), "네임스페이스"),
    (re.compile(r"배\s*표"), "배포"),
    (re.compile(r"목\s*[룍륵]"), "목록"),
    (re.compile(r"\broll?\s*bak\b|\brol+back\b|\brollabck\b", re.IGNORECASE), "rollback"),
    (re.compile(r"\b(?:depoly|deplyo|delpoy|dpeloy|deply)\b", re.IGNORECASE), "deploy"),
    (re.compile(r"\b(?:restrat|retsart|resart|restar)\b", re.IGNORECASE), "restart"),
    (re.compile(r"\b(?:sacle|scael|scal)\b", re.IGNORECASE), "scale"),
    (re.compile(r"\b(?:staus|stauts|satus|statsu)\b", re.IGNORECASE), "status"),
    (re.compile(r"\b(?:namspace|namesapce|namepsace)(s?)\b", re.IGNORECASE), r"namespace\1"),
    (re.compile(r"\b(?:sevice|serivce|servcie|servise)(s?)\b", re.IGNORECASE), r"service\1"),
    (re.compile(r"\b(?:replcias|repilcas|replica's)\b", re.IGNORECASE), "replicas"),
)


@dataclass(frozen=True, slots=True)
class NormalisedText:
    """One command in three forms: as typed (cleaned), lower-cased, and lower-cased without spaces."""

    text: str
    lower: str
    compact: str


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


def clean(raw: str) -> str:
    """Full-width to half-width, invisible characters removed, whitespace collapsed, typos fixed."""
    text = unicodedata.normalize("NFKC", raw).translate(_QUOTES)
    text = _INVISIBLE.sub("", text)
    text = _SCRIPT_CHANGE.sub(" ", text)
    text = _WHITESPACE.sub(" ", text).strip()
    for pattern, replacement in _TYPOS:
        text = pattern.sub(replacement, text)
    return text


def normalise(raw: str) -> NormalisedText:
    text = clean(raw)
    lower = text.lower()
    return NormalisedText(text=text, lower=lower, compact=lower.replace(" ", ""))
