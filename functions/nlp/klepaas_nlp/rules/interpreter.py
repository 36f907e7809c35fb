"""The deterministic interpreter: one command in, one checked Interpretation out (source "rules")."""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Mapping

from pydantic import BaseModel, ConfigDict

from klepaas_nlp.arguments import DEFAULT_MAX_REPLICAS, MAX_STEPS_BACK
from klepaas_nlp.intents import (
    INTENT_POLICIES,
    MUTATING_INTENTS,
    CommandValidationError,
    Intent,
    Interpretation,
    build_interpretation,
    missing_requirements,
    validate_args,
)
from klepaas_nlp.rules import calibration, suggest
from klepaas_nlp.rules import keywords as kw
from klepaas_nlp.rules.about import (
    Pointed,
    after_a_checked_item,
    only_about,
    pointed_at,
    request_after_about,
    wished_or_tried,
)
from klepaas_nlp.rules.assemble import TARGET_INTENTS, RawArgs, assemble
from klepaas_nlp.rules.calibration import SKIP_CONFIDENCE
from klepaas_nlp.rules.change_questions import asks_about_a_change
from klepaas_nlp.rules.classify import classify, told_not_asked
from klepaas_nlp.rules.clauses import clauses
from klepaas_nlp.rules.context import SessionContext, UserProfile, apply_aliases
from klepaas_nlp.rules.coordination import conjuncts, whole_phrases
from klepaas_nlp.rules.courtesy import addressed, without_courtesy
from klepaas_nlp.rules.deferral import (
    SCHEDULE_REASON,
    Deferred,
    deferred,
    offers_a_fallback,
    request_before_a_given_up_fallback,
)
from klepaas_nlp.rules.entities import Entities, extract
from klepaas_nlp.rules.kubectl import (
    kubectl_output,
    kubectl_reads,
    kubectl_verb_outside,
    read_kubectl,
    read_kubectl_chain,
)
from klepaas_nlp.rules.lazy import LazyPattern
from klepaas_nlp.rules.lending import lend, other_than_named, points_past_the_one_in_focus
from klepaas_nlp.rules.marks import asks_for_one_more, names_a_read
from klepaas_nlp.rules.normalize import BRACKET_TAG, NormalisedText, check_length, normalise
from klepaas_nlp.rules.notes import only_notes, tagged_request
from klepaas_nlp.rules.operation_talk import (
    UNSUPPORTED_REASON,
    Talk,
    asked_with_leave,
    beside_the_topic,
    carried_topic,
    ensured_change,
    operation_talk,
)
from klepaas_nlp.rules.pointing import PointedBack, points_back
from klepaas_nlp.rules.predicate import (
    MUTATION_ACTS,
    Act,
    Predicate,
    english_act,
    mentions_an_operation,
    opens_with_question_word,
    predicate,
)
from klepaas_nlp.rules.quoting import earlier_message, only_pasted
from klepaas_nlp.rules.reading import Reading, labelled_request, read
from klepaas_nlp.rules.references import name_pointed_branch
from klepaas_nlp.rules.remarks import without_remarks
from klepaas_nlp.rules.request import requested
from klepaas_nlp.rules.role import Requested
from klepaas_nlp.rules.safety import Refusal, check_safety
from klepaas_nlp.rules.scope import asks_about_something_else
from klepaas_nlp.rules.self_answered import answered_question, mail_body
from klepaas_nlp.rules.set_aside import asked_before_set_aside, drop_negated, kept_going, put_instead, takes_back
from klepaas_nlp.rules.situation import request_read_alone
from klepaas_nlp.rules.statements import among_statements
from klepaas_nlp.rules.vocabulary import is_topic_noun

# At or above the models' skip threshold (0.9) only when the act and every required argument were
# read without doubt. Measured precision (tests/functions/nlp/scoring.py, 2026-12-04) over the dev
# sets and both old corpora (1039 commands, tuned on): 0.95 -> 99.5 % (750/754), 0.9 -> 100 %
# (87/87), 0.8 -> 100 % (106/106), 0.5 -> 97.9 %. On dev set b before any tuning on it, 0.95 was
# 92.6 % (75/81): below the claim, which is why a noun-only act or competing names stay at 0.8.
# Round 2 (2026-12-05), dev set c before any tuning on it: 0.95 was 89.5 % (246/275); by intent the
# weakest was status, 71 % (25/35), mostly a read with nothing but a target guessed as status, and
# compound commands read as one act (gone now that coordination and clauses make `ambiguous`).
# So a guessed read (`Classification.sure` False) stays at 0.8. After the round, over dev sets a, b
# and c (691 commands, tuned on): 0.95 -> 99.8 % (451/452), 0.9 -> 100 % (60/60, all ambiguous),
# 0.8 -> 98.2 % (54/55), 0.5 -> 98.3 %, refusals 0.99 -> 100 % (45/45).
# Round 3 (2026-12-05): the blind sets still found 17 and 9 confidently wrong answers, so the
# claim now rests on how an answer was read, not only on what: an answer reaches 0.95 / 0.9 only
# on a reading path measured 100 % right with enough support and trusted by shape (calibration.py,
# table in tests/functions/nlp/corpus/CALIBRATION.md); anything else is CONFIDENCE_UNCALIBRATED.
CONFIDENCE_EXPLICIT = 0.95
CONFIDENCE_FROM_CONTEXT = 0.9
CONFIDENCE_AMBIGUOUS = 0.9
CONFIDENCE_NOUN_ONLY = 0.8
CONFIDENCE_NAMES_COMPETE = 0.8
CONFIDENCE_GUESSED_READ = 0.8
CONFIDENCE_UNCALIBRATED = 0.8
CONFIDENCE_UNFAMILIAR_TARGET = 0.7
CONFIDENCE_QUESTION = 0.5
CONFIDENCE_MISSING = 0.5
CONFIDENCE_UNKNOWN = 0.1
CONFIDENCE_REFUSED = 0.99
_CREATION_REFUSED = (
    "새 리소스(앱·디플로이먼트·서비스·네임스페이스·데이터베이스 등)를 만드는 요청은 지원하지 않습니다. "
    "배포는 저장소나 앱 이름으로 요청하세요. "
    "(Creating new resources is not supported; deploy an app by its repository or name.)"
)

_TARGET_KEYS = ("github_owner", "github_repo", "app_name")
# Coordinated objects make two acts when they are two things acted on, two different reads, or one
# thing acted on in two places: "deploy web-app to staging and production" is two deploys, each of
# which must be confirmed on its own, as "web-app staging이랑 production 둘 다 배포" is.
# What two coordinated objects may differ in and be two acts: the target, the place, the kind of analysis.
_WHAT_AND_WHICH = (
    *_TARGET_KEYS,
    *("pod_name", "service_name", "deployment_name", "namespace", "environment", "analysis_type"),
)
_RESOURCE_NAME_KEYS = ("pod_name", "service_name", "deployment_name")
_ANY_TARGET_KEYS = (*_TARGET_KEYS, *_RESOURCE_NAME_KEYS)
_EVERY_ARGUMENT = tuple(sorted({key for policy in INTENT_POLICIES.values() for key in policy.allowed_args}))
# Alternatives: any argument but a count, whose alternatives ("3 or 4 replicas") leave the count asked for.
_ALTERNATIVE_VALUES = tuple(key for key in _EVERY_ARGUMENT if key != "replicas")
# The kind of analysis asked for: two phrases of one sentence asking for two kinds are two analyses (a
# sentence before, "예산을 잡아야 해.", only says why).
_WHICH_ANALYSIS = ("analysis_type",)
_INNER_SENTENCE_END = LazyPattern(r"[.!?]\s", needs=(".", "!", "?"))


def _which_analysis(clause: str) -> tuple[str, ...]:
    return () if _INNER_SENTENCE_END.search(clause) else _WHICH_ANALYSIS


# "둘 다", "both", "…도 같이" (also, together): the two are two things asked for.
_BOTH = LazyPattern(r"둘\s*다|\bboth\b|도\s*(?:같이|함께)", re.IGNORECASE, needs=("둘", "both", "도"))
# "or", 또는, 혹은, 이나: the two are alternatives, one of which the user must choose; readings that
# differ in any argument ("to abc1234 or def5678") are two answers, never one chosen silently.
_EITHER = LazyPattern(
    r"(?:^|\s)(?:or|또는|혹은|이나|아니면|아님)(?=\s)",
    re.IGNORECASE,
    needs=("or", "또는", "혹은", "이나", "아니면", "아님"),
)


class RuleResult(BaseModel):
    """The rules' answer: the interpretation, and the session context to store (None: keep the old one)."""

    model_config = ConfigDict(frozen=True)

    interpretation: Interpretation
    context_update: SessionContext | None = None
    act_clear: bool = False
    """True when the act came from an explicit predicate: a model answer with another act is then
    a disagreement to ask about, never a correction."""
    path: str = ""
    """The reading path (calibration.py): how the act, the intent and the target were read."""


def _takes_target(intent: Intent) -> bool:
    return "app_name" in INTENT_POLICIES[intent].allowed_args


