"""Round 29, part b (new wordings): the closed set's words in Chinese, typos of its Korean words, costs of a
period to come, health asked of everything, and worries or questions of meaning that ask nothing."""

from __future__ import annotations

import pytest

from klepaas_nlp.intents import Intent

from .readings import reads_exactly


@pytest.mark.parametrize(
    ("text", "intent", "args"),
    [
        # Chinese words of the closed set, simplified and traditional, and Chinese counts.
        (
            "payout-router 部署到 staging 부탁해요",
            Intent.DEPLOY,
            {"app_name": "payout-router", "environment": "staging"},
        ),
        ("wallet-sync 重新启动 해줘", Intent.RESTART, {"app_name": "wallet-sync"}),
        ("wallet-sync 回滚 부탁드립니다", Intent.ROLLBACK, {"app_name": "wallet-sync"}),
        ("wallet-sync 扩容到四个", Intent.SCALE, {"app_name": "wallet-sync", "replicas": 4}),
        ("wallet-sync 缩容 到 一个", Intent.SCALE, {"app_name": "wallet-sync", "replicas": 1}),
        ("wallet-sync 三个 replicas로 늘려줘", Intent.SCALE, {"app_name": "wallet-sync", "replicas": 3}),
        ("wallet-sync 日志 100줄 보여줘", Intent.LOGS, {"app_name": "wallet-sync", "lines": 100}),
        ("wallet-sync 狀態 확인", Intent.STATUS, {"app_name": "wallet-sync"}),
        ("现在 有哪些 命令 可以 用?", Intent.LIST_COMMANDS, {}),
        # An alarm seen is no app.
        ("刚才 收到 warning, wallet-sync 로그 좀", Intent.LOGS, {"app_name": "wallet-sync"}),
        ("just saw an alarm, coupon-api 상태 어때요?", Intent.STATUS, {"app_name": "coupon-api"}),
        # Typos of the closed set's Korean words.
        ("wallet-sync 제기동 부탁", Intent.RESTART, {"app_name": "wallet-sync"}),
        ("wallet-sync 내개로 줄여줘", Intent.SCALE, {"app_name": "wallet-sync", "replicas": 4}),
        ("wallet-sync 상테 확인", Intent.STATUS, {"app_name": "wallet-sync"}),
        # A cost in a period to come is a forecast.
        ("내년 인프라 비용 어느 정도 예상돼요?", Intent.COST_ANALYSIS, {"analysis_type": "forecast"}),
        ("다음 분기 클라우드 요금 얼마 나올지 궁금해요", Intent.COST_ANALYSIS, {"analysis_type": "forecast"}),
        # How all of it is doing, as a whole.
        ("우리 앱들 전반적으로 다 괜찮은지 한 번 봐주세요", Intent.OVERVIEW, {}),
        ("서비스들 다 정상인지 전체적으로 한번 보여줘", Intent.OVERVIEW, {}),
        # The environment of a change the read comes before is that change's.
        ("wallet-sync 스테이징 배포 전에 로그 먼저 볼게", Intent.LOGS, {"app_name": "wallet-sync"}),
        ("before the staging deploy, show me wallet-sync's status", Intent.STATUS, {"app_name": "wallet-sync"}),
        # A worry with a request still asks it.
        ("wallet-sync 배포해줘, 좀 무섭지만", Intent.DEPLOY, {"app_name": "wallet-sync"}),
    ],
)
def test_reads(text: str, intent: Intent, args: dict[str, object]) -> None:
    reads_exactly(text, intent, args)


@pytest.mark.parametrize(
    "text",
    [
        "재시작 누를 때마다 아직 좀 겁나요",
        "롤백 할 때마다 손이 떨려요",
        "스케일 아웃이라는 게 뭔지 잘 모르겠어요",
        "카나리 배포란 게 정확히 뭐예요?",
        "우리 클러스터 보안은 문제 없는 거죠? 걱정되네요",
        "is the cluster secure?",
        # 제 ending another word is no typo of 재.
        "언제시작해?",
        # A Chinese word outside the closed set names nothing.
        "payments-api 停止",
    ],
)
def test_asks_nothing(text: str) -> None:
    reads_exactly(text, Intent.UNKNOWN, {})
