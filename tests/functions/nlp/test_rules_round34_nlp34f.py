"""Round 34 (nlp34f): a refusal only when its reason is read, and the forms that made changes out of reads.

A shell's verb negated with 하다, a terminal that is a place, and "more" added to a named target are no refused
requests; a plain word between a subject and a person as its object is a verb, no name; 띄우다 with information
as its object (or what the speaker wonders about) shows it; 올리다 with a place before a count in words deploys.
"""

from __future__ import annotations

import pytest

from klepaas_nlp.intents import Intent
from klepaas_nlp.rules import interpret

from .readings import reads_exactly

_READ_NOW = [
    # A shell's verb noun negated with 하다: nothing is run, the rest is read.
    ("명령 실행하지 말고 재시작 관련 명령어 목록만 알려줘", Intent.LIST_COMMANDS, {}, None),
    ("tide-api 쉘 접속하지는 말고 로그만 보여줘", Intent.LOGS, {"app_name": "tide-api"}, None),
    # A terminal that is a place (where something stands, a numbered hall) is no shell.
    ("Is gate-sync up? The screens at the terminal are blank.", Intent.STATUS, {"app_name": "gate-sync"}, None),
    ("The boards at terminal 3 show nothing, is gate-sync up?", Intent.STATUS, {"app_name": "gate-sync"}, None),
    # "More" added to a named target: more copies of it, the count asked.
    (
        "could you add more servers to fare-calc? the weekend is busy",
        Intent.SCALE,
        {"app_name": "fare-calc"},
        ["replicas"],
    ),
    ("fare-calc에 서버 좀 더 추가해 주세요", Intent.SCALE, {"app_name": "fare-calc"}, ["replicas"]),
    # A plain word between a subject and a person as its object is the clause's verb, never a name.
    (
        "roll back to 9c4e2d1, my teammate sent me that hash",
        Intent.ROLLBACK,
        {"target_commit_sha": "9c4e2d1"},
        ["target"],
    ),
    # 띄우다 with information as its object, or what is wondered about, shows it.
    ("fare-calc 서비스 정보 좀 띄워 주시겠어요?", Intent.GET_SERVICE, {"service_name": "fare-calc"}, None),
    ("fare-calc 서비스 정보가 궁금해서, 띄워 줄래요?", Intent.GET_SERVICE, {"service_name": "fare-calc"}, None),
    # 올리다 with a place before a count in words puts the app there.
    (
        "tide-api 운영에 다섯 대로 올려줘",
        Intent.DEPLOY,
        {"app_name": "tide-api", "environment": "production", "replicas": 5},
        None,
    ),
]


@pytest.mark.parametrize(("text", "intent", "args", "missing"), _READ_NOW)
def test_the_form_is_read(text: str, intent: Intent, args: dict[str, object], missing: list[str] | None) -> None:
    reads_exactly(text, intent, args, missing)


@pytest.mark.parametrize(
    "text",
    [
        "open a terminal on tide-api",
        "tide-api 명령 실행해줘",
        "add more servers",
        "create more namespaces",
        "명령 실행하지 말고 그냥 셸 열어줘",
    ],
)
def test_still_refused(text: str) -> None:
    result = interpret(text).interpretation
    assert result.intent is Intent.UNKNOWN and result.refused is not None, (text, result)


_STILL_READ = [
    ("tide-api 다시 띄워줘", Intent.RESTART, {"app_name": "tide-api"}),
    ("tide-api 스테이징에 띄워줘", Intent.DEPLOY, {"app_name": "tide-api", "environment": "staging"}),
    ("tide-api 세 대로 올려주세요", Intent.SCALE, {"app_name": "tide-api", "replicas": 3}),
    (
        "roll back tide-api to 9c4e2d1, my lead told us to",
        Intent.ROLLBACK,
        {"app_name": "tide-api", "target_commit_sha": "9c4e2d1"},
    ),
]


@pytest.mark.parametrize(("text", "intent", "args"), _STILL_READ)
def test_neighbours_keep_their_reading(text: str, intent: Intent, args: dict[str, object]) -> None:
    reads_exactly(text, intent, args)
