"""Issue 24, round 23 (part B): reads and their slots.

New phrasings (none is a line of a dev set):
- the rollback list asked as what is possible ("롤백 가능한 게 뭐가 있지") or which version one can go
  back to ("which release can we revert X to?"); "targets", "candidate" are never names;
- a kubectl read line with "kubectl" left off ("get deploy X -n ns"), a deployment's image (its spec);
- "show me the pods" beside a statement naming an app lists the pods;
- revisions count steps back; a read verb typed without a vowel ("lst", "chck");
- a past adnominal before a name describes it; an operation dated in the past before 뒤/후 dates the read;
- a statement that gives the request a slot (a commit) or the kind a list is of;
- an obligation toward a third party is context;
- code to write and an app's own records looked up are unknown.
"""

from __future__ import annotations

import pytest

from klepaas_nlp.intents import Intent

from .readings import reads_exactly


@pytest.mark.parametrize(
    ("text", "intent", "args"),
    [
        ("pay-gw 롤백 가능한 게 뭐가 있지", Intent.LIST_ROLLBACK, {"app_name": "pay-gw"}),
        ("ledger-svc 롤백할 수 있는 거 뭐 있어?", Intent.LIST_ROLLBACK, {"app_name": "ledger-svc"}),
        ("Which rollback candidates exist for ledger-svc?", Intent.LIST_ROLLBACK, {"app_name": "ledger-svc"}),
        ("which release can we revert ledger-svc to?", Intent.LIST_ROLLBACK, {"app_name": "ledger-svc"}),
        ("what commit can I roll quota-api back to?", Intent.LIST_ROLLBACK, {"app_name": "quota-api"}),
    ],
)
def test_the_rollback_list_asked_as_what_one_can_go_back_to(text: str, intent: Intent, args: dict[str, object]) -> None:
    reads_exactly(text, intent, args)


@pytest.mark.parametrize(
    ("text", "intent", "args"),
    [
        (
            "get deploy quota-api -n billing",
            Intent.GET_DEPLOYMENT,
            {"deployment_name": "quota-api", "namespace": "billing"},
        ),
        ("describe svc ledger-svc", Intent.GET_SERVICE, {"service_name": "ledger-svc"}),
        ("get po -n billing", Intent.LIST_PODS, {"namespace": "billing"}),
        ("which image tag does the quota-api deployment use?", Intent.GET_DEPLOYMENT, {"deployment_name": "quota-api"}),
        ("ledger-svc 디플로이먼트 이미지 뭐 쓰고 있어?", Intent.GET_DEPLOYMENT, {"deployment_name": "ledger-svc"}),
    ],
)
def test_kubectl_lines_without_kubectl_and_a_deployments_image(
    text: str, intent: Intent, args: dict[str, object]
) -> None:
    reads_exactly(text, intent, args)


@pytest.mark.parametrize(
    ("text", "intent", "args"),
    [
        ("We restarted quota-api an hour ago. Show me the pods.", Intent.LIST_PODS, {}),
        ("lst pods in billing", Intent.LIST_PODS, {"namespace": "billing"}),
        ("chck logs for ledger-svc", Intent.LOGS, {"app_name": "ledger-svc"}),
        ("roll back quota-api by 2 revisions", Intent.ROLLBACK, {"app_name": "quota-api", "steps_back": 2}),
        ("quota-api 3 리비전 전으로 롤백해줘", Intent.ROLLBACK, {"app_name": "quota-api", "steps_back": 3}),
    ],
)
def test_english_reads_steps_and_typos(text: str, intent: Intent, args: dict[str, object]) -> None:
    reads_exactly(text, intent, args)


def test_a_named_app_still_lends_itself_to_a_pronoun() -> None:
    reads_exactly("ledger-svc is broken, roll it back", Intent.ROLLBACK, {"app_name": "ledger-svc"})


@pytest.mark.parametrize(
    ("text", "intent", "args"),
    [
        ("지난주에 올린 vote-web 이 느려요, 재시작 부탁해요", Intent.RESTART, {"app_name": "vote-web"}),
        ("아까 재시작한 다음에 vote-web 에서 어떤 에러가 났는지 로그 보여줘", Intent.LOGS, {"app_name": "vote-web"}),
        ("2시간 전에 배포한 후에 cart-api 에서 에러 나는지 로그 확인해줘", Intent.LOGS, {"app_name": "cart-api"}),
    ],
)
def test_past_time_clauses_describe_and_date(text: str, intent: Intent, args: dict[str, object]) -> None:
    reads_exactly(text, intent, args)


def test_an_undated_operation_before_a_read_is_still_asked_for() -> None:
    reads_exactly("롤백한 뒤에 vote-web 로그 좀 봐 주세요", Intent.AMBIGUOUS, {})


@pytest.mark.parametrize(
    ("text", "intent", "args", "missing"),
    [
        ("되돌려 주세요. 커밋은 0a1b2c3 이에요.", Intent.ROLLBACK, {"target_commit_sha": "0a1b2c3"}, ["target"]),
        ("서비스가 뭐가 있는지 기억이 안 나. 목록 보여줘", Intent.LIST_SERVICES, {}, None),
        ("디플로이먼트가 몇 개인지 궁금해요, 목록 좀 보여 주세요", Intent.LIST_DEPLOYMENTS, {}, None),
        (
            "vote-web 서비스 주소를 고객사에 보내야 돼요. 그 서비스 엔드포인트 알려 주세요",
            Intent.ENDPOINT,
            {"service_name": "vote-web"},
            None,
        ),
    ],
)
def test_statements_that_hold_what_the_request_needs(
    text: str, intent: Intent, args: dict[str, object], missing: list[str] | None
) -> None:
    reads_exactly(text, intent, args, missing)


@pytest.mark.parametrize(
    "text",
    [
        "자바로 주차 요금 계산하는 함수 짜줘",
        "write me a python script that sums the invoices",
        "shop-api 앱에서 어제 주문 내역 조회해줘",
        "member-svc 시스템에서 회원 등급 정보 좀 찾아줘",
    ],
)
def test_code_and_an_apps_own_records_are_not_ours(text: str) -> None:
    reads_exactly(text, Intent.UNKNOWN, {})


def test_an_apps_logs_looked_up_in_it_are_still_read() -> None:
    reads_exactly("shop-api 앱에서 에러 로그 조회해줘", Intent.LOGS, {"app_name": "shop-api"})
