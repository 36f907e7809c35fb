"""Issue 24, round 17 (part B): the chat around a request, and slot words.

New phrasings (none is a line of a dev set): greetings, thanks, laughter, emoticons and emoji around a
request; English polite frames with hedges and degree words ("could you possibly … a little"), a
remark after a comma that reports or contracts its verb; "what's going on with X"; the noun an
operation's word modifies (rollback 대상); which version a rollback goes back to; the previous pod;
the obligation -아야 되는데 before a request; two phrases asked for "both"; a message word in a clause
of time.
"""

from __future__ import annotations

import pytest

from klepaas_nlp.intents import Intent
from klepaas_nlp.rules import interpret
from klepaas_nlp.rules.courtesy import without_courtesy

from .readings import reads_exactly as _reads


@pytest.mark.parametrize(
    ("line", "intent", "args"),
    [
        # A greeting opening the message, thanks closing it: never a name, never a slot.
        ("hello team! could you give gate-svc a restart? cheers", Intent.RESTART, {"app_name": "gate-svc"}),
        ("good evening, cluster summary please", Intent.OVERVIEW, {}),
        (
            "hi there, list the services in ledger-ns thank you so much!",
            Intent.LIST_SERVICES,
            {"namespace": "ledger-ns"},
        ),
        (
            "hey all, could you forecast costs for next quarter? thanks a lot",
            Intent.COST_ANALYSIS,
            {"analysis_type": "forecast"},
        ),
        ("morning :) what is going on with seat-map?", Intent.STATUS, {"app_name": "seat-map"}),
        ("좋은 아침입니다! ledger-api 상태 좀 봐주세요 ^^", Intent.STATUS, {"app_name": "ledger-api"}),
        ("안녕하세요~ pay-gw 로그 보여 주실 수 있나요? 항상 고맙습니다", Intent.LOGS, {"app_name": "pay-gw"}),
        ("web-portal 재시작 부탁드립니다 감사합니다", Intent.RESTART, {"app_name": "web-portal"}),
        ("pay-api 로그 보여줘 고마워 ㅋㅋ", Intent.LOGS, {"app_name": "pay-api"}),
        ("order-hub 상태 좀 ㅠㅠ 😭", Intent.STATUS, {"app_name": "order-hub"}),
        # Thanks that end a condition's request ("…해 주시면 감사하겠습니다") stay its politeness.
        ("pay-api 재시작해 주시면 감사하겠습니다", Intent.RESTART, {"app_name": "pay-api"}),
        # After the request: a copula statement ("… 버전이에요") says what it is, and is no message posted.
        ("hello-board 배포해줘요, 메일 템플릿 고친 빌드예요 ㅋㅋ", Intent.DEPLOY, {"app_name": "hello-board"}),
        ("rank-api 배포해줘요 급한 핫픽스야", Intent.DEPLOY, {"app_name": "rank-api"}),
        # English frames with hedges and degree words, and a remark after a comma.
        (
            "could you possibly give cargo-api a quick bounce? it's been slow since noon",
            Intent.RESTART,
            {"app_name": "cargo-api"},
        ),
        (
            "scale down bag-tracker to 1, the lounge's empty now",
            Intent.SCALE,
            {"app_name": "bag-tracker", "replicas": 1},
        ),
        ("restart fare-rules, agents say the quotes are stale", Intent.RESTART, {"app_name": "fare-rules"}),
        (
            "show me what's happening with crew-sync, pilots reported missing shifts",
            Intent.STATUS,
            {"app_name": "crew-sync"},
        ),
        # The operation's word modifying a noun names what it acts on, and asks for no operation.
        ("web-api rollback 대상 보여줘", Intent.LIST_ROLLBACK, {"app_name": "web-api"}),
        # Which version a rollback goes back to, asked: the versions there are.
        ("ledger-api 롤백하면 어떤 버전으로 돌아가?", Intent.LIST_ROLLBACK, {"app_name": "ledger-api"}),
        ("pay-api 어떤 커밋으로 돌아가는지 보여줘", Intent.LIST_ROLLBACK, {"app_name": "pay-api"}),
        # The previous pod is where the previous container ran.
        (
            "gate-api 로그 30줄, 죽은 파드 기준으로",
            Intent.LOGS,
            {"app_name": "gate-api", "lines": 30, "previous": True},
        ),
        ("cart-api 로그, 지난 팟 거로 보여줘", Intent.LOGS, {"app_name": "cart-api", "previous": True}),
        # The obligation as the background of a request asks for the act.
        ("seat-api 재시작해야 되는데 해줄 수 있어?", Intent.RESTART, {"app_name": "seat-api"}),
        # A message word in a clause of time opening the command is no message posted.
        ("공지 메일 보내기 전에 seat-map 배포해줘", Intent.DEPLOY, {"app_name": "seat-map"}),
    ],
)
def test_the_chat_around_a_request_and_its_slots(line: str, intent: Intent, args: dict[str, object]) -> None:
    _reads(line, intent, args)


@pytest.mark.parametrize(
    ("line", "intent", "missing"),
    [
        ("could you maybe scale up ticket-api a little?", Intent.SCALE, ["replicas"]),
        ("서비스 하나 재배포해야 되는데 해줄 수 있어?", Intent.DEPLOY, ["target"]),
        ("rollback 후보 목록 좀 ㅋㅋ", Intent.LIST_ROLLBACK, ["target"]),
        ("rollback 가능한 시점 list", Intent.LIST_ROLLBACK, ["target"]),
    ],
)
def test_what_is_left_to_ask(line: str, intent: Intent, missing: list[str]) -> None:
    result = interpret(line).interpretation
    assert result.intent is intent, (line, result.intent, result.args)
    assert result.missing == missing, result.missing


@pytest.mark.parametrize(
    "line",
    [
        "지난달 비용 분석이랑 다음 분기 비용 예측 둘 다 보여줘",
        "비용 최적화 방안이랑 비용 예측 둘 다 알려줘",
    ],
)
def test_both_phrases_reading_differently_are_two_acts(line: str) -> None:
    assert interpret(line).interpretation.intent is Intent.AMBIGUOUS


@pytest.mark.parametrize(
    ("line", "intent"),
    [
        # "what's going on" with no "with" is still everything.
        ("what's going on in the cluster", Intent.OVERVIEW),
        # A question whether a change is needed stays a read.
        ("web-api 재시작해야 돼?", Intent.STATUS),
        # Messages alone are still none of ours; greetings or thanks alone ask for nothing.
        ("슬랙 공지 올려줘", Intent.UNKNOWN),
        ("thanks!", Intent.UNKNOWN),
        ("안녕하세요", Intent.UNKNOWN),
    ],
)
def test_what_stays_as_it_was(line: str, intent: Intent) -> None:
    assert interpret(line).interpretation.intent is intent


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("hi team, restart web thank you so much!!", "restart web"),
        ("hiit-timer 서비스 정보 줘", "hiit-timer 서비스 정보 줘"),
        ("yoga-api 로그", "yoga-api 로그"),
        ("restart party-svc", "restart party-svc"),
    ],
)
def test_courtesy_is_a_whole_word_at_the_edges(text: str, kept: str) -> None:
    assert without_courtesy(text) == kept
