"""Round 30 (names and arguments): cost words as names, wrapped names, labelled owners, commit URLs,
spelled commits and file names, in new wording."""

from __future__ import annotations

import pytest

from klepaas_nlp.intents import Intent

from .readings import reads_exactly


@pytest.mark.parametrize(
    ("text", "intent", "args"),
    [
        # A cost word where a name stands, before logs or an address.
        ("pricing 접속 url 알려줘", Intent.ENDPOINT, {"app_name": "pricing"}),
        ("usage 접속 주소 좀", Intent.ENDPOINT, {"app_name": "usage"}),
        ("cost 로그 50줄", Intent.LOGS, {"app_name": "cost", "lines": 50}),
        ("show cost logs", Intent.LOGS, {"app_name": "cost"}),
        # Being up, asked in its short frames.
        ("pricing 아직 떠 있나요?", Intent.STATUS, {"app_name": "pricing"}),
        ("ledger 살아 있어?", Intent.STATUS, {"app_name": "ledger"}),
        ("inventory 올라와 있어?", Intent.STATUS, {"app_name": "inventory"}),
        ("usage still up?", Intent.STATUS, {"app_name": "usage"}),
        ("checkout running?", Intent.STATUS, {"app_name": "checkout"}),
        ("is pricing running in production?", Intent.STATUS, {"app_name": "pricing", "environment": "production"}),
        # Wrapped alone in quotes or backticks, a cost word is the user's name for an app.
        ("`pricing` 롤백해줘", Intent.ROLLBACK, {"app_name": "pricing"}),
        ("'usage' 로그 좀 보여줘", Intent.LOGS, {"app_name": "usage"}),
        ("restart `billing` please", Intent.RESTART, {"app_name": "billing"}),
        # The story's app is the one asked about; the app a read set aside is not.
        ("pricing 롤백했는데 상태 어때?", Intent.STATUS, {"app_name": "pricing"}),
        ("cart 로그 말고 shop-api 로그 보여줘", Intent.LOGS, {"app_name": "shop-api"}),
        ("usage 상태 확인 말고 ledger 상태 확인", Intent.STATUS, {"app_name": "ledger"}),
        # A correction keeps the object of the clause it corrects.
        (
            "pricing을 staging에 배포하지 말고 production에 배포해줘",
            Intent.DEPLOY,
            {"app_name": "pricing", "environment": "production"},
        ),
        ("usage 재배포 (prod 말고 dev)", Intent.DEPLOY, {"app_name": "usage", "environment": "development"}),
        ("restart cart (not staging, production)", Intent.RESTART, {"app_name": "cart", "environment": "production"}),
    ],
)
def test_a_cost_word_standing_where_a_name_stands_is_the_name(
    text: str, intent: Intent, args: dict[str, object]
) -> None:
    reads_exactly(text, intent, args)


@pytest.mark.parametrize(
    ("text", "intent", "args"),
    [
        ("billing 비용 보여줘", Intent.COST_ANALYSIS, {}),
        ("cost up?", Intent.COST_ANALYSIS, {}),
    ],
)
def test_a_cost_question_stays_one(text: str, intent: Intent, args: dict[str, object]) -> None:
    reads_exactly(text, intent, args)


@pytest.mark.parametrize(
    ("text", "intent", "args"),
    [
        ("shop [org: Acme] 배포해줘", Intent.DEPLOY, {"github_owner": "Acme", "github_repo": "shop"}),
        ("restart ledger (owner: FinCo)", Intent.RESTART, {"github_owner": "FinCo", "github_repo": "ledger"}),
        (
            "owner: acme, repo: storefront 롤백해줘",
            Intent.ROLLBACK,
            {"github_owner": "acme", "github_repo": "storefront"},
        ),
        (
            "deploy git@github.com:acme/storefront.git",
            Intent.DEPLOY,
            {"github_owner": "acme", "github_repo": "storefront"},
        ),
        (
            "https://github.com/acme/storefront.git 배포해줘",
            Intent.DEPLOY,
            {"github_owner": "acme", "github_repo": "storefront"},
        ),
        (
            "roll back to github.com/acme/storefront/commit/9f8e7d6",
            Intent.ROLLBACK,
            {"github_owner": "acme", "github_repo": "storefront", "target_commit_sha": "9f8e7d6"},
        ),
    ],
)
def test_a_repository_said_otherwise_names_owner_repo_and_commit(
    text: str, intent: Intent, args: dict[str, object]
) -> None:
    reads_exactly(text, intent, args)


@pytest.mark.parametrize(
    ("text", "intent", "args", "missing"),
    [
        (
            "acme/storefront 비 칠 에프 공 디 삼 이로 되돌려줘",
            Intent.ROLLBACK,
            {"github_owner": "acme", "github_repo": "storefront"},
            ["target_commit_sha"],
        ),
        (
            "roll acme/storefront back to c four a two e nine",
            Intent.ROLLBACK,
            {"github_owner": "acme", "github_repo": "storefront"},
            ["target_commit_sha"],
        ),
        ("app.py 재시작", Intent.RESTART, {}, ["target"]),
        ("deploy values.yaml", Intent.DEPLOY, {}, ["target"]),
    ],
)
def test_what_is_heard_or_a_file_asks_for_the_argument(
    text: str, intent: Intent, args: dict[str, object], missing: list[str]
) -> None:
    reads_exactly(text, intent, args, missing)
