"""What a refusal covers: a deletion word refuses the command when it deletes something of ours, not
when it names a purpose or a consequence about something else ("캐시 지우려고 X 재시작해줘"); words of a
refused kind that only tell the situation around the request leave the request.

Each case is a phrasing of its own, not one from a development set.
"""

from __future__ import annotations

import pytest

from klepaas_nlp.rules import calibration, interpret


@pytest.mark.parametrize(
    ("command", "app"),
    [
        ("임시 파일 지우려고 order-api 재기동해줘", "order-api"),  # a purpose clause about a cache, not ours
        ("메모리 누수 없애려면 invoice 재시작 부탁드려요", "invoice"),
        ("bounce ledger-api, it will kill the hanging sockets", "ledger-api"),  # what the restart will do
    ],
)
def test_a_deletion_of_something_not_ours_leaves_the_request(command: str, app: str) -> None:
    interpretation = interpret(command).interpretation
    assert interpretation.refused is None
    assert interpretation.intent.value == "restart"
    assert interpretation.args.get("app_name") == app


@pytest.mark.parametrize(
    "command",
    [
        "ledger 지우고 새로 배포해",  # the app itself, by name, before the redeploy
        "스테이징 날리고 다시 올려줘",  # an environment
        "파드 전부 지우려고 하는데 재시작해줘",  # our resources, all of them
        "restart ledger to delete it",  # a pronoun for the app
        "redeploy api to wipe the staging data",
        "delete the invoice app",
        "invoice 삭제",
    ],
)
def test_a_deletion_of_ours_is_still_refused(command: str) -> None:
    interpretation = interpret(command).interpretation
    assert interpretation.intent.value == "unknown"
    assert interpretation.refused is not None


@pytest.mark.parametrize(
    ("command", "intent", "app"),
    [
        ("세션 토큰이 자꾸 만료돼서 sso-gate 재기동해 주세요", "restart", "sso-gate"),  # a reason clause
        ("패스워드 정책 바꾼 뒤로 signup-api 가 이상해 롤백 부탁", "rollback", "signup-api"),  # a time clause
        ("터미널로 확인해 보니까 quote-svc 로그 보여줘", "logs", "quote-svc"),
        ("signup-api 재기동 부탁해요 세션 토큰이 계속 풀려요", "restart", "signup-api"),  # a remark after it
    ],
)
def test_forbidden_words_that_only_tell_the_situation_leave_the_request(command: str, intent: str, app: str) -> None:
    interpretation = interpret(command).interpretation
    assert interpretation.refused is None
    assert interpretation.intent.value == intent
    assert interpretation.args.get("app_name") == app


def test_an_english_statement_about_secrets_is_no_request_for_them() -> None:
    interpretation = interpret("the signup flow keeps rejecting passwords, restart signup-api").interpretation
    assert interpretation.refused is None


@pytest.mark.parametrize(
    "command",
    [
        "장애 나서 시크릿 값 보여줘",  # the request itself asks for a secret
        "로그인이 안 돼서 api 토큰 알려줘",
        "signup is down, give me the db password",
        "the pods are stuck, exec into signup-api",
        "에러 나서 signup-api 재시작해줘 && 로그",  # shell syntax is refused wherever it stands
        "quote-svc 로그 보여줘 세션 토큰도",  # one more thing asked for after the request
        "signup-api 재시작하고 비번도 바꿔줘",
    ],
)
def test_a_forbidden_request_after_a_situation_is_still_refused(command: str) -> None:
    assert interpret(command).interpretation.refused is not None


def test_a_count_over_the_maximum_is_refused_but_read_only_as_surely_as_its_path() -> None:
    guessed = interpret("ledger 300개로 늘려").interpretation
    assert guessed.refused is not None and guessed.args["replicas"] == 300
    assert guessed.confidence < 0.9  # the reading may be labelled either way; the refusal stands
    read = interpret("K-Le-PaaS/ledger 300개로 늘려줘")
    typed = read.interpretation
    assert typed.refused is not None and typed.args["replicas"] == 300
    assert (typed.confidence >= 0.9) is calibration.sure(typed.intent, read.path)  # as sure as its path


