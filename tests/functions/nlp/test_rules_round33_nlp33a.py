"""Round 33 (nlp33a): the decoration of chat text around a request carries no request and hides none.

Emoji shortcodes, markdown emphasis, hashtags, the chat's envelope (a speaker after the messenger's or the
time's brackets), a check mark closing a request asked in so many words, a notice passing the request on to a
colleague, 다시 before a Sino-Korean verb of starting, a reason told in chat's -ㅁ after a comma, 여 typed for
요, a misspelled verb of deleting, an operation's noun naming the bot or team that does it, and "@" before a time.
"""

from __future__ import annotations

import pytest

from klepaas_nlp.intents import Intent
from klepaas_nlp.rules import interpret

from .readings import reads_exactly

_READ_THROUGH = [
    # Shortcodes are emoji typed as words: no name, no request.
    ("parcel-api 로그 보여줘 :eyes:", Intent.LOGS, {"app_name": "parcel-api"}, None),
    ("roll back kiosk-sync :rotating_light:", Intent.ROLLBACK, {"app_name": "kiosk-sync"}, None),
    ("restart it pls :pray:", Intent.RESTART, {}, ["target"]),
    # Markdown emphasis around a name or a word.
    ("**tally-worker** 다시 가동해 주세요", Intent.RESTART, {"app_name": "tally-worker"}, None),
    ("restart _kiosk-sync_ now", Intent.RESTART, {"app_name": "kiosk-sync"}, None),
    # Hashtags file the message; they are no names.
    ("#장애 invoice-hub 롤백해줘", Intent.ROLLBACK, {"app_name": "invoice-hub"}, None),
    ("#ops-alerts parcel-api 상태 알려줘", Intent.STATUS, {"app_name": "parcel-api"}, None),
    # The chat's envelope: messenger or time in brackets, then the speaker.
    ("[잔디] 박대리: parcel-api 재시작 부탁드려요", Intent.RESTART, {"app_name": "parcel-api"}, None),
    ("[09:41] Hana: scale kiosk-sync to 4", Intent.SCALE, {"app_name": "kiosk-sync", "replicas": 4}, None),
    ("[오전 10:05] 윤서 : invoice-hub 로그 30줄", Intent.LOGS, {"app_name": "invoice-hub", "lines": 30}, None),
    ("[Minji] [오후 2:05] kiosk-sync 재시작해줘", Intent.RESTART, {"app_name": "kiosk-sync"}, None),
    # A messenger's tag heading the message is where it came from, not where something is posted.
    ("[팀즈] parcel-api 배포해줘", Intent.DEPLOY, {"app_name": "parcel-api"}, None),
    ("[카톡] 박대리: tally-worker 재배포 해주세여", Intent.DEPLOY, {"app_name": "tally-worker"}, None),
    # A check mark closing a request asked in so many words agrees with it.
    ("kiosk-sync 4개로 늘려 ✅", Intent.SCALE, {"app_name": "kiosk-sync", "replicas": 4}, None),
    ("tally-worker 재배포해 주세요 ✔", Intent.DEPLOY, {"app_name": "tally-worker"}, None),
    (
        "deploy parcel-api to staging please ✅",
        Intent.DEPLOY,
        {"app_name": "parcel-api", "environment": "staging"},
        None,
    ),
    # A notice to a colleague after the request passes it on; the request stands.
    (
        "invoice-hub 재시작해 주세요, 응답이 없어요 @infra-lead 참고해 주세요",
        Intent.RESTART,
        {"app_name": "invoice-hub"},
        None,
    ),
    # 다시 + 가동/기동 is 재가동/재기동 spelled out.
    ("kiosk-sync 다시 가동 부탁드립니다", Intent.RESTART, {"app_name": "kiosk-sync"}, None),
    # A reason after the comma, told in chat's -ㅁ (a noun in -도 before it is no "also").
    ("parcel-api 롤백해줘, 응답 속도 떨어짐 😭", Intent.ROLLBACK, {"app_name": "parcel-api"}, None),
    ("invoice-hub 재시작해줘, 연결 자꾸 끊어짐", Intent.RESTART, {"app_name": "invoice-hub"}, None),
    # 여 typed for the polite 요.
    ("tally-worker 로그 보여주세여", Intent.LOGS, {"app_name": "tally-worker"}, None),
    # A mention of a person is never the target; the bot's name never an act.
    ("@hana.kim 님 이거 롤백 좀 해 주세요", Intent.ROLLBACK, {}, ["target"]),
    ("@infra-lead parcel-api 상태 좀 봐주세요", Intent.STATUS, {"app_name": "parcel-api"}, None),
    ("@배포봇 parcel-api 배포해줘", Intent.DEPLOY, {"app_name": "parcel-api"}, None),
    ("배포봇아 parcel-api 재시작해", Intent.RESTART, {"app_name": "parcel-api"}, None),
]


@pytest.mark.parametrize(("text", "intent", "args", "missing"), _READ_THROUGH)
def test_chat_decoration_is_read_through(
    text: str, intent: Intent, args: dict[str, object], missing: list[str] | None
) -> None:
    reads_exactly(text, intent, args, missing)


_NOTHING_ASKED = [
    # A remark about the bot or a team named after what it does.
    "ㅎㅎ 배포봇 요즘 일 잘하네",
    "롤백팀 고생 많았어요",
    # Thanks closing a report, bare 감사 after a finished sentence.
    "👍 롤백 잘 됐네요 감사",
    # Near-misses that stay as they were: a checklist's item, a report, a log line, a tracker's tag, a notice.
    "tally-worker 재배포 ✅",
    "kiosk-sync 4개로 늘림 ✅",
    "invoice-hub 재시작 :white_check_mark:",
    "[INFO] deployer: rollback of invoice-hub done",
    "[완료] parcel-api 3개로 늘려줘",
    "지금 invoice-hub 재배포합니다. 참고하세요",
]


@pytest.mark.parametrize("text", _NOTHING_ASKED)
def test_remarks_and_items_ask_nothing(text: str) -> None:
    result = interpret(text).interpretation
    assert result.intent is Intent.UNKNOWN and result.refused is None, (text, result)


@pytest.mark.parametrize(
    "text", ["deleet the kiosk-sync service pls", "remvoe invoice-hub", "restart invoice-hub @4pm"]
)
def test_a_typo_or_a_mark_hides_no_refusal(text: str) -> None:
    # A misspelled verb of deleting is still a deletion; "@" before a time still schedules the change.
    result = interpret(text).interpretation
    assert result.intent is Intent.UNKNOWN and result.refused is not None, (text, result)


_STILL_READ = [
    # 감사 as the noun of an audit stays a read's word; two acts stay two.
    ("invoice-hub 감사 로그 보여줘", Intent.LOGS, {"app_name": "invoice-hub"}),
    ("parcel-api 재시작하고 로그도 좀", Intent.AMBIGUOUS, {}),
]


@pytest.mark.parametrize(("text", "intent", "args"), _STILL_READ)
def test_near_misses_keep_their_reading(text: str, intent: Intent, args: dict[str, object]) -> None:
    reads_exactly(text, intent, args)
