"""Round 28 (dev_redteam7, names and slots): made-up commands in new wording, one per structural class."""

from __future__ import annotations

import pytest

from klepaas_nlp.intents import Intent

from .readings import reads_exactly


@pytest.mark.parametrize(
    ("text", "intent", "args", "missing"),
    [
        # A domain noun (billing, pricing) before another read's noun, or after a kind word, names the app.
        ("pricing 상태 좀 알려줘", Intent.STATUS, {"app_name": "pricing"}, None),
        ("tail the pricing logs", Intent.LOGS, {"app_name": "pricing"}, None),
        ("billing 로그 좀 봐줘", Intent.LOGS, {"app_name": "billing"}, None),
        ("describe deployment pricing", Intent.GET_DEPLOYMENT, {"deployment_name": "pricing"}, None),
        ("pricing health", Intent.STATUS, {"app_name": "pricing"}, None),
        # ...but a cost asked of it is still a cost request.
        ("what does pricing cost us", Intent.COST_ANALYSIS, {}, None),
        # A bare word before 서버 names the app; a modified one ("메인 web 서버") stays a role.
        ("search 서버 로그 100줄", Intent.LOGS, {"app_name": "search", "lines": 100}, None),
        ("cart 서버 재기동해줘", Intent.RESTART, {"app_name": "cart"}, None),
        ("메인 web 서버 재시작해줘", Intent.RESTART, {}, ["target"]),
        # A vague noun after a name labels it: "the cart thing".
        ("can you bounce the cart thing", Intent.RESTART, {"app_name": "cart"}, None),
        # "X 쪽이 …" as a subject is the app complained of, no namespace.
        ("cart 쪽이 느린데 cart 재시작 부탁해요", Intent.RESTART, {"app_name": "cart"}, None),
        ("payments 쪽 파드 목록", Intent.LIST_PODS, {"namespace": "payments"}, None),
        # Numbers: tens in words, a version dictated with 점, multiplicatives after a rollback.
        ("web 로그 서른 줄만", Intent.LOGS, {"app_name": "web", "lines": 30}, None),
        ("tail the last thirty lines of cart logs", Intent.LOGS, {"app_name": "cart", "lines": 30}, None),
        ("web 2점0점1 버전으로 배포", Intent.DEPLOY, {"app_name": "web"}, None),
        ("roll web back twice", Intent.ROLLBACK, {"app_name": "web", "steps_back": 2}, None),
        ("web 다섯 대가 되도록 해주세요", Intent.SCALE, {"app_name": "web", "replicas": 5}, None),
        ("web replicas make it 5", Intent.SCALE, {"app_name": "web", "replicas": 5}, None),
        # Owner/repo said without its slash.
        (
            "acme 조직의 shop-web 레포 배포해줘",
            Intent.DEPLOY,
            {"github_owner": "acme", "github_repo": "shop-web"},
            None,
        ),
        ("MyOrg / ledger 배포해줘", Intent.DEPLOY, {"github_owner": "MyOrg", "github_repo": "ledger"}, None),
        (
            "deploy repository ledger owned by FinCorp",
            Intent.DEPLOY,
            {"github_owner": "FinCorp", "github_repo": "ledger"},
            None,
        ),
        ("MyOrg의 billing-api 재시작", Intent.RESTART, {"github_owner": "MyOrg", "github_repo": "billing-api"}, None),
        # Gerunds, how-is, comma lists.
        ("web reverting pls", Intent.ROLLBACK, {"app_name": "web"}, None),
        ("cart rollbacking please", Intent.ROLLBACK, {"app_name": "cart"}, None),
        ("how's cart doing?", Intent.STATUS, {"app_name": "cart"}, None),
        ("cart, search 로그", Intent.AMBIGUOUS, {}, None),
        # A symptom told of a plain-word app lends it to the request.
        ("ugh, cart keeps dying, please restart it", Intent.RESTART, {"app_name": "cart"}, None),
        ("the search service keeps failing, please restart it", Intent.RESTART, {"app_name": "search"}, None),
        ("cart 계속 죽어요. 재시작해 주세요", Intent.RESTART, {"app_name": "cart"}, None),
        # ...never when the request names its own target, nor when two apps are told of.
        ("cart 자꾸 에러나요. web 롤백해주세요", Intent.ROLLBACK, {"app_name": "web"}, None),
        ("web is fine but cart keeps crashing, please restart it", Intent.RESTART, {}, ["target"]),
    ],
)
def test_names_and_slots(text: str, intent: Intent, args: dict[str, object], missing: list[str] | None) -> None:
    reads_exactly(text, intent, args, missing)
