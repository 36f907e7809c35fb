"""Misspellings repaired before matching.

Five kinds: frequent typos listed by hand; ㅐ typed for ㅔ or the reverse in a Korean command
word ("베포"); two neighbouring letters swapped in an English command word ("lgos", "lsit") or one
letter dropped from a long one ("ingres", "namespces"); a slipped final consonant in a Korean
command word ("재시잘"); and, in a command word of four syllables or more, one syllable that shares
its first consonant or its vowel with the right one ("엔드포인드", "인그래스"). Words are also
typed as they sound: a plain first consonant made tense ("서비쓰"), a y-vowel after ㅈ/ㅊ ("이젼").
Only whole words are repaired, and only towards command words, so names are never rewritten.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from klepaas_nlp.rules.lazy import LazyPattern
from klepaas_nlp.rules.vocabulary import is_stopword

_TYPOS: tuple[tuple[LazyPattern, str | Callable[[re.Match[str]], str]], ...] = (
    (LazyPattern(r"롤\s*[벡빽뺵뱩]", needs=("롤",)), "롤백"),
    (LazyPattern(r"(해|려|여|워|봐|줘|켜|쳐)\s*[죠조쥬]", needs=("조", "죠", "쥬")), r"\1줘"),
    (LazyPattern(r"헤\s*줘", needs=("헤",)), "해줘"),
    (LazyPattern(r"스\s*[캐켸]\s*일", needs=("스",)), "스케일"),
    (LazyPattern(r"스\s*켈\s*링", needs=("스",)), "스케일링"),
    # Only as a word of its own: 제 ending another word ("언제 시작", "이제 시작", "문제 시작") is no typo of 재.
    (LazyPattern(r"(?<![가-힣])제\s*시\s*작", needs=("제",)), "재시작"),
    (LazyPattern(r"재\s*싲\s*가", needs=("재",)), "재시작"),
    (LazyPattern(r"디플로이\s*먼[츠드트]", needs=("디플로이",)), "디플로이먼트"),
    (LazyPattern(r"네임\s*스[페패]이스", needs=("네임",)), "네임스페이스"),
    (LazyPattern(r"배\s*표", needs=("배",)), "배포"),
    # The polite ending 요 as chat types it, 여, after the endings it closes ("해주세여", "봐줘여", "늘려여").
    (
        LazyPattern(r"(?:세여|해여|줘여|봐여|려여)(?![가-힣])", needs=("세여", "해여", "줘여", "봐여", "려여")),
        lambda match: match[0][0] + "요",
    ),
    # The vowel of 포 slipped to a neighbouring key ("배퍼해줘", "배퓨해줘") or doubled into ㅘ, before the
    # verb 하다 only.
    (LazyPattern(r"배\s*[퍼파푸퐈퓨펴]\s*(?=해|하)", needs=("배",)), "배포"),
    (LazyPattern(r"목\s*[룍륵]", needs=("목",)), "목록"),
    # 상태 with its ㅐ typed as ㅔ (or Shift held: ㅒ, ㅖ), as a word's start ("상테 알려줘"); not the start of
    # 테스트 after 상 ("현상테스트").
    (
        LazyPattern(
            r"(?<![가-힣])(?:상테|상턔|상톄|상 테|상 턔|상 톄)(?!스)",
            needs=("상테", "상턔", "상톄", "상 테", "상 턔", "상 톄"),
        ),
        "상태",
    ),
    # The native numerals 세 (3) and 네 (4) typed with ㅐ ("새개로", "내 개까지"), before the counter 개 and
    # its particle: "새 개" (a new dog) and "내 개" (my dog) are nothing a command says.
    (
        LazyPattern(r"(?<![가-힣])([새내])(?=\s?개(?:로|으로|까지|만|씩))", needs=("새", "내")),
        lambda match: "세" if match.group(1) == "새" else "네",
    ),
    # ㅛ typed as ㅠ in 비용 ("비융"); 화 lost its ㅘ to ㅏ in 최적화 ("최적하", not a word on its own).
    (LazyPattern(r"비\s*융", needs=("비",)), "비용"),
    (LazyPattern(r"최\s*적\s*하(?![가-힣])", needs=("최",)), "최적화"),
    # 화 typed with ㅇ for ㅎ ("최적와"): 최적 ends in ㄱ, so 와 is never its particle.
    (LazyPattern(r"최\s*적\s*와", needs=("최",)), "최적화"),
    # 계 typed with Shift held, ㄲ for ㄱ ("2단꼐"): no word is spelled 단꼐 or 단께.
    (LazyPattern(r"단\s*[꼐께]", needs=("단",)), "단계"),
    # ㅕ typed as its one-stroke-short ㅓ (or the reverse) in 명령어.
    (LazyPattern(r"[명멍]\s*[령렁]\s*어", needs=("명", "멍")), "명령어"),
    (LazyPattern(r"\bteh\b", re.IGNORECASE, needs=("teh",)), "the"),
    # "what" as chat spells it ("wat", "wut", "wht"), and "cmds" shortened from "commands" (the lone
    # "cmd" is another tool's shell).
    (
        LazyPattern(
            r"(?<![\w./:-])(?:wat|wut|wht|whut)(?![\w./:-])", re.IGNORECASE, needs=("wat", "wut", "wht", "whut")
        ),
        "what",
    ),
    (LazyPattern(r"(?<![\w./:-])cmds(?![\w./:-])", re.IGNORECASE, needs=("cmds",)), "commands"),
    (LazyPattern(r"\broll?\s*bak\b|\brol+back\b|\brollabck\b", re.IGNORECASE, needs=("ro",)), "rollback"),
    (
        LazyPattern(
            # The final y typed as the i it sounds like ("deploi", "depoli").
            r"\b(?:depoly|deplyo|delpoy|dpeloy|deply|deploi|depoli)\b",
            re.IGNORECASE,
            needs=("delpoy", "depoly", "dpeloy", "deply", "deploi", "depoli"),
        ),
        "deploy",
    ),
    (
        LazyPattern(
            r"\b(?:restrat|retsart|resart|restar)\b", re.IGNORECASE, needs=("restrat", "retsart", "resart", "restar")
        ),
        "restart",
    ),
    (LazyPattern(r"\b(?:sacle|scael|scal)\b", re.IGNORECASE, needs=("sacle", "scael", "scal")), "scale"),
    # "please" with a letter dropped or two swapped ("plese", "pelase"); "lease" and "pleas" are words.
    (
        LazyPattern(
            r"\b(?:plese|plase|pleae|pleaes|pelase|plaese|pleaase|pleasee|plsease)\b",
            re.IGNORECASE,
            needs=("ple", "pla", "pel", "pls"),
        ),
        "please",
    ),
    (
        LazyPattern(r"\b(?:staus|stauts|satus|statsu)\b", re.IGNORECASE, needs=("statsu", "stauts", "satus", "staus")),
        "status",
    ),
    (
        LazyPattern(
            r"\b(?:namspace|namesapce|namepsace)(s?)\b", re.IGNORECASE, needs=("namepsace", "namesapce", "namspace")
        ),
        r"namespace\1",
    ),
    (
        LazyPattern(
            r"\b(?:sevice|serivce|servcie|servise)(s?)\b",
            re.IGNORECASE,
            needs=("serivce", "servcie", "servise", "sevice"),
        ),
        r"service\1",
    ),
    (
        LazyPattern(r"\b(?:replcias|repilcas|replica's)\b", re.IGNORECASE, needs=("replica's", "repilcas", "replcias")),
        "replicas",
    ),
)

# Kind words clipped to their first syllables in chat, as a whole word ("디플 목록", "디플들 상태"):
# the word they clip, never the start of a longer one ("디플로이").
_CLIPPINGS: tuple[tuple[LazyPattern, str], ...] = (
    (LazyPattern(r"(?<![가-힣A-Za-z])디플(?![로레가-깋나-닣])", needs=("디플",)), "디플로이먼트"),
    (LazyPattern(r"(?<![가-힣A-Za-z])인그(?![레래라리가-깋나-닣])", needs=("인그",)), "인그레스"),
    # "레플 3개로", "레플 수": the replica count's noun clipped the same way (not 레플리카 itself, nor 레플렉스).
    (LazyPattern(r"(?<![가-힣A-Za-z])레플(?![리렉레라가-깋나-닣])", needs=("레플",)), "레플리카"),
)

_ENGLISH_COMMAND_WORDS = (
    "deploy",
    "restart",
    "rollback",
    "roll",
    "history",
    "revert",
    "reboot",
    "scale",
    "status",
    "logs",
    "pods",
    "service",
    "services",
    "namespace",
    "namespaces",
    "replicas",
    # What a rollback counts back ("roll back X 2 versions").
    "version",
    "versions",
    "deployment",
    "deployments",
    "endpoint",
    "endpoints",
    "ingress",
    "ingresses",
    "overview",
    "list",
    "show",
    "what",
    "check",
    "describe",
    "help",
    "command",
    "commands",
    # The words that say which commands ("list available commands", "supported commands").
    "available",
    "supported",
    # Environments and analyses are the closed vocabulary's nouns as much as the verbs are.
    "production",
    "prod",
    "staging",
    "development",
    "forecast",
    "optimization",
)
_KOREAN_COMMAND_WORDS = (
    "재시작",
    # 재시작's Sino-Korean twin ("재기동"), slipped as it is ("제기동").
    "재기동",
    "재배포",
    "스케일",
    "레플리카",
    "복제본",
    "네임스페이스",
    "디플로이먼트",
    "엔드포인트",
    "인그레스",
    "오버뷰",
    "컨테이너",
    # Environments are the closed vocabulary's nouns as much as the verbs are ("스태이징").
    "스테이징",
    "프로덕션",
)


def _swaps(word: str) -> set[str]:
    return {word[:i] + word[i + 1] + word[i] + word[i + 2 :] for i in range(len(word) - 1) if word[i] != word[i + 1]}


def _drops(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))} if len(word) >= 6 else set()


# The verbs of what is refused slip as much as the verbs of what is done ("deleet X", "remvoe X"): repaired, so a
# typo never turns a refused request into a read of its object.
_REFUSED_WORDS = ("delete", "remove", "destroy", "uninstall")
# "with" marks a change's arguments ("with 2 replicas", "with image …"): slipped ("wiht 2 replicas"), it must not
# be left as a word that could be a name.
_ARGUMENT_PREPOSITIONS = ("with",)
_SWAPPED = {
    swap: word
    for word in (*_ENGLISH_COMMAND_WORDS, *_REFUSED_WORDS, *_ARGUMENT_PREPOSITIONS)
    for swap in _swaps(word) | _drops(word)
}
for _word in (*_ENGLISH_COMMAND_WORDS, *_REFUSED_WORDS, *_ARGUMENT_PREPOSITIONS):
    _SWAPPED.pop(_word, None)
for _word in tuple(_SWAPPED):
    if is_stopword(_word):  # "stats" or "replica" are words of their own
        _SWAPPED.pop(_word)
_ENGLISH_TOKEN = LazyPattern(r"(?<![A-Za-z0-9_.-])[A-Za-z]{4,}(?![A-Za-z0-9_-])")


def _any_final(syllable: str) -> str:
    """A character class for `syllable` with any final consonant (or none)."""
    base = 0xAC00 + (ord(syllable) - 0xAC00) // 28 * 28
    return f"[{chr(base)}-{chr(base + 27)}]"


def _with_any_final(syllable: str) -> tuple[str, ...]:
    """`syllable` with each final consonant (or none): what `_any_final` matches, letter by letter."""
    base = 0xAC00 + (ord(syllable) - 0xAC00) // 28 * 28
    return tuple(chr(code) for code in range(base, base + 28))


# Every match holds the word's second syllable, whatever its final consonant (any syllable would do;
# first syllables such as 보, 이, 오 or 스 begin many other words).
_SLIPPED = tuple(
    (LazyPattern("".join(_any_final(syllable) for syllable in word), needs=_with_any_final(word[1])), word)
    for word in _KOREAN_COMMAND_WORDS
)
# A read verb typed with one of its letters left out ("shw", "lst", "chck", "sho", "lis"), opening the command
# and followed by what it reads: short words lose letters most (a vowel, or the last key as the typist
# hurries), and no name stands first before "logs for". The first letter stays: it is what was meant to begin.
_READ_VERBS = ("show", "list", "view", "check", "print", "fetch", "tell", "give")
_CLIPPED_VERBS = {
    typo: word
    for word in _READ_VERBS
    for i in range(1, len(word))
    if len(typo := word[:i] + word[i + 1 :]) > 2 and typo not in _READ_VERBS and not is_stopword(typo)
}
_CLIPPED_READ = LazyPattern(
    r"(?:^|(?<=[.!?,]\s))(" + "|".join(sorted(_CLIPPED_VERBS)) + r")(?=\s+(?:me\b|the\b|all\b|[a-z]+s\b))",
    re.IGNORECASE,
)
_LONG_WORD_SYLLABLES = 4
# Each long word with any one syllable open (any Hangul syllable); a match is kept only when that
# syllable is close. The lookahead says "all syllables" once, so the pattern holds one Hangul class
# instead of one per syllable (each costs the compiler ~0.4 ms), and the pattern is compiled by the
# first text that could hold the word: with one syllable open, its first or its second is as written.
_ONE_OFF = tuple(
    (
        LazyPattern(
            f"(?=[가-힣]{{{len(word)}}})(?:" + "|".join(word[:i] + "." + word[i + 1 :] for i in range(len(word))) + ")"
        ),
        word,
    )
    for word in _KOREAN_COMMAND_WORDS
    if len(word) >= _LONG_WORD_SYLLABLES
)


def _jamo(syllable: str) -> tuple[int, int, int]:
    code = ord(syllable) - 0xAC00
    return code // 588, code % 588 // 28, code % 28


_AE, _E = 1, 5  # the vowels ㅐ and ㅔ, which sound alike and are often typed for each other ("베포")
# ㅒ and ㅖ are the same keys with Shift held ("삭졔"): typed for ㅐ or ㅔ as easily.
_YAE, _YE = 3, 7


def _either_vowel(syllable: str) -> str:
    lead, vowel, tail = _jamo(syllable)
    if vowel not in (_AE, _E):
        return syllable
    return "[" + "".join(chr(0xAC00 + lead * 588 + v * 28 + tail) for v in (_AE, _E, _YAE, _YE)) + "]"


# Command words with ㅐ or ㅔ, matched with either vowel in each such syllable.
def _with_either_vowel(syllable: str) -> tuple[str, ...]:
    """What `_either_vowel` matches, letter by letter."""
    return tuple(_either_vowel(syllable).strip("[]"))


# Every match begins with the word's first syllable, with either vowel. 삭제 is no command but the
# deletion the safety rules refuse: a slip must not hide it from them ("삭졔해줘").
_VOWEL_SLIPS = tuple(
    (LazyPattern("".join(_either_vowel(syllable) for syllable in word), needs=_with_either_vowel(word[0])), word)
    for word in (*_KOREAN_COMMAND_WORDS, "배포", "삭제")
    if any(_jamo(syllable)[1] in (_AE, _E) for syllable in word)
)


def _close(typed: str, word: str) -> bool:
    """One syllable differs, and shares its first consonant or its vowel with the right one."""
    differing = [(a, b) for a, b in zip(typed, word, strict=True) if a != b]
    if len(differing) != 1:
        return False
    got, want = (_jamo(syllable) for syllable in differing[0])
    return got[0] == want[0] or got[1] == want[1]


_COMMAND_WORDS = frozenset(_ENGLISH_COMMAND_WORDS)
_LONG_ENGLISH = 6
_REPEATED_LETTER = re.compile(r"([a-z])\1+")


def _single_letters(word: str) -> str:
    """`word` with each run of one letter typed once: "rool" and "roll" are both "rol"."""
    return _REPEATED_LETTER.sub(r"\1", word)


# A letter doubled or a double letter typed once, or both at once ("rool" for roll, "stattus").
_BY_SINGLE_LETTERS = {_single_letters(word): word for word in _ENGLISH_COMMAND_WORDS}


def _unswap(match: re.Match[str]) -> str:
    """The command word a token misspells: letters swapped or one dropped, a letter doubled or a
    double one single, or one letter too many ("ingresss", "deplooy") in a long word; any other
    token as typed."""
    token = match.group(0)
    lowered = token.lower()
    if lowered in _SWAPPED:
        return _SWAPPED[lowered]
    if lowered.endswith("z") and f"{lowered[:-1]}s" in _COMMAND_WORDS:
        # Chat spells a plural's s as z ("logz", "podz"): the command word it stands for.
        return f"{lowered[:-1]}s"
    single = _single_letters(lowered)
    if single in _BY_SINGLE_LETTERS and lowered not in _COMMAND_WORDS and not is_stopword(lowered):
        return _BY_SINGLE_LETTERS[single]
    if len(lowered) > _LONG_ENGLISH and not is_stopword(lowered):
        extra = (lowered[:i] + lowered[i + 1 :] for i in range(len(lowered)))
        return next((word for word in extra if word in _COMMAND_WORDS), token)
    return token


# Vowel keys side by side on the standard (dubeolsik) keyboard, top row ㅛㅕㅑㅐㅔ, then ㅗㅓㅏㅣ, then
# ㅠㅜㅡ, by their index in the Unicode vowel order; ㅗ and ㅜ, the two rounded vowels, one key apart
# across the rows ("목룩"); and compound vowels typed with one key missing.
# A compound's second half slips too: ㅣ lies under ㅐ and ㅔ, so ㅚ becomes ㅙ ("쵀적화") and ㅟ ㅞ.
_NEIGHBOUR_VOWELS = (
    *((12, 6), (6, 2), (2, 1), (1, 5), (8, 4), (4, 0), (0, 20), (17, 13), (13, 18), (8, 13)),
    *((11, 10), (16, 15)),
)
_HALF_VOWELS = {9: (8, 0), 10: (8, 1), 11: (8, 20), 14: (13, 4), 15: (13, 5), 16: (13, 20), 19: (18, 20)}
# Command words short enough that a slipped vowel is their only likely typo, each with the slips that
# make no other word of a command ("로구" is 로그, "롤뱍" 롤백, "현항" 현황, "햐줘" 해줘); the list nouns
# (목록, 이력) among them.
_SHORT_COMMAND_WORDS = ("로그", "롤백", "배포", "현황", "목록", "이력")
# The cost analysis's kinds are command words too, slipped the same way ("쵀적화", "예츠").
_ANALYSIS_WORDS = ("최적화", "예측")


def _slipped_vowels(syllable: str, *, halves: bool) -> set[str]:
    lead, vowel, tail = _jamo(syllable)
    others = {b for a, b in _NEIGHBOUR_VOWELS if a == vowel} | {a for a, b in _NEIGHBOUR_VOWELS if b == vowel}
    if halves:
        others |= set(_HALF_VOWELS.get(vowel, ()))
    return {chr(0xAC00 + lead * 588 + other * 28 + tail) for other in others}


def _over_typed(syllable: str) -> set[str]:
    """`syllable` with one vowel key too many, its simple vowel grown into a compound ("그" to "긔")."""
    lead, vowel, tail = _jamo(syllable)
    return {chr(0xAC00 + lead * 588 + whole * 28 + tail) for whole, halves in _HALF_VOWELS.items() if vowel in halves}


def _vowel_typos(word: str, *, halves: bool = True) -> dict[str, str]:
    slips = {
        word[:i] + slipped + word[i + 1 :]: word
        for i, syllable in enumerate(word)
        for slipped in _slipped_vowels(syllable, halves=halves)
    }
    if halves:  # an extra key at the word's end, as the typist finishes it ("로긔")
        slips |= {word[:-1] + grown: word for grown in _over_typed(word[-1])}
    return slips


# 해줘 loses no half of its ㅝ: "해주세요" is right as typed.
_KEY_SLIPS = {
    typo: word
    for typo, word in {
        **{
            typo: word
            for word in (*_SHORT_COMMAND_WORDS, *_ANALYSIS_WORDS)
            for typo, word in _vowel_typos(word).items()
        },
        **_vowel_typos("해줘", halves=False),
    }.items()
    if not is_stopword(typo)
}
# Not before 나 or 먼: "…로구나" is an exclamation.
_KEY_SLIPPED = LazyPattern(
    "(?:" + "|".join(sorted(_KEY_SLIPS, key=len, reverse=True)) + ")(?![나먼])", needs=tuple(_KEY_SLIPS)
)
# A final consonant struck on the open last syllable of a short command word, right before its verb
# 하다 ("배퐇해줘", "로극해"): before the verb the word can be nothing else.
_STRAY_FINALS = tuple(
    (LazyPattern(word[:-1] + _any_final(word[-1]) + r"(?=\s*[해하])", needs=_with_any_final(word[-1])), word)
    for word in _SHORT_COMMAND_WORDS
    if _jamo(word[-1])[2] == 0
)
# A past tense typed with a single final ㅅ for ㅆ after a stem ("배포햇음", "롤백됏어"): 햇 and 됏
# begin words only at the start of one ("햇살").
_SINGLE_SS = LazyPattern(r"(?<=[가-힣])([햇됏])", needs=("햇", "됏"))
# 개요 typed with ㅔ ("클러스터 게요"), as a word of its own after a noun; after a verb's future
# form (a final ㄹ: "확인할 게요") 게요 is the ending "-ㄹ게요" spaced apart.
_OVERVIEW_SLIP = LazyPattern(r"(?<=[가-힣A-Za-z0-9] )게요(?![가-힣])", needs=("게요",))
_RIEUL = 8  # the final consonant ㄹ


def _unfinished(word: str) -> str:
    """`word` sent before its last vowel was typed: the last syllable is only its first consonant,
    a conjoining letter once NFKC has read the loose one (clean_characters)."""
    return word[:-1] + chr(0x1100 + _jamo(word[-1])[0])


# A short command word cut so ("로ㄱ 보여줘", "롤ㅂ"). A whole word only: "…으로ㄱ" is a goal and "go".
_UNFINISHED = tuple(
    (
        LazyPattern(
            r"(?<![가-힣A-Za-z0-9])" + _unfinished(word) + r"(?![가-힣\u1100-\u11ff])", needs=(_unfinished(word),)
        ),
        word,
    )
    for word in _SHORT_COMMAND_WORDS
)


# Final consonant keys side by side on the standard (dubeolsik) keyboard, by their index in the
# Unicode final order: ㅂㅈㄷㄱㅅ on the top row, ㅁㄴㅇㄹㅎ in the middle, ㅋㅌㅊㅍ below.
_FINAL_ROWS = ((17, 22, 7, 1, 19), (16, 4, 21, 8, 27), (24, 25, 23, 26))
_NEIGHBOUR_FINALS = {
    row[i]: {row[j] for j in (i - 1, i + 1) if 0 <= j < len(row)} for row in _FINAL_ROWS for i in range(len(row))
}
# Short command words whose last syllable has a final consonant: one typed with the key beside it
# ("현환", "비욘") is their only likely slip. 비용 is among them, as the cost analysis's noun.
_FINAL_SLIPS = {
    word[:-1] + chr(ord(word[-1]) - tail + other): word
    for word in (*_SHORT_COMMAND_WORDS, "비용")
    if (tail := _jamo(word[-1])[2])
    for other in _NEIGHBOUR_FINALS.get(tail, ())
}
_FINAL_SLIPS = {typo: word for typo, word in _FINAL_SLIPS.items() if not is_stopword(typo)}
# A plain first consonant typed tense, Shift held on its key ("서비쓰", "재씨작", "쓰케일"): ㄱㄷㅂㅅㅈ
# become ㄲㄸㅃㅆㅉ in one syllable of a command word.
_TENSE = {0: 1, 3: 4, 7: 8, 9: 10, 12: 13}
_SOUND_SLIPS = {
    word[:i] + chr(ord(syllable) + (_TENSE[_initial] - _initial) * 588) + word[i + 1 :]: word
    for word in (*_SHORT_COMMAND_WORDS, *_KOREAN_COMMAND_WORDS, "서비스", "파드", "비용")
    for i, syllable in enumerate(word)
    if (_initial := _jamo(syllable)[0]) in _TENSE
}
# After ㅈ, ㅉ or ㅊ a vowel with a y-glide sounds as the plain one (져 as 저): typed as heard ("이젼",
# "재시쟉", "최젹화", "버젼"). 버전 (version) is the noun the rollback lists are made of.
_PALATAL_VOWELS = {0: 2, 1: 3, 4: 6, 5: 7, 8: 12, 13: 17}
_SOUND_SLIPS.update(
    {
        word[:i] + chr(ord(syllable) + (_PALATAL_VOWELS[_vowel] - _vowel) * 28) + word[i + 1 :]: word
        for word in (*_SHORT_COMMAND_WORDS, *_ANALYSIS_WORDS, *_KOREAN_COMMAND_WORDS, "이전", "직전", "전체", "버전")
        for i, syllable in enumerate(word)
        if _jamo(syllable)[0] in (12, 13, 14) and (_vowel := _jamo(syllable)[1]) in _PALATAL_VOWELS
    }
)
_SOUND_SLIPS = {typo: word for typo, word in _SOUND_SLIPS.items() if not is_stopword(typo)}
# A particle may follow ("써비스를"): only the word's start is bounded.
_SOUND_SLIPPED = LazyPattern(
    r"(?<![가-힣])(?:" + "|".join(sorted(_SOUND_SLIPS, key=len, reverse=True)) + ")", needs=tuple(_SOUND_SLIPS)
)
_FINAL_SLIPPED = LazyPattern(r"(?<![가-힣])(?:" + "|".join(_FINAL_SLIPS) + r")(?![가-힣])", needs=tuple(_FINAL_SLIPS))


def _merged(word: str) -> str:
    """A two-syllable `word` whose open second syllable lost its vowel, its first consonant taken
    as the first syllable's final ("파드" typed "팓")."""
    lead = "ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ"[_jamo(word[1])[0]]
    return chr(ord(word[0]) + _TAILS.index(lead))