def _fill_from_context(args: RawArgs, intent: Intent, context: SessionContext | None) -> bool:
    """Add the session's target when the command names none; True when something was added."""
    if context is None or not context.has_target or not _takes_target(intent):
        return False
    if any(key in args for key in (*_TARGET_KEYS, *_RESOURCE_NAME_KEYS)):
        return False
    for key, value in context.target_args().items():
        args.setdefault(key, value)
    return True


def _fill_preferred_environment(args: RawArgs, intent: Intent, profile: UserProfile | None) -> None:
    if profile is None or profile.preferred_environment is None or "environment" in args:
        return
    if "app_name" in args and "environment" in INTENT_POLICIES[intent].allowed_args:
        args["environment"] = profile.preferred_environment


def _typed_target(args: RawArgs) -> str | None:
    if "github_owner" in args and "github_repo" in args:
        return f"{args['github_owner']}/{args['github_repo']}"
    app_name = args.get("app_name")
    return app_name if isinstance(app_name, str) else None


def _refused(refusal: Refusal) -> RuleResult:
    refused = build_interpretation(
        Intent.UNKNOWN, {}, confidence=CONFIDENCE_REFUSED, source="rules", refused=refusal.reason
    )
    return RuleResult(interpretation=refused, path="refused")


_MAY_BE_DEFERRED = frozenset({*MUTATING_INTENTS, Intent.STATUS})


# How deep this thread is in `interpret` (it reads parts of a command by calling itself).
_reading = threading.local()


def interpret(
    text: str,
    context: SessionContext | None = None,
    profile: UserProfile | None = None,
    *,
    max_replicas: int = DEFAULT_MAX_REPLICAS,
) -> RuleResult:
    """Interpret one Korean or English command without executing anything.

    Raises CommandValidationError for an empty or over-long command and for argument values outside
    the schema (for example more replicas than `max_replicas`).
    """
    depth = getattr(_reading, "depth", 0)
    if depth == 0:
        normalise.cache_clear()  # a command's normalisations are shared by its parts, not kept for the next
    _reading.depth = depth + 1
    try:
        lent = _lent_by_the_quote(text, context, profile, max_replicas) if depth == 0 else None
        if lent is None:
            return _interpret(text, context, profile, max_replicas=max_replicas)
        result = _interpret(text, lent, profile, max_replicas=max_replicas)
        if not result.path.endswith("/context"):
            return result
        if result.interpretation.intent in MUTATING_INTENTS:
            # "> X 재시작해줘\n아 잠깐, 다른 거 재시작해야 해": a change whose target only the quote would give may
            # be meant for another; the target is asked for.
            return _interpret(text, context, profile, max_replicas=max_replicas)
        # A read whose target a quoted message lends is likely, never sure: the quote was not said to the bot.
        return _likely(result)
    finally:
        _reading.depth = depth


def _lent_by_the_quote(
    text: str, context: SessionContext | None, profile: UserProfile | None, max_replicas: int
) -> SessionContext | None:
    """The target an earlier message the user quotes names ("> auth 재시작해줘\n그냥 상태만 보여줘"): the
    conversation's earlier turn, which lends a read what a session's earlier command lends when the user's own
    words name none. None when nothing is quoted, nothing but the quote is written, or the quote names no
    target."""
    if ">" not in text and "↪" not in text:
        return None
    reading = read(text)
    earlier = earlier_message(reading.data)
    if earlier is None or not reading.norm.text.strip():
        return None
    try:
        return interpret(earlier, context, profile, max_replicas=max_replicas).context_update
    except CommandValidationError:
        return None


def _no_change_left(norm: NormalisedText, said: Interpretation) -> bool:
    """Whether the change read is, after all, not asked of us."""
    if not suggest.current_target(said.args) and asks_about_something_else(norm):
        # "teams 앱이 또 멈췄네 재시작해야겠다": a clause's change with no target of its own, beside one naming
        # a program or device that is not ours: that is what it is about.
        return True
    # "X 재시작해줘, 아 재시작 말고": the last words set aside the change just asked; nothing is left to run.
    return takes_back(norm.text, said.intent.value)


def _interpret(
    text: str,
    context: SessionContext | None,
    profile: UserProfile | None,
    *,
    max_replicas: int,
) -> RuleResult:
    check_length(text)
    if kubectl_output(text):
        # "deployment.apps/web scaled", "pod/web-1 deleted": kubectl's report of a change done, pasted.
        return _unknown()
    reading = read(text)
    norm = reading.norm
    chain = read_kubectl_chain(norm.text)
    if chain is not None:
        # kubectl lines joined as a shell joins them: each line is checked and read on its own.
        refusal = next(filter(None, (check_safety(normalise(line)) for line, _ in chain)), None)
        return _refused(refusal) if refusal is not None else _kubectl_chain(chain, max_replicas)
    refusal = check_safety(norm)
    if refusal is None and profile is not None and profile.aliases:
        # Checked before and after expansion: a learned alias can neither hide nor add a forbidden request.
        norm = normalise(apply_aliases(norm.text, profile.aliases))
        refusal = check_safety(norm)
    if refusal is not None:
        return _refused(refusal)
    body = mail_body(text)
    alone = None if body is None else interpret(body, context, profile, max_replicas=max_replicas)
    if alone is not None and alone.interpretation.intent is not Intent.UNKNOWN:
        # "FW: outage report\n전달: 바로 롤백 바랍니다": the subject line names what the mail is about; the
        # body asks, read alone (its target asked for when it names none). A body asking nothing ("RE: X
        # 재시작 부탁\n감사합니다") leaves the request in the subject.
        return _likely(alone)
    named = name_pointed_branch(norm.text)
    if named != norm.text:
        # "we pushed a fix to release/4.2 … deploy X from that branch": the branch pointed at is named.
        norm = normalise(named)
    if only_about(text) or only_pasted(text) or wished_or_tried(norm.text):
        # "예: X 3개로 늘려줘", "X 재시작 ✅", "### Restart procedure", "[INFO] rollback complete: X": text
        # about a command (an example, a done mark, a heading, a log line pasted alone) asks for nothing; nor
        # does a change wished for and held back, or tried and told with what came of it ("X 재시작하고 싶은데
        # 지금 피크라 못 하겠다", "X 3개로 늘려줘 했더니 에러남").
        return _unknown()
    after = request_after_about(norm.text) or after_a_checked_item(text)
    if after is not None:
        # "그만 물어보고 X 재시작해", "my lead told me to scale X to 5, can you do it?", "✅ 배포 완료\nX 로그 보여줘":
        # the request after a complaint, what was told to do when it is asked, or what follows an item a check
        # mark closes, read alone; likely, never sure.
        return _likely(interpret(after, context, profile, max_replicas=max_replicas))
    pointed = _read_pointed(norm, reading, context, profile, max_replicas)
    if pointed is not None:
        return pointed
    typed = read_kubectl(norm.text)
    if typed is not None:
        return _kubectl(*typed, max_replicas)
    if only_notes(normalise(text).text):
        # "notes: 1) we restarted X 2) …", "할 일: 1. X 재시작 2. …": a list kept as notes asks for nothing
        # (read on the text as written: the reading drops a list's first number).
        return _unknown()
    tagged = tagged_request(normalise(text).text)
    if tagged is not None:
        # "[진행중] X 배포해줘", "(pending) restart X please": a tracker's status before a request asked in so
        # many words; the request is read without the tag.
        return interpret(tagged, context, profile, max_replicas=max_replicas)
    alone_asked = (
        asked_with_leave(norm.text) or request_before_a_given_up_fallback(norm.text) or request_read_alone(norm)
    )
    if alone_asked is not None:
        # "배포해도 되나요? 되면 운영에 배포해 주세요": the request asked once leave is given, read alone
        # ("되면" is the leave, no condition the change waits on). "X 재시작해줘 안 되면 어쩔 수 없지", "restart
        # X; if that fails, no worries": a fallback that gives up offers no second act. "ssh 안 되니까 X 로그
        # 보여줘": the request after a clause of reason or time that names its own target (situation.py).
        # Each is read alone; likely, never sure.
        return _likely(interpret(alone_asked, context, profile, max_replicas=max_replicas))
    result = _past_the_address(norm.text, context, profile, max_replicas) or _sentence(
        norm, reading, _lendable(norm.text, context), profile, max_replicas
    )
    said = result.interpretation
    if said.intent in MUTATING_INTENTS and _no_change_left(norm, said):
        return _unknown()
    told = told_not_asked(norm) if "?" not in norm.text else None
    source = result.path.split("/", 1)[0]
    withdrawn = told == "withdrawn" and source == "none" and not asked_before_set_aside(norm.text)
    if (told == "felt" and source in ("none", "question")) or withdrawn:
        # "X 터질까 봐 걱정돼", "아 잠깐, X 재시작 말고": the last words tell a worry or take a request back,
        # and no other predicate asks (a read asked beside them, "이력만 보자, 롤백은 하지 말고", stands, and so
        # does one named before what is set aside, "pods 목록, 서비스 말고").
        return _unknown()
    if result.interpretation.refused is None and kubectl_verb_outside(norm.text):
        # "kubectl edit deploy X", "kubectl set env deploy/X A=b", "kubectl rollout pause deployment/X": a
        # kubectl verb the closed set has no intent for, on a resource whose kind "deploy" names; nothing
        # the sentence reading took from its words is asked (a refusal of it stands).
        return _unknown()
    if result.interpretation.intent in MUTATING_INTENTS and kubectl_reads(norm.text):
        # "k get deploy -n ops --sort-by=…": a kubectl line whose verb only reads ("get", "describe",
        # "logs", "top") changes nothing, whatever part of it this grammar left unread.
        return _unknown()
    proposes = result.interpretation.intent in (*MUTATING_INTENTS, Intent.AMBIGUOUS)
    topic = beside_the_topic(norm) if proposes else None
    if topic is not None:
        # "cart 롤백 관련해서 연락 주세요", "call me about the cart rollback": the operation is what the
        # sentence is about, not what it asks for; the rest, read alone, asks at most for a read.
        alone = interpret(topic, context, profile, max_replicas=max_replicas) if topic else None
        if alone is None or alone.interpretation.intent in MUTATING_INTENTS:
            return _unknown()
        return alone
    if (
        result.interpretation.intent not in (*_MAY_BE_DEFERRED, Intent.UNKNOWN)
        and mentions_an_operation(norm.words_compact)
        and deferred(norm.text) is Deferred.DONE
    ):
        # "X 서비스 재시작해 주셔서 감사합니다": thanks for a change done, whatever noun the read took.
        return _unknown()
    if result.interpretation.intent in _MAY_BE_DEFERRED:
        # "X 롤백해야 할까요?", "X 재시작 고마워", "트래픽 늘면 X 5개로 늘려줘", "내일 X 배포해줘": the words
        # of a change in a sentence that asks for none now (deferral.py). A change, or the state a change
        # under a condition or advice was read as ("만약 … 넘으면 X 롤백해줘"); a read asked beside a
        # change planned for later ("배포는 다음 주에, 상태만 보여줘") stays that read.
        why = deferred(norm.text)
        if result.interpretation.intent is Intent.STATUS and why not in (Deferred.CONDITION, Deferred.ADVICE):
            return result
        if why is Deferred.SCHEDULED:
            return _refused(Refusal(category="unsupported", reason=SCHEDULE_REASON))
        if why is not None:
            return _unknown()
    return result


