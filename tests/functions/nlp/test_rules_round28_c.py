"""Round 28 (c): branches and sources, owners, environments, names in capitals and vague counts, in new wording."""

from __future__ import annotations

import pytest

from klepaas_nlp.intents import Intent
from klepaas_nlp.rules import interpret
from tests.functions.nlp.readings import reads_exactly


@pytest.mark.parametrize(
    ("command", "args"),
    [
        ("ship invoice-web from master", {"app_name": "invoice-web", "branch": "master"}),
        ("please deploy ledger-sync from the trunk to staging", {"app_name": "ledger-sync", "branch": "trunk"}),
        ("ledger-sync를 master에서 배포해 주세요", {"app_name": "ledger-sync", "branch": "master"}),
        ("invoice-web develop에서 스테이징에 올려줘", {"app_name": "invoice-web", "branch": "develop"}),
    ],
)
def test_a_branch_every_repository_has_is_where_a_deploy_comes_from(command: str, args: dict[str, object]) -> None:
    it = interpret(command).interpretation
    assert it.intent is Intent.DEPLOY, (command, it.intent)
    assert {key: it.args.get(key) for key in args} == args, (command, it.args)


@pytest.mark.parametrize(
    ("command", "args"),
    [
        (
            "Morning! The fix is merged into hotfix/tax-rounding now. Could you ship Acme/invoice-web from that "
            "branch to production?",
            {"github_owner": "Acme", "github_repo": "invoice-web", "branch": "hotfix/tax-rounding"},
        ),
        (
            "feature/dark-mode 브랜치에 머지했습니다. 그 브랜치로 theme-api 배포 부탁드려요",
            {"app_name": "theme-api", "branch": "feature/dark-mode"},
        ),
    ],
)
def test_a_branch_pointed_back_at_is_the_one_named_before(command: str, args: dict[str, object]) -> None:
    it = interpret(command).interpretation
    assert it.intent is Intent.DEPLOY, (command, it.intent)
    assert {key: it.args.get(key) for key in args} == args, (command, it.args)


def test_the_korean_branch_word_with_its_goal_particle_is_not_followed_by_its_name() -> None:
    reads_exactly(
        "release/3.0 브랜치로 quote-api 배포해줘", Intent.DEPLOY, {"app_name": "quote-api", "branch": "release/3.0"}
    )


@pytest.mark.parametrize(
    "command",
    [
        "deploy quote-api from gitlab",
        "deploy quote-api straight from bitbucket",
        "redeploy quote-api from the registry",
        "deploy quote-api from docker hub",
        "deploy quote-api again from scratch",
        "quote-api를 github에서 배포해줘",
        "deploy quote-api for the billing squad",
        "deploy quote-api of the growth team",
    ],
)
def test_a_source_or_a_team_is_no_second_target(command: str) -> None:
    reads_exactly(command, Intent.DEPLOY, {"app_name": "quote-api"})


def test_promote_deploys_to_the_environment_it_goes_to() -> None:
    reads_exactly(
        "could you promote tariff-svc from staging to production?",
        Intent.DEPLOY,
        {"app_name": "tariff-svc", "environment": "production"},
    )


def test_an_environment_said_only_as_a_source_is_not_the_place() -> None:
    reads_exactly("promote tariff-svc from stage", Intent.DEPLOY, {"app_name": "tariff-svc"})


def test_promotion_told_as_done_asks_for_no_deploy() -> None:
    assert interpret("we promoted tariff-svc yesterday").interpretation.intent is not Intent.DEPLOY


@pytest.mark.parametrize(
    ("command", "intent", "args"),
    [
        ("MQ 재시작해줘", Intent.RESTART, {"app_name": "mq"}),
        ("RESTART MQ", Intent.RESTART, {"app_name": "mq"}),
        ("ES 3개로 늘려줘", Intent.SCALE, {"app_name": "es", "replicas": 3}),
    ],
)
def test_two_capitals_opening_a_loud_change_name_the_app(command: str, intent: Intent, args: dict[str, object]) -> None:
    reads_exactly(command, intent, args)


@pytest.mark.parametrize("command", ["PR 배포해줘", "QA 재시작해줘"])
def test_two_capitals_naming_a_process_are_no_app(command: str) -> None:
    it = interpret(command).interpretation
    assert it.args == {} and it.missing, (command, it.args)


@pytest.mark.parametrize(
    ("command", "intent", "args", "missing"),
    [
        ("Could you scale the scoreboard?", Intent.SCALE, {"app_name": "scoreboard"}, ["replicas"]),
        ("roll back the ledger please", Intent.ROLLBACK, {"app_name": "ledger"}, None),
        ("restart the database please", Intent.RESTART, {}, ["target"]),
        ("scale the workers", Intent.SCALE, {}, ["target", "replicas"]),
    ],
)
def test_the_object_after_the_article_is_a_name_unless_it_is_a_tier(
    command: str, intent: Intent, args: dict[str, object], missing: list[str] | None
) -> None:
    it = interpret(command).interpretation
    assert it.intent is intent, (command, it.intent)
    if "app_name" in args:
        assert it.args.get("app_name") == args["app_name"], (command, it.args)
    else:
        assert "app_name" not in it.args, (command, it.args)
    if missing is not None:
        assert sorted(it.missing) == sorted(missing), (command, it.missing)


@pytest.mark.parametrize(
    ("command", "replicas"),
    [("scale tariff-svc to roughly 4ish", 4), ("bump tariff-svc to 6-ish replicas", 6)],
)
def test_a_hedged_count_is_the_count(command: str, replicas: int) -> None:
    reads_exactly(command, Intent.SCALE, {"app_name": "tariff-svc", "replicas": replicas})


@pytest.mark.parametrize(
    "command", ["scale tariff-svc to hundreds", "scale tariff-svc up to a few dozen", "tariff-svc 수십 개로 늘려줘"]
)
def test_a_vague_multitude_leaves_the_count_a_question(command: str) -> None:
    reads_exactly(command, Intent.SCALE, {"app_name": "tariff-svc"}, missing=["replicas"])


def test_a_couple_dozen_is_over_the_policy_maximum() -> None:
    it = interpret("scale tariff-svc to a couple of dozen").interpretation
    assert it.refused is not None and it.args.get("replicas") == 24, it
