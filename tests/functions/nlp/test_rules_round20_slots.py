"""Issue 24, round 20 (part B): slots and names in incident and student chat.

New phrasings (none is a line of a dev set): a ticket id, an amount, a time, an acronym, a function
word and a spec's field name are never names, so a command naming nothing else asks for its target;
a pod's hashed name is a pod's; words typed wrong or in Hangul are read as the words they stand for;
a thing made anew is refused whatever count is said.
"""

from __future__ import annotations

import pytest

from klepaas_nlp.intents import Intent

from .readings import reads_exactly


@pytest.mark.parametrize(
    ("text", "intent", "args", "missing"),
    [
        # A ticket or issue id names the incident, never the app: the target is still missing.
        (
            "OPS-311 수정본 머지했어요. 운영에 배포 부탁드려요.",
            Intent.DEPLOY,
            {"environment": "production"},
            ["target"],
        ),
        ("세 단계 전으로 돌려줘. SEC-77 또 터졌어", Intent.ROLLBACK, {"steps_back": 3}, ["target"]),
        ("SUP-9 정리해야 해서요. 롤백 목록 보여 주세요.", Intent.LIST_ROLLBACK, {}, ["target"]),
        ("restart it please, ticket ops-88 is open", Intent.RESTART, {}, ["target"]),
        # Function words of time and focus are never names.
        ("please redeploy it, it has been slow since noon", Intent.DEPLOY, {}, ["target"]),
        ("show me the deployment details, ports especially", Intent.GET_DEPLOYMENT, {}, ["deployment_name"]),
        # A spec's field and an amount are what is read about the resource, not its name.
        ("서비스 상세 정보 보여줘. selector가 맞는지 보려고", Intent.GET_SERVICE, {}, ["service_name"]),
        (
            "디플로이먼트 상세 좀 보여줘요. memory가 512Mi인지 확인하려고요.",
            Intent.GET_DEPLOYMENT,
            {},
            ["deployment_name"],
        ),
    ],
)
def test_nothing_named_asks_for_the_target(
    text: str, intent: Intent, args: dict[str, object], missing: list[str]
) -> None:
    reads_exactly(text, intent, args, missing)


@pytest.mark.parametrize(
    ("text", "intent", "args"),
    [
        # A ticket id beside a real name leaves the name alone.
        ("ticket 4512 관련해서 quote-api 재시작해줘", Intent.RESTART, {"app_name": "quote-api"}),
        ("grade-sync 재기동 부탁해요. QA-120 참고", Intent.RESTART, {"app_name": "grade-sync"}),
        (
            "the PRJ-77 fix is merged, deploy lms-web to staging",
            Intent.DEPLOY,
            {"app_name": "lms-web", "environment": "staging"},
        ),
        # An acronym in capitals is a term, not a second name.
        ("exam-portal 한번 껐다 켜줘 PDF 안 열림", Intent.RESTART, {"app_name": "exam-portal"}),
        # A time of day names nothing.
        ("give me the cluster overview before the 4pm sync", Intent.OVERVIEW, {}),
        # A pod's name with its ReplicaSet hash (five characters or more) and its own suffix.
        (
            "quiz-engine-6c8b2-r7t4p 파드가 재시작됐어요. 이전 컨테이너 로그 보여 주세요.",
            Intent.LOGS,
            {"pod_name": "quiz-engine-6c8b2-r7t4p", "previous": True},
        ),
        (
            "pod quiz-engine-6c8b2-r7t4p died twice since 08:50. Could I see the previous container's logs?",
            Intent.LOGS,
            {"pod_name": "quiz-engine-6c8b2-r7t4p", "previous": True},
        ),
        # "in the X logs": X says whose logs, it is no namespace.
        ("anything strange in the roster-api logs?", Intent.LOGS, {"app_name": "roster-api"}),
        # Typos of "please" and of an environment.
        ("plase deploy roster-api to stagign", Intent.DEPLOY, {"app_name": "roster-api", "environment": "staging"}),
        # "dashboard" is a word of the overview, not a namespace.
        ("클러스터 dashboard 요약 보여줘", Intent.OVERVIEW, {}),
        # 커맨드 is 명령어 written in Hangul.
        ("여기서 쓸 수 있는 커맨드 알려줘", Intent.LIST_COMMANDS, {}),
    ],
)
def test_reads_the_slots(text: str, intent: Intent, args: dict[str, object]) -> None:
    reads_exactly(text, intent, args)


@pytest.mark.parametrize(
    "text",
    [
        # 시작 alone (after 언제, 이제) is no restart.
        "기말고사 언제 시작해요?",
        "이제 시작하자",
        # A thing made anew is created, whatever count is said.
        "Redis 캐시 인스턴스 하나 새로 만들어줘",
        "MongoDB 클러스터 신규로 하나 생성해 주세요",
    ],
)
def test_no_change_is_proposed(text: str) -> None:
    reads_exactly(text, Intent.UNKNOWN, {})