_TAILS = " ㄱㄲㄳㄴㄵㄶㄷㄹㄺㄻㄼㄽㄾㄿㅀㅁㅂㅄㅅㅆㅇㅈㅊㅋㅌㅍㅎ"
# Only as a whole word, and only where the merged syllable is no word of its own.
_MERGED = {
    _merged(word): word
    for word in (*_SHORT_COMMAND_WORDS, "파드")
    if len(word) == 2
    and _jamo(word[0])[2] == 0
    and _jamo(word[1])[2] == 0
    and "ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ"[_jamo(word[1])[0]] in _TAILS
}
# Never a syllable of another command word, which may stand apart from the rest of it ("목 록").
_MERGED = {
    typo: word
    for typo, word in _MERGED.items()
    if not is_stopword(typo) and not any(typo in other for other in (*_SHORT_COMMAND_WORDS, *_KOREAN_COMMAND_WORDS))
}
# A long command word's open last syllable lost its vowel, its first consonant typed over the final of
# the syllable before ("엔드포잍" for 엔드포인트, "디플로이먿"): four syllables or more, no other word.
_CUT_LONG = {
    word[:-2] + chr(ord(word[-2]) - _jamo(word[-2])[2] + _TAILS.index(lead)): word
    for word in _KOREAN_COMMAND_WORDS
    if len(word) >= _LONG_WORD_SYLLABLES
    and _jamo(word[-1])[2] == 0
    and (lead := "ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ"[_jamo(word[-1])[0]]) in _TAILS
}
_MERGED.update({typo: word for typo, word in _CUT_LONG.items() if not is_stopword(typo)})
_MERGED_WORD = LazyPattern(r"(?<![가-힣])(?:" + "|".join(_MERGED) + r")(?![가-힣])", needs=tuple(_MERGED))
# A loose letter struck inside a command word ("배ㅍ포해줘"), a conjoining one once NFKC has read it:
# the word's syllables on both sides of it are as written.
_STRAY_LETTER = LazyPattern(
    "|".join(
        word[:i] + r"[\u1100-\u11ff]" + word[i:]
        for word in (*_SHORT_COMMAND_WORDS, "파드", "비용", *_KOREAN_COMMAND_WORDS)
        for i in range(1, len(word))
    ),
    # Every match begins with a word's first syllable; `repair` tries it only on text holding a loose letter.
    needs=tuple(dict.fromkeys(word[0] for word in (*_SHORT_COMMAND_WORDS, "파드", "비용", *_KOREAN_COMMAND_WORDS))),
)


