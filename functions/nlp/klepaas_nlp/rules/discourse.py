"""Discourse around an English request as Southeast Asian engineers type it (issue 24).

Words that only address someone, soften the request or mark the sentence are no names, targets or
clauses; request frames of Singlish and Taglish carry the verb they frame. All are closed classes,
recognised by where they stand:

- sentence particles (Singlish lah, leh, lor, meh, hor, ah, ya; Tagalog po, naman, na, nga) at the
  end of a clause, or after the verb or object they soften ("restart lah", "pa-restart naman po ng X");
  "lah" and "leh", which are no English words, anywhere;
- "pls", "plz" read as the "please" they spell, wherever they stand; an @mention ("@klepaas-bot",
  "@oncall") and a vocative or interjection opening or closing the message ("bro", "boss", "wah", "aiyo");
- after a comma, urgency said as an adverb or adjective ("urgent", "very urgent", "asap", "quickly"):
  how soon, not what;
- "can help VERB …?" asks for that act (Singlish for "could you …"), and "… or not" closing a request
  or a question is its tag: "can VERB X or not" asks for it, "X up or not" asks whether X is up;
- the Tagalog request prefixes pa- and paki- on an English verb ("pa-restart", "paki-deploy") carry
  that verb; "ng" marks its object, "sa" the place ("sa staging"), "tapos" (then) joins two requests.
"""

from __future__ import annotations

import re

from klepaas_nlp.rules.lazy import LazyPattern
from klepaas_nlp.rules.predicate import MUTATION_ACTS, english_act

# An @mention of a bot, a person or a team: whom the message is addressed to.
_MENTION = LazyPattern(r"(?<!\S)@[\w.-]+:?", needs=("@",))
# "please" in its chat spellings, as a word of their own: "please", which the rules read as the mark of
# a request wherever it stands (never a name).
_PLEASE = LazyPattern(r"(?<![\w@/-])(?:pls|plz|plss+|plzz+|plox|pleasee+)(?![\w-])", re.IGNORECASE, needs=("pl",))
# Particles that are no English words: softeners wherever they stand.
_FOREIGN_PARTICLE = r"lah|leh|lor|meh|hor|naman|nga|salamat"
# Particles that are also English or a name's syllable ("ah", "ya", "po", "na"): only where a particle
# stands, at the end of a clause or after another particle.
_PARTICLE = LazyPattern(
    rf"(?<![\w@/.:-])(?:{_FOREIGN_PARTICLE})(?![\w-])"
    rf"|(?<![\w@/.:-])(?:ah|ya|yah|po|na)(?=\s*(?:[,.;!?~]|$)|\s+(?:{_FOREIGN_PARTICLE}|ah|ya|po|na|ng|sa)\b)",
    re.IGNORECASE,
    needs=("lah", "leh", "lor", "meh", "hor", "naman", "nga", "salamat", "ah", "ya", "po", "na"),
)
# An interjection or a vocative opening or closing the message.
_VOCATIVE = r"bro|brother|sis|boss|bossku|lads|guys|kuya|sir|sirs|maam|ma'am|madam"
# The formal ones, which take an adjective honouring the one addressed.
_FORMAL_VOCATIVE = r"sir|sirs|madam|maam|ma'am"
_INTERJECTION = r"wah|wa|walao|aiyo|aiyoh|aiya|alamak|eh|oi|oei|haiz|haiya"
_OPENING = LazyPattern(
    # The vocative may come with the one word that honours it, set off by a comma ("Respected sir,", "Dear
    # madam,", "kind sir,"): the adjective is the address's, never a name.
    rf"^\s*(?:(?:[A-Za-z]+\s+(?:{_FORMAL_VOCATIVE})\s*,|{_INTERJECTION}|{_VOCATIVE})(?![\w-])[\s,!.]*)+",
    re.IGNORECASE,
    needs=("wa", "aiy", "alamak", "eh", "oi", "oei", "hai", "bro", "sis", "boss", "lads", "guys", "kuya", "sir", "ma"),
)
_CLOSING_VOCATIVE = LazyPattern(
    rf"[\s,]+(?:{_VOCATIVE})[\s!.]*$", re.IGNORECASE, needs=("bro", "sis", "boss", "lads", "guys", "kuya", "sir", "ma")
)
# How soon, after a comma: "…, urgent", "…, very urgent", "…, asap", "…, quickly now".
_URGENCY = LazyPattern(
    r",\s*(?:(?:very|so|super|really|quite|damn|v)\s+)?"
    r"(?:urgent|urgently|asap|quick|quickly|fast|now|immediately|pronto|right\s+now|right\s+away|soon)"
    r"(?:\s+(?:now|please|thanks))?\s*[!.]*\s*(?=$|[,;])",
    re.IGNORECASE,
    needs=("urgent", "asap", "quick", "fast", "now", "immediately", "pronto", "away", "soon"),
)
# Tagalog request prefixes on an English verb: "pa-restart", "paki-deploy".
_TAGALOG_PREFIX = LazyPattern(r"(?<![\w-])(?:paki|pa)-(?=[a-z]{4,})", re.IGNORECASE, needs=("pa-", "paki-"))
# The Tagalog markers of a verb's object ("ng") and place ("sa"), and "tapos" (then).
_OBJECT_MARKER = LazyPattern(r"(?<![\w-])ng\s+", re.IGNORECASE, needs=("ng",))
_PLACE_MARKER = LazyPattern(r"(?<![\w-])sa\s+(?=[a-z])", re.IGNORECASE, needs=("sa",))
_THEN = LazyPattern(r"(?<![\w-])(?:tapos|pagkatapos)(?![\w-])", re.IGNORECASE, needs=("tapos",))
# "can help restart X?", "can help me deploy X": the Singlish frame of a request.
_CAN_HELP = LazyPattern(
    r"(?<![\w-])(?:can|could|pls|please)\s+(?:u\s+|you\s+)?help(?:\s+(?:me|us))?(?:\s+to)?\s+(?=[a-z])",
    re.IGNORECASE,
    needs=("help",),
)
# "can scale X to 3 or not": a request asked with the tag "or not"; the tag says nothing of its own.
_CAN_OR_NOT = LazyPattern(r"^\s*(?:can|could)\s+(?P<request>.+?)\s+or\s+not\s*\??\s*$", re.IGNORECASE, needs=("not",))
# "X up or not": whether X is in a state.
_STATE_OR_NOT = LazyPattern(
    r"^\s*(?P<subject>.+?)\s+(?P<state>up|down|running|alive|ok|okay|healthy|working|ready|live)\s+or\s+not\s*\??\s*$",
    re.IGNORECASE,
    needs=("not",),
)
# "can restart X?", "could deploy the app to staging?": the modal asks with its subject dropped, as "can you"
# does; the verb after it must open its object (a determiner, a pronoun or a name) so that a change named as the
# question's subject ("can restart help?", "could a rollback fix it?") stays a question about it.
_SUBJECTLESS_MODAL = LazyPattern(
    r"^\s*(?:can|could)\s+(?P<request>[a-z]+\s+(?:(?:back|up|down|out)\s+)?(?:the|my|our|this|that|it|its|them"
    r"|[A-Za-z0-9]+(?:[-_./][A-Za-z0-9]+)+)(?![\w-]).*)$",
    re.IGNORECASE | re.DOTALL,
    needs=("can", "could"),
)
_TAGALOG_MARKERS = LazyPattern(r"(?<![\w-])(?:ng|sa|tapos)(?![\w-])", re.IGNORECASE, needs=("ng", "sa", "tapos"))
_HANGUL = LazyPattern(r"[가-힣]")
_SPACES = LazyPattern(r"\s{2,}")
_SPACE_BEFORE_MARK = LazyPattern(r"\s+(?=[,.;!?])")
_EMPTY_SEGMENTS = LazyPattern(r"(?:^\s*[,;]+\s*|\s*[,;]+\s*$|(?<=[,;])\s*[,;]+)")


