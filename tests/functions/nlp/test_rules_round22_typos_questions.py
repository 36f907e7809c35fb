"""Round 22 (issue 24): command verbs typed with a slip (half Hangul half Latin, a stuttered syllable,
a syllable lost to one loose letter, a slipped preposition), and questions about a change (who made
it, what it would do, a change reported done) that ask for none. New wording, not corpus lines."""

from __future__ import annotations

import pytest

from klepaas_nlp.intents import Intent
from klepaas_nlp.rules import interpret

from .readings import reads_exactly


@pytest.mark.parametrize(
    ("text", "intent", "args"),
    [
        ("cart-svc 롤back 부탁해", Intent.ROLLBACK, {"app_name": "cart-svc"}),
        ("auth-proxy 리스타tart 좀 해줘", Intent.RESTART, {"app_name": "auth-proxy"}),
        ("ledger-api 디플로loy 해주세요", Intent.DEPLOY, {"app_name": "ledger-api"}),
        ("media-api 재재시작 해줘", Intent.RESTART, {"app_name": "media-api"}),
        ("order-svc 롤롤백 해줘", Intent.ROLLBACK, {"app_name": "order-svc"}),
        ("queue-api 배ㅍ해줘", Intent.DEPLOY, {"app_name": "queue-api"}),
        ("logs form pod image-resizer", Intent.LOGS, {"pod_name": "image-resizer"}),
        ("show logs fo pod chat-gw", Intent.LOGS, {"pod_name": "chat-gw"}),
        ("쓸 수 있는 commands 뭐야", Intent.LIST_COMMANDS, {}),
    ],
)
def test_a_slipped_command_word_reads_as_the_word(text: str, intent: Intent, args: dict[str, object]) -> None:
    reads_exactly(text, intent, args)


def test_a_known_word_before_a_kind_word_stays() -> None:
    reads_exactly("logs web pod 20 lines", Intent.LOGS, {"pod_name": "web", "lines": 20})


@pytest.mark.parametrize(
    "text",
    [
        "누가 pay-gateway 롤백했어요?",
        "mail-relay 를 5개로 늘린 사람이 누구죠?",
        "has anyone rolled back quote-api today?",
        "who restarted media-api this morning?",
        "cart-api 롤백하면 장바구니 데이터가 날아가나요?",
        "배포하면 몇 분 정도 멈추나요?",
        "If we restart queue-worker, will jobs in flight be dropped?",
        "How long does a restart of ledger-api take?",
        "ledger-api 는 어제 4개로 늘려 뒀어요.",
        "search-api는 지난달에 2개로 줄여 놓았습니다.",
    ],
)
def test_a_question_or_report_about_a_change_asks_for_none(text: str) -> None:
    reads_exactly(text, Intent.UNKNOWN, {})


def test_someone_s_change_told_beside_a_read_leaves_the_read() -> None:
    reads_exactly("누가 geo-api 재시작했다던데 지금 상태 어때?", Intent.STATUS, {"app_name": "geo-api"})


def test_an_auxiliary_after_a_request_still_asks() -> None:
    reads_exactly("web-api 5개로 늘려 놔줘", Intent.SCALE, {"app_name": "web-api", "replicas": 5})


@pytest.mark.parametrize("text", ["geo-api 콘솔 창 좀 열어 주세요", "worker 안에서 커맨드 직접 입력할 수 있게 해 줘"])
def test_a_console_or_typed_commands_are_shell_access(text: str) -> None:
    reads_exactly(text, Intent.UNKNOWN, {})


@pytest.mark.parametrize(
    "text",
    ["ledger-api 재시작 후에 다 정상으로 떴나요?", "quiz-web 배포 후에 잘 올라왔어?", "chat-gw 롤백 후 상태 괜찮나요?"],
)
def test_a_question_about_how_things_are_after_an_operation_noun_reads_the_state(text: str) -> None:
    """The operation's bare noun before 후에 dates a question about the present: it was done, not asked for."""
    assert interpret(text).interpretation.intent is Intent.STATUS, interpret(text)


def test_a_request_after_an_operation_noun_still_asks_which() -> None:
    assert interpret("quiz-web 배포 후에 로그 보여줄래?").interpretation.intent is Intent.AMBIGUOUS