# A syllable of a command word typed as one loose letter, its lead or its vowel, the rest of the syllable
# lost ("배ㅗ해줘" for 배포, "재ㅅ작"): NFKC has made the loose letter a conjoining one.
_LEAD_BASE, _VOWEL_BASE = 0x1100, 0x1161


def _lone_letters(syllable: str) -> str:
    lead, vowel, _ = _jamo(syllable)
    return chr(_LEAD_BASE + lead) + chr(_VOWEL_BASE + vowel)


_LOST_SYLLABLE_WORDS = (*_SHORT_COMMAND_WORDS, "파드", "비용", *_KOREAN_COMMAND_WORDS)
_LOST_SYLLABLE = {
    word[:i] + letter + word[i + 1 :]: word
    for word in _LOST_SYLLABLE_WORDS
    for i in range(1, len(word))
    for letter in _lone_letters(word[i])
}
_LOST_SYLLABLE_PATTERN = LazyPattern(
    # Only from a word's start: "으로ㄱ" is a particle with a stray letter, not 로그.
    r"(?<![가-힣])(?:" + "|".join(sorted(_LOST_SYLLABLE, key=len, reverse=True)) + ")",
    needs=tuple(dict.fromkeys(word[0] for word in _LOST_SYLLABLE_WORDS)),
)
# A syllable of a command word struck twice ("재시시작", "배배포", "롤롤백"): the word once.
_STUTTERED = {
    typo: word
    for word in (*_SHORT_COMMAND_WORDS, "파드", *_KOREAN_COMMAND_WORDS)
    for i in range(len(word))
    if not is_stopword(typo := word[: i + 1] + word[i:])
}
_STUTTERED_WORD = LazyPattern(
    r"(?<![가-힣])(?:" + "|".join(sorted(_STUTTERED, key=len, reverse=True)) + ")",
    needs=tuple(dict.fromkeys(typo[0] for typo in _STUTTERED)),
)
# A command word begun in Hangul and finished in Latin letters, the keyboard's language switched
# midway ("롤back", "리스tart", "디플loy"; normalisation has spaced the two scripts apart): the
# English word. The Hangul half is a proper start of the word's Hangul spelling, the Latin half an
# end of the English one of at least three letters.
_SPELLED_IN_HANGUL = (
    ("rollback", "롤백"),
    ("restart", "리스타트"),
    ("deploy", "디플로이"),
    ("deployment", "디플로이먼트"),
    ("scale", "스케일"),
    ("status", "스테이터스"),
    ("service", "서비스"),
    ("history", "히스토리"),
    ("overview", "오버뷰"),
    ("endpoint", "엔드포인트"),
    ("namespace", "네임스페이스"),
)
_HALF_AND_HALF = {
    f"{hangul[:i]} {english[j:]}": english
    for english, hangul in _SPELLED_IN_HANGUL
    for i in range(1, len(hangul))
    for j in range(1, len(english) - 2)
}
_HALF_AND_HALF_WORD = LazyPattern(
    r"(?<![가-힣])(?:" + "|".join(sorted(_HALF_AND_HALF, key=len, reverse=True)) + r")(?![A-Za-z0-9_-])",
    re.IGNORECASE,
    needs=tuple(dict.fromkeys(hangul[0] for _, hangul in _SPELLED_IN_HANGUL)),
)
# "logs fro pod X": a short word of letters between a command word and a kind word followed by a
# name (hyphened, as a workload's is) is a slipped preposition (for, from, of), never the name: the
# kind word's own name follows it.
_SLIPPED_PREPOSITION = LazyPattern(
    r"(?<![\w.-])(logs?|status|describe|show|get|tail|check|restart|rollback|scale|deploy)\s+"
    r"(?P<slip>[a-z]{2,4})\s+"
    r"(?=(?:pods?|po|svc|services?|deploy(?:ments?)?|apps?|namespace|ns)\s+[a-z][a-z0-9]*[-_.][\w.-]*[a-z0-9])",
    re.IGNORECASE,
)


