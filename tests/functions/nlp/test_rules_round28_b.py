"""Round 28, part b (new wordings): a long message's one request at its end; questions of how, how long
or what a change would do; notes, to-do lists and messages for others; a topic carried out, leave asked
then given, and a change to make sure of."""

from __future__ import annotations

import pytest

from klepaas_nlp.intents import Intent

from .readings import reads_exactly


@pytest.mark.parametrize(
    ("text", "intent", "args"),
    [
        (
            "안녕하세요, 정산팀 이서준입니다. 월말 마감 직전인데 결제 내역이 한참째 반영되지 않는다는 문의가 자꾸 "
            "들어오고 있습니다. 고객들이 환불 못 받을까 봐 다들 긴장한 상태예요. "
            "ledger-sync 재시작 한 번 부탁드립니다.",
            Intent.RESTART,
            {"app_name": "ledger-sync"},
        ),
        (
            "지도 타일이 계속 늦게 뜬다는 얘기가 있어요. 기사님들이 길을 못 찾을까 봐 걱정입니다. tile-cache 롤백 "
            "부탁드려요.",
            Intent.ROLLBACK,
            {"app_name": "tile-cache"},
        ),
    ],
)
def test_a_long_message_is_the_request_at_its_end(text: str, intent: Intent, args: dict[str, object]) -> None:
    reads_exactly(text, intent, args)


@pytest.mark.parametrize(
    "text",
    [
        "ledger-sync 롤백은 대략 몇 초 걸리나요?",
        "tile-cache 재시작 얼마나 걸릴까요?",
        "ledger-sync 재배포하려면 어떻게 해야 돼요?",
        "tile-cache 어떻게 재시작해요?",
        "how can we safely redeploy ledger-sync?",
        "how do you roll back tile-cache?",
        "how to scale ledger-sync",
        "describe what a restart of tile-cache would do",
        "what would a rollback of ledger-sync do?",
        "what happens if we redeploy tile-cache?",
    ],
)
def test_a_question_of_how_or_what_a_change_does_asks_for_nothing(text: str) -> None:
    reads_exactly(text, Intent.UNKNOWN, {})


@pytest.mark.parametrize(
    ("text", "intent", "args"),
    [
        ("tile-cache 재시작해 주실 수 있을까요?", Intent.RESTART, {"app_name": "tile-cache"}),
        ("how about restarting ledger-sync?", Intent.RESTART, {"app_name": "ledger-sync"}),
    ],
)
def test_a_polite_question_that_asks_stays_the_request(text: str, intent: Intent, args: dict[str, object]) -> None:
    reads_exactly(text, intent, args)


@pytest.mark.parametrize(
    "text",
    [
        "shift log: 1. bounced ledger-sync 2. rolled back tile-cache",
        "오늘 할 일: 1) ledger-sync 롤백 2) tile-cache 4개로 늘리기",
        "작업 내역: 1. ledger-sync 배포 2. tile-cache 재시작",
        "1. ledger-sync 재시작했습니다 2. tile-cache 배포했습니다",
        "1) I redeployed ledger-sync 2) we scaled tile-cache to 2",
        "things to do tonight: 1. redeploy ledger-sync 2. restart tile-cache",
        "notify the on-call that ledger-sync will be redeployed",
        "tell ops tile-cache should be rolled back",
        "ledger-sync 재배포해야 한다고 팀에 전해 줘",
        "tile-cache 롤백이 필요하다고 채널에 공유해 줘",
        "draft a plan for rolling back ledger-sync",
        "tile-cache 배포에 관한 가이드 보여줘",
        "ledger-sync must not be restarted",
        "tile-cache shouldn't ever be rolled back",
    ],
)
def test_notes_lists_and_messages_for_others_ask_for_nothing(text: str) -> None:
    reads_exactly(text, Intent.UNKNOWN, {})


@pytest.mark.parametrize(
    ("text", "intent", "args"),
    [
        ("1) restart ledger-sync 2) deploy tile-cache", Intent.AMBIGUOUS, {}),
        ("tile-cache-v2 재시작 건으로 진행 부탁드립니다", Intent.RESTART, {"app_name": "tile-cache-v2"}),
        ("ledger-sync 배포 관련해서 진행해 주세요", Intent.DEPLOY, {"app_name": "ledger-sync"}),
        ("could we restart ledger-sync? if yes, go ahead", Intent.RESTART, {"app_name": "ledger-sync"}),
        ("is it ok to roll back tile-cache? if so, please proceed", Intent.ROLLBACK, {"app_name": "tile-cache"}),
        ("please make sure ledger-sync is scaled down to 2", Intent.SCALE, {"app_name": "ledger-sync", "replicas": 2}),
        ("see to it that tile-cache is reverted", Intent.ROLLBACK, {"app_name": "tile-cache"}),
        (
            "ensure ledger-sync gets redeployed to staging",
            Intent.DEPLOY,
            {"app_name": "ledger-sync", "environment": "staging"},
        ),
    ],
)
def test_a_topic_carried_out_leave_given_or_a_change_made_sure_of_is_that_act(
    text: str, intent: Intent, args: dict[str, object]
) -> None:
    reads_exactly(text, intent, args)


@pytest.mark.parametrize("text", ["make sure nobody redeploys tile-cache", "make sure ledger-sync isn't restarted"])
def test_a_change_to_prevent_is_no_request(text: str) -> None:
    reads_exactly(text, Intent.UNKNOWN, {})
