"""Issue 24, round 10: where a target runs, and which words around a request are acts.

New phrasings of the structural rules (none is a line of a dev set):
- a name written as a place (X에 있는, X에서, X 안의, in X) is never the target of a mutation when
  another name is there to be: it is the namespace;
- one act over two places or two reads that differ in an argument is two acts (dev_aa);
- a background clause or a remark around one request adds no act.
"""

from __future__ import annotations

import pytest

from klepaas_nlp.intents import Intent
from klepaas_nlp.rules import interpret


@pytest.mark.parametrize(
    ("text", "intent", "args"),
    [
        (
            "billing-ops에 있는 invoice-svc 재시작해줘",
            Intent.RESTART,
            {"app_name": "invoice-svc", "namespace": "billing-ops"},
        ),
        (
            "media-prod에서 thumb-gen 4개로 늘려",
            Intent.SCALE,
            {"app_name": "thumb-gen", "replicas": 4, "namespace": "media-prod"},
        ),
        ("restart invoice-svc in billing-ops", Intent.RESTART, {"app_name": "invoice-svc", "namespace": "billing-ops"}),
        (
            "billing-ops 안의 invoice-svc 롤백해줘",
            Intent.ROLLBACK,
            {"app_name": "invoice-svc", "namespace": "billing-ops"},
        ),
        # One name only: it is the target, however it is written.
        ("invoice-svc 재시작해줘", Intent.RESTART, {"app_name": "invoice-svc"}),
    ],
)
def test_a_name_written_as_a_place_is_never_what_a_mutation_changes(text: str, intent: Intent, args: dict) -> None:
    got = interpret(text).interpretation
    assert (got.intent, got.args) == (intent, args)


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        # Up again so that a change goes live (the reason or purpose after it) is a redeploy.
        ("billing-api 다시 띄워줘 방금 머지한 거 배포되게 하려고", Intent.DEPLOY),
        ("billing-api 다시 올려줘, 패치 반영하려고", Intent.DEPLOY),
        ("billing-api 좀 다시 올려 줄 수 있어? 수정한 코드 반영돼야 해서", Intent.DEPLOY),
        # Any other reason leaves "up again" a restart; an explicit restart stays one.
        ("billing-api 다시 올려줘 응답이 없어서", Intent.RESTART),
        ("billing-api 다시 띄워줘", Intent.RESTART),
    ],
)
def test_up_again_for_a_change_to_go_live_is_a_redeploy(text: str, intent: Intent) -> None:
    got = interpret(text).interpretation
    assert (got.intent, got.args) == (intent, {"app_name": "billing-api"})


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        # The operation before the scene it set ("after the deploy, errors came, so…") is past.
        ("pay-api 배포 후에 에러가 나는데 롤백해줘", Intent.ROLLBACK),
        ("pay-api 스케일 후에 응답이 느려졌는데 상태 좀 봐줘", Intent.STATUS),
        # Without a scene, "after X, Y" asks for both.
        ("pay-api 재시작 후에 로그 보여줘", Intent.AMBIGUOUS),
    ],
)
def test_an_operation_before_a_background_clause_is_when_it_happened(text: str, intent: Intent) -> None:
    assert interpret(text).interpretation.intent is intent


@pytest.mark.parametrize(
    ("text", "intent", "args"),
    [
        # A request ending, then a statement of what happened: the statement says why.
        ("ledger-sync rollback 부탁해요 어제 배포 꼬였어", Intent.ROLLBACK, {"app_name": "ledger-sync"}),
        ("ledger-sync 재시작 부탁드려요 timeout 계속 났어요", Intent.RESTART, {"app_name": "ledger-sync"}),
    ],
)
def test_a_remark_after_a_request_ending_adds_no_act(text: str, intent: Intent, args: dict) -> None:
    got = interpret(text).interpretation
    assert (got.intent, got.args) == (intent, args)


@pytest.mark.parametrize(
    ("text", "intent", "args"),
    [
        # A name and how many of it, then "go": that many; a remark may follow.
        ("render-farm 6대 ㄱㄱ 큐 밀림", Intent.SCALE, {"app_name": "render-farm", "replicas": 6}),
        ("render-farm 2개 고고", Intent.SCALE, {"app_name": "render-farm", "replicas": 2}),
        # Anything else counted is not instances.
        ("render-farm 로그 100개 ㄱㄱ", Intent.LOGS, {"app_name": "render-farm", "lines": 100}),
    ],
)
def test_a_count_then_go_asks_for_that_many(text: str, intent: Intent, args: dict) -> None:
    got = interpret(text).interpretation
    assert (got.intent, got.args) == (intent, args)


@pytest.mark.parametrize(
    ("text", "intent", "args"),
    [
        # Raising or lowering to a count is scaling, in any form of the verb.
        ("quote-engine 6개로 올려줘", Intent.SCALE, {"app_name": "quote-engine", "replicas": 6}),
        ("quote-engine 2대로 내려 주세요", Intent.SCALE, {"app_name": "quote-engine", "replicas": 2}),
        # Putting it up with a count in a place is a deploy.
        (
            "quote-engine을 운영에 4개로 올려줘",
            Intent.DEPLOY,
            {"app_name": "quote-engine", "environment": "production", "replicas": 4},
        ),
    ],
)
def test_raising_to_a_count_is_scaling_and_putting_up_in_a_place_deploys(text: str, intent: Intent, args: dict) -> None:
    got = interpret(text).interpretation
    assert (got.intent, got.args) == (intent, args)


def test_a_count_raised_with_a_read_after_it_is_two_acts() -> None:
    got = interpret("quote-engine 트래픽 많아서 그런데 6개로 올리고 로그도 좀").interpretation
    assert got.intent is Intent.AMBIGUOUS and len(got.suggestions) == 2


@pytest.mark.parametrize(
    "text",
    [
        # After a comma, a thing to read "also, together": a second read, even of the same kind.
        "relay-hub 로그 30줄, 이전 컨테이너 로그도 함께",
        "relay-hub 로그 50줄, 상태도 같이",
        # A clause that leaves out its verb may leave out the noun it shares with the one before.
        "비용 최적화 분석하고 예측도 같이",
    ],
)
def test_two_reads_asked_for_together_are_two_acts(text: str) -> None:
    got = interpret(text).interpretation
    assert got.intent is Intent.AMBIGUOUS and len(got.suggestions) == 2
