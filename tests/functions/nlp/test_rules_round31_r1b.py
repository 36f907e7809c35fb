"""Round 31 (R1b): a word that says which pods or services are meant (a state, a rank, a time, a state
denied, a Korean relative clause, a wh-determiner) is no app's name; a number labelled by a noun beside
로그 is what the logs are searched for, not their length; "x3-cache" is one name, not a count; a Korean
note in brackets after a name leaves the name."""

from __future__ import annotations

import pytest

from klepaas_nlp.intents import Intent
from klepaas_nlp.rules import interpret

from .readings import reads_exactly

_DESCRIBED_NOT_NAMED = [
    # Kubernetes' pod phases and kubectl's STATUS reasons, and ps(1)'s process states, before a kind word.
    ("OOMKilled 파드 재시작해줘", Intent.RESTART, {}),
    ("Terminating 파드들 다시 띄워줘", Intent.RESTART, {}),
    ("defunct 파드 재시작 부탁해요", Intent.RESTART, {}),
    ("sleeping 서비스 2개로 줄여줘", Intent.SCALE, {"replicas": 2}),
    # A place in time or a rank.
    ("newest 앱 롤백해줘", Intent.ROLLBACK, {}),
    ("prior 서비스 재시작해줘", Intent.RESTART, {}),
    ("scale the noisiest service to 4", Intent.SCALE, {"replicas": 4}),
    ("restart the healthiest pod", Intent.RESTART, {}),
    # A state denied.
    ("unready 파드 재시작해줘", Intent.RESTART, {}),
    ("not-ready 파드 재시작해줘", Intent.RESTART, {}),
    # The predicate of a Korean relative clause on the kind word.
    ("ImagePullBackOff 걸린 pod 재시작 부탁해", Intent.RESTART, {}),
    ("Terminating 된 파드들 재시작해줘", Intent.RESTART, {}),
    ("pending 상태인 파드 재시작해줘", Intent.RESTART, {}),
    ("가장 lazy한 앱 2개로 줄여줘", Intent.SCALE, {"replicas": 2}),
    ("busy한서비스 재시작", Intent.RESTART, {}),
    # The verb of a clause a wh-determiner opens on the kind word.
    ("redeploy whichever app failed", Intent.DEPLOY, {}),
    ("roll back whatever service crashed", Intent.ROLLBACK, {}),
]


@pytest.mark.parametrize(("text", "intent", "args"), _DESCRIBED_NOT_NAMED)
def test_a_word_describing_the_kind_asks_for_the_target(text: str, intent: Intent, args: dict[str, object]) -> None:
    reads_exactly(text, intent, args, ["target"])


_DESCRIBED_AND_NAMED = [
    # The description beside a name: the name is the target.
    ("Evicted 된 ledger 파드 재시작해줘", Intent.RESTART, {"app_name": "ledger"}),
    ("unready ledger 파드 재시작해줘", Intent.RESTART, {"app_name": "ledger"}),
    ("not-ready ledger 파드 재시작해줘", Intent.RESTART, {"app_name": "ledger"}),
    ("pending인 ledger-api 재시작해줘", Intent.RESTART, {"app_name": "ledger-api"}),
    ("billing 하는 api 재시작해줘", Intent.RESTART, {"app_name": "api"}),
    # The same sentences with a name where the description was.
    ("ledger 파드 재시작해줘", Intent.RESTART, {"app_name": "ledger"}),
    ("ledger 서비스 2개로 줄여줘", Intent.SCALE, {"app_name": "ledger", "replicas": 2}),
    ("restart the ledger pod", Intent.RESTART, {"app_name": "ledger"}),
    # Words that end as a superlative or a state might, but are names.
    ("ingest 서비스 재시작해줘", Intent.RESTART, {"app_name": "ingest"}),
    ("harvest 앱 롤백해줘", Intent.ROLLBACK, {"app_name": "harvest"}),
    ("suggest 서비스 재시작해줘", Intent.RESTART, {"app_name": "suggest"}),
    ("inventory 서비스 3개로 늘려줘", Intent.SCALE, {"app_name": "inventory", "replicas": 3}),
    # Named as the state's word: "이름이 X인" names it.
    ("이름이 pending인 파드 재시작해줘", Intent.RESTART, {"app_name": "pending"}),
]


