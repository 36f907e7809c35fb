"""Issue 24, round 24 (part A): the request's own place, and points to go back to that are no commit.

New phrasings (none is a line of a dev set):
- the environment is the one the request goes to, not one compared with (운영이랑 똑같은 설정으로, "like
  prod", "the staging settings"), a precondition (운영 배포 전에), where the thing is now ("from staging"),
  one ruled out (운영 말고, "not prod", 스테이징 아님), one already done (스테이징엔 벌써 올라가 있으니), or one
  corrected (아니 운영으로, "actually make that prod");
- a commit named as a landmark (the one before it, the one that broke things, ruled out) and a point that
  is no commit (a time ago, yesterday's version, v4.1, version 7, 2.0.1, a PR) ask for target_commit_sha;
- a version or runtime number (버전 5, node 20, java 21, python 3.11) is no count and names no app.
"""

from __future__ import annotations

import pytest

from klepaas_nlp.intents import Intent

from .readings import reads_exactly


@pytest.mark.parametrize(
    ("text", "app", "environment"),
    [
        ("orders를 운영이랑 똑같은 설정으로 개발에 배포해줘", "orders", "development"),
        ("ledger 운영과 동일한 이미지로 스테이징에 배포", "ledger", "staging"),
        ("checkout 운영 배포 전에 dev에 먼저 배포해줘", "checkout", "development"),
        ("billing 운영 말고 스테이징에 올려줘", "billing", "staging"),
        ("ledger 운영에 배포해줘 (스테이징 아님)", "ledger", "production"),
        ("ledger 스테이징엔 벌써 올라가 있으니 운영에만 배포", "ledger", "production"),
        ("billing 스테이징에서 확인 끝났으니 운영에 배포", "billing", "production"),
        ("스테이징에 떠 있는 billing을 운영에 배포해줘", "billing", "production"),
        ("search 개발에 배포해, 아니 운영으로", "search", "production"),
        ("ship billing to staging, not prod", "billing", "staging"),
        ("deploy billing from staging to production", "billing", "production"),
        ("deploy search to staging. actually make that prod", "search", "production"),
        ("ship search to prod, sorry I mean staging", "search", "staging"),
        ("copy the prod settings and ship search to dev", "search", "development"),
        ("with the staging config, deploy search to prod", "search", "production"),
        ("deploy search to staging like prod", "search", "staging"),
    ],
)
def test_the_environment_is_the_requests_own_place(text: str, app: str, environment: str) -> None:
    reads_exactly(text, Intent.DEPLOY, {"app_name": app, "environment": environment})


@pytest.mark.parametrize(
    "text",
    [
        # A commit named as a landmark, not as where to go.
        "roll back ledger to the commit prior to 4c5d6e7",
        "rollback ledger to the one before 4c5d6e7",
        "ledger 4c5d6e7 바로 앞 커밋으로 되돌려",
        "4c5d6e7 커밋이 다 망가뜨렸어 ledger 롤백",
        "ledger 롤백, 4c5d6e7 때문에 터졌어",
        "revert ledger, 4c5d6e7^ please",
        # A point that is no commit: a time, a version, a release, a PR.
        "ledger 2시간 전 상태로 롤백",
        "ledger 어제 버전으로 롤백해줘",
        "ledger 지난주 상태로 되돌려",
        "roll ledger back to how it was 3 hours ago",
        "rollback ledger to yesterday's build",
        "ledger v4.1로 되돌려",
        "rollback ledger to version 7",
        "ledger 2.0.1 버전으로 롤백",
        "ledger 1.4로 롤백",
        "roll back ledger before PR 17",
    ],
)
def test_a_point_that_is_no_commit_asks_for_it(text: str) -> None:
    reads_exactly(text, Intent.ROLLBACK, {"app_name": "ledger"}, ["target_commit_sha"])


@pytest.mark.parametrize(
    ("text", "args"),
    [
        ("ledger 4c5d6e7로 롤백", {"app_name": "ledger", "target_commit_sha": "4c5d6e7"}),
        ("ledger 4c5d6e7 커밋이 안정적이었어 그걸로 롤백", {"app_name": "ledger", "target_commit_sha": "4c5d6e7"}),
        ("ledger 2단계 롤백", {"app_name": "ledger", "steps_back": 2}),
        ("ledger 2버전 전으로 롤백", {"app_name": "ledger", "steps_back": 2}),
        ("rollback ledger 2 versions back", {"app_name": "ledger", "steps_back": 2}),
        ("아까 거로 ledger 되돌려줘", {"app_name": "ledger"}),
        # Steps counted beside a time or a version say where to go.
        ("ledger 3시간 전에 배포한 거 1단계 롤백", {"app_name": "ledger", "steps_back": 1}),
    ],
)
def test_commits_and_steps_still_read(text: str, args: dict[str, object]) -> None:
    reads_exactly(text, Intent.ROLLBACK, args, [])


@pytest.mark.parametrize(
    ("text", "args"),
    [
        ("orders 버전 5로 배포해줘", {"app_name": "orders"}),
        ("deploy orders on node 20", {"app_name": "orders"}),
        ("orders java 21로 배포", {"app_name": "orders"}),
        ("ledger python 3.11 버전으로 배포해줘", {"app_name": "ledger"}),
        ("node 22로 ledger 배포해", {"app_name": "ledger"}),
        ("Acme/shop-api java 17로 배포", {"github_owner": "Acme", "github_repo": "shop-api"}),
        # A counter makes the number a count again.
        ("orders 3개로 staging에 배포", {"app_name": "orders", "environment": "staging", "replicas": 3}),
    ],
)
def test_a_version_number_is_no_count(text: str, args: dict[str, object]) -> None:
    reads_exactly(text, Intent.DEPLOY, args)
