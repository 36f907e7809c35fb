"""Round 26: an operation named as what a sentence is about, or as office work, is no request for it
(new wordings; none is a corpus line)."""

from __future__ import annotations

import pytest

from klepaas_nlp.intents import Intent

from .readings import reads_exactly

_TOPIC_ONLY = [
    "parcel-api 롤백 관련해서 전화 좀 주세요",
    "route-opt 재시작 때문에 연락드렸습니다",
    "customs-doc 배포 건으로 미팅 잡아 주세요",
    "route-opt 롤백 얘기 좀 나눠요",
    "email me about the parcel-api rollback",
    "ping the team regarding the route-opt restart",
]


@pytest.mark.parametrize("text", _TOPIC_ONLY)
def test_an_operation_named_as_the_topic_asks_for_none(text: str) -> None:
    reads_exactly(text, Intent.UNKNOWN, {})


@pytest.mark.parametrize(
    ("text", "intent", "args"),
    [
        # What the rest of the sentence asks is still read.
        ("parcel-api 롤백 관련 로그 보여줘", Intent.LOGS, {"app_name": "parcel-api"}),
        ("route-opt 배포 관련해서 재시작해 주세요", Intent.RESTART, {"app_name": "route-opt"}),
    ],
)
def test_the_rest_of_the_sentence_is_still_read(text: str, intent: Intent, args: dict[str, object]) -> None:
    reads_exactly(text, intent, args)


@pytest.mark.parametrize(
    "text",
    [
        "driver-app 재시작 결재 올려 주세요",
        "driver-app 롤백 승인 신청서 좀 올려줄래",
        "driver-app 배포 요청서 올려놨어요",
    ],
)
def test_the_verb_of_office_work_takes_the_paper_not_the_app(text: str) -> None:
    # 올리다 deploys a version, but here its object is an approval or a form about the operation.
    reads_exactly(text, Intent.UNKNOWN, {})


@pytest.mark.parametrize(
    ("text", "intent", "args"),
    [
        ("parcel-api 로그 보여줘. P.S. 재시작은 하지 마세요", Intent.LOGS, {"app_name": "parcel-api"}),
        ("restart route-opt, i.e. the planner", Intent.RESTART, {"app_name": "route-opt"}),
    ],
)
def test_an_abbreviation_with_dots_is_no_name(text: str, intent: Intent, args: dict[str, object]) -> None:
    # It used to be taken as a name and fail the name check, so the command got an error, not an answer.
    reads_exactly(text, intent, args)
