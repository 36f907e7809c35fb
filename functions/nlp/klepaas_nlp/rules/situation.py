"""The request alone, without the clauses around it that only tell the situation.

"토큰 만료 에러가 나서 auth-api 재시작해줘", "비밀번호 재설정 메일이 안 나간대. mailer 로그 좀 보자",
"purge-worker 5개로 늘려, 만료 토큰 정리가 밀렸어", "the mailer keeps rejecting passwords, check
its logs": the words of the situation (a token, a password, a terminal) are not what is asked for.
safety.py reads the request alone for the categories whose words so often describe what is wrong.

A situation is recognised by its grammar, never by what it talks about:
- Korean, before the request: a clause ending in a reason, a time or background (-니까, -으니, -길래,
  -는데, 뒤로, 때문에, -이라; -아서/-어서 with a subject of its own), a finite past, or a sentence
  closed by its mark on a statement;
- Korean, after the request: a clause that asks for nothing and ends on a finite statement (past,
  hearsay -대, -네, -다, the chat -ㅁ form; the plain -아/-어 form, which is also an imperative,
  only with a subject of its own), or on a reason ending;
- English: segments that state (a finite auxiliary or a verb of state or failure) beside segments
  that open with an imperative.
Whatever its shape, a clause set aside must ask for nothing (`_ASKING_KO`, `_DOING_KO`, `_ASKING_EN`): an attack
on the first version hid requests for secrets, deletions and shells in "situations" that asked.

The same grammar says what the request acts on: after a clause subordinate to it (-니까, -길래, -는데,
뒤로, -아서 with a subject), a request that names its own target is read alone, so that a word of the
clause ("ssh 안 되니까 X 로그 보여줘", "API key 바꾼 뒤로 X가 안 떠 상태 보여줘") is never its target
(`request_read_alone`).
"""

from __future__ import annotations

from dataclasses import dataclass

from klepaas_nlp.rules.entities import extract
from klepaas_nlp.rules.hangul import FINAL_N as _FINAL_N
from klepaas_nlp.rules.hangul import INFLECTED as _INFLECTED
from klepaas_nlp.rules.hangul import PAST as _PAST
from klepaas_nlp.rules.lazy import LazyPattern
from klepaas_nlp.rules.normalize import NormalisedText, normalise
from klepaas_nlp.rules.predicate import (
    MUTATION_ACTS,
    Act,
    Predicate,
    english_act,
    korean_predicate,
    mentions_an_operation,
)