# A read verb typed onto its kind with no space, or joined as the intents are named ("listpods",
# "getsvc", "list_deployments"): the verb and the kind. A hyphen makes a name ("get-pods"), not this.
_GLUED_READ = LazyPattern(
    r"(?<![A-Za-z0-9_.-])(list|show|get|describe)_?"
    r"(pods?|po|deploy(?:ments?)?|svcs?|services?|ingress(?:es)?|ns|namespaces?|endpoints?|ep|commands?)"
    r"(?![A-Za-z0-9_-])",
    re.IGNORECASE,
    needs=("list", "show", "get", "describe"),
)


def _without_slipped_preposition(match: re.Match[str]) -> str:
    """A known word there ("for", "the", "all", "logs") is as written; only a slip is dropped."""
    return match.group(0) if is_stopword(match.group("slip")) else f"{match.group(1)} "


def _without_stray_letter(match: re.Match[str]) -> str:
    return "".join(character for character in match.group(0) if not "\u1100" <= character <= "\u11ff")


def _overview_if_after_noun(match: re.Match[str]) -> str:
    before = match.string[match.start() - 2]
    future_ending = "가" <= before <= "힣" and _jamo(before)[2] == _RIEUL
    return match.group(0) if future_ending else "개요"


# Spacing slips of English command words: a prefix typed apart ("re start", "re deploy"), a particle
# typed onto its verb ("revertback", "rollingback"), a preposition typed onto the environment after it
# ("tostaging", "inprod"). Only the whole words are rejoined or parted, so names are never rewritten.
_SPACING_SLIPS: tuple[tuple[LazyPattern, str], ...] = (
    (
        LazyPattern(r"(?<![\w.-])re\s+(start|deploy|boot|launch)(?![\w-])", re.IGNORECASE, needs=("re",)),
        r"re\1",
    ),
    (
        LazyPattern(r"(?<![\w.-])(revert|rolling|go|take|put)(back)(?![\w-])", re.IGNORECASE, needs=("back",)),
        r"\1 \2",
    ),
    (
        LazyPattern(
            r"(?<![\w.-])(to|in|into)(staging|stage|production|prod|development|dev)(?![\w-])",
            re.IGNORECASE,
            needs=("stag", "prod", "dev"),
        ),
        r"\1 \2",
    ),
)