@pytest.mark.parametrize(("text", "intent", "args"), _DESCRIBED_AND_NAMED)
def test_a_name_beside_a_description_is_still_the_target(text: str, intent: Intent, args: dict[str, object]) -> None:
    reads_exactly(text, intent, args)


def test_states_before_a_list_of_pods_name_no_namespace() -> None:
    reads_exactly("pending pods 보여줘", Intent.LIST_PODS, {})
    reads_exactly("unhealthy pods 목록", Intent.LIST_PODS, {})
    reads_exactly("non-running pods 목록", Intent.LIST_PODS, {})
    # A word denying what is no state (an environment) still names the namespace.
    reads_exactly("nonprod 파드 목록", Intent.LIST_PODS, {"namespace": "nonprod"})


_SEARCHED_LOGS = [
    ("ledger-api 에러코드 77 로그 보여줘", {"app_name": "ledger-api"}),
    ("ledger-api exit code 2 로그", {"app_name": "ledger-api"}),
    ("ledger-api 500 로그만 보여줘", {"app_name": "ledger-api"}),
    ("ledger-api 주문번호 31 로그 찾아줘", {"app_name": "ledger-api"}),
    ("ledger-api user 9 로그", {"app_name": "ledger-api"}),
    ("ledger-api 회원번호 5 로그 좀", {"app_name": "ledger-api"}),
    # A count with its counter is still the logs' length, beside a code or not.
    ("ledger-api 에러코드 77 로그 20줄", {"app_name": "ledger-api", "lines": 20}),
    ("ledger-api 로그 40줄", {"app_name": "ledger-api", "lines": 40}),
    ("ledger-api 로그 tail 15", {"app_name": "ledger-api", "lines": 15}),
]


@pytest.mark.parametrize(("text", "args"), _SEARCHED_LOGS)
def test_a_labelled_number_beside_logs_is_no_line_count(text: str, args: dict[str, object]) -> None:
    reads_exactly(text, Intent.LOGS, args)


_X_NAMES = [
    ("x5-gateway 배포해줘", Intent.DEPLOY, {"app_name": "x5-gateway"}),
    ("x9-indexer 재시작해줘", Intent.RESTART, {"app_name": "x9-indexer"}),
    ("x7-relay 로그", Intent.LOGS, {"app_name": "x7-relay"}),
    ("x10-gw 서비스 재시작해줘", Intent.RESTART, {"app_name": "x10-gw"}),
]


@pytest.mark.parametrize(("text", "intent", "args"), _X_NAMES)
def test_a_name_opening_with_x_and_a_digit_is_one_name(text: str, intent: Intent, args: dict[str, object]) -> None:
    reads_exactly(text, intent, args)


def test_x_and_a_digit_alone_is_still_a_count() -> None:
    reads_exactly("ledger x3 배포", Intent.DEPLOY, {"app_name": "ledger", "replicas": 3})
    reads_exactly("ledger 3으로 늘려줘", Intent.SCALE, {"app_name": "ledger", "replicas": 3})


_NOTED_NAMES = [
    ("ledger-api(원장) 4개로 늘려줘", Intent.SCALE, {"app_name": "ledger-api", "replicas": 4}),
    ("auth-svc(인증) 재시작해줘", Intent.RESTART, {"app_name": "auth-svc"}),
    ("search-api (검색 서비스) 로그 보여줘", Intent.LOGS, {"app_name": "search-api"}),
    ("ledger(원장 처리) 재시작해줘", Intent.RESTART, {"app_name": "ledger"}),
]


@pytest.mark.parametrize(("text", "intent", "args"), _NOTED_NAMES)
def test_a_korean_note_in_brackets_leaves_the_name(text: str, intent: Intent, args: dict[str, object]) -> None:
    reads_exactly(text, intent, args)


def test_a_call_is_still_code_not_a_name() -> None:
    result = interpret("alert(1) 재시작").interpretation
    assert "app_name" not in result.args