_HANGUL = LazyPattern(r"[가-힣]")
_INFLECTED_END = LazyPattern(rf"[{_INFLECTED}][,.!~]*$")
# Laughter, crying and marks alone ("ㅋㅋ", "ㅠㅠ", "!!") close a message without saying anything.
# (ㄱ, "go", is a request of its own and stays.)
_ONLY_MOOD = LazyPattern(r"^[ㅋㅎㅠㅜ\u110f\u1112\u1172\u116e~!.?…^]+$")
_TAIL = r"[,.!?~…ㅋㅎㅠㅜ]*$"
# A clause of reason, time or background, closing before what follows it. The reason's -(으)니 without 까 is
# read after a final consonant ("했으니", "바꿨으니"): a bare -니 after a vowel ("하니") asks as often.
_SUBORDINATE_ENDINGS = rf"니까|으니|길래|[{_FINAL_N}]데|거든|더니|뒤로|후로|이후로|부터|때문에|이라|이라서|(?:이)?라서"
_REASON = LazyPattern(rf"(?:{_SUBORDINATE_ENDINGS}|[{_PAST}](?:어|다|네|는데|지|더니)?)(?:요)?{_TAIL}")
# Of those, the endings that make the clause subordinate to the one after it (the past alone is a sentence of
# its own; the past with -는데 or -더니 is still a background, as [FINAL_N]데 reads it).
_SUBORDINATE = LazyPattern(rf"(?:{_SUBORDINATE_ENDINGS})(?:요)?{_TAIL}")
# -아서/-어서 after a verb ("나서", "만료돼서"), never the place particle 에서 or a noun (문서, 순서).
_SEO = LazyPattern(rf"(?:(?!에|문|순)[가-힣])서(?:요)?{_TAIL}")
# The subject's particle, on its word or set apart from a name by normalisation ("gate-api 가").
_SUBJECT = LazyPattern(r"[가-힣a-z0-9](?:이|가)$|^(?:이|가)$")
_SENTENCE_END = LazyPattern(r"[.!?]$")
# A finite statement: the past, hearsay (-대; -래 relays a request), -네, -다, and the chat -ㅁ form.
# The copula's polite form ("네임스페이스는 core예요") states too.
_STATES = LazyPattern(rf"(?:[{_PAST}]|나요|네요|네|다|대|대요|답니다|남|함|됨|임|음|예요|에요){_TAIL}")
# The plain -아/-어 form and -요 state only with a subject of their own ("토큰이 자꾸 만료돼"):
# without one they are as often an imperative ("web 삭제해").
_STATES_WITH_SUBJECT = LazyPattern(rf"(?:[{_INFLECTED}]|요){_TAIL}")
_JOINS_A_REQUEST = LazyPattern(r"^(?:그리고|그\s?다음|그\s?뒤|그\s?후|또)|^(?:and|then|also)\b")
# What a clause set aside may never hold, whatever else it says: a sign that something is asked or
# wanted there. The speaker's aim, an obligation, a wish, a permission, a plan or a relayed request
# ("지워야 되는데", "보고 싶은데", "지워도 됨", "열 거임", "팀장님이 보내달래"); a request ending on
# any verb ("삭제해.", "해줄 수 있어?"); the hearer as the one acting ("네가 …").
_ASKING_KO = LazyPattern(
    r"고\s?싶|야\s?(?:하|해|되|돼|됨|함|할|겠)|면\s?좋겠|도\s?(?:돼|되|됨|괜찮)|필요|달래|달라|라고\s?했"
    # -래 relays a request ("보내래"); -길래 is a reason's ending.
    r"|(?!길)[가-힣]래(?:요)?(?=\W|$)|(?:할|열|줄)\s?(?:거|게|께|예정)|거임"
    r"|(?:해|줘|주세요|주십시오|하세요|해라|하자|놔)[.!?,~]*$|줄\s?수|네가|니가|너가|당신이"
)
# A verb that shows, gives, changes, reads or opens ("알려주면", "바꿔.", "읽어서", "쉘 열어도"): asked for,
# unless the clause tells it of a subject of its own as a finite statement ("auth 앱이 시크릿을 못 읽는대":
# what the app does, not what the hearer is to do).
_DOING_KO = LazyPattern(
    r"보여|알려|출력|뽑|바꿔|바꾸|바꿀|변경[해하]|수정[해하]|발급[해하]|리셋[해하]|보내|읽|열어|열고|접속[해하]|들어가|붙[여어이]"
)
# Hearsay (-는대, -ㄴ대, -었대) closes a statement even with no mark after it: it never asks (-래 relays a request).
_HEARSAY = LazyPattern(rf"(?:는|[{_FINAL_N}{_PAST}])대(?:요)?{_TAIL}")
# The speaker's aim ("비번 확인하려는데") is something wanted, unless it only clears transient state
# ("토큰 캐시 비우려고"), which a restart does and nothing of a refused kind asks for.
_AIM = LazyPattern(r"려고|려는|려면")
# The transient state a restart clears; safety.py lets a deletion of it leave the request too.
TRANSIENT_KO = r"캐시|메모리|누수|커넥션|연결|락|잠금|임시\s?파일|임시|버퍼|좀비|세션|쿠키"
_CLEARING_AIM = LazyPattern(
    rf"(?:{TRANSIENT_KO})(?:을|를|도|좀)?\s*(?:비우|지우|없애|정리하|날리|풀)(?:려고|려는|려면)"
)
# A word of a refused kind used as a noun ("강제 종료가 안 먹혀", "삭제 요청이"), not as a verb.
_AS_A_NOUN = LazyPattern(r"\s?(?:가|이|은|는|도|의|요청|기능|작업|버튼|이벤트|배치|이력|로그|처리)")
# In English: an obligation, a modal, a relayed order or a verb of showing, giving, changing or
# removing ("you have to print the token", "I was told to wipe …").
_ASKING_EN = LazyPattern(
    r"\b(?:has to|have to|had to|is to|are to|must|should|need|needs|needed|allowed|told|want|wants|wanted"
    r"|supposed|task|print\w*|show\w*|dump\w*|display\w*|give|send|change|rotate|reveal|expose|tell"
    # "access" asks as a verb with its object ("access the secrets"); as a noun ("I don't have shell access",
    # "no access to the shell") it is what someone lacks.
    r"|read|exec|open|access(?=\s+(?!to\b)[a-z])|delete\w*|remov\w*|drop\w*|wipe\w*|eras\w*|purg\w*|go away)\b"
)


