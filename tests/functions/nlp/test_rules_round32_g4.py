"""Round 32 (G4): what is a target and what is an act. A command quoted as the words another request acts on
asks for that other thing; an environment told of in a clause of its own is where something happened, not
where the request goes; the assistant addressed by name is who is asked; an app introduced by its name is the
target, even when the name is a command's word."""

from __future__ import annotations

import pytest

from klepaas_nlp.intents import Intent
from klepaas_nlp.rules import interpret
from klepaas_nlp.rules.context import SessionContext

from .readings import reads_exactly

_QUOTED_AS_WORDS = [
    # The request's ending made an argument by a particle, or naming a noun for words after it.
    "order-hub 롤백해줘 를 메모장에 저장해줘",
    "geo-index 재시작해 주세요를 영어로 옮겨줘",
    "위키에 tile-cache 5개로 늘려줘 예문 넣어줘",
    # The words pointed at as words, after the command or before it.
    "price-feed 재시작해줘 이 표현 일본어로 어떻게 말해?",
    "quote-svc 로그 보여줘 이 문장 존댓말로 바꿔줘",
    "아래 문장 다듬어줘: ledger-api 운영 배포 부탁드립니다",
    # The content after the colon of a request none of ours, with an argument of its own.
    "노트에 적어줘: inbox-api 2개로 줄이기",
    "일정 등록해줘: order-hub 롤백",
    "캘린더에 추가: price-feed 재시작",
    "wiki에 추가해줘: tile-cache 배포",
]


@pytest.mark.parametrize("text", _QUOTED_AS_WORDS)
def test_a_command_quoted_as_words_asks_for_what_is_done_to_them(text: str) -> None:
    reads_exactly(text, Intent.UNKNOWN, {})


_CARRIED_OUT = [
    # A verb that carries out what follows the colon, alone or pointing at it, asks for the command.
    ("진행해 주세요: order-hub 재시작", Intent.RESTART, {"app_name": "order-hub"}),
    ("처리해줘: inbox-api 롤백", Intent.ROLLBACK, {"app_name": "inbox-api"}),
    # A demonstrative that is no noun for words leaves the request asked.
    ("price-feed 재시작해줘 이거 급해요", Intent.RESTART, {"app_name": "price-feed"}),
    # The same requests, quoted by nothing.
    ("order-hub 롤백해줘", Intent.ROLLBACK, {"app_name": "order-hub"}),
    ("tile-cache 5개로 늘려줘", Intent.SCALE, {"app_name": "tile-cache", "replicas": 5}),
    ("quote-svc 로그 보여줘", Intent.LOGS, {"app_name": "quote-svc"}),
]


@pytest.mark.parametrize(("text", "intent", "args"), _CARRIED_OUT)
def test_a_command_carried_out_or_unquoted_is_asked(text: str, intent: Intent, args: dict[str, object]) -> None:
    reads_exactly(text, intent, args)


_TOLD_PLACE = [
    # A reason, a past, a clause that describes the target, a clause closed by a comma: where it happened.
    (
        "스테이징에서 부하 테스트 끝났으니 ledger-api 운영 배포해줘",
        Intent.DEPLOY,
        {"app_name": "ledger-api", "environment": "production"},
    ),
    (
        "개발에서 문제 없었으니 quote-svc 스테이징 배포 부탁해",
        Intent.DEPLOY,
        {"app_name": "quote-svc", "environment": "staging"},
    ),
    (
        "staging에서 검증 통과한 inbox-api prod 3개로 배포해줘",
        Intent.DEPLOY,
        {"app_name": "inbox-api", "environment": "production", "replicas": 3},
    ),
    ("dev 확인 끝, order-hub 운영 배포", Intent.DEPLOY, {"app_name": "order-hub", "environment": "production"}),
    (
        "개발은 1개로 충분했으니 price-feed 프로덕션 5개로 늘려줘",
        Intent.SCALE,
        {"app_name": "price-feed", "environment": "production", "replicas": 5},
    ),
    ("checked on dev, ledger-api staging 배포", Intent.DEPLOY, {"app_name": "ledger-api", "environment": "staging"}),
    (
        "tile-cache 개발에서 본 것처럼 스테이징 재시작해줘",
        Intent.RESTART,
        {"app_name": "tile-cache", "environment": "staging"},
    ),
]