def _tidy(text: str) -> str:
    text = _SPACE_BEFORE_MARK.sub("", _SPACES.sub(" ", text))
    return _EMPTY_SEGMENTS.sub("", _SPACES.sub(" ", text)).strip()


def without_discourse(text: str) -> str:
    """`text` without the particles, address and tags around its request, its Taglish frame made
    English; `text` itself when nothing would be left."""
    if _HANGUL.search(text) is not None:
        # Korean and mixed commands keep their own readings; an @mention addresses in any language.
        addressed = _tidy(_MENTION.sub(" ", text))
        return addressed if addressed.strip(" ,.;!?") else text
    stripped = _MENTION.sub(" ", text)
    stripped = _OPENING.sub("", stripped, count=1)
    stripped = _CLOSING_VOCATIVE.sub("", stripped)
    stripped = _PLEASE.sub("please", stripped)
    # Particles may stack ("pls ah", "naman po"): set aside until none is left.
    while (found := _PARTICLE.search(stripped)) is not None:
        stripped = stripped[: found.start()] + " " + stripped[found.end() :]
    if _TAGALOG_PREFIX.search(stripped) is not None and _TAGALOG_MARKERS.search(stripped) is not None:
        # "pa-restart ng X", "paki-deploy ng X sa staging": Taglish, its markers made English.
        stripped = _TAGALOG_PREFIX.sub("", stripped)
        stripped = _PLACE_MARKER.sub("in ", _OBJECT_MARKER.sub(" ", stripped))
        stripped = _THEN.sub(", then", stripped)
    stripped = _URGENCY.sub("", _tidy(stripped))
    stripped = _CAN_HELP.sub("", stripped)
    subjectless = _SUBJECTLESS_MODAL.match(stripped)
    if subjectless is not None and english_act(subjectless["request"]) in MUTATION_ACTS:
        stripped = f"can you {subjectless['request']}"
    if (state := _STATE_OR_NOT.match(stripped)) is not None:
        stripped = f"is {state['subject']} {state['state']}?"
    elif (request := _CAN_OR_NOT.match(stripped)) is not None:
        stripped = request["request"]
    stripped = _tidy(stripped)
    return stripped if stripped.strip(" ,.;!?") else text