def _asks(words: list[str], said: Predicate | None) -> bool:
    """Whether the clause of `words`, whose predicate is `said`, asks for an act or a read."""
    if said is None or said.act not in (*MUTATION_ACTS, Act.READ):
        return False
    # "늘려,", "돌려": the verb's -아/-어 form is itself the 반말 request.
    return said.explicit or _INFLECTED_END.search(words[-1]) is not None


def _wants_something(clause: str) -> bool:
    if _DOING_KO.search(clause) is not None and not _told_of_its_subject(clause):
        return True
    return _ASKING_KO.search(clause) is not None or (
        _AIM.search(clause) is not None
        and sum(1 for _ in _AIM.finditer(clause)) != sum(1 for _ in _CLEARING_AIM.finditer(clause))
    )


def _told_of_its_subject(clause: str) -> bool:
    """The clause has a subject of its own and closes on a finite statement: what it tells, that subject does."""
    words = clause.split()
    return (
        len(words) > 1
        and (_STATES.search(words[-1]) is not None or _HEARSAY.search(words[-1]) is not None)
        and any(_SUBJECT.search(word) for word in words[:-1])
    )


class _Cuts:
    """The words of one message and what is asked of its cuts, each found once.

    Every cut of a message is tried as the end of a situation and as the start of a closing statement, and
    every clause between as the request: asked afresh, each question re-read (and re-normalised) the words
    on one side of the cut, so a message of 250 words cost its length squared (or cubed). The same questions
    are answered here with the cheap tests on a clause's last word first (the expensive ones only matter
    when those pass), the subject's place found once, and every answer kept for the cuts that ask again.
    """

    __slots__ = (
        *("_closing_act", "_last_reason", "_last_states", "_last_with_subject", "_said", "_states", "_subjects"),
        "words",
    )

    def __init__(self, words: list[str]) -> None:
        self.words = words
        # _subjects[i]: the number of words before i with the subject's particle.
        self._subjects = [0]
        for word in words:
            self._subjects.append(self._subjects[-1] + (1 if _SUBJECT.search(word) else 0))
        self._said: dict[tuple[int, int], tuple[Predicate | None, str]] = {}
        self._states: dict[int, bool] = {}
        last = words[-1] if words else ""
        self._last_reason = bool(_REASON.search(last) or _SEO.search(last))
        self._last_states = _STATES.search(last) is not None
        self._last_with_subject = _STATES_WITH_SUBJECT.search(last) is not None
        # Whether the last word, and the last two, name an act of ours (found when first asked).
        self._closing_act: tuple[bool, bool] | None = None

    def _has_subject(self, start: int, end: int) -> bool:
        return self._subjects[end] > self._subjects[start]

    def said(self, start: int, end: int) -> tuple[Predicate | None, str]:
        """The Korean predicate of words[start:end], and those words normalised without spaces."""
        found = self._said.get((start, end))
        if found is None:
            compact = normalise(" ".join(self.words[start:end])).compact
            found = self._said[(start, end)] = (korean_predicate(compact), compact)
        return found

    def asks(self, start: int, end: int) -> bool:
        """Whether words[start:end] ask for an act or a read."""
        return _asks(self.words[start:end], self.said(start, end)[0])

    def gives_a_reason(self, end: int) -> bool:
        """Whether words[:end] end in a subordinate clause of reason, time or background (a finite past
        stands as a sentence of its own), its ending on a verb of its own: a conjunction opening a sentence
        ("…해 주세요. 근데 …") joins what follows to what came before."""
        words = self.words
        last = words[end - 1]
        if end == 1 or _SENTENCE_END.search(words[end - 2]) is not None:
            return False
        return _SUBORDINATE.search(last) is not None or (
            _SEO.search(last) is not None and self._has_subject(0, end - 1)
        )

    def names_an_act(self, start: int) -> bool:
        """Whether words[start:] (which end where the message ends) close on an act of ours named with no verb
        asking it ("X 재시작만", "부탁드려요. X 재시작", "X 재시작 좀"): after a subordinate clause, the main
        clause it depends on, its verb left out, as chat leaves it."""
        words = self.words
        said = self.said(start, len(words))[0]
        if said is not None and said.source != "korean_bare":
            return False
        if self._closing_act is None:
            last, last_two = (normalise(" ".join(words[-count:])).compact for count in (1, 2))
            self._closing_act = (mentions_an_operation(last), mentions_an_operation(last_two))
        return self._closing_act[0 if start >= len(words) - 1 else 1]

    def tells_the_situation(self, end: int) -> bool:
        """Whether words[:end] only tell the situation."""
        words = self.words
        last = words[end - 1]
        reason = _REASON.search(last) is not None or (_SEO.search(last) is not None and self._has_subject(0, end - 1))
        # A sentence closed by its mark, ending on a statement ("메일이 안 나간대."), not on a request; the
        # -아/-어 and -요 forms state when the sentence has a subject and no verb of ours ("서버가 밀려요.").
        states = not reason and (
            (_SENTENCE_END.search(last) is not None and _STATES.search(last) is not None)
            or _HEARSAY.search(last) is not None
        )
        with_subject = (
            not reason
            and not states
            and _SENTENCE_END.search(last) is not None
            and _STATES_WITH_SUBJECT.search(last) is not None
            and self._has_subject(0, end - 1)
        )
        if not (reason or states or with_subject) or _wants_something(" ".join(words[:end])):
            return False
        return reason or states or self.said(0, end)[0] is None

    def only_states(self, start: int) -> bool:
        """Whether words[start:] (which end where the message ends) ask for nothing and only state."""
        if not (self._last_reason or self._last_states or self._last_with_subject):
            return False
        found = self._states.get(start)
        if found is None:
            found = self._states[start] = self._only_states(start)
        return found

    def _only_states(self, start: int) -> bool:
        words = self.words
        if not (
            self._last_reason
            or self._last_states
            or (self._last_with_subject and self._has_subject(start, len(words) - 1))
        ):
            return False
        clause = " ".join(words[start:])
        if _JOINS_A_REQUEST.search(clause) or _wants_something(clause):
            return False
        if self._last_reason:
            return True  # a reason after the request ("…얘기가 있어서", "귀찮아서") is subordinate to it
        return self.said(start, len(words))[0] is None

    def request_then_statement(self, start: int) -> tuple[str, str] | None:
        """The request, then a statement that completes it, in words[start:]."""
        words = self.words
        for cut in range(start + 1, len(words)):
            if self.only_states(cut) and self.asks(start, cut):
                return " ".join(words[start:cut]), " ".join(words[cut:])
        return None


