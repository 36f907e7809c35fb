"""Round 31 (c): what is set aside, left alone or chosen against is no target; a question the writer answers
asks for what he answered; a fallback that gives up, a reminder of the past, a done mark and someone's asking
told before a request leave the request alone; a wipe is refused; a possessive names whose pods they are."""

from __future__ import annotations

import pytest

from klepaas_nlp.intents import Intent
from klepaas_nlp.rules import interpret
from klepaas_nlp.rules.calibration import SKIP_CONFIDENCE

from .readings import reads_exactly

_ONE_TARGET_LEFT = [
    # A noun phrase set aside whole, the word its adnominal (같은: like) describes included.
    ("ledger 서비스 같은 거 말고 invoice-api 재시작해 주세요", Intent.RESTART, {"app_name": "invoice-api"}),
    ("ledger 같은 건 말고 invoice 롤백해줘", Intent.ROLLBACK, {"app_name": "invoice"}),
    # A clause beside the request spares another app: the request names its own, and borrows none.
    ("invoice 재시작해줘. ledger 같은 건 손대지 마", Intent.RESTART, {"app_name": "invoice"}),
    ("ledger는 그냥 두고 invoice만 5개로 늘려줘", Intent.SCALE, {"app_name": "invoice", "replicas": 5}),
    ("ledger 는 놔두고 invoice 만 재시작해줘", Intent.RESTART, {"app_name": "invoice"}),
    # The names a choice is made among are the set, the one named after them the choice.
    ("ledger, invoice 중에 invoice만 롤백해줘", Intent.ROLLBACK, {"app_name": "invoice"}),
    ("ledger하고 invoice 둘 중에 invoice만 재시작", Intent.RESTART, {"app_name": "invoice"}),
    # English: left alone, or a negative imperative joined after the request.
    ("roll back invoice but leave ledger alone", Intent.ROLLBACK, {"app_name": "invoice"}),
    ("restart invoice and leave the ledger app as is", Intent.RESTART, {"app_name": "invoice"}),
    ("restart invoice but don't touch ledger", Intent.RESTART, {"app_name": "invoice"}),
    ("scale invoice to 3 and never restart ledger", Intent.SCALE, {"app_name": "invoice", "replicas": 3}),
    # The app a withheld act was of is what the request after it points back at.
    ("don't scale ledger, just restart it", Intent.RESTART, {"app_name": "ledger"}),
    ("don't restart mailer-api and just show its logs", Intent.LOGS, {"app_name": "mailer-api"}),
]


@pytest.mark.parametrize(("text", "intent", "args"), _ONE_TARGET_LEFT)
def test_what_is_set_aside_or_left_alone_is_no_target(text: str, intent: Intent, args: dict[str, object]) -> None:
    reads_exactly(text, intent, args)
    assert interpret(text).interpretation.confidence < SKIP_CONFIDENCE, text


def test_a_pronoun_before_the_withheld_app_borrows_nothing() -> None:
    # "it" is said before the app the negation names: it points at nothing this sentence named.
    reads_exactly("restart it but don't delete ledger", Intent.RESTART, {}, missing=["target"])


_ANSWERED = [
    ("should we scale ledger to 3? yes please do", Intent.SCALE, {"app_name": "ledger", "replicas": 3}),
    ("should I roll back mailer-api? yep, go ahead", Intent.ROLLBACK, {"app_name": "mailer-api"}),
    ("ledger 롤백할까? 네 진행해줘", Intent.ROLLBACK, {"app_name": "ledger"}),
    # Answered no: what follows is asked, about what the question named.
    ("ledger 재시작할까? 아니, 상태만 보여줘", Intent.STATUS, {"app_name": "ledger"}),
    ("mailer-api 롤백할까? 아니 로그만 보자", Intent.LOGS, {"app_name": "mailer-api"}),
]


@pytest.mark.parametrize(("text", "intent", "args"), _ANSWERED)
def test_a_question_the_writer_answers_asks_for_the_answer(text: str, intent: Intent, args: dict[str, object]) -> None:
    reads_exactly(text, intent, args)