def _lendable(text: str, context: SessionContext | None) -> SessionContext | None:
    """The session's context, unless the command points past its last target ("restart the other one", "restart it
    — no, not the one you're thinking of"): that target is the one in focus, set aside; a command naming no target
    of its own asks for it."""
    return None if points_past_the_one_in_focus(text) else context


def _sentence(
    norm: NormalisedText,
    reading: Reading,
    context: SessionContext | None,
    profile: UserProfile | None,
    max_replicas: int,
) -> RuleResult:
    """A command read as a sentence: its clauses, its coordinated objects, else its one act."""
    polite = kept_going(without_courtesy(norm.text))
    if polite != norm.text:
        # Greetings, thanks and laughter around the request are not part of it (courtesy.py), nor is
        # an undoing forbidden before carrying on ("X 재시작 취소하지 말고 진행해줘", set_aside.py).
        norm = normalise(polite)
    introduced = _introduced(norm.text, context, profile, max_replicas)
    if introduced is not None:
        return introduced
    if asks_about_a_change(norm.text):
        # "누가 X 재시작했나요?", "X 재시작하면 세션이 끊기나요?": a question about a change asks for none.
        return _unknown()
    talk = operation_talk(norm)
    if talk is Talk.UNSUPPORTED:
        # "web 스레드 8개로 늘려줘", "배포 알림 꺼줘": a count or a setting that is not the app's copies.
        return _refused(Refusal(category="unsupported", reason=UNSUPPORTED_REASON))
    if talk is Talk.REMARK:
        # "롤백 계획서 써줘", "재시작이 답이지 ㅋ", "the rollback happened at 3am": about an operation, asking none.
        return _unknown()
    if talk is Talk.SYMPTOM:
        # "web이 계속 재시작돼", "web keeps restarting": the operation happening to the app; its state is read.
        return _one_act(
            norm,
            Predicate(Act.READ, explicit=False, source="symptom"),
            reading.data_refusal,
            context,
            profile,
            max_replicas,
        )
    other = other_than_named(norm.text)
    if other is not None:
        # "X는 어제 롤백했어요. 오늘은 다른 거 롤백해야 해요": X is excluded, the target is not named.
        return interpret(other, context, profile, max_replicas=max_replicas)
    pointed = points_back(norm.text)
    if pointed is not None:
        return _pointed_back(pointed, context, profile, max_replicas)
    asked = requested(norm.text)
    if asked is None or (asked.request is None and not asked.retracted):
        beside = among_statements(norm.text)
        if beside is not None:
            # Clauses that only state (what happened, why, what someone will do) beside one that asks
            # are context: the request clause alone gives the act and its arguments.
            return _the_request(beside, context, profile, max_replicas)
    if asked is not None:
        # Clauses that tell a change done, planned or supposed ask for nothing: only the request
        # clauses are read, and nothing at all when there is none.
        return _unknown() if asked.request is None else _the_request(asked, context, profile, max_replicas)
    instead = put_instead(norm.text)
    if instead is not None:
        # "X 재시작해줘 말고 Y 파드": the request, its name turned down for another; rewritten, so likely at most.
        return _likely(interpret(instead, context, profile, max_replicas=max_replicas))
    if drop_negated(norm.text) != norm.text:
        norm = normalise(drop_negated(norm.text))
    request = without_remarks(norm.text)
    if request != norm.text:
        norm = normalise(request)
    parts = clauses(norm.text)
    if len(parts) == 1 and len(parts[0][0]) < len(norm.text) and norm.text.startswith(parts[0][0]):
        # A remark after the request was set aside (clauses.py): its words are no target or slot.
        norm = normalise(parts[0][0])
    if len(parts) == 1:
        # One predicate over two objects ("A랑 B 재시작해줘") is two acts as much as two predicates are.
        pair = conjuncts(parts[0][0])
        if pair is not None:
            coordinated = [(part, predicate(part)) for part in pair]
            # "로그 100줄이랑 이전 컨테이너 로그 둘 다": "both" says the two are two things asked for,
            # so readings that differ in any argument are two acts.
            compare = (
                _EVERY_ARGUMENT
                if _BOTH.search(parts[0][0])
                else _ALTERNATIVE_VALUES
                if _EITHER.search(parts[0][0])
                else _WHAT_AND_WHICH
            )
            ambiguous = _ambiguous(coordinated, context, profile, max_replicas, compare=compare)
            if ambiguous is not None and ambiguous.interpretation.intent is Intent.AMBIGUOUS:
                return ambiguous
            whole = whole_phrases(parts[0][0])
            if whole is not None:
                # Only a different intent or kind of analysis counts here ("this month's cost and next
                # month's forecast": two analyses): the phrases share no target, by construction;
                # unless "both" says the two are two things asked for ("이번달 비용이랑 다음달 비용
                # 예측 둘 다": two analyses, one of the month's costs and one forecast).
                two = _ambiguous(
                    [(part, predicate(part)) for part in whole],
                    context,
                    profile,
                    max_replicas,
                    compare=_EVERY_ARGUMENT if _BOTH.search(parts[0][0]) else _which_analysis(parts[0][0]),
                )
                if two is not None and two.interpretation.intent is Intent.AMBIGUOUS:
                    return two
            if ambiguous is not None:
                return ambiguous
    else:
        ambiguous = _ambiguous(parts, context, profile, max_replicas)
        if ambiguous is not None:
            return ambiguous
    if len(parts) == 1:
        said = parts[0][1]
    else:
        # Clauses that only read (a condition and a question) read as a whole too; otherwise the nouns decide.
        reads = all(part.act is Act.READ for _, part in parts)
        said = Predicate(Act.READ, source="clauses") if reads else Predicate(Act.NONE, source="clauses")
    return _one_act(norm, said, reading.data_refusal, context, profile, max_replicas)


def _past_the_address(
    text: str, context: SessionContext | None, profile: UserProfile | None, max_replicas: int
) -> RuleResult | None:
    """ "hey bot, restart X", "K-Le-PaaS야 X 로그 보여줘": the one addressed by name is who is asked, never the
    target, when the request after it names its own (courtesy.py); that request, read alone, likely, never sure.
    None when nothing is addressed or the request names no target of its own ("web-app, restart it"), read
    without the session's context, which would lend it one."""
    request = addressed(text)
    if request is None:
        return None
    alone = interpret(request, None, profile, max_replicas=max_replicas)
    return _likely(alone) if suggest.current_target(alone.interpretation.args) else None