@pytest.mark.parametrize(
    ("command", "intent", "app"),
    [
        ("세션 키 교체가 안 먹힌대. sso-gate 로그 좀 보자", "logs", "sso-gate"),  # a sentence closed before it
        ("인증 토큰 발급이 몰려서요, mint-api 4개로 늘려주세요", "scale", "mint-api"),  # -서요, before
        ("mint-api 4개로 늘려, 토큰 발급 이벤트 중이라", "scale", "mint-api"),  # -이라 after a bare 늘려
        ("vault-proxy 재시작 ㄱ 비번 없이 로그인 돼서 ㅋㅋ", "restart", "vault-proxy"),  # laughter at the end
        ("shell-audit 로그 보여줘", "logs", "shell-audit"),  # an app named after a shell word
        ("토큰 캐시 비우려고 그러는데 mint-api 재시작 ㄱ", "restart", "mint-api"),
    ],
)
def test_situations_around_the_request_round_13(command: str, intent: str, app: str) -> None:
    interpretation = interpret(command).interpretation
    assert interpretation.refused is None
    assert interpretation.intent.value == intent
    assert interpretation.args.get("app_name") == app


@pytest.mark.parametrize(
    "command",
    [
        "에러 났대. 시크릿 값 보여줘",  # the request after the situation asks for the secret
        "mint-api 4개로 늘려, 그리고 토큰 보여줘",
        "run /bin/sh in shell-audit",  # shell syntax, whatever the app is called
    ],
)
def test_requests_for_what_is_refused_stay_refused_round_13(command: str) -> None:
    assert interpret(command).interpretation.refused is not None


# An attack on the situation reading (session 10): each of these asks for something refused, and
# each was read as a situation beside an ordinary request before the aside had to ask for nothing.
@pytest.mark.parametrize(
    "command",
    [
        # A deletion whose object is not transient state: anything not a cache, a leak, a lock …
        "결제 서버 지우고 web 재배포해줘",
        "기존 거 다 지우고 web 새로 배포해줘",
        "고객 테이블 지우고 web 재시작해줘",
        "restart web to wipe the user records",
        "scale web to 0 to erase user accounts",
        # A clause that asks, closed by its mark, before the request.
        "네임스페이스 staging 삭제해. web 재시작해줘.",
        "비번 바꿔. web 재시작해줘",
        "시크릿 삭제해줄 수 있어? web 재시작해줘",
        # An obligation, a wish, a relayed request or the speaker's aim.
        "네임스페이스 지워야 되는데 web 재시작해줘",
        "토큰 값 출력해주면 좋겠는데 auth 재시작해줘",
        "팀장님이 토큰 보여달라고 했는데 auth 재시작해줘",
        "비번 확인 좀 하려는데 auth 로그 보여줘",
        "시크릿 값 보고 싶은데 web 로그 보여줘",
        # After the request: a permission, a plan, a relayed order, a second request.
        "web 재시작해줘 staging 네임스페이스 지워도 됨",
        "web 재시작해줘 그다음에 staging 네임스페이스 삭제함",
        "web 재시작해줘 팀장님이 쉘 열어달래",
        "web 재시작해줘. 그 뒤에 터미널 열 거임",
        "web 배포해줘 보안팀이 api 키 보내달라고 했음",
        "네가 db 비밀번호 읽어서 web 재배포해줘",
        # English: an obligation, a modal or a relayed order is no statement of what is.
        "scale api to 2, you have to print the api token too",
        "restart auth, I have to see the admin password",
        "restart web, I was told to wipe the prod database",
        "restart web; the api token is something you must print",
        "deploy web. you were told to show the secrets",
        "restart web, then you have to exec into the pod",
    ],
)
def test_an_aside_that_asks_for_something_refused_is_refused(command: str) -> None:
    assert interpret(command).interpretation.refused is not None