def repair(text: str) -> str:
    """`text` with misspelled command words replaced by their right spelling."""
    text = _HALF_AND_HALF_WORD.sub(lambda match: _HALF_AND_HALF[match.group(0).lower()], text)
    for pattern, replacement in (*_TYPOS, *_CLIPPINGS):
        text = pattern.sub(replacement, text)
    if any("\u1100" <= letter <= "\u11ff" for letter in text):
        text = _STRAY_LETTER.sub(_without_stray_letter, text)
    if any("\u1100" <= letter <= "\u11ff" for letter in text):
        text = _LOST_SYLLABLE_PATTERN.sub(lambda match: _LOST_SYLLABLE[match.group(0)], text)
    text = _STUTTERED_WORD.sub(lambda match: _STUTTERED[match.group(0)], text)
    text = _SLIPPED_PREPOSITION.sub(_without_slipped_preposition, text)
    text = _KEY_SLIPPED.sub(lambda match: _KEY_SLIPS[match.group(0)], text)
    text = _FINAL_SLIPPED.sub(lambda match: _FINAL_SLIPS[match.group(0)], text)
    text = _SOUND_SLIPPED.sub(lambda match: _SOUND_SLIPS[match.group(0)], text)
    text = _MERGED_WORD.sub(lambda match: _MERGED[match.group(0)], text)
    for pattern, word in (*_STRAY_FINALS, *_UNFINISHED):
        text = pattern.sub(word, text)
    text = _SINGLE_SS.sub(lambda match: "했" if match.group(0) == "햇" else "됐", text)
    text = _OVERVIEW_SLIP.sub(_overview_if_after_noun, text)
    text = _GLUED_READ.sub(r"\1 \2", text)
    for pattern, word in _SPACING_SLIPS:
        text = pattern.sub(word, text)
    text = _CLIPPED_READ.sub(lambda match: _CLIPPED_VERBS[match.group(1).lower()], text)
    text = _ENGLISH_TOKEN.sub(_unswap, text)
    for pattern, word in _SLIPPED:
        text = pattern.sub(word, text)
    for pattern, word in _VOWEL_SLIPS:
        text = pattern.sub(_repair_if_word_start(word), text)
    for lazy, word in _ONE_OFF:
        if word[0] in text or word[1] in text:
            text = lazy.sub(_repair_if_close(word), text)
    return text


