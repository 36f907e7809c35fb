"""Round 33 (nlp33d): contrast and negation inside a request. What is named as not wanted beside what is (an act,
an object, a place, a value) is set aside and the request is what remains: "A 말고 B" with a comma after 말고, the
noun a read shares across the contrast ("비용 예측 말고 최적화로"), a place or an image set aside inside the request,
"X 만 말고" widening the request, "A 아니고 / 아니다 B" without the subject's particle, and the act said not to be
meant ("되돌리는 건 아니고", "보라는 게 아니라", "하라는 말씀이 아닙니다"). A request asking leave ("해도 괜찮을까요?",
"maybe just …") is that act; a question whether one should stays a question. An app named like a verb
("deploy-notifier") opens no English clause as that verb."""

from __future__ import annotations

import pytest

from klepaas_nlp.intents import Intent

from .readings import reads_exactly

_SET_ASIDE = [
    # The act said not to be meant, in its nominalised and quoted forms: the rest is the request.
    ("bento-api 되돌리는 건 아니고 그냥 재시작만 해줘", Intent.RESTART, {"app_name": "bento-api"}),
    ("bento-api 상태 보라는 게 아니라 재시작해달라는 거야", Intent.RESTART, {"app_name": "bento-api"}),
    ("bento-api 로그 보여줘, 재시작하라는 거 아니고", Intent.LOGS, {"app_name": "bento-api"}),
    ("bento-api 엔드포인트 알려 주세요. 배포하라는 말씀이 아닙니다.", Intent.ENDPOINT, {"app_name": "bento-api"}),
    ("bento-api 재시작하라는 말이 아니라 로그 보여 달라는 말이야", Intent.LOGS, {"app_name": "bento-api"}),
    ("bento-api 재시작하라는 말이 아니고 상태만 알려줘", Intent.STATUS, {"app_name": "bento-api"}),
    ("quill-api 재시작하자는 게 아니라 로그 먼저 보자는 거야", Intent.LOGS, {"app_name": "quill-api"}),
    # The noun of the read shared across the contrast, when the rest names no read of its own.
    ("비용 현황 말고 아낄 수 있는 방법 알려줘", Intent.COST_ANALYSIS, {"analysis_type": "optimization"}),
    ("비용 예측 말고 최적화 방안 보여줘", Intent.COST_ANALYSIS, {"analysis_type": "optimization"}),
    ("비용 분석 말고 다음 달 예측해줘", Intent.COST_ANALYSIS, {"analysis_type": "forecast"}),
    ("이번 달 비용 말고 다음 달 예측 보여줘", Intent.COST_ANALYSIS, {"analysis_type": "forecast"}),
    # A noun of its own after the contrast keeps nothing of the phrase set aside.
    ("비용 현황 말고 파드 보여줘", Intent.LIST_PODS, {}),
    # A comma after 말고: the phrase set aside all the same.
    ("파드 목록 말고, 서비스 목록 보여줘", Intent.LIST_SERVICES, {}),
    ("tempo-api 말고, bento-api 로그 보여줘", Intent.LOGS, {"app_name": "bento-api"}),
    # A place set aside inside the request: the read's or the operation's noun before it stays the request's.
    (
        "bento-api 로그 orders-ns 말고 billing-ns 네임스페이스에서 80줄",
        Intent.LOGS,
        {"app_name": "bento-api", "namespace": "billing-ns", "lines": 80},
    ),
    ("bento-api 배포 production 말고 staging", Intent.DEPLOY, {"app_name": "bento-api", "environment": "staging"}),
    # An image set aside for another, whole with its registry path and tag.
    (
        "bento-api 스테이징 배포, 이미지는 ghcr.io/acme/bento-api:1.4.0 아니고 ghcr.io/acme/bento-api:1.4.1",
        Intent.DEPLOY,
        {"app_name": "bento-api", "environment": "staging", "image": "ghcr.io/acme/bento-api:1.4.1"},
    ),
    # "X 만 말고" widening the request to a whole: X is no restriction of it.
    ("orders-ns만 말고 클러스터 전체 개요 보여줘", Intent.OVERVIEW, {}),
    ("billing 네임스페이스만 말고 전체 파드 보여줘", Intent.LIST_PODS, {}),
    # "A 아니고 / 아니다 B", the subject's particle left out, spaced or not.
    ("bento-api 재시작 아니고 tempo-api 재시작", Intent.RESTART, {"app_name": "tempo-api"}),
    ("bento-api재시작 아니다tempo-api재시작", Intent.RESTART, {"app_name": "tempo-api"}),
    ("bento-api 로그 아니고 상태 보여줘", Intent.STATUS, {"app_name": "bento-api"}),
    # A question weighing a change withdrawn by a polite "no" after an "ah": only what follows is asked.
    ("혹시 bento-api 롤백해도 될까요… 앗 아니에요, 상태만 먼저 볼게요.", Intent.STATUS, {"app_name": "bento-api"}),
]