def _introduced(
    text: str, context: SessionContext | None, profile: UserProfile | None, max_replicas: int
) -> RuleResult | None:
    """The request a label or a topic introduces, read alone: likely, never sure; None without one. A request
    with a fallback after it is two acts."""
    if offers_a_fallback(text):
        # "restart X, if that fails roll it back": the fallback is a second act beside the first, each a
        # suggestion (the condition is no statement beside a request, nor a remark to drop).
        fallback = _ambiguous(clauses(text), context, profile, max_replicas)
        if fallback is not None:
            return fallback
    answered = answered_question(text)
    if answered is not None:
        # "X가 어느 네임스페이스였지… 아 mailer구나. …", "…where X lives, but never mind, it's the booking
        # namespace. …": the question the writer answered asks nothing; the answer and the request are read.
        return _likely(interpret(answered, context, profile, max_replicas=max_replicas))
    labelled = labelled_request(text)
    if labelled is not None:
        # "[CHG-1] … 현재 2개로 부족 확인됨. 요청: X를 5개로 늘려 주세요.": the labelled request is what is
        # asked; the ticket's context before it (a count stated as the present, a crash-looping pod) is
        # no read of its own.
        alone = interpret(labelled, context, profile, max_replicas=max_replicas)
        if alone.interpretation.intent is not Intent.UNKNOWN:
            return _likely(alone)
    ensured = ensured_change(text)
    if ensured is not None:
        # "make sure X is restarted", "ensure X is scaled to 3": the state to make sure of names the act.
        return _likely(interpret(ensured, context, profile, max_replicas=max_replicas))
    topical = carried_topic(text)
    if topical is not None:
        # "about cart: please scale it to 4", "cart 롤백 관련해서 진행해 주세요": the topic names what the
        # request is about, or the operation it carries out.
        return _likely(interpret(topical, context, profile, max_replicas=max_replicas))
    return None


def _the_request(
    asked: Requested, context: SessionContext | None, profile: UserProfile | None, max_replicas: int
) -> RuleResult:
    """The request clauses read alone. When they name nothing and the clauses beside them name one
    app ("smsc-relay는 이미 재시작했어, 로그만 보여줘"), that app is what they are about, if what they
    ask for takes a target at all ("X 2개로 줄일 예정인데 비용부터 분석해줘" analyses no namespace X)."""
    assert asked.request is not None
    alone = interpret(asked.request, context, profile, max_replicas=max_replicas)
    if asked.unsettled is not None:
        # "X 5개로 늘려줘 아니다 그보다는 적게": the count taken back, none readable in its place: asked.
        return _ask_unsettled(alone, asked.unsettled)
    if asked.rewritten:
        return _likely(alone)  # "X 재시작해줘. 아 잠깐, X 말고 Y": corrected by the speaker, so likely at most
    if asked.kind is not None and alone.interpretation.intent is Intent.UNKNOWN:
        # "인그레스는 건드리지 말고 목록만 보여 줘": the kind the other clause named is what is read.
        about = interpret(lend(asked.kind, asked.request), context, profile, max_replicas=max_replicas)
        if about.interpretation.intent not in (*MUTATING_INTENTS, Intent.UNKNOWN, Intent.AMBIGUOUS):
            return _likely(about)
    if asked.lent is None:
        return alone
    lent = interpret(lend(asked.lent, asked.request), context, profile, max_replicas=max_replicas)
    intent = lent.interpretation.intent
    takes = INTENT_POLICIES[intent].allowed_args
    if intent is Intent.AMBIGUOUS or _takes_target(intent) or any(key in takes for key in _RESOURCE_NAME_KEYS):
        return _likely(lent)  # the target was lent by another clause: likely, never sure
    return alone


def _pointed_back(
    pointed: PointedBack, context: SessionContext | None, profile: UserProfile | None, max_replicas: int
) -> RuleResult:
    """The request that points back into the sentences beside it, read with what it points at
    (pointing.py): likely, never sure. Two names it may point at leave its target a question."""
    if pointed.alone is not None:
        alone = interpret(pointed.alone, context, profile, max_replicas=max_replicas)
        intent = alone.interpretation.intent
        takes = INTENT_POLICIES[intent].allowed_args
        if (
            intent not in (Intent.AMBIGUOUS, Intent.UNKNOWN)
            and not _takes_target(intent)
            and not set(_ANY_TARGET_KEYS) & set(takes)
        ):
            return _likely(alone)  # "파드 목록 보여줘" lists, whatever app the other sentence names
    result = interpret(pointed.request, context, profile, max_replicas=max_replicas)
    it = result.interpretation
    if not pointed.candidates:
        return _likely(result)
    if it.intent in (Intent.UNKNOWN, Intent.AMBIGUOUS) or not _takes_target(it.intent):
        return result
    args = {key: value for key, value in it.args.items() if key not in _ANY_TARGET_KEYS}
    asked = build_interpretation(
        it.intent,
        args,
        confidence=CONFIDENCE_MISSING,
        source="rules",
        suggestions=[suggest.example_command(it.intent, name, args) for name in pointed.candidates],
    )
    return result.model_copy(update={"interpretation": asked, "context_update": None})


def _ambiguous(
    parts: list[tuple[str, Predicate]],
    context: SessionContext | None,
    profile: UserProfile | None,
    max_replicas: int,
    compare: tuple[str, ...] | None = None,
) -> RuleResult | None:
    """`ambiguous` with one suggestion per act when two clauses ask for different ones; the one act
    when every clause asks for the same; None otherwise (the command is then read as a whole).

    `compare`: the arguments that make two readings different acts (None: all of them); coordinated
    objects share the clause they stand in, so one never takes its target from the other. Readings
    that differ only in other arguments ("to staging and production") are one act whose arguments
    conflict: it stays below the skip threshold, with each reading offered."""
    suggestions: list[str] = []
    seen: set[tuple[Intent, tuple[tuple[str, str | int | bool], ...]]] = set()
    results: list[tuple[str, RuleResult]] = []
    last = context
    invalid: list[CommandValidationError] = []
    previous_clause = ""
    for clause, said in parts:
        if said.source == "opinion":
            continue  # "제 생각엔 X를 롤백하고 …": what the writer thinks best is told, not asked (clauses.py)
        try:
            result = _one_act(
                normalise(clause), said, lambda: None, context if compare is not None else last, profile, max_replicas
            )
            if (
                result.interpretation.intent is Intent.UNKNOWN
                and (said.source == "elided" or asks_for_one_more(clause))
                and previous_clause
            ):
                # "비용 예측하고 최적화 방안도 같이": a clause whose verb was left out, or one asking
                # for one more thing ("최적화 방안도 뽑아줘"), may leave out the noun it shares with the
                # clause before too: the word naming what that clause reads ("이번 달 비용 분석하고 최적화
                # 방안도": 비용), else its first word, its topic.
                words = previous_clause.split()
                topic = next((word for word in words if names_a_read(word)), words[0])
                shared = normalise(f"{topic} {clause}")
                result = _one_act(
                    shared, said, lambda: None, context if compare is not None else last, profile, max_replicas
                )
            previous_clause = clause
        except CommandValidationError as error:
            # "12개로 늘리고 staging에 배포도": an act asked for with a value out of bounds is still an
            # act; it is offered in the user's words, and the error comes if it is chosen.
            invalid.append(error)
            suggestions.append(clause)
            continue
        it = result.interpretation
        if it.intent is Intent.UNKNOWN:
            continue
        results.append((clause, result))
        reading = (it.intent, tuple(sorted((k, v) for k, v in it.args.items() if compare is None or k in compare)))
        if reading in seen:
            continue
        seen.add(reading)
        last = result.context_update or last
        target = suggest.current_target(it.args)
        example = suggest.example_command(it.intent, target, it.args) if target else clause
        # Two readings the short example cannot tell apart ("to staging" and "to production") keep their words.
        suggestions.append(clause if example in suggestions else example)
    if invalid and len(suggestions) < 2:
        raise invalid[0]
    if len(suggestions) < 2:
        # Clauses that all ask for the same act ("배포한 거 취소하고 이전 걸로 돌려줘") ask for it once.
        if len(results) == 1 and any(said.source == "opinion" for _, said in parts):
            # One request beside an opinion told ("제 생각엔 X를 롤백하는 게 … 우선 Y 로그 보여주세요"): that
            # request, read alone, so the opinion's names are not its target; likely, never sure.
            return _likely(results[0][1])
        if len(results) < 2:
            return None
        return _conflicting(results) or results[0][1]
    one = _one_request(results) if compare is None and not invalid else None
    if one is not None:
        return one
    path = "ambiguous/" + ("objects" if compare is not None else "clauses")
    confidence = CONFIDENCE_AMBIGUOUS if calibration.sure(Intent.AMBIGUOUS, path) else CONFIDENCE_UNCALIBRATED
    answer = build_interpretation(Intent.AMBIGUOUS, {}, confidence=confidence, source="rules", suggestions=suggestions)
    return RuleResult(interpretation=answer, act_clear=True, path=path)


_AT_LEAST = LazyPattern(r"(?<=[가-힣])이?라도(?=\s|$)", needs=("라도",))


