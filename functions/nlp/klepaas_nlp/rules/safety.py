"""Requests that are refused whatever else they say: deletion, shells, secrets, bulk destruction, injection.

Checked before anything else, on the text both with and without spaces, so "삭 제" or "d e l e t e"
is caught too. A refused request never becomes an intent.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from klepaas_nlp.rules.lazy import LazyPattern
from klepaas_nlp.rules.normalize import NormalisedText
from klepaas_nlp.rules.situation import TRANSIENT_KO, Split, request_without_situation

_I = re.IGNORECASE


@dataclass(frozen=True, slots=True)
class Refusal:
    category: str
    reason: str


_INJECTION = (
    LazyPattern(
        r"(?:이전|앞|위|기존|모든|지금까지|원래|너의|니)(?:의|에)?(?:지시|명령|지침|규칙|프롬프트|설정|instructions?)"
        r"(?:은|는|을|를|들은|들을|사항(?:은|을)?)?(?:모두|전부|다)?(?:무시|잊어|잊고|따르지)"
        r"|시스템프롬프트|너는이제|지금부터너는|역할을바꿔|관리자모드|개발자모드|탈옥|제한(?:을)?(?:풀|해제|무시)|제한없이"
        r"|규칙(?:을|은)?(?:어기|무시|깨)|확인(?:없이|절차없이|안하고|하지말고|생략|건너)|승인(?:없이|안받고|생략)",
        needs=(
            "규칙",
            "너는",
            "따르지",
            "무시",
            "승인",
            "시스템프롬프트",
            "역할을바꿔",
            "잊고",
            "잊어",
            "자모",
            "제한",
            "탈옥",
            "확인",
        ),
    ),
    LazyPattern(
        r"\b(?:ignore|disregard|forget|override|bypass)\b(?:\s+\w+){0,4}\s+"
        r"(?:instructions?|prompts?|rules|directions|guardrails|safety|restrictions|confirmation)\b"
        r"|\bsystem prompt\b|\byou are now\b|\bact as (?:an? )?(?:admin|root|unrestricted)|\bjailbreak\b"
        r"|\bdeveloper mode\b|\bdo anything now\b|\bwithout (?:asking|confirm(?:ation|ing)?|approval)\b"
        r"|\bskip (?:the )?(?:confirmation|approval|check)s?\b|\bno confirmation\b",
        _I,
        needs=(
            *("ignore", "disregard", "forget", "override", "bypass", "system prompt", "you are now", "act as"),
            *("jailbreak", "developer mode", "do anything now", "without", "skip", "no confirmation"),
        ),
    ),
)
_SECRET = (
    LazyPattern(
        r"시크릿|비밀번호|패스워드|비번|토큰|api키|자격증명|인증정보|개인키|인증서키|환경변수",
        needs=("api키", "개인키", "비밀번호", "비번", "시크릿", "인증", "자격증명", "토큰", "패스워드", "환경변수"),
    ),
    LazyPattern(
        r"\bsecrets?\b|\bpasswords?\b|\btokens?\b|\bapi[ _-]?keys?\b|\bcredentials?\b|\bprivate key\b"
        r"|\.env\b|\bkubeconfig\b|\benv(?:ironment)?\s+var(?:iable)?s?\b",
        _I,
        needs=("secret", "password", "token", "api", "credential", "private key", "env", "kubeconfig"),
    ),
)
# The resources a wipe (밀다) clears, and the records kept of them (logs, data): never pushed anywhere.
_WIPED = "(?:앱|파드|서비스|디플로이먼트|네임스페이스|리소스|자원|로그|데이터|기록)"
_BULK = (
    LazyPattern(
        r"(?:모든|전체|전부|몽땅|싹|다)(?:앱|파드|서비스|디플로이먼트|네임스페이스|리소스|자원|것|걸|거)?(?:을|를|들을|들)?"
        r"(?:다|전부|모두|싹){0,2}(?:꺼|끄|중지|정지|멈춰|멈추|종료|내려|죽여|0개|영개|스케일다운|셧다운"
        r"|(?:스케일|레플리카)?(?:0|영)(?:개|대)?(?:로|으로))"
        # 밀다 wipes only resources with words of totality ("전체 리소스 싹 다 밀어줘", "파드 전부 밀어"); what
        # else is pushed ("최신 코드 다 밀어줘", "스테이징에 전부 밀어줘") is a deploy's word, no wipe.
        rf"|(?:(?:모든|전체|전부|몽땅|싹|다)(?:을|를)?{_WIPED}(?:을|를|들을|들)?(?:다|전부|모두|싹){{0,2}}"
        rf"|{_WIPED}(?:을|를|들을|들)?(?:다|전부|모두|싹|몽땅){{1,2}})(?:밀어|밀고|밀자)"
        # An app named, then wiped whole: totality and the completive 버리다 ("billing 다 밀어버려": pushed away).
        r"|(?<![a-z0-9._-])[a-z][a-z0-9._-]*(?:을|를|은|는)?(?:다|전부|모두|싹|몽땅){1,2}밀어\s?버[리려렸]"
        # The cluster, maybe with words of totality after it ("클러스터 전체 싹 밀어버리고"), wiped.
        r"|클러스터(?:를|을|의)?(?:(?:전체|전부|통째로?|몽땅|싹|다|리소스|자원)(?:를|을)?)*"
        r"(?:초기화|리셋|밀어|밀고|밀자|포맷|셧다운|꺼|날려|날리|폭파)|초기화해|공장초기화",
        needs=("다", "모두", "모든", "몽땅", "싹", "전부", "전체", "초기", "클러스터"),
    ),
    LazyPattern(
        r"\b(?:all|every|everything|each)\b(?:\s+\w+){0,3}\s+(?:to\s+(?:0|zero)|down|off)\b"
        r"|\b(?:shut ?down|stop|kill|scale down|turn off|take down)\s+"
        r"(?:all|every|everything|the (?:whole|entire) cluster)\b"
        r"|\b(?:reset|wipe|nuke|format)\b(?:\s+\w+){0,2}\s+cluster\b|\bfactory reset\b"
        # Cleared, flushed or purged, everything goes: "clear all pods in every namespace", "flush everything".
        r"|\b(?:clear|flush|purge|wipe|nuke)\s+(?:out\s+)?(?:all|every|everything|the (?:whole|entire))\b",
        _I,
        needs=("all", "every", "each", "cluster", "factory reset", "whole", "entire"),
    ),
)
_DELETION = (
    # Killing or force-stopping a pod deletes it ("파드 하나 죽여"); "죽었어?" only asks.
    LazyPattern(
        # The stems in every form: 날려 (do it), 날리는 / 날릴 (the one that does it: "다 날리는 스크립트").
        r"삭제|지워|지우|제거|없애|날[려리릴린]|폭파|파기|삭재|딜리트|delete|destroy|uninstall|죽여|죽이|강제종료",
        needs=(
            "uninstall",
            "destroy",
            "delete",
            "강제종료",
            "딜리트",
            "날",
            "삭재",
            "삭제",
            "없애",
            "제거",
            "죽여",
            "죽이",
            "지우",
            "지워",
            "파기",
            "폭파",
        ),
    ),
    LazyPattern(
        r"\bdelete\b|\bremove\b|\bdestroy\b|\bpurge\b|\bwipe\b|\berase\b|\buninstall\b|\brm\b|\bkill\b"
        r"|\bterminate\b|\btear ?down\b|\bnuke\b"
        # The idioms of removing, a verb with its particle and preposition ("get rid of X", "do away with X"): the
        # verb "get" or "do" alone asks nothing, nor is "rid" a name.
        r"|\b(?:get|got|getting|gets)\s+rid\s+of\b|\b(?:do|did|doing)\s+away\s+with\b"
        r"|\bdrop\s+(?:the\s+)?(?:\S+\s+)?(?:namespace|database|db|table|all|everything|app|deployment|service)"
        # Korean order: the object first, then drop as the verb of 하다 ("네임스페이스 다 drop 해").
        r"|\bdrop\s*(?:해|하|시켜|ㄱ)",
        _I,
        needs=(
            *("delete", "remove", "destroy", "purge", "wipe", "erase", "uninstall", "rm", "kill", "terminate"),
            *("tear", "nuke", "drop", "rid", "away"),
        ),
    ),
)
_SHELL = (
    LazyPattern(
        r"쉘|셸|터미널|배시|콘솔(?:로|에)?(?:접속해|접속하|들어가)|컨테이너(?:안|내부|속)(?:에|으로|로)?(?:들어|접속)"
        r"|(?:파드|pod|컨테이너)(?:에|에서|안에서)?(?:직접)?(?:접속해|접속하|들어가)|(?:명령(?:어)?|커맨드|커멘드)(?:를|을)?(?:직접|임의로?)?실행"
        # "스크립트 돌려", "스크립트를 실행해": running a script, as "run a script" in English.
        r"|스크립트(?:를|을|좀|하나)*(?:실행|돌려|돌리|돌릴|돌린|run)"
        # "콘솔 접속 열어 주실 수 있나요?", "명령어 직접 칠 수 있게": a console opened, commands typed in it.
        r"|콘솔(?:접속|창|세션)?(?:을|를|좀)*(?:열|띄|붙|연결)|(?:명령(?:어)?|커맨드|커멘드)(?:를|을)?(?:직접)(?:칠|쳐|치|입력)"
        r"|루트권한|관리자권한|root권한",
        needs=("권한", "들어", "명령", "커맨드", "커멘드", "배시", "셸", "쉘", "접속", "콘솔", "터미널", "스크립트"),
    ),
    LazyPattern(
        # The subject of a copula ("the terminal's empty", "my shell is slow") is described, not asked for.
        r"\b(?:shell|bash|zsh)\b(?!'s\b|\s+(?:is|was|looks|seems|went|got|keeps)\b)"
        # So is a terminal that is a place: where something stands ("the kiosks at the terminal", "at terminal
        # B") or one of a station's numbered halls ("terminal 2"); a shell's terminal is opened, not stood at.
        r"|(?<!\bat\s)(?<!\bat\sthe\s)\bterminal\b(?!'s\b|\s+(?:is|was|looks|seems|went|got|keeps)\b|\s+[a-z0-9]\b)"
        r"|/bin/|\bexec\b|\bssh\b|\bsudo\b|\battach\b|\beval\b"
        r"|\b(?:run|execute)\s+(?:a\s+|this\s+|the\s+|arbitrary\s+|any\s+)?(?:command|script|code)s?\b"
        r"|\broot access\b|`|\$\(|&&|;\s*(?:rm|curl|wget|cat|ls|chmod|nc)\b|\|\s*(?:sh|bash)\b",
        _I,
        needs=(
            *("shell", "bash", "zsh", "/bin/", "exec", "ssh", "terminal", "sudo", "attach", "eval", "command"),
            *("script", "code", "root access", "`", "$(", "&&", ";", "|"),
        ),
    ),
)
_DELETE_OBJECTS = (
    (
        LazyPattern(r"네임스페이스|namespace", _I),
        "네임스페이스 삭제는 지원하지 않습니다. (Deleting namespaces is not supported.)",
    ),
    (
        LazyPattern(r"시크릿|secret", _I),
        "시크릿 삭제는 지원하지 않습니다. (Deleting secrets is not supported.)",
    ),
)
# Rights granted ("give me cluster-admin on prod", "prod 관리자 권한 좀 주세요", "make me an admin"): the
# closed set has no act that changes who may do what.
_PERMISSION = (
    LazyPattern(
        r"권한(?:을|를|도|좀)*(?:줘|주세요|주실|줄래|주시|주라|부여|달라|받고싶|받을수|추가해|올려|열어)"
        r"|(?:어드민|관리자|admin)(?:으로|로)?(?:승격|올려)",
        needs=("권한", "어드민", "관리자", "admin"),
    ),
    LazyPattern(
        # The right heads what is given: before the noun of a record ("access logs", "the admin audit history")
        # it only says which record is read, and gives nothing.
        r"\b(?:give|grant|assign)\s+(?:me|us|him|her|them|[\w-]+)\s+(?:\S+\s+){0,2}?"
        r"(?:access|admin|cluster-admin|permissions?|rights?|roles?|privileges?)\b"
        r"(?!\s+(?:\w+\s+)?(?:logs?|history|records?|entries|events|trail)\b)"
        r"|\bcluster-?admin\b|\b(?:cluster\s?)?role\s?bindings?\b|\bmake\s+(?:me|us)\s+(?:an?\s+)?admin\b",
        _I,
        needs=("give", "grant", "assign", "admin", "binding", "make"),
    ),
)
_REASONS = {
    "permission": "권한·역할 부여는 채팅에서 지원하지 않습니다. 관리자에게 요청하세요. "
    "(Granting permissions or roles is not supported from chat; ask an administrator.)",
    "injection": "이전 지시를 무시하거나 안전 확인을 건너뛰라는 요청은 따를 수 없습니다. "
    "(Requests to override instructions or skip safety checks are refused.)",
    "secret": "시크릿·토큰·비밀번호는 채팅에서 조회하거나 변경할 수 없습니다. "
    "(Secrets, tokens and passwords cannot be accessed from chat.)",
    "bulk": "여러 리소스를 한꺼번에 중지하거나 초기화하는 요청은 지원하지 않습니다. "
    "(Bulk shutdown or reset of resources is not supported.)",
    "deletion": "앱·리소스 삭제는 지원하지 않습니다. 필요하면 관리자에게 요청하세요. "
    "(Deleting apps or resources is not supported; ask an administrator.)",
    "shell": "셸·exec 접속이나 임의 명령 실행은 지원하지 않습니다. "
    "(Shell access and running arbitrary commands are not supported.)",
}
_CHECKS = (
    ("injection", _INJECTION),
    ("shell", _SHELL),
    ("bulk", _BULK),
    ("deletion", _DELETION),
    ("secret", _SECRET),
    ("permission", _PERMISSION),
)


# An app is often named after what it does ("token-issuer", "secret-rotator", "cleanup-deleter"):
# for these categories the words are read with names set aside. A kind prefix ("secret/db-pass")
# still names a secret, and injection and shell syntax is looked for in everything typed.
_READ_WITHOUT_NAMES = frozenset({"secret", "deletion", "shell"})
_SECRET_PREFIX = LazyPattern(r"(?<![a-z0-9])secrets?/", _I, needs=("secret",))


# What a deletion in a purpose or consequence clause may be about and still leave the request: the
# transient state a restart clears (a cache, a leak, stuck connections, locks, temporary files).
# Anything else, named or not, may be ours, and the command is refused.
_TRANSIENT_KO = LazyPattern(rf"(?:{TRANSIENT_KO})(?:을|를|도|좀)*$")
_TRANSIENT_EN = LazyPattern(
    r"\b(?:cache[sd]?|memory|leaks?|connections?|sockets?|locks?|temp|tmp|buffers?|zombies?|sessions?|cookies?)\b"
)
_OBJECT_PHRASE = LazyPattern(r"(?:\s+(?!(?:in|on|of|for|from|to|and|or|so|then|but)\b)[\w§'-]+){1,4}")
# A Korean verb made subordinate by its ending: a purpose ("지우려고", "없애려면", "비우도록"), or a
# step before the request ("정리하고", "지워서").
_SUBORDINATE_KO = LazyPattern(r"(?:려고|려면|려는|도록|기위해|게|고|서)$")
# An English deletion said as a purpose ("restart web to clear …") or as what something will do
# ("it should kill the stuck connections"): another clause carries the request.
_SUBORDINATE_EN = LazyPattern(r"(?:\bto|\bit (?:should|will|would|might)|\bthat (?:should|will|would))\s+$")


# A change as the means of what follows ("재시작해서", "재배포시켜서", "롤백해서"): the transient state
# cleared after it is the change's effect.
_BY_A_CHANGE_KO = LazyPattern(
    r"(?:재시작|재기동|리스타트|재배포|배포|롤백|스케일|restart|redeploy|deploy|rollback)\S*(?:해|시켜|돌려)서$",
    _I,
    needs=("재시작", "재기동", "리스타트", "배포", "롤백", "스케일", "restart", "deploy", "rollback"),
)


def _korean_deletion_is_about_something_else(
    norm: NormalisedText, korean: LazyPattern, *, skip_latin: bool = False
) -> bool:
    """ "캐시 지우려고 web 재시작해줘": every Korean deletion word is subordinate to another verb and
    deletes something that is not ours (a cache, a leak); the request is elsewhere."""
    words = norm.words.split()
    seen = False
    for index, word in enumerate(words):
        found = korean.search(word)
        if found is None or (skip_latin and found.group(0).isascii()):
            continue  # a Latin deletion word read as English (see _found)
        seen = True
        ending = word[found.end() :]
        # Its object's head is the word right before it, or written onto it ("캐시삭제하고").
        head = word[: found.start()] or "".join(words[max(0, index - 2) : index])
        if not _TRANSIENT_KO.search(head):
            return False
        subordinate = _SUBORDINATE_KO.search(ending) is not None and index < len(words) - 1
        # "web 재시작해서 캐시 날려줘": the change before it, as its means (-서), is what clears the cache.
        if not subordinate and not any(_BY_A_CHANGE_KO.search(before) for before in words[:index]):
            return False
    return seen


# A deletion in the passive ("삭제됐어?", "지워진 거야?", "deleted") tells or asks what happened; made to
# happen ("삭제되게 해줘", "지워지도록") it is still asked for.
_PASSIVE_KO = LazyPattern(r"(?:되|됐|된|돼|됨|되었|졌|진|짐|져|d)(?!게|도록)")


def _told_done(norm: NormalisedText, korean: LazyPattern) -> bool:
    """Every Korean deletion word is in the passive: the deletion is told or asked about, not asked for."""
    words = norm.words_compact
    hits = list(korean.finditer(words))
    return bool(hits) and all(_PASSIVE_KO.match(words, hit.end()) is not None for hit in hits)


def _english_deletion_is_about_something_else(norm: NormalisedText, english: LazyPattern) -> bool:
    """ "restart web to clear out the cache, it should kill the stuck connections": each English
    deletion word is a purpose or a consequence of another request and acts on something not ours."""
    seen = False
    for found in english.finditer(norm.words):
        seen = True
        if not _SUBORDINATE_EN.search(norm.words, 0, found.start()) or found.start() == 0:
            return False
        # Its object's head is the last word before a preposition, a conjunction or the end.
        phrase = _OBJECT_PHRASE.match(norm.words, found.end())
        head = phrase.group(0).split()[-1] if phrase is not None and phrase.group(0).split() else ""
        if not _TRANSIENT_EN.search(head):
            return False
    return seen


# A deletion negated or excluded asks for none ("지우지 말고 재시작만", "삭제는 하지 마", "(삭제 아님)",
# "지우는 거 아님", "삭제할 필요 없어", "don't delete anything", "without deleting", "no need to remove").
# A negation negated again ("삭제 안 하면 안 돼") or a negation that only suggests ("why not delete it",
# "can't delete it") still asks for it. Read after each deletion word (Korean) and before it (English),
# on the text without spaces and names.
_NEGATED_KO_AFTER = LazyPattern(
    r"(?:는|은|도)?(?:하|시키)?지(?:는|도|를)?(?:말|마|않|맙)"
    r"|(?:는|은|도)?(?:말고|말구|아님|아니|아닌|아닙|아냐|아녜|없이|금지)"
    r"|(?:하|시키)?(?:는|려는|을|할)(?:거|것|게|건)(?:는|은)?(?:아님|아니|아닌|아닙|아냐|아녜|말고)"
    r"|(?:는|은|도)?안(?:하|해|함|할)(?![가-힣]*(?:면|으면)안)"
    r"|(?:하|시키)?(?:면|시면)안(?:돼|됨|되|됩)"
    r"|(?:할|하실)?필요(?:는|가)?없"
    # "삭제 건은 빼고", "삭제 쪽은 제외하고": the deletion, with a bound noun of its matter, left out.
    r"|(?:건|쪽|부분|요청|작업)?(?:은|는|도|을|를)?(?:빼고|제외하고)(?!는)",
    needs=(
        *("지", "말", "아님", "아니", "아닌", "아닙", "아냐", "아녜", "없", "금지", "거", "것", "게", "건", "안"),
        *("빼고", "제외하고"),
    ),
)
_NEGATED_EN_BEFORE = LazyPattern(
    r"(?:\bdon'?t|\bdo\s*not|\bdoes\s*not|\bdoesn'?t|\bnever|\bno\s*need\s*to|(?<!can)(?<!can\s)(?<!why)(?<!why\s)\bnot"
    r"|\bwithout|\bnothing\s*to)\s*(?:(?:want|need|have|try|plan|mean|going)\s*to\s*)?(?:ever\s*)?$",
    _I,
    needs=("don", "do", "does", "never", "no", "without"),
)
# The same read in the text without spaces, where no word boundary is left ("andneverdelete").
_NEGATED_EN_BEFORE_COMPACT = LazyPattern(
    r"(?:don'?t|donot|doesnot|doesn'?t|never|noneedto|(?<!can)(?<!why)not|without|nothingto)"
    r"(?:(?:want|need|have|try|plan|mean|going)to)?(?:ever)?$",
    _I,
    needs=("don", "do", "does", "never", "no", "without"),
)


# An exception to a negated deletion is what is deleted ("don't delete anything except the namespace",
# "X 말고는 지우지 마"): the negation then asks for a deletion of what it leaves out.
_EXCEPTED = LazyPattern(
    r"\b(?:except|other\s+than|apart\s+from|besides|save\s+for|(?:anything|everything|all|nothing)\s+but)\b"
    r"|(?:말고는|빼고는|외에는|제외하고는|이외에는)",
    _I,
    needs=("except", "other", "apart", "besides", "save", "but", "말고는", "빼고는", "외에는", "제외하고는", "이외"),
)


def _every_word_negated(
    norm: NormalisedText,
    patterns: tuple[LazyPattern, LazyPattern],
    negated: tuple[LazyPattern, LazyPattern] = (_NEGATED_KO_AFTER, _NEGATED_EN_BEFORE),
) -> bool:
    """Every word of `patterns` (a deletion's, by default) is negated or excluded (`negated`: the Korean
    negation after it, the English one before it), with no exception to the negation: the request asks for
    nothing of that kind."""
    korean, english = patterns
    negated_after, negated_before = negated
    if _EXCEPTED.search(norm.words) is not None:
        return False
    hits = [(norm.words_compact, hit, _NEGATED_EN_BEFORE_COMPACT) for hit in korean.finditer(norm.words_compact)]
    hits += [(norm.words, hit, negated_before) for hit in english.finditer(norm.words)]
    return bool(hits) and all(
        negated_after.match(text, hit.end()) is not None
        or before.search(text, max(0, hit.start() - 30), hit.start()) is not None
        for text, hit, before in hits
    )


# A shell or a terminal not used, done without or set aside ("터미널 안 쓰고", "쉘 없이", "콘솔 말고", "without a
# shell"): the request is made some other way, and asks for no shell.
_NOT_USED_KO_AFTER = LazyPattern(
    r"(?:을|를|은|는|도|로|으로)?(?:안|못)(?:쓰|써|씀|열|켜|치|쳐|들어|접속)"
    r"|(?:을|를|은|는|도)?(?:쓰|열|켜|치)지(?:는|도)?(?:않|말|마)"
    # The shell's verb noun, on it or after it, negated with 하다 ("명령 실행하지 말고", "쉘 접속하지는 마").
    r"|(?:을|를|은|는|도)?(?:접속|실행)?(?:하|시키)지(?:는|도)?(?:않|말|마)"
    r"|(?:은|는|도)?(?:없이|말고|말구|빼고|대신)",
    needs=("안", "못", "지", "없이", "말고", "말구", "빼고", "대신"),
)
_NOT_USED_EN_BEFORE = LazyPattern(
    r"(?:\bwithout|\bno|\bnot\s+(?:via|through|using|from|in)|\b(?:don'?t|do\s+not|never)\s+(?:need|want|use|open)"
    r"(?:\s+to\s+(?:use|open))?)\s+(?:(?:a|an|the|any|my)\s+)?$",
    _I,
    needs=("without", "no", "not", "don", "do", "never"),
)


# Shell syntax is looked for in everything typed, names included.
_SHELL_SYNTAX = LazyPattern(
    r"`|\$\(|&&|;\s*(?:rm|curl|wget|cat|ls|chmod|nc)\b|\|\s*(?:sh|bash)\b|/bin/",
    needs=("`", "$(", "&&", ";", "|", "/bin/"),
)


# Copies of an app taken away ("remove one api replica", "레플리카 하나 제거해줘") change its count: a
# scale down, not a deletion. The deletion word's object is then a count of replicas or instances (never
# pods: a pod removed is a pod deleted).
_COPIES_AFTER_EN = LazyPattern(
    r"\s+(?:a|an|one|two|three|four|five|\d+)\s+(?:more\s+|extra\s+)?(?:[\w.-]+\s+)?(?:replicas?|instances?|copies)\b",
    _I,
)
_COPIES_BEFORE_KO = LazyPattern(
    r"(?:레플리카|복제본|인스턴스)(?:를|을)?(?:\d+|한|하나|두|둘|세|셋|네|넷|다섯)(?:개|대)?(?:만|씩)?$"
)


def _found(category: str, patterns: tuple[LazyPattern, LazyPattern], norm: NormalisedText) -> bool:
    korean, english = patterns
    if category == "deletion":
        if _every_word_negated(norm, patterns):
            return False
        words, compact = norm.words, norm.words_compact
        english_hits = list(english.finditer(words))
        korean_hits = list(korean.finditer(compact))
        # The Latin words of the Korean pattern ("delete" written in a Korean sentence, or spelled out
        # "d e l e t e") are read as English when the English pattern finds them as words: "restart X to
        # delete the cache" is one English deletion, a purpose, not a Korean one too.
        covered = sum(1 for hit in korean_hits if hit.group(0).isascii()) <= len(english_hits)
        # A deletion word whose object is a count of copies ("remove one replica") scales down.
        english_hit = any(_COPIES_AFTER_EN.match(words, hit.end()) is None for hit in english_hits)
        korean_hit = any(
            (not covered or not hit.group(0).isascii()) and _COPIES_BEFORE_KO.search(compact, 0, hit.start()) is None
            for hit in korean_hits
        )
        if (
            korean_hit
            and not _korean_deletion_is_about_something_else(norm, korean, skip_latin=covered)
            and not _told_done(norm, korean)
        ):
            return True
        return english_hit and not _english_deletion_is_about_something_else(norm, english)
    if category in _READ_WITHOUT_NAMES:
        if category == "secret" and _SECRET_PREFIX.search(norm.lower):
            return True
        if category == "secret":
            return _secret_asked_for(patterns, norm)
        if category == "shell" and _SHELL_SYNTAX.search(norm.lower):
            return True
        if category == "shell" and _every_word_negated(norm, patterns, (_NOT_USED_KO_AFTER, _NOT_USED_EN_BEFORE)):
            return False
        return korean.search(norm.words_compact) is not None or english.search(norm.words) is not None
    return korean.search(norm.compact) is not None or english.search(norm.lower) is not None


# A secret's word that modifies the noun after it names no secret asked for: a symptom ("토큰 에러",
# "token refresh is failing"), a feature ("비밀번호 변경 API") or a namespace's name ("secrets 네임스페이스").
_SECRET_MODIFIES_KO = LazyPattern(
    # "관련", "쪽" only relate the word to what follows: a symptom or logs of it ("토큰 관련 에러"), never
    # information or settings of it ("비밀번호 관련 정보", "토큰 관련 설정"), which are the secret asked for.
    r"(?:(?:(?:관련(?:된|한|해서)?|쪽)(?:의)?(?:로그)?)?(?:에러|오류|문제|이슈|장애|버그|만료|실패)"
    r"|(?:관련(?:된|한|해서)?|쪽)(?:의)?로그|api|네임스페이스|namespace|ns"
    r"|(?:갱신|변경|재발급|검증|발급|인증)(?:api|기능|에러|오류|실패|로직|쪽|이|가|에서|중))",
    _I,
)
_SECRET_MODIFIES_EN = LazyPattern(
    r"\s+(?:(?:refresh|renewal|rotation|validation|verification|reset|change|expiry)\s+(?:is|are|was|were|keeps)"
    r"|(?:(?:refresh|renewal|rotation|validation|verification|reset|change|expiry)\s+)?"
    r"(?:errors?|fail\w*|issues?|problems?|bugs?|expir\w*|api|endpoint|namespace|ns|네임스페이스))\b",
    _I,
)


def _secret_asked_for(patterns: tuple[LazyPattern, LazyPattern], norm: NormalisedText) -> bool:
    """Some secret's word is asked for: not every one of them modifies a symptom, a feature or a name."""
    korean, english = patterns
    compact, words = norm.words_compact, norm.words
    korean_hits = [hit for hit in korean.finditer(compact) if _SECRET_MODIFIES_KO.match(compact, hit.end()) is None]
    english_hits = [
        hit
        for hit in english.finditer(words)
        if _SECRET_MODIFIES_EN.match(words, hit.end()) is None
        # Written in a Korean sentence, the word modifies the Korean noun after it ("secret 관련 에러").
        and _SECRET_MODIFIES_KO.match(words[hit.end() : hit.end() + _MODIFIED_REACH].replace(" ", "")) is None
    ]
    return bool(korean_hits or english_hits)


