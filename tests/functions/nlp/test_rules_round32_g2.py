"""Round 32 (G2): a slash joins an owner and a repository only when both sides have their shape. Numbers on
both sides (a READY ratio, a date, a pair of status codes), two abbreviations in capitals, a path's version,
an issue key, a unit after its number, and two plain words beside a name written as one ("read/write" beside
"geo-api") are no repository: the app named in the sentence stays the target. Real owner/repo requests read
as before. With the slash set aside, what kubectl pastes beside it (its table's header, an age, a state word)
names no app either."""

from __future__ import annotations

import pytest

from klepaas_nlp.intents import Intent
from klepaas_nlp.rules import interpret

from .readings import reads_exactly

_NOT_A_REPOSITORY = [
    # Numbers on both sides: a READY ratio, a date, a pair of status codes, a schedule.
    ("ledger-sync 파드가 2/4밖에 안 떠서 롤백해줘", Intent.ROLLBACK, {"app_name": "ledger-sync"}),
    ("quote-feed 0/2 상태라서 로그 좀 보여줘", Intent.LOGS, {"app_name": "quote-feed"}),
    ("3/15 점검 끝난 quote-feed 재시작해줘", Intent.RESTART, {"app_name": "quote-feed"}),
    ("ledger-sync 429/500 응답이 섞여 나와서 재시작", Intent.RESTART, {"app_name": "ledger-sync"}),
    ("ledger-sync 은 365/24 돌아가야 하니까 6개로 늘려줘", Intent.SCALE, {"app_name": "ledger-sync", "replicas": 6}),
    ("scale quote-feed to 3, it's only 1/2 ready", Intent.SCALE, {"app_name": "quote-feed", "replicas": 3}),
    # Two abbreviations in capitals: alternatives, not an owner and a repository.
    ("HTTP/GRPC 둘 다 끊겨서 ledger-sync 재시작해줘", Intent.RESTART, {"app_name": "ledger-sync"}),
    ("quote-feed QA/UAT 검증 끝났으니 롤백해줘", Intent.ROLLBACK, {"app_name": "quote-feed"}),
    # A path's version, an issue key, a unit after its number.
    ("quote-feed /v2 말고 orders/v2 경로가 죽어서 롤백", Intent.ROLLBACK, {"app_name": "quote-feed"}),
    ("ledger-sync 재시작해줘 (참고: infra/OPS-1203)", Intent.RESTART, {"app_name": "ledger-sync"}),
    ("ledger-sync 200 msg/s 밀려서 5개로 늘려줘", Intent.SCALE, {"app_name": "ledger-sync", "replicas": 5}),
    # Two plain words beside a name written as one: the alternatives that describe what is wrong.
    ("quote-feed get/put 지연 생겨서 재시작해줘", Intent.RESTART, {"app_name": "quote-feed"}),
    ("encode/decode 실패하는 ledger-sync 롤백해줘", Intent.ROLLBACK, {"app_name": "ledger-sync"}),
    ("roll back quote-feed, the send/receive calls keep failing", Intent.ROLLBACK, {"app_name": "quote-feed"}),
]


@pytest.mark.parametrize(("text", "intent", "args"), _NOT_A_REPOSITORY)
def test_a_slash_that_joins_no_owner_and_repository_leaves_the_app_the_target(
    text: str, intent: Intent, args: dict[str, object]
) -> None:
    reads_exactly(text, intent, args)


_PASTED_BESIDE = [
    # kubectl's table header, an age column and a state word name no app.
    (
        "NAME READY STATUS RESTARTS AGE\nquote-feed 1/1 Running 4 12d\n이거 재시작",
        Intent.RESTART,
        {"app_name": "quote-feed"},
    ),
    ("ledger-sync   0/3   Pending   0   3d4h   <- 이거 로그 보여줘", Intent.LOGS, {"app_name": "ledger-sync"}),
    ("restart ledger-sync, just 2/5 pods ready", Intent.RESTART, {"app_name": "ledger-sync"}),
]


@pytest.mark.parametrize(("text", "intent", "args"), _PASTED_BESIDE)
def test_what_kubectl_prints_beside_the_ratio_names_no_app(text: str, intent: Intent, args: dict[str, object]) -> None:
    reads_exactly(text, intent, args)


_REPOSITORIES = [
    # Real owner/repo requests read as before: cased, dashed, plain words alone, with a count or a place.
    ("Fjord-Labs/tide-api 배포해줘", Intent.DEPLOY, {"github_owner": "Fjord-Labs", "github_repo": "tide-api"}),
    (
        "deploy kestrel/ledger to staging",
        Intent.DEPLOY,
        {"github_owner": "kestrel", "github_repo": "ledger", "environment": "staging"},
    ),
    ("kestrel/ledger 4개로 늘려줘", Intent.SCALE, {"github_owner": "kestrel", "github_repo": "ledger", "replicas": 4}),
    ("restart TideWorks/quote-feed", Intent.RESTART, {"github_owner": "TideWorks", "github_repo": "quote-feed"}),
    ("roll back kestrel/ledger", Intent.ROLLBACK, {"github_owner": "kestrel", "github_repo": "ledger"}),
    # A version branch after its family word is still a branch, not a path's version.
    (
        "kestrel/ledger release/v3 브랜치 스테이징에 배포",
        Intent.DEPLOY,
        {"github_owner": "kestrel", "github_repo": "ledger", "branch": "release/v3", "environment": "staging"},
    ),
]


@pytest.mark.parametrize(("text", "intent", "args"), _REPOSITORIES)
def test_an_owner_and_repository_still_read(text: str, intent: Intent, args: dict[str, object]) -> None:
    reads_exactly(text, intent, args)


_PLAIN = [
    # The same requests without the slashed words read as before.
    ("ledger-sync 롤백해줘", Intent.ROLLBACK, {"app_name": "ledger-sync"}),
    ("quote-feed 로그 좀 보여줘", Intent.LOGS, {"app_name": "quote-feed"}),
    ("ledger-sync 5개로 늘려줘", Intent.SCALE, {"app_name": "ledger-sync", "replicas": 5}),
    ("restart ledger-sync", Intent.RESTART, {"app_name": "ledger-sync"}),
]


@pytest.mark.parametrize(("text", "intent", "args"), _PLAIN)
def test_the_same_requests_without_the_slash(text: str, intent: Intent, args: dict[str, object]) -> None:
    reads_exactly(text, intent, args)


def test_a_repository_beside_no_other_name_is_not_given_up() -> None:
    # Two plain words alone are the repository; only a name written as one beside them takes the target.
    result = interpret("kestrel/ledger 에러 나서 재시작해줘").interpretation
    assert result.intent is Intent.RESTART
    assert dict(result.args) == {"github_owner": "kestrel", "github_repo": "ledger"}
