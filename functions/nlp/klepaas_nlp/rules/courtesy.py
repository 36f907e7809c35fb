"""The chat around a request: greetings, thanks, laughter and emoticons say nothing about what to do.

"안녕하세요! … X 배포해 주시겠어요? 미리 감사드려요 🙏", "good morning ☀️ cluster overview 보여줄 수
있을까요?", "could you forecast next month's costs? thx in advance", "rollback 후보 list 좀 ㅎㅎ": a
greeting opening the message, thanks closing it, and laughter, crying or an emoticon anywhere are
set aside before the request is read, so none of their words ("good", "advance") is a name or slot.

They are recognised by their form, as whole formulas at the edges of a sentence:
- a greeting (안녕하세요, 좋은 아침, hi / hello / hey (there|team|all), good morning|afternoon|evening)
  opening the message, with the mark or comma closing it;
- thanks (감사합니다, 감사드려요, 고마워요, 수고하세요, thanks / thank you / thx / ty / cheers, with "미리",
  "in advance", "so much", "a lot") closing the message or standing as a sentence of its own. Korean
  thanks inside a request ("…해 주시면 감사하겠습니다") are its politeness, never set aside here;
- laughter and crying typed as letters (ㅋㅋ, ㅎㅎ, ㅠㅠ) and emoticons (":(", ":)", "^^", "T_T")
  standing as words, and the request said to be meant ("no joke", "seriously", "농담 아니고") closing it
  (English laughter inside a message ends the clause before it, as a comma does).
  Emoji are dropped with the other characters that carry no words (normalize.py).

The one the message addresses by name ("hey bot, restart X", "yo bot show X's endpoint", "klepaas, restart X",
"K-Le-PaaS야 X 로그 보여줘") is a vocative: a word opening the message after a greeting, or set off by a comma
before an English imperative, or by the vocative particle 야/아. It is who is asked, never what the request is
about (`addressed`); the interpreter reads the request after it alone when that names a target of its own.
"""

from __future__ import annotations

import re

from klepaas_nlp.rules.discourse import without_discourse
from klepaas_nlp.rules.lazy import LazyPattern
from klepaas_nlp.rules.predicate import Act, english_act, request_frame

