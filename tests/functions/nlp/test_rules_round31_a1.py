"""Round 31 (a1): Korean text that talks about a change without asking for one. What closes the clause is
not a request: a request taken back after a dash or an arrow, a request reported (-아 달라는 N, the auxiliary
of a quoted request), the progressive (-는 중, N 중), a plan or a guess about what will happen (-ㄹ 예정 with
an aside after it, -ㄹ 것 같다), a state of the change named by a noun its noun modifies (N 연기, N 요청
거절), a checklist's empty box. The same requests without these read as before."""

from __future__ import annotations

import pytest

from klepaas_nlp.intents import Intent

from .readings import reads_exactly

_TALKED_ABOUT = [
    # Taken back after a dash or an arrow.
    "pay-gw 재시작해줘 - 취소",
    "ledger-api 5개로 늘려줘 → 취소할게요",
    "search-api 배포해 주세요 -> 취소합니다",
    # A request reported: the auxiliary 달다 of a quoted request, the verb that reports it closing the clause.
    "invoice-svc 롤백해 달라는 요청이 들어왔었어",
    "search-api 배포해 달라는 메일이 있었는데 이미 처리됐어",
    "cart-api 2개로 줄여 달라고 했던 사람이 있었어요",
    # Under way.
    "ledger-api 재시작 중이에요",
    "invoice-svc 5개로 늘리는 중입니다",
    "ledger-api 롤백 진행 중",
    "pay-gw 재시작 작업 중",
    "search-api 배포 검토 중입니다",
    "pay-gw 배포 중이라 잠깐 기다려",
    # Planned, with an aside or a note after it; foreseen.
    "invoice-svc 재시작 예정입니다 (오후 3시)",
    "내일 pay-gw 배포 예정이라 참고",
    "ledger-api 곧 롤백될 것 같아요",
    "search-api 곧 배포할 것 같은데",
    # A state of the change, or of a request for it, named by a noun.
    "ledger-api 롤백 요청 거절",
    "search-api 배포 연기",
    # A checklist's item not done yet.
    "- [ ] invoice-svc 롤백",
    "* [ ] search-api 3개로 늘리기",
]


@pytest.mark.parametrize("text", _TALKED_ABOUT)
def test_a_change_talked_about_asks_for_nothing(text: str) -> None:
    reads_exactly(text, Intent.UNKNOWN, {})


_STILL_ASKED = [
    ("pay-gw 재시작해줘", Intent.RESTART, {"app_name": "pay-gw"}),
    ("ledger-api 5개로 늘려줘", Intent.SCALE, {"app_name": "ledger-api", "replicas": 5}),
    # A dash before anything but a retraction, or before a retraction forbidden.
    ("pay-gw 재시작해줘 - 급해요", Intent.RESTART, {"app_name": "pay-gw"}),
    ("pay-gw 재시작해줘 -> 취소하지 말고", Intent.RESTART, {"app_name": "pay-gw"}),
    # The speaker's own request restated, or insisted on, with 달라.
    (
        "요약하면 search-api 를 staging 에 배포해 달라는 거예요",
        Intent.DEPLOY,
        {"app_name": "search-api", "environment": "staging"},
    ),
    ("invoice-svc 재시작해 달라니까", Intent.RESTART, {"app_name": "invoice-svc"}),
    # The progressive asked about, or beside a read.
    ("ledger-api 재시작 중이야?", Intent.STATUS, {"app_name": "ledger-api"}),
    ("ledger-api 재시작 중인데 로그 보여줘", Intent.LOGS, {"app_name": "ledger-api"}),
    # A need or a leave guessed asks for the change.
    ("search-api 롤백해야 할 것 같아요", Intent.ROLLBACK, {"app_name": "search-api"}),
    ("invoice-svc 2개로 줄여도 될 것 같아요", Intent.SCALE, {"app_name": "invoice-svc", "replicas": 2}),
    # A plan beside a read, a reason before a request, an aside after one.
    ("invoice-svc 재시작 예정이니 지금 상태 보여줘", Intent.STATUS, {"app_name": "invoice-svc"}),
    ("새벽이라 invoice-svc 2개로 줄여줘", Intent.SCALE, {"app_name": "invoice-svc", "replicas": 2}),
    ("invoice-svc 3개로 늘려줘 (급함)", Intent.SCALE, {"app_name": "invoice-svc", "replicas": 3}),
    # A noun after the change's noun that asks for it, or names a read.
    ("search-api 배포 요망", Intent.DEPLOY, {"app_name": "search-api"}),
    ("pay-gw 재시작 요청 드려요", Intent.RESTART, {"app_name": "pay-gw"}),
    ("ledger-api 재시작 부탁", Intent.RESTART, {"app_name": "ledger-api"}),
    ("ledger-api 롤백 목록", Intent.LIST_ROLLBACK, {"app_name": "ledger-api"}),
    ("ledger-api 롤백 이력", Intent.LIST_ROLLBACK, {"app_name": "ledger-api"}),
    # A noun of doing it closes a terse request (the merge's review: "X 배포 시작" had read as a state).
    ("invoice-svc 배포 시작", Intent.DEPLOY, {"app_name": "invoice-svc"}),
    ("pay-gw 롤백 개시", Intent.ROLLBACK, {"app_name": "pay-gw"}),
    # A checklist's item asked in so many words.
    ("- [ ] ledger-api 재시작해줘", Intent.RESTART, {"app_name": "ledger-api"}),
]


@pytest.mark.parametrize(("text", "intent", "args"), _STILL_ASKED)
def test_the_same_requests_are_still_read(text: str, intent: Intent, args: dict[str, object]) -> None:
    reads_exactly(text, intent, args)
