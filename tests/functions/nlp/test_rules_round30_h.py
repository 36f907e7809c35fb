"""Round 30, second wave (not ours, worries, words that only look like commands): repaired and foreign
words outside a command, programs that are not ours, worries and withdrawn requests, an opinion beside the
one request of a mail, mail subjects, internal addresses and labelled namespaces, in new wording."""

from __future__ import annotations

import pytest

from klepaas_nlp.intents import Intent

from .readings import reads_exactly

_MAIL = (
    "수고 많으십니다 실장님, 지난주 회의 때 말씀하신 부분 정리해 드립니다. 먼저 orders"
    " 서비스는 그제 배포 이후 응답이 점점 느려져서 재시작이 몇 번 있었고, search 쪽은"
    " 인증 실패가 가끔 보입니다. 그래서 제 생각엔 orders를 이전 버전으로 되돌리고, s"
    "earch는 이벤트를 좀 더 보고 결정하는 게 좋겠습니다. 우선 orders 로그 50줄만"
    " 먼저 보여주세요. 고맙습니다. 이영희 드림"
)


@pytest.mark.parametrize(
    "text",
    [
        # A slipped act spelling that is a word of its own (a place), outside a command.
        "제기동 근처 국밥집 알려줘",
        "제기동역 가는 길 알려줘",
        # Growing or cutting an everyday thing.
        "강아지 키우고 싶다",
        "화분 키우는 중이야",
        "체중을 좀 줄이고 싶어",
        # A message wholly in Chinese or Japanese that tells something.
        "私のチームは開発です",
        "今天的日志已经写好了",
        # A program that is not ours, and the speaker's own plan for it.
        "slack 앱이 또 먹통이네 재시작해야겠다",
        "줌 앱이 자꾸 꺼져서 다시 켜야겠어",
        # A commit's content asked about.
        "https://github.com/acme/shop/commit/9f8e7d6 이 커밋 뭐야?",
        "https://github.com/acme/shop/commit/9f8e7d6 what is this commit?",
        # A worry told; a request withdrawn with nothing in its place.
        "payments 터질까 봐 불안해",
        "ledger가 또 죽을까 봐 걱정돼",
        "아 잠깐만, orders 롤백 말고요",
        "잠깐, search 재배포 말고",
    ],
)
def test_what_only_looks_like_a_command_asks_nothing(text: str) -> None:
    reads_exactly(text, Intent.UNKNOWN, {})


@pytest.mark.parametrize(
    ("text", "intent", "args"),
    [
        # The slipped spelling where an act stands, or beside a name of ours, is still the act.
        ("ledger 제기동 해줘", Intent.RESTART, {"app_name": "ledger"}),
        ("orders 베포 해줘", Intent.DEPLOY, {"app_name": "orders"}),
        # Counted copies and the platform's nouns are still grown.
        ("ledger 5개로 키워줘", Intent.SCALE, {"app_name": "ledger", "replicas": 5}),
        # Chinese words inside a Korean or English command are still read.
        ("ledger 重启 해줘", Intent.RESTART, {"app_name": "ledger"}),
        ("请重启 orders", Intent.RESTART, {"app_name": "orders"}),
        # A forbidden act beside a read withdraws nothing.
        ("orders 롤백 이력만 보자, 롤백은 하지 말고", Intent.LIST_ROLLBACK, {"app_name": "orders"}),
        # The one request of a mail, beside the writer's opinion about another change.
        (_MAIL, Intent.LOGS, {"app_name": "orders", "lines": 50}),
        ("제 생각엔 cart를 롤백하는 게 좋겠어요. 일단 web 로그 보여줘", Intent.LOGS, {"app_name": "web"}),
        # Internal addresses are endpoints; an adjective of reach is no name.
        ("show internal service addresses", Intent.LIST_ENDPOINTS, {}),
        ("list internal addresses", Intent.LIST_ENDPOINTS, {}),
        # A namespace labelled with a colon or =, in brackets or not: the value after the label.
        ("ledger (ns: finance) 재시작", Intent.RESTART, {"app_name": "ledger", "namespace": "finance"}),
        ("ledger ns:finance 재시작해줘", Intent.RESTART, {"app_name": "ledger", "namespace": "finance"}),
        ("ledger namespace=finance 재시작", Intent.RESTART, {"app_name": "ledger", "namespace": "finance"}),
        ("ns: finance / ledger 재시작해줘", Intent.RESTART, {"app_name": "ledger", "namespace": "finance"}),
    ],
)
def test_commands_beside_those_words_still_read(text: str, intent: Intent, args: dict[str, object]) -> None:
    reads_exactly(text, intent, args)


@pytest.mark.parametrize(
    "text",
    [
        # A one-line subject ends at a spaced dash: its words are no target.
        "FWD: incident summary - please roll back now",
        "RE: weekly digest - 바로 롤백 부탁드립니다",
    ],
)
def test_a_subjects_words_are_no_target(text: str) -> None:
    reads_exactly(text, Intent.ROLLBACK, {}, missing=["target"])