def _one_request(results: list[tuple[str, RuleResult]]) -> RuleResult | None:
    """The one request several clauses make, when they make one (a likely reading, never a sure one):
    - the same act said twice, one clause adding to what the other says and contradicting nothing
      ("log-shipper 인스턴스 한 개만 남기고 줄여줘": a scale to 1, then "줄여줘" for the same scale);
    - reads where every clause but one is a question ("did pay-api's deploy go through? check its
      status"): the question says why, the one request says what to read."""
    readings = [result for _, result in results]
    # "비용 분석하고 비용 예측도 해줘": a later clause marked with 도 (also) asks for one more thing
    # of the same kind, not for the same act again.
    one_more = any(asks_for_one_more(clause) for clause, _ in results[1:])
    # "X 살아있어? 그리고 로그도": a request marked with 도 is one more thing beside the question, itself asked;
    # (이)라도 ("왜 느려? 로그라도 보여줘": at least the logs) offers what is asked instead of an answer.
    also = any(asks_for_one_more(_AT_LEAST.sub(" ", clause)) for clause, _ in results[1:])
    if len({result.interpretation.intent for result in readings}) == 1 and not one_more:
        widest = max(readings, key=lambda result: len(result.interpretation.args))
        wide = widest.interpretation.args
        if all(wide.get(key) == value for result in readings for key, value in result.interpretation.args.items()):
            return _likely(widest)
    if not also and all(result.interpretation.intent not in MUTATING_INTENTS for result in readings):
        asked = [result for clause, result in results if not _asks(clause)]
        if len(asked) == 1 and len(results) > 1:
            named = [suggest.current_target(result.interpretation.args) for result in readings]
            return _likely(_with_target(asked[0], next((name for name in named if name), "")))
    return None


_LATIN_OPENING = LazyPattern(r"^\W*[A-Za-z]")
# The hearer asked to do it, in Korean, as a question ("알려 주시겠습니까?", "보여줄래?", "봐 줄 수 있어?"):
# the auxiliary 주다 / 드리다 makes the question a polite request.
_ASKS_THE_HEARER_KO = LazyPattern(r"[가-힣]\s?(?:주|줘|줄|드리|드릴|드려)[가-힣]*(?:\s*수\s*있[가-힣]*)?[?!.~\s]*$")


def _asks(clause: str) -> bool:
    """A question, not a request: a mark at the end, and in English a question word opening it
    ("describe the web one?" after "could you" is a polite request); in Korean, no auxiliary that
    asks the hearer to act ("알려 주시겠습니까?")."""
    if not clause.rstrip().endswith("?"):
        return False
    if _LATIN_OPENING.match(clause) is None and _ASKS_THE_HEARER_KO.search(clause) is not None:
        return False
    return (
        _LATIN_OPENING.match(clause) is None
        or opens_with_question_word(clause)
        or english_act(clause) is Act.NONE  # "status-relay?": a name asked about, no verb
    )


def _with_target(result: RuleResult, name: str) -> RuleResult:
    """`result` with the app another clause named, when it names none itself ("… check its status")."""
    it = result.interpretation
    if not name or "/" in name or suggest.current_target(it.args) or not _takes_target(it.intent):
        return result
    args = validate_args(it.intent, {**it.args, "app_name": name})
    named = build_interpretation(it.intent, args, confidence=it.confidence, source="rules")
    return result.model_copy(update={"interpretation": named, "context_update": SessionContext.from_args(args)})


def _read_pointed(
    norm: NormalisedText,
    reading: Reading,
    context: SessionContext | None,
    profile: UserProfile | None,
    max_replicas: int,
) -> RuleResult | None:
    """The command a bare request points at, read (about.pointed_at); None when there is none, or when the user
    says after the request something else than it asks."""
    pointed = pointed_at(norm.text, reading.data)
    if pointed is None:
        return None
    done = interpret(pointed.command, context, profile, max_replicas=max_replicas)
    if pointed.output and done.interpretation.intent in MUTATING_INTENTS:
        # "kubectl rollout restart deploy/X 결과 보여줘": what a change printed is asked, not the change.
        return _unknown()
    if not _says_no_other(done, pointed, context, profile, max_replicas):
        return None
    # "kubectl scale … 했는데 안 돼요. 대신 해주세요", "`kubectl get po -n x` 결과 보여줘": the command told or
    # quoted is what "do it" or "show its output" asks; likely (a refusal of what it asks stays as sure as any
    # refusal).
    return _likely_unless_refused(done)


def _says_no_other(
    done: RuleResult,
    pointed: Pointed,
    context: SessionContext | None,
    profile: UserProfile | None,
    max_replicas: int,
) -> bool:
    """Whether what the user says after the bare request pointing at a command ("`kubectl get svc` equivalent pls
    - what services are running?") asks nothing, or the same act with nothing the command does not say."""
    if not pointed.said_after:
        return True
    again = interpret(pointed.said_after, context, profile, max_replicas=max_replicas).interpretation
    said = done.interpretation
    if again.intent is Intent.UNKNOWN:
        return again.refused is None
    return again.intent is said.intent and all(said.args.get(key) == value for key, value in again.args.items())


def _likely_unless_refused(result: RuleResult) -> RuleResult:
    return result if result.interpretation.refused is not None else _likely(result)


def _likely(result: RuleResult) -> RuleResult:
    it = result.interpretation
    if it.confidence < SKIP_CONFIDENCE:
        return result
    target = suggest.current_target(it.args)
    doubtful = it.model_copy(
        update={
            "confidence": CONFIDENCE_UNCALIBRATED,
            "suggestions": [suggest.example_command(it.intent, target, it.args)] if target else it.suggestions,
        }
    )
    return result.model_copy(update={"interpretation": doubtful})


def _conflicting(results: list[tuple[str, RuleResult]]) -> RuleResult | None:
    """The first reading, below the skip threshold and with every reading's words offered, when the
    readings' arguments differ."""
    first = results[0][1]
    if all(result.interpretation.args == first.interpretation.args for _, result in results):
        return None
    it = first.interpretation
    if (
        it.intent in (Intent.DEPLOY, Intent.SCALE)
        and len({result.interpretation.args.get("replicas") for _, result in results}) > 1
    ):
        # "scale web to 3 or 4 replicas": which count is meant is a question, never the first one.
        return _ask_count(it.intent, dict(it.args), first.act_clear).model_copy(update={"path": first.path})
    doubtful = first.interpretation.model_copy(
        update={
            "confidence": min(first.interpretation.confidence, CONFIDENCE_NAMES_COMPETE),
            "suggestions": list(dict.fromkeys(clause for clause, _ in results)),
        }
    )
    return first.model_copy(update={"interpretation": doubtful})


def _one_act(
    norm: NormalisedText,
    said: Predicate,
    data_refusal: Callable[[], Refusal | None],
    context: SessionContext | None,
    profile: UserProfile | None,
    max_replicas: int,
) -> RuleResult:
    known_targets = list(profile.known_targets) if profile is not None else []
    entities = extract(norm, changing=said.act in MUTATION_ACTS, request=True)
    act = Act.SCALE if said.act is Act.DEPLOY and _more_copies(norm, entities) else said.act
    if act is Act.CREATE:
        if _creates_something(norm, entities):
            return _refused(Refusal(category="create", reason=_CREATION_REFUSED))
        act = Act.SCALE  # "web-app 3개로 만들어줘", "add 2 replicas": a count, set or changed
        # Read again as the change it is: "billing 하나 더 추가해줘" adds to billing, which is then its target.
        entities = extract(norm, changing=True, request=True)
    if asks_about_something_else(norm) or (act in (Act.DEPLOY, Act.NONE) and _MESSAGE.found_in(_main_clause(norm))):
        # "how do I write a Dockerfile", "청구 데이터 엑셀로 내보내줘": the object or the output is none
        # of ours, whatever the verb (내보내 also deploys). "슬랙 채널에 공지 올려줘", "배포 공지 메시지
        # 보내줘": a message is posted; nothing is deployed.
        return _unknown()
    if act in (Act.CHANGE, Act.STOP):
        # "X 배포 멈춰줘", "X 배포 락 걸어줘", "freeze deploys for X": the operation named is what is stopped,
        # held or cancelled, none of the closed set's acts, whatever count or image the clause carries.
        act = _what_changes(norm, entities) if act is Act.CHANGE else Act.NONE
        if act is Act.NONE:
            return _unknown()
    if act in (Act.DEPLOY, Act.SCALE) and (
        _grows_something_else(norm, entities, act) or (_SETTINGS.found_in(norm) and not _counts_copies(norm))
    ):
        # "cpu 제한 올려줘", "메모리 늘려줘", "오토스케일링 켜줘": raising a setting, not deploying or scaling.
        # "강아지 키우고 싶다": growing an everyday thing.
        return _unknown()
    classification = classify(
        _without_labelled_names(norm, entities), entities, frozenset(target.lower() for target in known_targets), act
    )
    # "X 컨슈머 3개로 늘려줘", "X 파드당 워커 4개로", "X DB 레플리카 3개로": a count of something other than X's
    # copies (quantities.read_the_counted_noun) is a change the closed set does not offer.
    intent = _unless_another_count(classification.intent, entities)
    if intent is Intent.UNKNOWN:
        # Data never makes a request, but a message that is nothing but forbidden data is still refused.
        refusal = data_refusal()
        if refusal is not None:
            return _refused(refusal)
        return _unknown()

    raw_args = assemble(intent, classification.resource_type, entities)
    typed_target, used_context, target_source = _fill_target(raw_args, intent, entities, context, profile)
    reading_path = f"{said.source}/{classification.rule}/{target_source}"
    if (over := _over_the_policy_maximum(intent, raw_args, max_replicas, reading_path)) is not None:
        return over
    args = validate_args(intent, raw_args, max_replicas=max_replicas)
    unread = _left_unread(intent, act, entities, args)
    # Not every word accounted for: a path of its own, never measured sure (calibration.admissible).
    path = f"{said.source}/{classification.rule}/{'unread' if unread else target_source}"
    act_clear = said.explicit and act is not Act.NONE
    if intent is Intent.ROLLBACK and _commit_not_given(entities):
        return _bad_commit(args, act_clear).model_copy(update={"path": path})

    if intent in (Intent.DEPLOY, Intent.SCALE) and entities.quantities.replicas_conflict:
        return _ask_count(intent, args, act_clear).model_copy(update={"path": path})

    if intent in MUTATING_INTENTS and not used_context and _names_compete(intent, entities):
        # "web과 api 모두 재시작해줘", "api worker 배포해줘": one act, two candidate targets. Taking the
        # first would silently drop the other; each is offered and nothing runs.
        return _each_target(intent, args, entities, act_clear)

    missing = missing_requirements(intent, args)
    suggestions: list[str] = []
    confidence = CONFIDENCE_FROM_CONTEXT if used_context else CONFIDENCE_EXPLICIT
    if intent in MUTATING_INTENTS and not (act_clear and act in MUTATION_ACTS):
        confidence = CONFIDENCE_NOUN_ONLY
    elif _names_compete(intent, entities) or entities.references.conflicting or unread:
        confidence = CONFIDENCE_NAMES_COMPETE
    elif not classification.sure:
        confidence = CONFIDENCE_GUESSED_READ
    if confidence >= SKIP_CONFIDENCE and not calibration.sure(intent, path):
        # Right so far, but this way of reading has not earned the claim on the measured corpora.
        confidence = CONFIDENCE_UNCALIBRATED
    if missing:
        confidence = CONFIDENCE_MISSING
        suggestions = suggest.for_missing(intent, args, missing, known_targets)
    elif typed_target is not None and profile is not None and known_targets and not profile.knows(typed_target):
        suggestions = suggest.for_unfamiliar_target(intent, typed_target, args, known_targets)
        confidence = CONFIDENCE_UNFAMILIAR_TARGET
    elif confidence < CONFIDENCE_FROM_CONTEXT:
        # A likely reading, not a sure one: the explicit command is offered for the user to confirm or correct.
        suggestions = [suggest.example_command(intent, suggest.current_target(args), args)]

    interpretation = build_interpretation(intent, args, confidence=confidence, source="rules", suggestions=suggestions)
    return RuleResult(
        interpretation=interpretation, context_update=SessionContext.from_args(args), act_clear=act_clear, path=path
    )


