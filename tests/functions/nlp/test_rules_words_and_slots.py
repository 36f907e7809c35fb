"""Round 11 words and slots: typed-out letters, key slips, counts at a sentence's end, previous logs.

Each case is a phrasing of its own, not one from a development set.
"""

from __future__ import annotations

import pytest

from klepaas_nlp.rules import interpret
from klepaas_nlp.rules.normalize import clean


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("ㅂㅐㅍㅗ해줘", "배포해줘"),  # every letter typed alone
        ("ㅅㅡㅋㅔㅇㅣㄹ 3개로", "스케일 3개로"),  # a final consonant inside the word joins its syllable
        ("재시작 ㄱ", "재시작 ᄀ"),  # a consonant alone is a chat word and stays alone
        ("ㄴㄴ 아직", "ᄂᄂ 아직"),
        ("해줘ㅋ", "해줘ᄏ"),  # a laugh after a word is no final consonant
    ],
)
def test_loose_hangul_letters_are_composed_inside_a_word(typed: str, read: str) -> None:
    assert clean(typed) == read


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("최적와 해줘", "최적화 해줘"),  # ㅇ for ㅎ
        ("3단께 전으로", "3단계 전으로"),  # Shift held: ㄲ for ㄱ
        ("로긔 좀", "로그 좀"),  # one vowel key too many at the word's end
        ("롤뱩 해줘", "롤백 해줘"),
    ],
)
def test_key_slips_in_command_words_are_repaired(typed: str, read: str) -> None:
    assert clean(typed) == read


@pytest.mark.parametrize(
    ("command", "replicas"),
    [("Scale checkout-api up to 6.", 6), ("Could you scale search-api back down to 1.", 1)],
)
def test_a_count_before_a_full_stop_is_the_count(command: str, replicas: int) -> None:
    interpretation = interpret(command).interpretation
    assert interpretation.intent.value == "scale"
    assert interpretation.args["replicas"] == replicas


def test_a_version_after_to_is_not_a_count() -> None:
    interpretation = interpret("update checkout-api to 2.1").interpretation
    assert interpretation.args.get("replicas") is None


def test_previous_logs_after_a_line_count() -> None:
    interpretation = interpret("order-api 로그 스무 줄만 예전 거로 보여줘").interpretation
    assert interpretation.intent.value == "logs"
    assert interpretation.args.get("previous") is True


@pytest.mark.parametrize(
    ("command", "intent", "args"),
    [
        # A participle before a name describes the name; the noun after it is what is read.
        ("지난주 배포한 order-api 서비스 상세 보여줘", "get_service", {"service_name": "order-api"}),
        # The scale as it is set is the deployment's spec.
        ("payment-api 레플리카 설정 어떻게 돼 있어?", "get_deployment", {"deployment_name": "payment-api"}),
        ("cart-api 지금 몇 개로 스케일 돼 있어?", "get_deployment", {"deployment_name": "cart-api"}),
        # A place's fee or a price list is not the cluster's cost.
        ("공연장 요금 알려줘", "unknown", {}),
        ("택배 요금표 보여줘", "unknown", {}),
        # Deploys counted as things are the deployments.
        ("지금 올라가 있는 배포들 뭐야", "list_deployments", {}),
        # The earlier versions asked about are the versions to go back to.
        ("search-api 과거 릴리즈들 좀 보여줘", "list_rollback", {"app_name": "search-api"}),
        ("search-api 지난 버전 어떤 게 있었지?", "list_rollback", {"app_name": "search-api"}),
        ("search-api 지난 버전들로 돌려놔", "rollback", {"app_name": "search-api"}),
    ],
)
def test_reads_of_words_round_11(command: str, intent: str, args: dict[str, object]) -> None:
    interpretation = interpret(command).interpretation
    assert interpretation.intent.value == intent
    assert {key: interpretation.args.get(key) for key in args} == args


def test_setting_the_scale_is_still_a_scale() -> None:
    interpretation = interpret("order-api 레플리카 설정 4개로 해줘").interpretation
    assert interpretation.intent.value == "scale"
    assert interpretation.args["replicas"] == 4


@pytest.mark.parametrize("command", ["클러스터 통째로 날리고 새로 만들자", "클러스터 전부 다 밀고 다시 시작"])
def test_wiping_the_whole_cluster_is_refused(command: str) -> None:
    assert interpret(command).interpretation.intent.value == "unknown"


@pytest.mark.parametrize(
    "command",
    [
        "order-api 쓸 도메인 하나 구매해줘",
        "search-api용 인증서 사다 줘",
        "buy a wildcard certificate for the ledger app",
        "please purchase a domain name for invoice-web",
    ],
)
def test_buying_something_is_no_intent(command: str) -> None:
    interpretation = interpret(command).interpretation
    assert interpretation.intent.value == "unknown"
    assert interpretation.refused is not None


@pytest.mark.parametrize(
    ("command", "intent", "app"),
    [
        ("직전 릴리스로 되돌려 주세요 ledger", "rollback", "ledger"),
        ("재기동 부탁합니다 billing", "restart", "billing"),
    ],
)
def test_a_plain_name_after_the_korean_verb_is_what_it_acts_on(command: str, intent: str, app: str) -> None:
    interpretation = interpret(command).interpretation
    assert interpretation.intent.value == intent
    assert interpretation.args.get("app_name") == app


