"""Round 27 (d): branches after from/of, commands in capitals, Japanese/Chinese places, hedged and dozen
counts, rollback points that are no commit, steps past the policy's bound, words that single one out."""

from __future__ import annotations

import pytest

from klepaas_nlp.intents import Intent
from klepaas_nlp.rules import interpret
from tests.functions.nlp.readings import reads_exactly, reads_within


@pytest.mark.parametrize(
    ("text", "args"),
    [
        (
            "ship billing-api from bugfix/timeout to prod",
            {"app_name": "billing-api", "branch": "bugfix/timeout", "environment": "production"},
        ),
        ("deploy inventory from chore/deps-bump", {"app_name": "inventory", "branch": "chore/deps-bump"}),
        ("deploy rc/2.4 of ledger", {"app_name": "ledger", "branch": "rc/2.4"}),
        (
            "deploy Northwind/store from topic/search",
            {"github_owner": "Northwind", "github_repo": "store", "branch": "topic/search"},
        ),
        ("orders를 feature/cart-v2 에서 배포해줘", {"app_name": "orders", "branch": "feature/cart-v2"}),
    ],
)
def test_a_slashed_name_a_change_comes_from_is_its_branch(text: str, args: dict[str, object]) -> None:
    reads_exactly(text, Intent.DEPLOY, args)


def test_a_repository_stays_one_and_a_kind_prefix_stays_a_pod() -> None:
    reads_exactly(
        "deploy Northwind/store from main", Intent.DEPLOY, {"github_owner": "Northwind", "github_repo": "store"}
    )
    reads_within("show logs from pod/ledger-7d9f-x2", Intent.LOGS, {"pod_name": "ledger-7d9f-x2"})


@pytest.mark.parametrize(
    ("text", "intent", "args"),
    [
        ("RESTART LEDGER", Intent.RESTART, {"app_name": "ledger"}),
        ("SCALE LEDGER TO 4", Intent.SCALE, {"app_name": "ledger", "replicas": 4}),
        ("DEPLOY LEDGER TO STAGING", Intent.DEPLOY, {"app_name": "ledger", "environment": "staging"}),
        ("restart LEDGER", Intent.RESTART, {"app_name": "ledger"}),
        ("LEDGER 재시작 부탁해", Intent.RESTART, {"app_name": "ledger"}),
        ("ROLL BACK LEDGER", Intent.ROLLBACK, {"app_name": "ledger"}),
        ("PLZ RESTART LEDGER ASAP", Intent.RESTART, {"app_name": "ledger"}),
        ("show the logs for LEDGER", Intent.LOGS, {"app_name": "ledger"}),
        ("LEDGER LOGS", Intent.LOGS, {"app_name": "ledger"}),
    ],
)
def test_a_command_in_capitals_names_its_app_lower_cased(text: str, intent: Intent, args: dict[str, object]) -> None:
    reads_exactly(text, intent, args)


def test_capitals_amid_lower_case_away_from_the_object_still_name_nothing() -> None:
    reads_exactly("ledger-api 한번 껐다 켜봐 MES 응답 없음", Intent.RESTART, {"app_name": "ledger-api"})
    result = interpret("운영에 배포 부탁해, QA 기다리고 있어").interpretation
    assert result.intent is Intent.DEPLOY
    assert "app_name" not in result.args


@pytest.mark.parametrize(
    ("text", "environment"),
    [
        ("deploy ledger to 本番", "production"),
        ("deploy ledger to ステージング", "staging"),
        ("ship ledger to 開発", "development"),
        ("deploy ledger to 生产", "production"),
        ("deploy ledger to 开发", "development"),
    ],
)
def test_japanese_and_chinese_place_words(text: str, environment: str) -> None:
    reads_exactly(text, Intent.DEPLOY, {"app_name": "ledger", "environment": environment})


@pytest.mark.parametrize(
    ("text", "replicas"),
    [
        ("ledger 반 다스로 늘려줘", 6),
        ("ledger 한다스로 맞춰줘", 12),
        ("scale ledger to around 3", 3),
        ("bump ledger up to roughly 6", 6),
        ("ledger 4개 정도로 줄여줘", 4),
        ("ledger 2개쯤으로 줄여줘", 2),
    ],
)
def test_a_dozen_and_a_hedged_count(text: str, replicas: int) -> None:
    reads_within(text, Intent.SCALE, {"app_name": "ledger", "replicas": replicas})


@pytest.mark.parametrize(
    "text",
    [
        "ledger를 3번째 버전으로 롤백해줘",
        "roll back ledger to 9",
        "revert ledger to the third release",
        "rollback ledger to 4.",
    ],
)
def test_a_point_that_is_no_commit_asks_for_the_commit(text: str) -> None:
    reads_exactly(text, Intent.ROLLBACK, {"app_name": "ledger"}, ["target_commit_sha"])


def test_a_step_count_back_is_still_steps() -> None:
    reads_exactly("ledger 2번째 전 버전으로 롤백", Intent.ROLLBACK, {"app_name": "ledger", "steps_back": 2})
    reads_exactly(
        "roll back ledger to 1234567", Intent.ROLLBACK, {"app_name": "ledger", "target_commit_sha": "1234567"}
    )


@pytest.mark.parametrize(("text", "steps"), [("roll back ledger 14 steps", 14), ("ledger 11단계 롤백해줘", 11)])
def test_steps_past_the_maximum_are_read_and_refused(text: str, steps: int) -> None:
    reads_exactly(text, Intent.ROLLBACK, {"app_name": "ledger", "steps_back": steps})
    assert interpret(text).interpretation.refused


@pytest.mark.parametrize(
    ("text", "intent", "missing"),
    [
        ("describe a certain deployment", Intent.GET_DEPLOYMENT, ["deployment_name"]),
        ("give me details of one specific service", Intent.GET_SERVICE, ["service_name"]),
        ("I'd like the details of one particular deployment, please.", Intent.GET_DEPLOYMENT, ["deployment_name"]),
    ],
)
def test_words_that_single_one_out_are_no_names(text: str, intent: Intent, missing: list[str]) -> None:
    reads_exactly(text, intent, {}, missing)


def test_a_wish_holding_a_read_before_a_courtesy_is_the_request() -> None:
    reads_exactly("I'd like the details of the ledger service, thanks.", Intent.GET_SERVICE, {"service_name": "ledger"})


@pytest.mark.parametrize(
    "text", ["roll back ledger to 4c2f9a1, actually 7d3e0b2", "ledger 4c2f9a1로 롤백, 아니 7d3e0b2로"]
)
def test_a_commit_corrected_away_is_never_the_target(text: str) -> None:
    # It was read as the app: a rollback of "4c2f9a1" to 7d3e0b2. The corrected commit now takes the place
    # of the one said first (round 28), and the app named stays the target.
    reads_exactly(text, Intent.ROLLBACK, {"app_name": "ledger", "target_commit_sha": "7d3e0b2"})


def test_try_opens_a_request_and_is_no_name() -> None:
    reads_exactly("try restarting ledger", Intent.RESTART, {"app_name": "ledger"})
