"""Round 31 (Y1): what a change did, asked after it, and things asked to be written, drawn or mailed about a
change, read as nothing the platform does (unknown, never refused).

A measure that is the subject of a verb of a change of state (빨라지다, 떨어지다, 늘다, 바뀌다; improve, go down)
after a change told as its time or cause is what the question asks about: never an app, and no read of ours
answers it, unless the question names one. A verb that writes, draws or mails (써줘, 작성해줘, 그려줘; draft,
email) makes something no intent makes, whatever it is about."""

from __future__ import annotations

import pytest

from klepaas_nlp.intents import Intent
from klepaas_nlp.rules import interpret

from .readings import reads_exactly

_WHAT_IT_DID = [
    # Korean: the change told with -고 (나서), -ㄴ 뒤로, 이후, -했는데, -했더니, 끝나고, then the measure's change.
    "parcel-api 재시작한 뒤로 메모리 사용량 줄었나요?",
    "롤백 이후 에러율 좀 내려갔어?",
    "어제 배포 후에 결제 응답 시간 개선됐나요?",
    "quote-svc 재시작하고 나서 타임아웃 없어졌어?",
    "quote-svc 스케일 아웃 했는데 cpu 사용률 내려갔어?",
    "quote-svc 배포 끝나고 트래픽 늘었나?",
    "quote-svc 롤백 했더니 지연 줄었음?",
    "어젯밤 hotfix rollout 하고 나서 5xx ratio 줄었어?",
    "스케일 인 하고 p95 지연 얼마나 늘었어?",
    "재배포 한 거 로딩 속도 느려졌나요?",
    # Embedded by -는지 under a verb of showing, after a change told as its time or place.
    "route-planner 배포 이후 주문 실패 줄었는지 보여줘",
    "지난 릴리즈에서 설정 말고 코드 뭐 달라졌는지 알려줘",
    # English: a question word, a verb of a change of state, the change as its time or span.
    "Has the checkout error rate gone down since the quote-svc deploy?",
    "How much did p50 latency drop after restarting quote-svc?",
    "Did throughput get better after yesterday's route-planner rollback?",
    "After the parcel-api rollback, did the timeout count go down?",
    "What changed in the schema between the last two deploys of parcel-api?",
]


@pytest.mark.parametrize("text", _WHAT_IT_DID)
def test_what_a_change_did_is_asked_of_nothing_we_read(text: str) -> None:
    reads_exactly(text, Intent.UNKNOWN, {})
    assert interpret(text).interpretation.refused is None


_WRITTEN_DRAWN_MAILED = [
    "quote-svc 이번 배포 변경 내역 노트 작성 부탁드립니다",
    "롤백 결과 보고서 좀 써 주실 수 있나요?",
    "스케일 아웃 전후 응답시간 그래프로 그려줘",
    "parcel-api 재시작 타임라인 좀 적어줘",
    "route-planner 스케일 아웃 전후 지연을 차트로 보여줘",
    "draft the release notes for the route-planner deploy",
    "please email the rollback summary to the vendor",
    "could you plot the p99 for the last parcel-api rollout?",
    "show the quote-svc scaling effect as a chart",
]


@pytest.mark.parametrize("text", _WRITTEN_DRAWN_MAILED)
def test_things_written_drawn_or_mailed_about_a_change_are_nothing_we_do(text: str) -> None:
    reads_exactly(text, Intent.UNKNOWN, {})
    assert interpret(text).interpretation.refused is None


_STILL_READ = [
    # The same sentences with a read of ours named after the change: that read.
    ("parcel-api 롤백한 뒤로 접속 주소 바뀌었어?", Intent.ENDPOINT, {"app_name": "parcel-api"}),
    ("Did the endpoint of route-planner change after the rollback?", Intent.ENDPOINT, {"app_name": "route-planner"}),
    ("route-planner 배포 끝나고 엔드포인트 바뀌었어?", Intent.ENDPOINT, {"app_name": "route-planner"}),
    # The change's own state and records, shown: as before.
    ("route-planner 배포 상태 보여줘", Intent.STATUS, {"app_name": "route-planner"}),
    ("route-planner 배포 이력 보여줘", Intent.LIST_ROLLBACK, {"app_name": "route-planner"}),
    ("route-planner 롤백 목록", Intent.LIST_ROLLBACK, {"app_name": "route-planner"}),
    ("route-planner 배포 yaml 보여줘", Intent.GET_DEPLOYMENT, {"deployment_name": "route-planner"}),
    # A measure asked of an app with no change, and the operation itself complained of as slow: its state.
    ("route-planner 응답속도 어때?", Intent.STATUS, {"app_name": "route-planner"}),
    ("route-planner 배포 속도 느려졌어?", Intent.STATUS, {"app_name": "route-planner"}),
    ("route-planner 재시작했는데 살아났어?", Intent.STATUS, {"app_name": "route-planner"}),
    # "send me" hands a read over; names that hold "mail" are names.
    (
        "Could you send me the last 40 lines of logs from pod quote-svc?",
        Intent.LOGS,
        {"pod_name": "quote-svc", "lines": 40},
    ),
    ("mailer-api 로그 보여줘", Intent.LOGS, {"app_name": "mailer-api"}),
    ("mail 서버 로그 보여줘", Intent.LOGS, {"app_name": "mail"}),
    ("show logs in chart-ranker", Intent.LOGS, {"namespace": "chart-ranker"}),
    # The changes themselves, asked without the effect or the writing.
    ("route-planner 재시작해줘", Intent.RESTART, {"app_name": "route-planner"}),
    ("route-planner 3개로 늘려줘", Intent.SCALE, {"app_name": "route-planner", "replicas": 3}),
    ("roll back parcel-api", Intent.ROLLBACK, {"app_name": "parcel-api"}),
]


@pytest.mark.parametrize(("text", "intent", "args"), _STILL_READ)
def test_reads_and_changes_nearby_still_read(text: str, intent: Intent, args: dict[str, object]) -> None:
    reads_exactly(text, intent, args)


def test_a_change_before_an_effect_asked_in_a_second_sentence_is_still_asked() -> None:
    # "deploy it. did errors drop after deploying?": the request stands in its own sentence.
    reads_exactly("route-planner 배포해줘. 배포하고 나서 에러 줄었어?", Intent.DEPLOY, {"app_name": "route-planner"})


def test_a_change_joined_by_go_before_a_check_is_no_question_of_its_effect() -> None:
    # "X 재시작하고 에러 줄었는지 봐줘" may ask for the restart first, then a look: -고 makes the change done before
    # only for a question whose verb is its own, so this one is read by the rest of the grammar, as before.
    assert interpret("route-planner 재시작하고 에러 줄었는지 봐줘").interpretation.intent is not Intent.UNKNOWN