def _korean_request(text: str) -> tuple[str, str] | None:
    words = text.split()
    while words and _ONLY_MOOD.search(words[-1]):
        words.pop()
    cuts = _Cuts(words)
    for index in range(len(words) - 2, -1, -1):
        if not cuts.tells_the_situation(index + 1):
            continue
        if cuts.asks(index + 1, len(words)) or (cuts.gives_a_reason(index + 1) and cuts.names_an_act(index + 1)):
            return " ".join(words[index + 1 :]), " ".join(words[: index + 1])
        # The situation, the request, then a statement that completes it ("… 재시작해 주시겠어요?
        # 네임스페이스는 core예요."): both sides are set aside.
        after = cuts.request_then_statement(index + 1)
        if after is not None:
            return after[0], " ".join([*words[: index + 1], after[1]])
    return cuts.request_then_statement(0)


# An English statement: a closed set of finite auxiliaries and verbs of state or failure.
_STATEMENT_EN = LazyPattern(
    r"\b(?:is|are|was|were|keeps?|kept|has|have|had|fails?|failing|failed|broke|throws?|throwing|returns?"
    r"|isn'?t|aren'?t|wasn'?t|doesn'?t|don'?t|didn'?t|won'?t|can'?t|stopped|started|seems?|looks?)\b"
    # A verb of saying or holding after its subject ("the logs mention an invalid token", "the error says …"):
    # what a text says is told, as what a thing does is.
    r"|(?<=\w\s)(?:mention|mentions|mentioned|say|says|said|contain|contains|contained)\b"
    # What someone did, told by its subject and its past ("we rotated the secret", "I just updated the token"):
    # the situation the request follows, as "시크릿 업데이트 했으니" is.
    r"|\b(?:i|we|they|he|she|someone|somebody)\s+(?:just\s+|already\s+|finally\s+)?[a-z]+ed\b"
)
# A consequence's "so" ("the secret was updated so restart X") opens the request after the situation.
_ENGLISH_SEGMENTS = LazyPattern(r"[,.;!?]\s+|\s+(?:because|since|as|so(?!\s+that\b))\s+")


