"""Round 30 (c): reads said in ways the rules did not know: what commands there are, where a rollback
could go back to, lists and overviews, a deployment's config, a pod's output, monitoring and money
saved, in new wording."""

from __future__ import annotations

import pytest

from klepaas_nlp.intents import Intent
from tests.functions.nlp.readings import reads_exactly


@pytest.mark.parametrize(
    ("command", "intent", "args", "missing"),
    [
        ("혹시 제가 무슨 명령을 내릴 수 있는지 알려주실 수 있나요?", Intent.LIST_COMMANDS, {}, []),
        ("어떤 걸 맡길 수 있는지 궁금해", Intent.LIST_COMMANDS, {}, []),
        ("재시작할 수 있는 명령 뭐가 있어?", Intent.LIST_COMMANDS, {}, []),
        ("show availble comands", Intent.LIST_COMMANDS, {}, []),
        ("wallet-api 롤백 가능한 버젼 목록 보여줘", Intent.LIST_ROLLBACK, {"app_name": "wallet-api"}, []),
        ("어디까지 되돌릴 수 있는지 알려줘", Intent.LIST_ROLLBACK, {}, ["target"]),
        ("what can ledger-sync be reverted to?", Intent.LIST_ROLLBACK, {"app_name": "ledger-sync"}, []),
        ("what would we roll back to for ledger-sync?", Intent.LIST_ROLLBACK, {"app_name": "ledger-sync"}, []),
        (
            "ledger-sync 롤백 전에 어떤 버전으로 돌릴 수 있는지 먼저 알려줘",
            Intent.LIST_ROLLBACK,
            {"app_name": "ledger-sync"},
            [],
        ),
        ("ledger-sync revision 목록 보여줘", Intent.LIST_ROLLBACK, {"app_name": "ledger-sync"}, []),
        ("디플로이먼트 몇 개 떠 있어?", Intent.LIST_DEPLOYMENTS, {}, []),
        ("배포 몇 개 돌아가고 있어?", Intent.LIST_DEPLOYMENTS, {}, []),
        ("실행 중인 파드들 보여줘", Intent.LIST_PODS, {}, []),
        ("클러스터 오늘 상태 어때?", Intent.OVERVIEW, {}, []),
        ("shop-ns 배포된 것들 전체적으로 어떤 상태인지 알려줘", Intent.OVERVIEW, {"namespace": "shop-ns"}, []),
        ("mall 네임스페이스 서비스들 확인해 주세요", Intent.LIST_SERVICES, {"namespace": "mall"}, []),
        ("클러스터 내부에서 쓰는 주소들 전부 보여줘", Intent.LIST_ENDPOINTS, {}, []),
        ("give me a rundown of namespace retail", Intent.OVERVIEW, {"namespace": "retail"}, []),
        ("basket-api 배포 spec 보여줘", Intent.GET_DEPLOYMENT, {"deployment_name": "basket-api"}, []),
        ("basket-api 파드가 뭘 찍고 있는지 최근 30줄만", Intent.LOGS, {"pod_name": "basket-api", "lines": 30}, []),
        ("giftcard 좀 지켜봐줘", Intent.STATUS, {"app_name": "giftcard"}, []),
        (
            "retail에서 돈 줄일 수 있는 방법 분석해줘",
            Intent.COST_ANALYSIS,
            {"namespace": "retail", "analysis_type": "optimization"},
            [],
        ),
        (
            "how can we save some money in retail?",
            Intent.COST_ANALYSIS,
            {"namespace": "retail", "analysis_type": "optimization"},
            [],
        ),
        ("basket-api 배퓨해줘", Intent.DEPLOY, {"app_name": "basket-api"}, []),
        ("qa 네임스페이스 파드들 괜찮은지 봐줘", Intent.STATUS, {"namespace": "qa"}, []),
        ("파드 확인해줘", Intent.STATUS, {"resource_type": "pod"}, []),
    ],
)
def test_reads_said_in_new_ways(command: str, intent: Intent, args: dict[str, object], missing: list[str]) -> None:
    reads_exactly(command, intent, args, missing)