_END = r"(?:\s*[!.~,;:]+|\s*(?=\S)|\s*$)"
# A greeting opening the message: its words, maybe whom it greets, and the mark after it.
_GREETING = LazyPattern(
    r"^\s*(?:(?:안녕하세요|안녕하십니까|안녕|하이|헬로|좋은\s*(?:아침|오후|저녁)(?:이에요|이네요|입니다|이요)?"
    r"|수고\s*(?:많으십니다|하십니다|많으세요))(?:\s*[!.~,]+|\s+)"
    r"|(?:hi|hello|hey|hiya|howdy|yo|greetings|(?:good\s+)?(?:morning|afternoon|evening)|gm)"
    r"(?:\s+(?:there|team|all|everyone|folks|guys|y'?all))?(?![\w'-])" + _END + r")+",
    re.IGNORECASE,
    needs=(
        *("안녕", "하이", "헬로", "좋은", "수고", "hi", "hello", "hey", "howdy", "yo", "greetings"),
        *("morning", "afternoon", "evening", "gm"),
    ),
)
# English thanks, as remarks.py also knows them beside a request ("…, thanks in advance").
ENGLISH_THANKS = r"thanks|thank\s+you|thank\s+u|thx|thnx|tnx|ty|tysm|cheers|much\s+appreciated|appreciate\s+it"
# Thanks closing the message (or a sentence): English after any word, Korean after a sentence's
# mark or with 미리 (in advance) before it, so "…해 주시면 감사하겠습니다" keeps its politeness.
_THANKS = LazyPattern(
    # A finite "thank you" may follow the request's last word, except a condition's -면 ("해 주시면
    # 감사하겠습니다" asks politely: the thanks are the request's own ending).
    # Bare 감사 (also a noun: "감사 로그", an audit's) is thanks after a sentence's finite ending ("…됐네요 감사").
    r"(?:(?<=[.!?~,;)])\s*|^\s*|(?<!면)\s+(?=미리|감사(?:합|드)|고마|고맙|땡큐|수고)|(?<=[요다네죠])\s+(?=감사[!.~^]*$))"
    r"(?:미리\s*)?(?:정말\s*|너무\s*|항상\s*)?"
    r"(?:감사(?:합니다|드려요|드립니다|드리겠습니다|해요|하겠습니다|요)?|고마워(?:요)?|고맙습니다|고마워용|땡큐"
    r"|ㄱㅅ|ㄳ|\u1100\u1109|\u11aa"
    r"|수고(?:하세요|해요|하셨습니다|하십쇼|요)?)[!.~^]*"
    r"|\s*(?<![\w'-])(?:" + ENGLISH_THANKS + ")"
    r"(?:\s+(?:in\s+advance|so\s+much|a\s+lot|a\s+bunch|again|very\s+much|a\s+ton))*[!.~]*",
    re.IGNORECASE,
    needs=(
        *("감사", "고마", "고맙", "땡큐", "ㄱㅅ", "ㄳ", "\u1100\u1109", "\u11aa", "수고", "thank", "thx", "thnx"),
        *("tnx", "ty"),
        *("cheers", "appreciate"),
    ),
)
_THANKS_AT_END = LazyPattern(rf"(?:{_THANKS.source})\s*$", re.IGNORECASE, needs=_THANKS.needs)
# Laughter or crying typed as letters (NFKC makes them conjoining jamo: U+110F, U+1112, U+1172,
# U+116E), and emoticons, standing as words or typed onto a word's end.
_MOOD = LazyPattern(
    r"(?<=[가-힣A-Za-z0-9?!.~])[ㅋㅎㅠㅜ\u110f\u1112\u1172\u116e]{2,}(?=\s|$|[?!.~])"
    r"|(?<!\S)[ㅋㅎㅠㅜ\u110f\u1112\u1172\u116e]+(?=\s|$|[?!.~,])"
    r"|(?<!\S)(?:[:;=]-?[()dpDP/\\|]|[()]-?[:;]|\^[_o.]?\^|[tT]_[tT]|;_;|xD|XD|<3)(?=\s|$|[?!.,~])"
)
# English laughter inside a message ("restart X lol it's been acting weird"): it closes what came before it,
# as a comma would; what follows is a remark of its own. (Closing the message, it is a stopword already.)
_LAUGHTER_INSIDE = LazyPattern(
    r"\s+(?<![\w'-])(?:lol+|lmao+|lmfao|rofl|haha(?:ha)*h?|hehe(?:he)*|xd)(?![\w'-])[\s,;.!~]*(?=[A-Za-z])",
    re.IGNORECASE,
    needs=("lo", "lma", "lmfao", "rofl", "haha", "hehe", "xd"),
)
# The request said to be meant, closing it ("…, no joke", "…, seriously", "…, not kidding", "… 농담 아니고",
# "… 진심이야"): how earnestly, never a name, and no taking back ("kidding" and "농담" alone would be).
_EARNEST_AT_END = LazyPattern(
    r"[\s,;]+(?:(?:and\s+)?(?:no\s+joke|not\s+(?:a\s+)?joke|(?:i'?m\s+)?not\s+(?:kidding|joking)|no\s+kidding"
    r"|seriously|for\s+real|i\s+mean\s+it|dead\s+serious)"
    r"|(?:농담|장난)\s*(?:아니고|아니야|아니에요|아닙니다|아님|아냐|아니라)|진심(?:이야|이에요|입니다|임)?|진짜로|장난\s*아니고)"
    r"[\s.!~,]*$",
    re.IGNORECASE,
    needs=("joke", "kidding", "joking", "serious", "real", "mean", "농담", "장난", "진심", "진짜"),
)
# A familiar word of address closing the message ("restart X mate", "X 재시작해줘 bro", "cheers mate"): a closed
# class, as the greeted are ("hey team", "hi folks"); it says whom the request is put to, never a second target.
# Set aside only after at least two words (verb and object): "restart buddy" may name an app.
_VOCATIVE_AT_END = LazyPattern(
    r"[\s,]+(?:mate|mates|bro|bros|bruh|buddy|dude|pal|fam|sir|ma'?am|guys|folks|y'?all)[\s.!~]*$",
    re.IGNORECASE,
    needs=("mate", "bro", "bruh", "buddy", "dude", "pal", "fam", "sir", "ma", "guys", "folks", "all"),
)
_SPACES = LazyPattern(r"\s{2,}")
# The leisure a request is left to, closing it ("when you have a moment", "whenever you get a chance", "at
# your convenience", "if you have time"): courtesy, no time and no condition, and no word of it a name.
_LEISURE_AT_END = LazyPattern(
    r"[\s,]+(?:(?:when|whenever|once|if)\s+(?:you|u)\s+(?:have|get|find)\s+(?:a\s+)?(?:moment|minute|sec|second|chance"
    r"|time|spare\s+moment|free\s+moment|bit\s+of\s+time)|at\s+your\s+(?:earliest\s+)?convenience"
    r"|whenever\s+(?:you\s+can|possible|convenient)"
    # "restart X if possible", "… if you can": the leave the request is asked with, as when it opens the request.
    r"|(?:if|when)\s+(?:possible|convenient)|if\s+(?:you|u)\s+(?:can|could|don'?t\s+mind))[\s.!~]*$",
    re.IGNORECASE,
    needs=("moment", "minute", "sec", "chance", "time", "convenien", "whenever", "possible", "if"),
)

