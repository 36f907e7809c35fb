"""Issue 24, round 8: the request among its wrappers, and compounds read as two acts.

New phrasings of the structural rules (none is a line of a dev set):
- a compound joined by -구 (spoken -고), by a change then a verbless read ("…하고 로그 50줄"), by
  per-target counts ("a 3개 b 4개", "a b 2개씩") or by two verbless objects is `ambiguous`;
- a read turned down with ㄴㄴ, or a question about which versions are possible, proposes no change;
- a slot-only command with a tagged image is a deploy;
- an English request is read from its frame (could you / would you mind / any chance you could /
  would it be possible to / could I / let's / please); wrapper words and remark sentences are
  never names or acts, and "it" stands for the one app the remarks name;
- a Korean background (-는데), a reason (-이라), a slot clause with 부탁드립니다, a remark after 줘,
  and "일단 해줘" after a weighed change each leave one act.
"""

from __future__ import annotations

import pytest

from klepaas_nlp.intents import MUTATING_INTENTS, Intent
from klepaas_nlp.rules import interpret


@pytest.mark.parametrize(
    "text",
    [
        "ledger-sync 재시작하구 로그도 보여줘",
        "ledger-sync 배포하구 나서 상태 알려줘",
        "ledger-sync 로그 그리고 상태",
        # A second sentence with an imperative of its own is a second request, not a remark.
        "Could you redeploy ledger-sync? Also show me its pods.",
        "quota-api 배포하고 로그 30줄",
        "relay-hub restart하고 상태도",
        "feed-api 4개 push-api 1개",
        "mail-out, mail-in 둘 다 2개씩",
        "sms-out push-out 5개씩",
        "sms-gw 로그 그리고 fax-gw 로그",
        "queue-api 로그 20줄이랑 이전 컨테이너 로그 둘 다",
        "pay-core/ledger 2개로 줄이고 pay-core/audit도 2개로",
        "auth-edge 로그 먼저 보고 괜찮으면 아니 그냥 롤백도 같이 해줘",
    ],
)
def test_two_acts_in_one_command_are_ambiguous(text: str) -> None:
    got = interpret(text).interpretation
    assert got.intent is Intent.AMBIGUOUS, (text, got)


@pytest.mark.parametrize(
    ("text", "intent", "args"),
    [
        ("quota-api 배포 정보만 보여 재시작 ㄴㄴ", Intent.GET_DEPLOYMENT, {"deployment_name": "quota-api"}),
        ("어떤 커밋으로 롤백 가능한지 알려줘 fare-calc", Intent.LIST_ROLLBACK, {"app_name": "fare-calc"}),
        (
            "show rollback options for fare-calc, don't really revert it",
            Intent.LIST_ROLLBACK,
            {"app_name": "fare-calc"},
        ),
    ],
)
def test_a_change_turned_down_or_only_asked_about_is_no_mutation(
    text: str, intent: Intent, args: dict[str, object]
) -> None:
    got = interpret(text).interpretation
    assert got.intent not in MUTATING_INTENTS
    assert (got.intent, dict(got.args)) == (intent, args), got


def test_a_tagged_image_with_no_verb_is_a_deploy_with_its_slots() -> None:
    got = interpret("fare-calc fare-calc:3.1.4 스테이징 2개").interpretation
    assert got.intent is Intent.DEPLOY
    assert dict(got.args) == {
        "app_name": "fare-calc",
        "image": "fare-calc:3.1.4",
        "environment": "staging",
        "replicas": 2,
    }


@pytest.mark.parametrize(
    ("text", "intent", "args"),
    [
        (
            "Would it be possible to scale quote-svc up to four replicas? Traffic doubled.",
            Intent.SCALE,
            {"app_name": "quote-svc", "replicas": 4},
        ),
        (
            "Sorry for the noise, but could you possibly restart quote-svc when you have a moment?",
            Intent.RESTART,
            {"app_name": "quote-svc"},
        ),
        (
            "The latest build of quote-svc is throwing 500s; could you revert it to commit 4c2e9a1b?",
            Intent.ROLLBACK,
            {"app_name": "quote-svc", "target_commit_sha": "4c2e9a1b"},
        ),
        ("any chance you could show the namespaces? I'm new here", Intent.LIST_NAMESPACES, {}),
        ("Would you mind showing the pods in payments? No hurry.", Intent.LIST_PODS, {"namespace": "payments"}),
        ("Would you mind pulling up the logs for quote-svc?", Intent.LOGS, {"app_name": "quote-svc"}),
        ("I guess quote-svc crashed. could you check its status?", Intent.STATUS, {"app_name": "quote-svc"}),
        # "it" with no app beside it is no target ("the commands it knows").
        ("Not sure what you support; could you list the commands it knows?", Intent.LIST_COMMANDS, {}),
        (
            "Hate to be a pain, but could I see the last 20 lines of the quote-svc logs? It looks weird.",
            Intent.LOGS,
            {"app_name": "quote-svc", "lines": 20},
        ),
    ],
)
def test_an_english_request_is_read_from_its_frame(text: str, intent: Intent, args: dict[str, object]) -> None:
    got = interpret(text).interpretation
    assert (got.intent, dict(got.args)) == (intent, args), got


@pytest.mark.parametrize(
    ("text", "intent", "args"),
    [
        (
            "fare-calc 어제 올렸는데 응답이 느려짐.. 이전 버전으로 롤백 ㄱㄱ",
            Intent.ROLLBACK,
            {"app_name": "fare-calc"},
        ),
        (
            "fare-calc를 스테이징에 배포해 주시고 인스턴스는 세 개로 부탁드립니다.",
            Intent.DEPLOY,
            {"app_name": "fare-calc", "environment": "staging", "replicas": 3},
        ),
        ("월말 정산이라 fare-calc 4개로 늘려줘", Intent.SCALE, {"app_name": "fare-calc", "replicas": 4}),
        ("fare-calc 롤백하면 나아질까? 그냥 해줘", Intent.ROLLBACK, {"app_name": "fare-calc"}),
        # A background clause (-인데) with no name, before a request naming its target: no slot from it.
        (
            "정산팀에서 운영 이슈라고 난리인데 fare-calc 로그 40줄만 보여줄래?",
            Intent.LOGS,
            {"app_name": "fare-calc", "lines": 40},
        ),
    ],
)
def test_a_korean_remark_beside_the_request_leaves_one_act(text: str, intent: Intent, args: dict[str, object]) -> None:
    got = interpret(text).interpretation
    assert (got.intent, dict(got.args)) == (intent, args), got


def test_a_remark_after_a_request_ending_is_no_read() -> None:
    got = interpret("빨리 재시작해줘 계속 타임아웃이야").interpretation
    assert got.intent is Intent.RESTART
    assert got.missing == ["target"]