def _unless_another_count(intent: Intent, entities: Entities) -> Intent:
    """`intent`, or `unknown` for a scale whose count counts something other than the app's copies."""
    return Intent.UNKNOWN if intent is Intent.SCALE and entities.quantities.counts_another_noun else intent


def _fill_target(
    raw_args: RawArgs, intent: Intent, entities: Entities, context: SessionContext | None, profile: UserProfile | None
) -> tuple[str | None, bool, str]:
    """The target the command typed, whether the session's context filled one in, and how the target
    was read (the path's third part); the profile's preferred environment fills an unnamed one."""
    typed_target = _typed_target(raw_args)
    used_context = _fill_from_context(raw_args, intent, context)
    target_source = _target_source(intent, raw_args, entities, used_context)
    _fill_preferred_environment(raw_args, intent, profile)
    return typed_target, used_context, target_source


def _over_the_policy_maximum(
    intent: Intent, raw_args: RawArgs, max_replicas: int, reading_path: str
) -> RuleResult | None:
    """ "web 12개로 늘려줘" with a maximum of 10: the command is read as asked (scale, 12) and refused
    with the policy's reason, so the answer says what was understood and why it will not run.

    Refused for sure, but read only as surely as its reading path: such a command is labelled either
    as the scale it asks for or as nothing at all, so an unmeasured reading stays below the skip
    threshold like any other (a refusal never consults the models, whatever its confidence).

    So is a rollback further back than the policy goes ("X 15단계 롤백해줘" with ten steps at most)."""
    for field, maximum in (("replicas", max_replicas), ("steps_back", MAX_STEPS_BACK)):
        wanted = raw_args.get(field)
        if isinstance(wanted, int) and not isinstance(wanted, bool) and wanted > maximum:
            break
    else:
        return None
    try:
        validate_args(intent, raw_args, max_replicas=max_replicas)
    except CommandValidationError as error:
        if error.field != field:
            raise
        rest = {key: value for key, value in raw_args.items() if key != field}
        args = {**validate_args(intent, rest, max_replicas=max_replicas), field: wanted}
        refused = f"{error.message_ko} ({error.message_en})"
        confidence = CONFIDENCE_REFUSED if calibration.sure(intent, reading_path) else CONFIDENCE_UNCALIBRATED
        answer = build_interpretation(intent, args, confidence=confidence, source="rules", refused=refused)
        return RuleResult(interpretation=answer, context_update=SessionContext.from_args(args), path="refused")
    return None


def _without_labelled_names(norm: NormalisedText, entities: Entities) -> NormalisedText:
    """`norm` with every name written beside its kind word blanked: "billing 서비스", "pricing 서비스의
    엔드포인트" name a service, so billing and pricing ask for no cost analysis. A namespace the command
    named ("billing 네임스페이스", "-n logging", "ns monitoring") is a place, never a keyword either."""
    labelled = {name.value for name in entities.names if name.kind in ("pod", "service", "deployment", "app")}
    # A topic noun taken as a name ("the endpoint for billing", "restart billing") is no keyword either.
    labelled |= {name.value for name in entities.names if is_topic_noun(name.value)}
    if entities.references.namespace is not None:
        labelled.add(entities.references.namespace)
    if not labelled:
        return norm
    text = norm.text
    for value in labelled:
        text = re.sub(rf"(?<![A-Za-z0-9_.-]){re.escape(value)}(?![A-Za-z0-9_-])", "§", text, flags=re.IGNORECASE)
    return normalise(text)


def _unknown() -> RuleResult:
    unknown = build_interpretation(
        Intent.UNKNOWN, {}, confidence=CONFIDENCE_UNKNOWN, source="rules", suggestions=list(suggest.GENERAL_SUGGESTIONS)
    )
    return RuleResult(interpretation=unknown, path="unknown")


def _target_source(intent: Intent, args: RawArgs, entities: Entities, used_context: bool) -> str:
    """How the command's target or named resource was read: `context` (the session's), `repo` (an
    owner/repo reference), `kind` (a name with its kind word: "nginx 파드", "pod nginx", "api 앱"),
    `marked` (the one bare name, with a Korean case particle: "web-app을"), `lead` (the one bare name,
    opening the clause or right after the verb), `bare` (the one bare name elsewhere), `bare_many` (the
    first of several bare names), `absent` (none where one is wanted) and `-` (the intent takes none)."""
    if used_context:
        return "context"
    if "github_owner" in args:
        return "repo"
    named = next((key for key in (*_RESOURCE_NAME_KEYS, "app_name") if key in args), None)
    if named is None:
        wants = _takes_target(intent) or any(key in INTENT_POLICIES[intent].allowed_args for key in _RESOURCE_NAME_KEYS)
        return "absent" if wants else "-"
    value = args[named]
    prefixed = entities.references.kind_prefixed
    if prefixed is not None and prefixed[1] == value:
        return "kind"
    if any(
        name.value == value and name.kind in ("pod", "service", "deployment", "app") and not name.shared_kind
        for name in entities.names
    ):
        return "kind"
    bare = {name.value.lower() for name in entities.names if name.kind is None}
    if len(bare) > 1:
        return "bare_many"
    own = next((name for name in entities.names if name.value == value), None)
    if own is not None and own.marked:
        return "marked"
    return "lead" if own is not None and own.lead else "bare"


# Resource settings the platform does not change: raising one is neither a deploy nor a scale.
# A Korean noun right before a verb of growing or cutting ("강아지 키우고", "체중을 줄이고"), and the nouns of
# what the platform counts ("파드 늘려줘", "레플리카를 키워줘").
_GROWN_THING = LazyPattern(
    r"(?<![가-힣])(?P<thing>[가-힣]+?)(?:을|를|이|가|은|는|도)?(?:\s*(?:좀|더|조금|많이|빨리|다시))*\s*"
    r"(?:키우|키워|늘리|늘려|줄이|줄여)",
    needs=("키우", "키워", "늘리", "늘려", "줄이", "줄여"),
)
_COUNTED_THING = LazyPattern(
    r"파드|포드|레플리카|복제본|인스턴스|서버|컨테이너|개수|갯수|숫자|수|규모|용량|스케일|노드|워커|프로세스|대수|좀|더|조금|많이"
    r"|(?:한|두|세|네|다섯|여섯|일곱|여덟|아홉|열|몇)?\s*(?:개|대)|다시|빨리|얼른|바로|지금|당장|한번"
)