_REQUEST_ALONE = [
    # A fallback that gives up offers no second act.
    ("ledger-api 롤백해줘 실패하면 어쩔 수 없고", Intent.ROLLBACK, {"app_name": "ledger-api"}),
    ("ledger 재배포해 주세요. 안 되면 할 수 없죠", Intent.DEPLOY, {"app_name": "ledger"}),
    ("restart mailer-api, if that fails whatever", Intent.RESTART, {"app_name": "mailer-api"}),
    ("redeploy ledger; if it does not work, no problem", Intent.DEPLOY, {"app_name": "ledger"}),
    # A reminder of a change done (-잖아) before a read: the read, of the app reminded of.
    ("지난주에 ledger 롤백했잖아요, 상태 보여줘", Intent.STATUS, {"app_name": "ledger"}),
    # Someone's asking told, then "please do": what was asked.
    ("Mina asked us to restart ledger, please do", Intent.RESTART, {"app_name": "ledger"}),
    # A check mark closes its own line or sentence; the request after it stands.
    ("✔ 점검 끝\nledger 상태 보여줘", Intent.STATUS, {"app_name": "ledger"}),
    ("✅ 롤백 끝. ledger-api 로그 100줄 보여줘", Intent.LOGS, {"app_name": "ledger-api", "lines": 100}),
    # A possessive before many pods names whose they are.
    ("show me ledger's pods", Intent.STATUS, {"app_name": "ledger", "resource_type": "pod"}),
    ("get me pricing's pods please", Intent.STATUS, {"app_name": "pricing", "resource_type": "pod"}),
]


@pytest.mark.parametrize(("text", "intent", "args"), _REQUEST_ALONE)
def test_the_request_beside_a_remark_is_read_alone(text: str, intent: Intent, args: dict[str, object]) -> None:
    reads_exactly(text, intent, args)


_STILL_TWO_ACTS = [
    "ledger-api 롤백해 주세요, 안 되면 재시작이라도",
    "restart mailer-api; if that fails, roll it back",
    "ledger 랑 invoice 재시작해줘",
    "restart invoice and ledger",
]


@pytest.mark.parametrize("text", _STILL_TWO_ACTS)
def test_a_real_fallback_or_two_targets_are_still_two_acts(text: str) -> None:
    reads_exactly(text, Intent.AMBIGUOUS, {})


_NOTHING_ASKED = [
    "should we scale ledger to 3?",
    "Mina asked us to restart ledger",
    "✅ mailer-api 재시작\n☐ ledger 로그 보여줘",
    "ledger 재시작했잖아",
]


@pytest.mark.parametrize("text", _NOTHING_ASKED)
def test_questions_reports_and_checklists_alone_ask_nothing(text: str) -> None:
    reads_exactly(text, Intent.UNKNOWN, {})


_WIPES = ["ledger 다 밀어버려", "mailer 기록 전부 밀어줘", "invoice-api 로그 싹 다 밀어"]


@pytest.mark.parametrize("text", _WIPES)
def test_a_wipe_of_an_app_or_its_records_is_refused(text: str) -> None:
    result = interpret(text).interpretation
    assert result.intent is Intent.UNKNOWN and result.refused is not None, text


_PUSHES = ["운영에 전부 밀어버려", "새 릴리즈 다 밀어줘"]


@pytest.mark.parametrize("text", _PUSHES)
def test_a_push_is_no_wipe(text: str) -> None:
    result = interpret(text).interpretation
    assert result.refused is None, text


_ORDINARY = [
    ("invoice 재시작해줘", Intent.RESTART, {"app_name": "invoice"}),
    ("invoice 5개로 늘려줘", Intent.SCALE, {"app_name": "invoice", "replicas": 5}),
    ("roll back invoice", Intent.ROLLBACK, {"app_name": "invoice"}),
    ("ledger-api 롤백해줘", Intent.ROLLBACK, {"app_name": "ledger-api"}),
    ("ledger 상태 보여줘", Intent.STATUS, {"app_name": "ledger"}),
    ("mailer-api 로그 보여줘", Intent.LOGS, {"app_name": "mailer-api"}),
    (
        "is ledger-api's deployment healthy?",
        Intent.STATUS,
        {"deployment_name": "ledger-api", "resource_type": "deployment"},
    ),
]


@pytest.mark.parametrize(("text", "intent", "args"), _ORDINARY)
def test_ordinary_requests_nearby_read_as_before(text: str, intent: Intent, args: dict[str, object]) -> None:
    reads_exactly(text, intent, args)
