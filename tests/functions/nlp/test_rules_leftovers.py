"""Issue 24, round 17: the leftovers' general classes.

New phrasings (none is a line of a dev set): a bare name that belongs to another clause's verb is no
list read's namespace; a read's object noun before "for" keeps a topic word as the app; creating a
kind inside a compound is refused; "what is running" lists; a count decided in English; typos of
command nouns; two reads joined; "go" towards an earlier version.
"""

from __future__ import annotations

import pytest

from klepaas_nlp.intents import Intent
from klepaas_nlp.rules import interpret

from .readings import reads_exactly as _reads


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("report-gen 포함해서 전체 파드 목록 보여줘", Intent.LIST_PODS),
        ("목록에 quiz-api 있는지 확인하게 서비스 목록 좀 줘", Intent.LIST_SERVICES),
        ("media-cdn prod에 올릴지 생각 중이라 비용 예측 먼저 보여줘", Intent.COST_ANALYSIS),
        ("lotto-draw 서비스 목록에 있나? 서비스 목록 보여줘", Intent.LIST_SERVICES),
    ],
)
def test_a_name_governed_by_another_verb_is_no_namespace(text: str, intent: Intent) -> None:
    result = interpret(text).interpretation
    assert result.intent is intent, (text, result.intent, result.args)
    assert "namespace" not in result.args, (text, result.args)


@pytest.mark.parametrize(
    ("text", "intent", "args"),
    [
        ("edu-prod 파드 목록 보여줘", Intent.LIST_PODS, {"namespace": "edu-prod"}),
        ("retail 서비스 목록 확인해서 알려줘", Intent.LIST_SERVICES, {"namespace": "retail"}),
        ("show the url for pricing", Intent.ENDPOINT, {"app_name": "pricing"}),
        ("pull the logs of billing", Intent.LOGS, {"app_name": "billing"}),
        ("monitoring 네임스페이스에 뭐 돌아가는지 알려줘", Intent.LIST_PODS, {"namespace": "monitoring"}),
        ("what's running in logging", Intent.LIST_PODS, {"namespace": "logging"}),
        ("서비스 뭐 떠 있어?", Intent.LIST_SERVICES, {}),
        ("디플로이 뭐 돌아가냐", Intent.LIST_DEPLOYMENTS, {}),
        ("ok, going with two, scale tide-gauge", Intent.SCALE, {"app_name": "tide-gauge", "replicas": 2}),
        (
            "Would two replicas be enough for tide-gauge? Let's settle on two, please scale it.",
            Intent.SCALE,
            {"app_name": "tide-gauge", "replicas": 2},
        ),
        ("geo-api 서비스 엔드포잍 보여줘", Intent.ENDPOINT, {"service_name": "geo-api"}),
        ("클라우드 비용 쵀적화 알려줘", Intent.COST_ANALYSIS, {"analysis_type": "optimization"}),
        ("rank-svc 어제 올린 거 구림 예전 버전으로 ㄱ", Intent.ROLLBACK, {"app_name": "rank-svc"}),
    ],
)
def test_reads_and_acts(text: str, intent: Intent, args: dict) -> None:
    _reads(text, intent, args)


@pytest.mark.parametrize(
    "text",
    ["새 DaemonSet 만들어서 fluentd 띄워줘", "새 CronJob 생성해서 batch 작업 배포해줘"],
)
def test_creating_a_kind_to_run_it_is_refused(text: str) -> None:
    result = interpret(text).interpretation
    assert result.intent is Intent.UNKNOWN, (text, result.intent)
    assert result.refused


@pytest.mark.parametrize("text", ["mail-relay 상태 확인하고 로그 30줄", "cart-api 로그 보고 비용 예측"])
def test_two_reads_joined_are_offered(text: str) -> None:
    assert interpret(text).interpretation.intent is Intent.AMBIGUOUS


def test_a_purpose_after_a_read_asks_for_nothing_more() -> None:
    _reads("엔드포인트 목록 뽑아줄래? 어디로 접속하는지 정리하려고", Intent.LIST_ENDPOINTS, {})