def _grows_something_else(norm: NormalisedText, entities: Entities, act: Act) -> bool:
    """ "강아지 키우고 싶다", "체중 줄이고 싶어": the verb grows or cuts an everyday thing it names, with no
    app, count or copies of ours anywhere; nothing of the platform is scaled."""
    if act is not Act.SCALE or entities.has_target or entities.quantities.replicas is not None:
        return False
    grown = _GROWN_THING.search(norm.text)
    return (
        not entities.quantities.replicas_relative and grown is not None and not _COUNTED_THING.fullmatch(grown["thing"])
    )


# 용량 (capacity) is a setting; 사용량 (usage) is how much of it is used.
_SETTING_KO = (
    r"메모리|램|리밋|제한|한도|쿼터|리퀘스트|볼륨|디스크|스토리지|(?<!사)용량|오토스케일|(?<!리)포트|타임아웃"
    r"|레벨|우선순위"
)
_SETTING_EN = (
    r"\b(?:cpu|memory|ram|limits?|quotas?|requests?|volumes?|disk|storage|autoscal\w*|hpa|ports?|timeouts?|levels?"
    r"|priority)\b"
)
_SETTINGS = kw.Keywords(korean=LazyPattern(_SETTING_KO), english=LazyPattern(_SETTING_EN))
# The copies' word before a setting's noun only says whose setting it is ("파드 메모리 4기가로", "pod memory"): the
# compound's head is the setting, no copies are counted.
_COPIES = kw.Keywords(
    korean=LazyPattern(
        rf"(?:레플리카|복제본|인스턴스|파드)(?!{_SETTING_KO}|cpu)"
        r"|(?:\d+|한|하나|두|둘|세|셋|네|넷|다섯|여섯|일곱|여덟|아홉|열)(?:개|대)"
        # "하나 더", "둘만 더": one more of what runs, the counter left out.
        r"|(?:하나|둘|셋|넷|다섯)(?:만)?더"
    ),
    english=LazyPattern(rf"\b(?:replicas?|instances?|pods?|copies)\b(?!\s*{_SETTING_EN})|(?<![a-z0-9])x\s?\d"),
)


# A clause of time opening the command ("점검 공지 나가기 전에 …", "announcement 올린 뒤에 …", "메일 보낼
# 때 …"): when the request after it happens; a message there is not what the request posts.
_TIME_CLAUSE = LazyPattern(
    r"^.*?(?:기\s*전에?|(?:은|는|ㄴ|한|된|난|간|온|린|친)\s*(?:후|뒤|다음)에?|(?:을|ㄹ|할|될|날|갈|올|릴)\s*때)\s+(?=\S)",
    needs=("전", "후", "뒤", "다음", "때"),
)


# Tags in brackets opening the message ("[카톡]", "[팀즈] [긴급]"): where it came from or what it is filed under,
# never where the request posts something.
_HEADER_TAGS = LazyPattern(rf"^\s*(?:{BRACKET_TAG}\s*)+", needs=("[",))


def _main_clause(norm: NormalisedText) -> NormalisedText:
    """`norm` without the tags heading it or a clause of time opening it."""
    tags = _HEADER_TAGS.match(norm.text)
    if tags is not None:
        norm = normalise(norm.text[tags.end() :])
    found = _TIME_CLAUSE.search(norm.text)
    return normalise(norm.text[found.end() :]) if found is not None else norm


# Messages and the chat or mail they go to: what 올리다 or 보내다 posts there is never a deploy.
_MESSAGE = kw.Keywords(
    korean=LazyPattern(
        r"공지|메[시세]지|게시(?:글|물)|슬랙|팀즈|카톡|카카오톡|디스코드|메일(?:로|을|를|에)",
        needs=("디스코드", "카카오톡", "게시", "공지", "슬랙", "카톡", "팀즈", "메"),
    ),
    english=LazyPattern(
        r"\b(?:slack|teams|discord|e-?mail|announcement|announce|message)\b",
        re.IGNORECASE,
        needs=("slack", "teams", "discord", "mail", "announce", "message"),
    ),
)
# Where a change goes when it goes back: an earlier version, release or commit.
_EARLIER_VERSION = LazyPattern(
    r"(?:이전|예전|지난|저번|옛|옛날|원래|직전|전)\s*(?:버전|릴리[즈스]|커밋|배포|이미지)\s*(?:으로|로)"
    r"|\bback to (?:the )?(?:previous|last|earlier|prior|old)\b",
    re.IGNORECASE,
)


# Some more copies, with no number: "몇 개 더", "a few more".
_SOME_MORE = LazyPattern(
    r"몇\s*(?:개|대)\s*(?:더|추가)|\b(?:a few|a couple|some|several)(?: more| extra| additional)\b",
    re.IGNORECASE,
    needs=("몇", "few", "couple", "some", "several"),
)


# Made anew ("새로 만들어줘", "신규로 생성해", "brand new"): a thing that does not exist yet, however many
# are asked for ("DB 인스턴스 하나 새로 만들어줘"), never more copies of what runs.
_NEWLY_MADE = LazyPattern(
    # 새 before a noun ("새 네임스페이스 하나 더 만들어") makes the same new thing as 새로.
    r"(?:새로|새롭게|신규로?|새(?=\s))\s*(?:[가-힣A-Za-z0-9]+\s*){0,3}?(?:만들|생성|설치|구축|추가)|\bbrand[\s-]new\b",
    re.IGNORECASE,
    needs=("새", "신규", "brand"),
)


# A count that is the object of a making verb counts what is made ("파드 하나 만들어 줘", "DB 두 개 생성해"):
# a count of copies is said as a goal (3개로) or as more (하나 더), and adding (추가) adds to what runs.
_COUNT_MADE = LazyPattern(
    r"(?:\d+|한|하나|두|둘|세|셋|네|넷|다섯)(?:개|대)?(?:씩|만|도)?(?:을|를)?(?:만들|생성|마련|구축|개설)",
    needs=("만들", "생성", "마련", "구축", "개설"),
)
# Unless what is counted is copies of what runs: replicas, or more than one pod ("cart 레플리카 3개 만들어줘",
# "cart 파드 5개 만들어줘"); of a named app, that count is a scale. One pod made ("X 파드 하나 만들어") is a pod made.
_COPIES_MADE = LazyPattern(
    r"(?:레플리카|복제본|replicas?)(?:을|를|도)?(?:\d+|한|하나|두|둘|세|셋|네|넷|다섯)(?:개|대)?"
    r"|(?:파드|포드|pods?)(?:을|를|도)?(?:[2-9]|[1-9]\d+|두|둘|세|셋|네|넷|다섯)(?:개|대)?",
    re.IGNORECASE,
)
# What is counted before "하나 더" is a kind the platform never makes ("클러스터를 하나 더 만들어"): a
# new one of it, not one more copy of an app.
_KIND_MADE = LazyPattern(
    r"(?:클러스터|네임스페이스|데이터베이스|디비|db|노드|볼륨|버킷|서버|vm|가상머신|계정|저장소|레포|리포|도메인"
    r"|인그레스|ingress|configmap|컨피그맵|크론잡|cronjob|pvc)(?:을|를|도|이|가)?"
    r"(?:\d+|한|하나|두|둘|세|셋|네|넷|다섯)(?:개|대)?",
    re.IGNORECASE,
)


# "More" with no number, added to a target the sentence names ("add more servers to X", "X에 서버 더 추가해줘"):
# more of what that target runs, not a new thing; how many is asked. The target is the one the adding goes to.
_MORE_ADDED_TO = (
    LazyPattern(r"\bmore\s+(?:[\w-]+\s+){0,2}?(?:to|for)\s+(?P<target>[\w./-]+)", re.IGNORECASE, needs=("more",)),
    LazyPattern(r"(?P<target>[\w./-]+?)\s*에(?:다|다가)?\s+(?:\S+\s+){0,2}?더\s*(?:추가|붙)", needs=("더",)),
)


def _more_added_to_a_target(norm: NormalisedText, entities: Entities) -> bool:
    named = {name.value.lower() for name in entities.names if name.kind != "located"}
    repository = entities.references.repository
    if repository is not None:
        named.add("/".join(repository).lower())
    for pattern in _MORE_ADDED_TO:
        found = pattern.search(norm.text)
        if found is not None and found.group("target").lower() in named:
            return True
    return False


def _creates_something(norm: NormalisedText, entities: Entities) -> bool:
    """A creating verb asks for a new thing, unless it sets or adds a count of copies ("3개로 만들어줘")."""
    counts = entities.quantities
    if _NEWLY_MADE.search(norm.text) is not None:
        return True
    if _KIND_MADE.search(norm.words_compact) is not None:
        return True
    if _COUNT_MADE.search(norm.words_compact) is not None and not (
        entities.has_target and _COPIES_MADE.search(norm.words_compact) is not None
    ):
        return True
    if _more_added_to_a_target(norm, entities):
        return False  # "add more servers to X": more of what X runs, the count asked for
    return counts.replicas is None and not (counts.replicas_relative and _counts_copies(norm))


def _more_copies(norm: NormalisedText, entities: Entities) -> bool:
    """ "api 3개 더 띄워줘", "launch a few more": more copies of what runs is a change of the count,
    whatever deploy verb says it; a count that is only some (몇 개, a few) is asked for."""
    return entities.quantities.replicas_relative or _SOME_MORE.search(norm.text) is not None