# The Korean words that may follow a secret's word and say what it modifies fit in this many characters.
_MODIFIED_REACH = 24


# Categories whose words may describe the situation instead of asking for something ("토큰 만료
# 에러가 나서 auth 재시작해줘", "the mailer keeps rejecting passwords, check its logs"): the closed set
# has no intent that reads a secret, deletes or opens a shell, so reading the request alone cannot
# let one through. Injection, shell syntax and bulk destruction are refused wherever they stand.
_SITUATIONAL = frozenset({"secret", "deletion", "shell"})


# A resource not to be kept is one to delete ("don't keep the old namespace", "네임스페이스는 남기지 마"):
# the negation is the request itself, so it is never set aside as a situation beside the request.
_NOT_KEPT = (
    LazyPattern(
        r"(?:네임스페이스|앱|파드|볼륨|데이터|디비|db)(?:는|은|도)?(?:남기|유지하|놔두|살려두)지(?:말|마)",
        _I,
        needs=("남기", "유지하", "놔두", "살려두"),
    ),
    LazyPattern(
        r"\b(?:don'?t|do\s+not|never)\s+(?:keep|retain|preserve|leave)\s+(?:the\s+|its\s+|any\s+)?(?:\S+\s+)?"
        r"(?:namespaces?|apps?|deployments?|services?|pods?|volumes?|data|databases?|db)\b",
        _I,
        needs=("keep", "retain", "preserve", "leave"),
    ),
)


def check_safety(norm: NormalisedText) -> Refusal | None:
    """The refusal for a forbidden request, or None when the request may be interpreted."""
    korean, english = _NOT_KEPT
    if korean.search(norm.words_compact) is not None or english.search(norm.words) is not None:
        return Refusal(category="deletion", reason=_deletion_reason(norm))
    split: Split | bool | None = False  # not yet looked for
    for category, patterns in _CHECKS:
        if not _found(category, patterns, norm):
            continue
        if category in _SITUATIONAL and not _SHELL_SYNTAX.search(norm.lower):
            if split is False:
                split = request_without_situation(norm)
            if (
                isinstance(split, Split)
                and (category != "deletion" or split.uses_as_a_noun(patterns[0]))
                and not _found(category, patterns, split.request)
            ):
                continue
        return Refusal(
            category=category,
            reason=_deletion_reason(norm) if category == "deletion" else _REASONS[category],
        )
    return None


def _deletion_reason(norm: NormalisedText) -> str:
    return next((reason for pattern, reason in _DELETE_OBJECTS if pattern.search(norm.lower)), _REASONS["deletion"])