@pytest.mark.parametrize(("text", "intent", "args"), _TOLD_PLACE)
def test_an_environment_told_of_is_not_the_requests_place(text: str, intent: Intent, args: dict[str, object]) -> None:
    reads_exactly(text, intent, args)
    assert interpret(text).interpretation.confidence < 0.9  # two places named: likely, never sure


_OWN_PLACE = [
    # The request's clause alone reads as before.
    ("ledger-api 운영 배포해줘", Intent.DEPLOY, {"app_name": "ledger-api", "environment": "production"}),
    ("order-hub 운영 배포", Intent.DEPLOY, {"app_name": "order-hub", "environment": "production"}),
    ("tile-cache 스테이징 재시작해줘", Intent.RESTART, {"app_name": "tile-cache", "environment": "staging"}),
    # Two places named together, one after the other, are still two.
    ("운영, 스테이징 둘 다 ledger-api 배포", Intent.DEPLOY, {"app_name": "ledger-api", "environment": "production"}),
]


@pytest.mark.parametrize(("text", "intent", "args"), _OWN_PLACE)
def test_the_requests_own_place_is_read_as_before(text: str, intent: Intent, args: dict[str, object]) -> None:
    reads_exactly(text, intent, args)


_ADDRESSED = [
    ("hey bot, roll back ledger-api", Intent.ROLLBACK, {"app_name": "ledger-api"}),
    ("hello klepaas, show inbox-api logs", Intent.LOGS, {"app_name": "inbox-api"}),
    ("yo assistant restart quote-svc", Intent.RESTART, {"app_name": "quote-svc"}),
    ("K-Le-PaaS야 price-feed 재시작해줘", Intent.RESTART, {"app_name": "price-feed"}),
    ("klepaas, scale order-hub to 4 please", Intent.SCALE, {"app_name": "order-hub", "replicas": 4}),
]


@pytest.mark.parametrize(("text", "intent", "args"), _ADDRESSED)
def test_the_one_addressed_is_never_the_target(text: str, intent: Intent, args: dict[str, object]) -> None:
    reads_exactly(text, intent, args)
    assert interpret(text).interpretation.confidence < 0.9  # read apart from the address: likely, never sure


_NOT_ADDRESSED = [
    # Two names joined by a comma, and a name the request points back at, stay what they were.
    ("order-hub, price-feed 재시작", Intent.AMBIGUOUS, {}),
    ("ledger-api, restart it", Intent.RESTART, {"app_name": "ledger-api"}),
    ("roll back ledger-api", Intent.ROLLBACK, {"app_name": "ledger-api"}),
]


@pytest.mark.parametrize(("text", "intent", "args"), _NOT_ADDRESSED)
def test_a_name_not_addressed_stays_the_target(text: str, intent: Intent, args: dict[str, object]) -> None:
    reads_exactly(text, intent, args)


def test_the_sessions_target_lends_no_request_a_target_of_its_own() -> None:
    # "it" points back at the name before the comma, never at the session's last app.
    said = interpret("ledger-api, restart it", SessionContext(app_name="order-hub")).interpretation
    assert (said.intent, dict(said.args)) == (Intent.RESTART, {"app_name": "ledger-api"})


_INTRODUCED = [
    ("endpoint라는 앱 재시작해줘", Intent.RESTART, {"app_name": "endpoint"}),
    ("the service called status, show its endpoint", Intent.ENDPOINT, {"service_name": "status"}),
    ("restart the app named rollback", Intent.RESTART, {"app_name": "rollback"}),
    ("서비스 이름이 logs인데 로그 보여줘", Intent.LOGS, {"app_name": "logs"}),
    ("이름이 scale인 앱 2개로 늘려줘", Intent.SCALE, {"app_name": "scale", "replicas": 2}),
    ("restart the 'status' app", Intent.RESTART, {"app_name": "status"}),
    ("there's an app called deploy, scale it to 3", Intent.SCALE, {"app_name": "deploy", "replicas": 3}),
]


@pytest.mark.parametrize(("text", "intent", "args"), _INTRODUCED)
def test_an_app_introduced_by_its_name_is_the_target(text: str, intent: Intent, args: dict[str, object]) -> None:
    reads_exactly(text, intent, args)


def test_a_command_word_not_introduced_names_nothing() -> None:
    # Quoted alone, with no kind word after it, a command's word is data; asked about, it is a word.
    reads_exactly("rollback이라는 게 뭐야?", Intent.UNKNOWN, {})
    reads_exactly("restart 'status'", Intent.RESTART, {}, ["target"])