def _counts_copies(norm: NormalisedText) -> bool:
    return _COPIES.found_in(norm)


def _what_changes(norm: NormalisedText, entities: Entities) -> Act:
    """A change of the count (said with a count word or counter) is a scale, of the image a deploy;
    any other change (settings, ports, environment variables) is not something the platform does."""
    if kw.SCALE.found_in(norm):  # a count word or counter: "port to 8080" is no count
        return Act.SCALE
    if _EARLIER_VERSION.search(norm.text):  # a change back to an earlier version ("전 버전으로 바꿔줘")
        return Act.ROLLBACK
    if entities.references.image is not None:
        return Act.DEPLOY
    return Act.NONE


def _names_compete(intent: Intent, entities: Entities) -> bool:
    """Two bare names where one target is wanted: which one is meant is a guess."""
    if intent not in TARGET_INTENTS or entities.references.repository is not None:
        return False
    bare = {name.value.lower() for name in entities.names if name.kind in (None, "app")}
    return len(bare) > 1


def _each_target(intent: Intent, args: dict[str, str | int | bool], entities: Entities, act_clear: bool) -> RuleResult:
    """`ambiguous`, one suggestion per candidate target, for one mutation naming several bare names."""
    rest = {key: value for key, value in args.items() if key not in _TARGET_KEYS}
    candidates = dict.fromkeys(name.value for name in entities.names if name.kind in (None, "app"))
    suggestions = [suggest.example_command(intent, name, rest) for name in candidates][: suggest.MAX_SUGGESTIONS]
    path = "ambiguous/targets"
    confidence = CONFIDENCE_AMBIGUOUS if calibration.sure(Intent.AMBIGUOUS, path) else CONFIDENCE_UNCALIBRATED
    answer = build_interpretation(Intent.AMBIGUOUS, {}, confidence=confidence, source="rules", suggestions=suggestions)
    return RuleResult(interpretation=answer, act_clear=act_clear, path=path)


# A number standing alone in what the reading left ("test01을 7 배포해줘"): it meant something.
_STRAY_NUMBER = LazyPattern(r"(?<![A-Za-z0-9_.:/-])\d+(?![A-Za-z0-9_.:/-])")


def _left_unread(intent: Intent, act: Act, entities: Entities, args: Mapping[str, object]) -> bool:
    """Something the command says that the reading did not account for, so its answer is a likely
    one, not a sure one: a number or a name no slot took ("edu-prod 엔드포인트 목록" read as every
    endpoint: edu-prod meant something, most likely a namespace), a bare name beside the repository
    or the named resource that was taken as the target, a count of copies written with no counter
    word ("web을 3으로 배포해줘": 3 what?) that no scale verb makes one, or a time for a change."""
    if _STRAY_NUMBER.search(entities.leftover):
        return True
    taken = {str(value).lower() for value in args.values()}
    if any(name.value.lower() not in taken for name in entities.names):
        return True
    found = entities.references
    typed = found.repository is not None or found.kind_prefixed is not None
    if typed and intent in TARGET_INTENTS and any(name.kind in (None, "app") for name in entities.names):
        return True
    counts = entities.quantities
    if counts.replicas is not None and not counts.replicas_counted and act is not Act.SCALE:
        return True
    # "내일 배포해줘", "restart it tonight": a time the platform cannot schedule; now is not what was asked.
    return intent in MUTATING_INTENTS and _WHEN.search(entities.leftover) is not None


_WHEN = LazyPattern(
    r"내일|모레|이따|나중에|주말|다음\s*주|(?:오늘|내일)\s*(?:밤|저녁|오후|오전|새벽)|(?:오전|오후|새벽|밤)\s*\d+\s*시|\d+\s*시\s*(?:에|쯤|정각)"
    r"|\b(?:tomorrow|tonight|later|next week|this evening|at midnight|at noon)\b|\bat\s+\d{1,2}(?::\d\d)?\s*(?:am|pm)\b"
    r"|\bin\s+\d+\s+(?:minutes?|hours?)\b",
    re.IGNORECASE,
)


def _commit_not_given(entities: Entities) -> bool:
    """A commit id that is not one, or a commit asked for with no id ("특정 커밋으로", "3시간 전으로", "v2로";
    with steps counted beside a time or version, "2단계", the steps say where)."""
    references = entities.references
    pointed = references.point_not_a_commit and entities.quantities.steps_back is None
    return references.invalid_commit is not None or references.commit_unnamed or pointed


def _bad_commit(args: dict[str, str | int | bool], act_clear: bool) -> RuleResult:
    """A rollback to a commit id that is not one (7 to 40 hex digits): a question, never a rollback."""
    target = suggest.current_target(args)
    question = build_interpretation(
        Intent.ROLLBACK,
        args,
        confidence=CONFIDENCE_QUESTION,
        source="rules",
        suggestions=suggest.for_bad_commit(target),
    )
    missing = [*question.missing, "target_commit_sha"]
    asked = question.model_copy(update={"missing": missing, "requires_confirmation": False})
    return RuleResult(interpretation=asked, act_clear=act_clear)


def _ask_count(intent: Intent, args: dict[str, str | int | bool], act_clear: bool) -> RuleResult:
    """Two different counts of copies and neither marked as the goal: a question, never a guess."""
    kept = {key: value for key, value in args.items() if key != "replicas"}
    question = build_interpretation(intent, kept, confidence=CONFIDENCE_QUESTION, source="rules")
    missing = list(dict.fromkeys([*question.missing, "replicas"]))
    suggestions = suggest.for_missing(intent, kept, missing, [])
    asked = question.model_copy(update={"missing": missing, "requires_confirmation": False, "suggestions": suggestions})
    return RuleResult(interpretation=asked, act_clear=act_clear)


def _ask_unsettled(result: RuleResult, slot: str) -> RuleResult:
    """The request whose `slot` the speaker took back with no value that can be read in its place: a
    question for that value, never the one taken back (a request without such a slot: likely at most)."""
    it = result.interpretation
    if (
        it.refused is not None
        or it.intent in (Intent.UNKNOWN, Intent.AMBIGUOUS)
        or slot not in INTENT_POLICIES[it.intent].allowed_args
    ):
        return _likely(result)
    kept = {key: value for key, value in it.args.items() if key != slot}
    question = build_interpretation(it.intent, kept, confidence=CONFIDENCE_QUESTION, source="rules")
    missing = list(dict.fromkeys([*question.missing, slot]))
    suggestions = suggest.for_missing(it.intent, kept, missing, [])
    asked = question.model_copy(update={"missing": missing, "requires_confirmation": False, "suggestions": suggestions})
    return result.model_copy(update={"interpretation": asked})


def _kubectl(intent: Intent, raw: dict[str, str | int | bool], max_replicas: int) -> RuleResult:
    """A kubectl command line, read by its grammar: likely, never claimed sure (no corpus measured it)."""
    allowed = INTENT_POLICIES[intent].allowed_args
    args = validate_args(
        intent, {key: value for key, value in raw.items() if key in allowed}, max_replicas=max_replicas
    )
    missing = missing_requirements(intent, args)
    # "kubectl describe pods" names none: the status of the pods.
    target = suggest.current_target(args) or ("파드" if intent is Intent.STATUS else "")
    suggestions = (
        suggest.for_missing(intent, args, missing, []) if missing else [suggest.example_command(intent, target, args)]
    )
    confidence = CONFIDENCE_MISSING if missing else CONFIDENCE_UNCALIBRATED
    answer = build_interpretation(intent, args, confidence=confidence, source="rules", suggestions=suggestions)
    return RuleResult(
        interpretation=answer, context_update=SessionContext.from_args(args), act_clear=True, path="kubectl/act/typed"
    )


def _kubectl_chain(
    chain: list[tuple[str, tuple[Intent, dict[str, str | int | bool]]]], max_replicas: int
) -> RuleResult:
    """Several kubectl lines: `ambiguous`, one suggestion per line, when they ask for different things;
    the one reading when they all ask for the same. A line whose value is out of bounds is still
    offered, in its own words; alone it raises."""
    suggestions: list[str] = []
    readings: list[RuleResult] = []
    invalid: list[CommandValidationError] = []
    for line, typed in chain:
        try:
            result = _kubectl(*typed, max_replicas)
        except CommandValidationError as error:
            invalid.append(error)
            suggestions.append(line)
            continue
        it = result.interpretation
        if any(seen.interpretation.intent is it.intent and seen.interpretation.args == it.args for seen in readings):
            continue
        readings.append(result)
        target = suggest.current_target(it.args)
        example = suggest.example_command(it.intent, target, it.args)
        suggestions.append(line if example in suggestions else example)
    if len(suggestions) < 2:
        if invalid:
            raise invalid[0]
        return readings[0]
    answer = build_interpretation(
        Intent.AMBIGUOUS, {}, confidence=CONFIDENCE_UNCALIBRATED, source="rules", suggestions=suggestions
    )
    return RuleResult(interpretation=answer, act_clear=True, path="kubectl/ambiguous/typed")
