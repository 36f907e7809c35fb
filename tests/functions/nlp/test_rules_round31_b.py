"""Round 31 (b): a refused thing, an adverb or a word of the situation is context, not the request.

- A refusal fires only when what is refused is what the request acts on: a secret's word modifying an error, a
  shell or terminal not used, lacked or told of, a deletion's word naming a button, "access logs", a kubectl
  command quoted or pasted with what it printed, all leave the request beside them.
- "in" before an adverb ("in parallel", "in advance") or before a plain word after the article ("in the
  meantime") names no namespace.
- A word of a clause of reason or time before the request (-니까, -길래, -는데, 뒤로, -아서), or of an error's
  message ("connection refused 에러"), is not the request's target when the request names its own.
"""

from __future__ import annotations

import pytest

from klepaas_nlp.intents import Intent
from klepaas_nlp.rules import interpret

from .readings import reads_exactly

_CONTEXT_NOT_REFUSED = [
    ("ledger 로그에서 token 관련 오류 찾아줘", Intent.LOGS, {"app_name": "ledger"}),
    ("billing-api 로그에서 password 관련 에러 보여줘", Intent.LOGS, {"app_name": "billing-api"}),
    ("gateway 앱이 비밀번호를 못 읽었대 재시작 부탁해", Intent.RESTART, {"app_name": "gateway"}),
    ("invoice logs mention an expired password, show them", Intent.LOGS, {"app_name": "invoice"}),
    ("터미널 안 쓰고 ledger 상태 보고 싶어", Intent.STATUS, {"app_name": "ledger"}),
    ("쉘 없이 ledger 재시작해줘", Intent.RESTART, {"app_name": "ledger"}),
    ("We don't have ssh access, so please restart ledger", Intent.RESTART, {"app_name": "ledger"}),
    ("exec 권한이 없어서 부탁드립니다. ledger 재시작", Intent.RESTART, {"app_name": "ledger"}),
    ("삭제 버튼 누르기 겁나서 그러는데 ledger 재시작만", Intent.RESTART, {"app_name": "ledger"}),
    ("show me the access logs of haproxy", Intent.LOGS, {"app_name": "haproxy"}),
    ("쉘에서 안 먹히길래 여기서 ledger 재시작해줘", Intent.RESTART, {"app_name": "ledger"}),
    ("`kubectl rollout restart deployment/ledger` 이거 부탁드려요", Intent.RESTART, {"app_name": "ledger"}),
    (
        "$ kubectl scale deployment ledger --replicas=4\nError from server (Forbidden): denied\n대신 해주세요",
        Intent.SCALE,
        {"app_name": "ledger", "replicas": 4},
    ),
]


@pytest.mark.parametrize(("text", "intent", "args"), _CONTEXT_NOT_REFUSED)
def test_a_refused_word_in_the_context_leaves_the_request(text: str, intent: Intent, args: dict[str, object]) -> None:
    reads_exactly(text, intent, args)


_STILL_REFUSED = [
    "`kubectl exec -it ledger -- bash` 이거 해줘",
    "`kubectl delete deployment/ledger` 이거 해줘",
    "ledger secret 관련 정보 보여줘",
    "터미널 안 쓰고 쉘 열어줘",
    "쉘 말고 터미널 열어줘",
    "give me admin access to staging",
    "grant me access now",
    "ssh 안 되니까 ledger 쉘 열어줘",
    "토큰 만료돼서 그러는데 ledger 토큰 재발급해줘",
    "auth 앱이 비밀번호 못 읽는대 비밀번호 보여줘",
    "팀장님이 토큰 보여달래 재시작해줘",
    "네가 secret 읽었대 재시작해줘",
]


@pytest.mark.parametrize("text", _STILL_REFUSED)
def test_what_the_request_acts_on_is_still_refused(text: str) -> None:
    assert interpret(text).interpretation.refused is not None


def test_a_refusal_through_a_quoted_command_stays_sure() -> None:
    assert interpret("`kubectl delete deployment/ledger` 이거 해줘").interpretation.confidence >= 0.9


_ADVERBS_AND_PLACES = [
    ("restart ledger in the meantime please", Intent.RESTART, {"app_name": "ledger"}),
    ("scale ledger to 4 in parallel", Intent.SCALE, {"app_name": "ledger", "replicas": 4}),
    ("deploy ledger to staging in advance", Intent.DEPLOY, {"app_name": "ledger", "environment": "staging"}),
    ("bounce ledger in turn", Intent.RESTART, {"app_name": "ledger"}),
    # A namespace after "in" still is one.
    ("restart ledger in billing", Intent.RESTART, {"app_name": "ledger", "namespace": "billing"}),
    ("restart ledger in team-a", Intent.RESTART, {"app_name": "ledger", "namespace": "team-a"}),
    ("restart ledger in the payments namespace", Intent.RESTART, {"app_name": "ledger", "namespace": "payments"}),
]


@pytest.mark.parametrize(("text", "intent", "args"), _ADVERBS_AND_PLACES)
def test_an_adverb_made_with_in_is_no_namespace(text: str, intent: Intent, args: dict[str, object]) -> None:
    reads_exactly(text, intent, args)


_TARGET_AFTER_THE_SITUATION = [
    ("nginx 설정 바꾼 뒤로 ledger가 안 떠 상태 보여줘", Intent.STATUS, {"app_name": "ledger"}),
    ("vpn 안 되니까 ledger 로그 보여줘", Intent.LOGS, {"app_name": "ledger"}),
    ("docker 잘 몰라서 그러는데 ledger 재시작 해줄래?", Intent.RESTART, {"app_name": "ledger"}),
    ("root 아니라서 못 하니까 ledger 4개로 늘려줘", Intent.SCALE, {"app_name": "ledger", "replicas": 4}),
    ("jenkins 빌드가 안 돼서 그러는데 ledger 재배포 해줘", Intent.DEPLOY, {"app_name": "ledger"}),
    ("connection refused 에러가 ledger 로그에 찍혀, 로그 보여줘", Intent.LOGS, {"app_name": "ledger"}),
    ("file not found 오류가 ledger 로그에 보여. 로그 줘", Intent.LOGS, {"app_name": "ledger"}),
    # Without the situation, or with the target only in it, the same requests read as before.
    ("ledger가 안 떠 상태 보여줘", Intent.STATUS, {"app_name": "ledger"}),
    ("vpn 로그 보여줘", Intent.LOGS, {"app_name": "vpn"}),
    ("cart 안 되니까 재시작해줘", Intent.RESTART, {"app_name": "cart"}),
    ("ledger 4개로 늘려줘", Intent.SCALE, {"app_name": "ledger", "replicas": 4}),
]


@pytest.mark.parametrize(("text", "intent", "args"), _TARGET_AFTER_THE_SITUATION)
def test_a_word_of_the_situation_is_not_the_target(text: str, intent: Intent, args: dict[str, object]) -> None:
    reads_exactly(text, intent, args)
