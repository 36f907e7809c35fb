"""Round 28 (d): relative counts, requests taken back or corrected, fillers, and chatter that asks
nothing of the platform. Each case is new wording of a structure, never a corpus line."""

from __future__ import annotations

import pytest

from klepaas_nlp.intents import Intent
from tests.functions.nlp.readings import reads_exactly

# A count of copies added or taken away is no count to reach: the scale asks for its target.
RELATIVE = [
    "orders 한 개만 더 추가해 주세요",
    "checkout 서비스 2대만 증설해줘",
    "orders 레플리카 하나 빼줘",
    "checkout 인스턴스 2개 제거해줘",
    "orders 둘만 더 추가",
    "take away one orders replica",
    "remove two replicas from orders",
    "drop one replica of orders",
]


@pytest.mark.parametrize("text", RELATIVE)
def test_a_relative_count_leaves_the_count_missing(text: str) -> None:
    app = "checkout" if "checkout" in text else "orders"
    reads_exactly(text, Intent.SCALE, {"app_name": app}, ["replicas"])


# A request taken back, left alone or called a joke asks for nothing.
TAKEN_BACK = [
    "orders 5개로 줄여줘 아냐 그냥 놔둬",
    "checkout 재배포해줘 ㅋㅋ 장난이야",
    "orders 롤백해줘 아니 하지 마",
    "restart orders, nah, forget it",
    "roll back checkout. just kidding",
    "scale orders to 6, hmm, never mind",
    "redeploy checkout, jk lol",
    "restart orders. no wait, don't",
]


@pytest.mark.parametrize("text", TAKEN_BACK)
def test_a_request_taken_back_asks_nothing(text: str) -> None:
    reads_exactly(text, Intent.UNKNOWN, {})


def test_a_question_before_a_change_held_back_is_still_read() -> None:
    reads_exactly("orders 상태 괜찮아? 롤백은 아직 하지 마", Intent.STATUS, {"app_name": "orders"})


def test_a_pause_before_a_count_corrects_the_count() -> None:
    reads_exactly("checkout 2개로 늘려줘, 앗 잠깐 6개로", Intent.SCALE, {"app_name": "checkout", "replicas": 6})


def test_a_split_no_wait_corrects_the_count() -> None:
    reads_exactly("scale orders to 2, wait no, 7", Intent.SCALE, {"app_name": "orders", "replicas": 7})


def test_a_commit_corrected_by_a_commit() -> None:
    reads_exactly(
        "roll back orders to 9f8e7d6, sorry I meant 1a2b3c4",
        Intent.ROLLBACK,
        {"app_name": "orders", "target_commit_sha": "1a2b3c4"},
    )


def test_korean_i_meant_after_the_name() -> None:
    reads_exactly("orders 재시작 아 checkout 얘기한 거예요", Intent.RESTART, {"app_name": "checkout"})


# Fillers, hesitations and chat particles are no names.
def test_fillers_are_no_names() -> None:
    reads_exactly("umm restart orders", Intent.RESTART, {"app_name": "orders"})
    reads_exactly("yep roll back checkout", Intent.ROLLBACK, {"app_name": "checkout"})
    reads_exactly("restart orders lmao", Intent.RESTART, {"app_name": "orders"})
    reads_exactly("scale orders to like 3", Intent.SCALE, {"app_name": "orders", "replicas": 3})
    reads_exactly("restart the orders thingy", Intent.RESTART, {"app_name": "orders"})


# Chatter about things that are not ours asks nothing of the platform.
CHATTER = [
    "thanks so much for the help",
    "gotta reboot my computer, back in 5",
    "my brother wants to deploy his robot",
    "git reset --hard 하는 방법",
    "롤백 의미가 뭐야",
    "스케일링 받으러 치과 가야 돼",
    "how do I restart intellij",
]


@pytest.mark.parametrize("text", CHATTER)
def test_chatter_about_something_else_asks_nothing(text: str) -> None:
    reads_exactly(text, Intent.UNKNOWN, {})


def test_help_alone_still_lists_commands() -> None:
    reads_exactly("help", Intent.LIST_COMMANDS, {})