# The same leisure opening the request ("When you get a chance, restart X", "if possible, X를 3개로",
# "가능하면 X 재시작해 주세요", "시간 되실 때 X 로그 좀"), or "if possible" / "가능하면" anywhere as a word of
# its own: politeness, no condition the cluster could fail, and no word of it a name. A condition on the
# cluster ("if X is down", "안 되면") is no formula of this closed class and stays a condition.
_LEISURE_AT_START = LazyPattern(
    r"^\s*(?:(?:when|whenever|once|if)\s+(?:you|u)\s+(?:have|get|find)\s+(?:a\s+)?(?:moment|minute|sec|second"
    r"|chance|time|spare\s+moment|free\s+moment|bit\s+of\s+time)|at\s+your\s+(?:earliest\s+)?convenience"
    r"|whenever\s+(?:you\s+can|possible|convenient)|(?:if|when(?:ever)?)\s+(?:possible|convenient)"
    r"|if\s+(?:you|u)\s+(?:can|could|don'?t\s+mind))(?![\w'-])[\s,]*(?=\S)"
    r"|(?<![가-힣\w-])(?:가능(?:하시|하)?(?:면|다면)|(?:시간|여유|틈|짬)(?:이|가)?\s?(?:되|나|있)(?:으)?(?:시)?(?:면|실\s?때|을\s?때)"
    r"|괜찮(?:으시)?(?:면|다면)|편하(?:실|신)\s?때)(?![가-힣])[\s,]*(?=\S)",
    re.IGNORECASE,
    needs=("if", "when", "once", "convenien", "가능", "시간", "여유", "틈", "짬", "괜찮", "편하"),
)


def without_leisure(text: str) -> str:
    """`text` without the leisure a request is left to, opening or closing it ("when you get a sec", "if possible,
    …"): courtesy, never a condition the request waits on."""
    return _LEISURE_AT_START.sub("", _LEISURE_AT_END.sub("", text))


def without_courtesy(text: str) -> str:
    """`text` without the greeting opening it, the thanks closing it and its laughter or emoticons;
    `text` itself when nothing would be left (a message that only greets or thanks)."""
    # Emoticons first: the discourse tidying would join ";)" to the word before it.
    stripped = without_discourse(_LAUGHTER_INSIDE.sub(", ", _MOOD.sub(" ", text)))
    stripped = _GREETING.sub("", stripped, count=1)
    stripped = _EARNEST_AT_END.sub("", stripped)
    stripped = _LEISURE_AT_END.sub("", stripped)
    stripped = _LEISURE_AT_START.sub("", stripped)
    vocative = _VOCATIVE_AT_END.search(stripped)
    if vocative is not None and len(stripped[: vocative.start()].split()) >= 2:
        stripped = stripped[: vocative.start()]
    while (found := _THANKS_AT_END.search(stripped)) is not None and found.start() > 0:
        stripped = stripped[: found.start()]
    stripped = _SPACES.sub(" ", stripped).strip().rstrip(",;").strip()
    return stripped if stripped else text


# A word opening the message as the one addressed: after a greeting, or before a comma or the vocative particle.
_ADDRESSED = LazyPattern(
    r"^\s*(?:(?P<greeting>hi|hello|hey|hiya|howdy|yo|안녕|하이|헬로)(?![\w'-])[\s,!.~]*)?"
    # "please sir, restart X": the courtesy word may open the message before the one addressed.
    r"(?:(?:please|pls|plz)\s+(?=[A-Za-z][\w.-]*\s*,))?"
    r"(?P<name>[A-Za-z][\w.-]*)(?:\s*(?P<comma>,)|\s?(?P<vocative>야|아)(?=\s)|(?=\s))\s*(?P<rest>\S.*)$",
    re.IGNORECASE | re.DOTALL,
)


_PLAIN_WORD_FIRST = LazyPattern(r"[A-Za-z]+(?![\w.-])")


def addressed(text: str) -> str | None:
    """The request after the one the message addresses by name ("hey bot, restart X" -> "restart X", "klepaas,
    restart X please", "K-Le-PaaS야 X 로그 보여줘"), or None: after a greeting, the word before a comma or an
    English imperative; without one, the word before a comma and an English imperative, or before 야/아."""
    found = _ADDRESSED.match(text)
    if found is None or (found["greeting"] is None and found["comma"] is None and found["vocative"] is None):
        return None
    greeting = _GREETING.match(text)
    if greeting is not None and greeting.end() >= found.end("name"):
        return None  # "hey team, …", "good morning, …": the greeting's own words, set aside with it
    rest = found["rest"]
    # An English imperative, or a request frame whatever verb it frames ("Madam, kindly pass along the logs …").
    imperative = _PLAIN_WORD_FIRST.match(rest) is not None and (
        english_act(rest) is not Act.NONE or request_frame(rest.lower()) > 0
    )
    if found["vocative"] is None and (found["greeting"] is None or found["comma"] is None) and not imperative:
        return None  # "cart-api, order-api 재시작", "X, push-notifier 둘 다 롤백": two names, not one addressed
    return rest