@pytest.mark.parametrize(
    ("command", "intent", "args"),
    [
        ("show the ingresess", "list_ingresses", {}),  # two letters swapped in a plural kind word
        ("so what can you even do?", "list_commands", {}),  # an adverb before the verb
        ("여기서 어떤 명령이 가능한지 궁금해요", "list_commands", {}),
        ("fare-search c0ffee1로 돌려줘", "rollback", {"app_name": "fare-search", "target_commit_sha": "c0ffee1"}),
        ("hotel-api rollback --steps 3", "rollback", {"app_name": "hotel-api", "steps_back": 3}),
        ("인그레스 말고 엔드포인트 싹 보여줘", "list_endpoints", {}),
    ],
)
def test_reads_of_words_round_12(command: str, intent: str, args: dict[str, object]) -> None:
    interpretation = interpret(command).interpretation
    assert interpretation.intent.value == intent
    assert dict(interpretation.args) == args


@pytest.mark.parametrize("command", ["rollout 상태 어때", "deploy 결과 어때?", "restart 여부 알려줘"])
def test_an_english_operation_before_a_korean_state_noun_is_no_request(command: str) -> None:
    assert interpret(command).interpretation.intent.value not in {"deploy", "rollback", "restart", "scale"}


@pytest.mark.parametrize(
    "command",
    [
        "ledger-api 롤백했던 게 언제였더라",  # the operation as it happened, described
        "ledger-api 재시작했던 원인 좀",
        "ledger-api 배포는 모레 제가 할게요",  # the speaker's own plan
        "롤백은 오후에 할 예정입니다 ledger-api",
    ],
)
def test_an_operation_described_or_planned_by_the_speaker_is_not_proposed(command: str) -> None:
    assert interpret(command).interpretation.intent.value not in {"deploy", "rollback", "restart", "scale"}


def test_a_plan_after_a_request_leaves_the_request() -> None:
    interpretation = interpret("ledger-api 어떤 커밋으로 롤백해줘, 커밋 번호는 곧 줄게").interpretation
    assert interpretation.intent.value == "rollback"


@pytest.mark.parametrize(
    "command",
    [
        "ledger-api was scaled to 4 overnight",  # what was done
        "we'll roll back ledger-api after lunch",  # what the speaker will do
        "I'm going to restart ledger-api myself",
    ],
)
def test_an_english_statement_about_an_operation_is_not_proposed(command: str) -> None:
    assert interpret(command).interpretation.intent.value not in {"deploy", "rollback", "restart", "scale"}


def test_in_a_number_of_minutes_is_no_namespace() -> None:
    assert "namespace" not in interpret("bounce ledger-api in 10 minutes").interpretation.args


@pytest.mark.parametrize("command", ["ledger-api 재배포를 할까 말까 고민돼", "ledger-api 늘릴지 줄일지 아직 모르겠어"])
def test_an_operation_weighed_and_not_decided_is_not_proposed(command: str) -> None:
    assert interpret(command).interpretation.intent.value not in {"deploy", "rollback", "restart", "scale"}


@pytest.mark.parametrize(
    ("command", "app"),
    [("not quest-log, bounce quest-board", "quest-board"), ("quest-log 아니고 quest-board 재기동", "quest-board")],
)
def test_a_name_set_aside_with_not_is_no_second_target(command: str, app: str) -> None:
    interpretation = interpret(command).interpretation
    assert interpretation.intent.value == "restart"
    assert interpretation.args.get("app_name") == app


def test_a_registry_host_may_start_with_a_digit() -> None:
    image = "210987654321.dkr.ecr.us-east-1.amazonaws.com/quest-board:7.1"
    interpretation = interpret(f"deploy quest-board image {image} to staging").interpretation
    assert interpretation.args.get("image") == image


@pytest.mark.parametrize(
    ("command", "intent", "args"),
    [
        ("운영팀 요청입니다. vault-sync 재기동 부탁드려요", "restart", {"app_name": "vault-sync"}),  # people, no place
        ("vault-sync 서비스 접속정보 주세요", "endpoint", {"service_name": "vault-sync"}),
        ("vault-sync restart 해주세요, 커넥션 풀이 꽉 찬 듯", "restart", {"app_name": "vault-sync"}),  # a guess
    ],
)
def test_reads_of_words_round_15(command: str, intent: str, args: dict[str, object]) -> None:
    interpretation = interpret(command).interpretation
    assert interpretation.intent.value == intent
    assert dict(interpretation.args) == args


def test_raising_a_limit_is_no_deploy() -> None:
    assert interpret("법인 카드 한도 올려주세요").interpretation.intent.value == "unknown"


@pytest.mark.parametrize(
    "command",
    [
        "fare-api 4개였는데 2개로 줄었어, 원래대로 해줘",  # the count says what happened; 대로 is "as"
        "fare-api 그대로 해줘",
    ],
)
def test_a_count_that_happened_or_the_particle_daero_proposes_no_scale(command: str) -> None:
    assert interpret(command).interpretation.intent.value != "scale"


@pytest.mark.parametrize(("command", "replicas"), [("fare-api 세 대로 줄여줘", 3), ("fare-api 7대로", 7)])
def test_a_counter_after_a_number_still_counts(command: str, replicas: int) -> None:
    interpretation = interpret(command).interpretation
    assert interpretation.intent.value == "scale"
    assert interpretation.args["replicas"] == replicas