@pytest.mark.parametrize(("text", "intent", "args"), _SET_ASIDE)
def test_what_is_set_aside_leaves_the_request(text: str, intent: Intent, args: dict[str, object]) -> None:
    reads_exactly(text, intent, args)


_LEAVE_ASKED = [
    # Asking leave for an act asks for it (never sure: korean_wondering, english with a hedge).
    (
        "혹시 bento-api를 운영에 배포해도 괜찮을까요?",
        Intent.DEPLOY,
        {"app_name": "bento-api", "environment": "production"},
    ),
    ("bento-api 재시작해도 괜찮을까요?", Intent.RESTART, {"app_name": "bento-api"}),
    ("tempo-api 3개로 줄여도 괜찮을까요?", Intent.SCALE, {"app_name": "tempo-api", "replicas": 3}),
    ("Maybe just restart bento-api?", Intent.RESTART, {"app_name": "bento-api"}),
    ("Perhaps scale bento-api to 4 replicas?", Intent.SCALE, {"app_name": "bento-api", "replicas": 4}),
    ("Could we roll back quill-api?", Intent.ROLLBACK, {"app_name": "quill-api"}),
    ("Is it ok if I deploy quill-api to staging?", Intent.DEPLOY, {"app_name": "quill-api", "environment": "staging"}),
    ("Would you mind if we roll back quill-api?", Intent.ROLLBACK, {"app_name": "quill-api"}),
    ("would it be okay if we scale quill-api to 4?", Intent.SCALE, {"app_name": "quill-api", "replicas": 4}),
    # The request restated as the speaker's own.
    ("bento-api 롤백해 달라는 거예요", Intent.ROLLBACK, {"app_name": "bento-api"}),
]


@pytest.mark.parametrize(("text", "intent", "args"), _LEAVE_ASKED)
def test_leave_asked_for_an_act_asks_for_it(text: str, intent: Intent, args: dict[str, object]) -> None:
    reads_exactly(text, intent, args)


_NAMES_LIKE_VERBS = [
    # An app whose name opens with an act's word is a name, not the verb.
    (
        "deploy-watcher 상태 확인 부탁드립니다. 배포하라는 말씀이 아닙니다.",
        Intent.STATUS,
        {"app_name": "deploy-watcher"},
    ),
    ("restart-guard 상태 알려줘", Intent.STATUS, {"app_name": "restart-guard"}),
    ("rollback-keeper 엔드포인트 알려줘", Intent.ENDPOINT, {"app_name": "rollback-keeper"}),
    ("deploy web-app to staging", Intent.DEPLOY, {"app_name": "web-app", "environment": "staging"}),
]


@pytest.mark.parametrize(("text", "intent", "args"), _NAMES_LIKE_VERBS)
def test_a_name_like_a_verb_stays_a_name(text: str, intent: Intent, args: dict[str, object]) -> None:
    reads_exactly(text, intent, args)


_ASKS_NO_CHANGE = [
    # Near misses: nothing is asked, or a question whether one should, or a state asked about.
    "bento-api 말고는 다 괜찮아",
    "재시작 말고 다른 방법 없어?",
    "bento-api 재시작해야 할까요?",
    "bento-api 재시작해도 괜찮은지 모르겠네",
    "bento-api 재시작하라는 게 아니라 그냥 물어본 거야",
    "bento-api 재시작 아니다",
    "bento-api 문제가 있는 게 아니라 그냥 느려요",
    # Whether one should asks about the change; leave given for later is no request now.
    "Should we restart quill-api?",
    "It's fine if you restart quill-api tonight",
]


@pytest.mark.parametrize("text", _ASKS_NO_CHANGE)
def test_nothing_is_changed_by_a_near_miss(text: str) -> None:
    reads_exactly(text, Intent.UNKNOWN, {})


_STAYS = [
    # Both are asked when "X 만 말고" names another thing beside X: never the one alone.
    ("bento-api만 말고 tempo-api도 재시작해줘", Intent.AMBIGUOUS, {}),
    # The passive is what happens to the app: its state is asked about, nothing is set aside.
    ("bento-api 재시작되는 거 아니야", Intent.STATUS, {"app_name": "bento-api"}),
    # A read stays a read beside a hedge that opens no verb, and whether it is safe asks about it.
    ("Maybe bento-api is down?", Intent.STATUS, {"app_name": "bento-api"}),
    ("Is it safe to restart quill-api?", Intent.STATUS, {"app_name": "quill-api"}),
    # A command quoted as words is still only talked about.
    ("'재시작해줘'라는 명령 지원해?", Intent.UNKNOWN, {}),
]


@pytest.mark.parametrize(("text", "intent", "args"), _STAYS)
def test_near_misses_keep_their_reading(text: str, intent: Intent, args: dict[str, object]) -> None:
    reads_exactly(text, intent, args)