def _english_request(text: str) -> tuple[str, str] | None:
    segments = [segment for segment in _ENGLISH_SEGMENTS.split(text) if segment.strip()]
    requests = [segment for segment in segments if english_act(segment) is not Act.NONE]
    situations = [
        segment
        for segment in segments
        if segment not in requests and _STATEMENT_EN.search(segment.lower()) and not _ASKING_EN.search(segment.lower())
    ]
    if not requests or not situations or len(requests) + len(situations) != len(segments):
        return None
    return ", ".join(requests), ", ".join(situations)


@dataclass(frozen=True, slots=True)
class Split:
    request: NormalisedText
    aside: str
    """The words set aside as the situation."""

    def uses_as_a_noun(self, pattern: LazyPattern) -> bool:
        """Whether every word of `pattern` in what was set aside is a noun ("강제 종료가 안 먹혀"), so
        that nothing of that kind is done there."""
        compact = self.aside.replace(" ", "").lower()
        return all(_AS_A_NOUN.match(compact, found.end()) for found in pattern.finditer(compact))


def request_without_situation(norm: NormalisedText) -> Split | None:
    """The request apart from the clauses that only tell the situation, or None when no such clause
    stands apart from a request of its own."""
    found = _korean_request(norm.text) if _HANGUL.search(norm.text) else _english_request(norm.text)
    return Split(request=normalise(found[0]), aside=found[1]) if found is not None else None


_SHAPED_NAME = LazyPattern(r"[-/0-9]")


def request_read_alone(norm: NormalisedText) -> str | None:
    """The request after a clause of reason, time or background (-니까, -길래, -는데, 뒤로, -아서 …), read alone
    when it names its own target: a word of that clause, subordinate to the request, is not what the request acts
    on ("API key 바꾼 뒤로 X가 안 떠 상태 보여줘" reads X's status, "ssh 안 되니까 X 로그 보여줘" X's logs). Only
    when that clause names something that could pass for a target, and gives no slot (a place, a count, a
    version) the whole would be read with; None otherwise."""
    if _HANGUL.search(norm.text) is None:
        return None
    words = norm.text.split()
    cuts = _Cuts(words)
    for index in range(len(words) - 2, -1, -1):
        if not cuts.gives_a_reason(index + 1) or not cuts.tells_the_situation(index + 1):
            continue
        if not cuts.asks(index + 1, len(words)) and not cuts.names_an_act(index + 1):
            return None
        request = normalise(" ".join(words[index + 1 :]))
        told = extract(normalise(" ".join(words[: index + 1])))
        asked = extract(request, request=True)
        if not told.names or not asked.has_target:
            return None
        if any(_SHAPED_NAME.search(name.value) for name in told.names) and not any(
            _SHAPED_NAME.search(name.value) for name in asked.names
        ):
            # "web-app 느리니까 API 재시작해줘": the clause names what is shaped as an app's name (a dash, a digit,
            # an owner) and the request only a word: which one is meant is not read alone.
            return None
        references, quantities = told.references, told.quantities
        slots = (
            *(references.namespace, references.environment, references.branch, references.image),
            *(references.commit_sha, quantities.replicas, quantities.lines, quantities.steps_back),
        )
        return request.text if all(slot is None for slot in slots) else None
    return None
