"""Issue 24, round 22 (part B): a request pointing back into the sentences beside it.

New phrasings (none is a line of a dev set; other apps, other words, the same structures):
- a pronoun (그거, 걔, 해당 앱, it, that one) or, in Korean, the object left unsaid takes the one app
  name the other sentences hold; two names make the target a question, never a guess;
- a slot is taken from the other sentences only where the request points at it (그 개수로, back to that,
  그걸로, that commit, 그 이미지로, there, 같은 환경); a namespace said beside is where the request acts;
  a count stated as how things are or were never fills the request;
- a slashed name right after 브랜치/branch is the branch, never a repository;
- "X crashed" only tells what happened: the earlier container's logs are asked for, never inferred.
"""

from __future__ import annotations

import pytest

from klepaas_nlp.intents import Intent

from .readings import reads_exactly


@pytest.mark.parametrize(
    ("text", "intent", "args", "missing"),
    [
        # One name beside, a pronoun or the Korean object left unsaid: it is the target.
        ("cart-api 방금부터 응답이 느림. 걔 재시작 좀", Intent.RESTART, {"app_name": "cart-api"}, None),
        ("menu-svc 새 버전이 이상해요. 롤백해 주세요.", Intent.ROLLBACK, {"app_name": "menu-svc"}, None),
        (
            "The newest build of quote-engine corrupted the prices. Revert it.",
            Intent.ROLLBACK,
            {"app_name": "quote-engine"},
            None,
        ),
        (
            "fleet-tracker is quiet on weekends. Drop it to two replicas.",
            Intent.SCALE,
            {"app_name": "fleet-tracker", "replicas": 2},
            None,
        ),
        (
            "route-planner 주말엔 한가함. 그거 2개로 scale in",
            Intent.SCALE,
            {"app_name": "route-planner", "replicas": 2},
            None,
        ),
        # A read pointed back at takes the name too; a list takes none.
        (
            "seat-map 디플로이먼트가 궁금해요. 그거 상세히 보여줘",
            Intent.GET_DEPLOYMENT,
            {"deployment_name": "seat-map"},
            None,
        ),
        # Two names and a pronoun: the act, its target a question.
        ("cart-api랑 menu-svc 둘 다 응답이 늦어. 그거 재시작해줘", Intent.RESTART, {}, ["target"]),
        ("quote-engine and seat-map both look frozen. Restart it.", Intent.RESTART, {}, ["target"]),
        ("fleet-tracker하고 route-planner 둘 다 한가해. 걔 2개로 줄여줘", Intent.SCALE, {"replicas": 2}, ["target"]),
        ("cart-api하고 menu-svc 가 같이 이상해요. 그거 롤백 목록 보여줘", Intent.LIST_ROLLBACK, {}, ["target"]),
        # Slots pointed back at.
        (
            "seat-map은 지난달까지 다섯 개로 돌렸어요. 다시 그 개수로 맞춰 주세요.",
            Intent.SCALE,
            {"app_name": "seat-map", "replicas": 5},
            None,
        ),
        (
            "quote-engine had 6 replicas last month. Scale it back to that.",
            Intent.SCALE,
            {"app_name": "quote-engine", "replicas": 6},
            None,
        ),
        (
            "menu-svc worked at commit 9b2d4e1. Roll it back to that commit.",
            Intent.ROLLBACK,
            {"app_name": "menu-svc", "target_commit_sha": "9b2d4e1"},
            None,
        ),
        (
            "cart-api 커밋 5c8e2a7 이 마지막으로 괜찮았어. 그걸로 롤백해줘",
            Intent.ROLLBACK,
            {"app_name": "cart-api", "target_commit_sha": "5c8e2a7"},
            None,
        ),
        (
            "route-planner 이미지는 ghcr.io/acme/route-planner:2.4.1 이야. 그 이미지로 스테이징에 배포해줘",
            Intent.DEPLOY,
            {"app_name": "route-planner", "image": "ghcr.io/acme/route-planner:2.4.1", "environment": "staging"},
            None,
        ),
        (
            "We checked seat-map on staging this morning. Deploy it there again.",
            Intent.DEPLOY,
            {"app_name": "seat-map", "environment": "staging"},
            None,
        ),
        (
            "정산 쪽은 billing-core 네임스페이스를 써요. 그 네임스페이스의 파드 목록 보여줘",
            Intent.LIST_PODS,
            {"namespace": "billing-core"},
            None,
        ),
        # A count said as how things are or were never fills the request.
        (
            "fleet-tracker 지금 두 대야. 여섯 대로 늘려줘",
            Intent.SCALE,
            {"app_name": "fleet-tracker", "replicas": 6},
            None,
        ),
        ("seat-map 지난달엔 3개였어. 이제 좀 늘려줘", Intent.SCALE, {"app_name": "seat-map"}, ["replicas"]),
        # A slashed branch after the word.
        (
            "menu-svc 브랜치 hotfix/2027.01 를 스테이징에 배포해줘",
            Intent.DEPLOY,
            {"app_name": "menu-svc", "branch": "hotfix/2027.01", "environment": "staging"},
            None,
        ),
        # A crash told, not asked for: the current logs.
        (
            "The quote-engine pod crashed at noon. Show me its logs, last 30 lines.",
            Intent.LOGS,
            {"pod_name": "quote-engine", "lines": 30},
            None,
        ),
    ],
)
def test_a_request_points_back(text: str, intent: Intent, args: dict[str, object], missing: list[str] | None) -> None:
    reads_exactly(text, intent, args, missing)


@pytest.mark.parametrize(
    "text",
    [
        # The existing guard: two candidates, one of them said to be fine, and "it": nothing is guessed.
        "seat-map is fine but cart-api is down. Restart it.",
    ],
)
def test_two_candidates_guess_nothing(text: str) -> None:
    from klepaas_nlp.rules import interpret

    assert interpret(text).interpretation.intent is not Intent.RESTART or not interpret(text).interpretation.args


@pytest.mark.parametrize(
    "text",
    [
        # A bare act beside the request is one more request, never context: two acts.
        "menu-svc 재시작. 로그도 보여줘",
        "restart seat-map. show its logs too",
    ],
)
def test_a_bare_act_beside_is_a_second_request(text: str) -> None:
    reads_exactly(text, Intent.AMBIGUOUS, {})


def test_its_with_two_names_asks() -> None:
    reads_exactly(
        "cart-api looks healthy; quote-engine keeps failing. Could you show me its logs?", Intent.LOGS, {}, ["pod_name"]
    )


@pytest.mark.parametrize(
    ("text", "intent", "args"),
    [
        # A name holding an operation's word asks for nothing; a past statement's place fills nothing.
        ("deploy-watcher went out to staging yesterday. Restart it.", Intent.RESTART, {"app_name": "deploy-watcher"}),
        # A load word beside the request (traffic, latency) is no name.
        (
            "queue-api 어제 3개였는데 오늘 latency 높으니까 7개로 scale 해줘",
            Intent.SCALE,
            {"app_name": "queue-api", "replicas": 7},
        ),
    ],
)
def test_what_the_statement_holds_is_no_target(text: str, intent: Intent, args: dict[str, object]) -> None:
    reads_exactly(text, intent, args)


def test_a_repository_is_lent_whole() -> None:
    reads_exactly(
        "Acme-Labs/menu-svc 레포에 수정이 머지됐어. 그거 운영에 배포해줘",
        Intent.DEPLOY,
        {"github_owner": "Acme-Labs", "github_repo": "menu-svc", "environment": "production"},
    )