def _repair_if_close(word: str) -> Callable[[re.Match[str]], str]:
    def replace(match: re.Match[str]) -> str:
        return word if _close(match.group(0), word) else match.group(0)

    return replace


# The acts a slipped vowel may hide ("제기동", "베포"): a slipped spelling is also a word of its own (제기동 is a
# place in Seoul), so it is read as the act only where an act stands: before a light verb, a request, a
# particle or the end ("제기동 해줘", "베포를 ..."), before a noun of what an act has ("베포 상태"), or in a
# message naming something the platform has (a Latin name, "billing 제기동").
_SLIPPED_ACTS = frozenset({"재시작", "재기동", "재배포", "배포", "삭제"})
_ACT_POSITION = LazyPattern(
    r"\s*(?:[을를은는이가도만좀]\s*)?(?:$|[^\w\s]|[A-Za-z0-9]|해|하|시키|시켜|돼|되|됐|됨|좀|부탁|요청|진행|완료|필요|가능"
    r"|할|했|중|ㄱ|고|후|전|상태|로그|이력|내역|현황|결과|목록|기록|버전|시간|실패|성공)"
)
_PLATFORM_OBJECT = LazyPattern(r"[A-Za-z][\w-]*")


def _repair_if_word_start(word: str) -> Callable[[re.Match[str]], str]:
    """A slip in the word's first syllable only where a word begins: 제 ending another word ("언제시작",
    "문제기동") is that word's end, no typo of 재. A slipped act is repaired only where an act stands."""

    def replace(match: re.Match[str]) -> str:
        start = match.start()
        typed = match.group(0)
        glued = start > 0 and "가" <= match.string[start - 1] <= "힣"
        if glued and typed[0] != word[0]:
            return typed
        if (
            typed != word
            and word in _SLIPPED_ACTS
            and _ACT_POSITION.match(match.string, match.end()) is None
            and _PLATFORM_OBJECT.search(match.string) is None
        ):
            return typed
        return word

    return replace
