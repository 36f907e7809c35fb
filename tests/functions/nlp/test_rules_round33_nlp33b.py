"""Round 33 (nlp33b): commands copied from a team chat, read through their code spans, pasted kubectl lines, links
and quoted messages. A code span is markdown, never a shell's syntax: its marks alone earn no refusal, a span that
holds kubectl's verb for an act ("`rollout restart`") is the sentence's own word, and a kubectl line with a bare
request after it ("결과 보여줘", "해줘", "equivalent pls") asks what the line does. A link given for reference (in
brackets, or as a labelled line after the request) is no target and changes no act. A quoted earlier message ("> …",
a thread reply's "↪ re: …") asks nothing now, and lends a read the target it names."""

from __future__ import annotations

import pytest

from klepaas_nlp.intents import Intent
from klepaas_nlp.rules import interpret

from .readings import reads_exactly

_KUBECTL_WITH_A_REQUEST = [
    # A kubectl line quoted as code, its output asked for: the read the line makes.
    ("`kubectl get deploy -n payroll` 결과 좀 보여 주세요", Intent.LIST_DEPLOYMENTS, {"namespace": "payroll"}),
    ("`kubectl get svc -n storefront` output pls", Intent.LIST_SERVICES, {"namespace": "storefront"}),
    ("`kubectl describe svc quote-engine` 결과 알려줘", Intent.GET_SERVICE, {"service_name": "quote-engine"}),
    # The same line typed without marks, the bare request after it in Korean.
    ("kubectl get po -n warehouse 결과 보여줘", Intent.LIST_PODS, {"namespace": "warehouse"}),
    ("k get svc -n warehouse 해줘", Intent.LIST_SERVICES, {"namespace": "warehouse"}),
    (
        "kubectl logs quote-engine-5d8f --tail=30 결과 보여줘",
        Intent.LOGS,
        {"pod_name": "quote-engine-5d8f", "lines": 30},
    ),
    # "the equivalent": what the line would do, done here; a question after it that asks the same.
    ("`kubectl get ns` equivalent please", Intent.LIST_NAMESPACES, {}),
    ("`kubectl get deploy` equivalent pls - which deployments do we have?", Intent.LIST_DEPLOYMENTS, {}),
    (
        "`kubectl scale deploy/quote-engine --replicas=4` equivalent please",
        Intent.SCALE,
        {"app_name": "quote-engine", "replicas": 4},
    ),
    ("`kubectl rollout undo deploy/quote-engine` 해줘", Intent.ROLLBACK, {"app_name": "quote-engine"}),
    # The line typed bare in English, the bare request after it; a Korean "show" or "run" of a quoted line.
    ("kubectl get deploy equivalent please", Intent.LIST_DEPLOYMENTS, {}),
    ("k get po -n warehouse - output pls", Intent.LIST_PODS, {"namespace": "warehouse"}),
    ("`kubectl get svc -n payroll` 보여줘", Intent.LIST_SERVICES, {"namespace": "payroll"}),
    ("`kubectl get po -n payroll` 돌려봐 줘", Intent.LIST_PODS, {"namespace": "payroll"}),
    ("run `kubectl get po -n payroll` for me", Intent.LIST_PODS, {"namespace": "payroll"}),
    # The line in code is the whole message; a bare request to run it before it; "이거 좀", "결과 공유".
    ("`kubectl get deploy -n payroll`", Intent.LIST_DEPLOYMENTS, {"namespace": "payroll"}),
    ("`kubectl logs deploy/quote-engine`", Intent.LOGS, {"app_name": "quote-engine"}),
    ("pls run kubectl get svc -n payroll", Intent.LIST_SERVICES, {"namespace": "payroll"}),
    ("could you run `kubectl get po -n payroll`?", Intent.LIST_PODS, {"namespace": "payroll"}),
    ("`kubectl rollout restart deploy/quote-engine` 이거 좀", Intent.RESTART, {"app_name": "quote-engine"}),
    ("kubectl get svc -n payroll 결과 공유 부탁드립니다", Intent.LIST_SERVICES, {"namespace": "payroll"}),
    # A fence's language tag is no word of the command.
    ("```bash\nkubectl get pods -n payroll\n```\n결과 보여줘", Intent.LIST_PODS, {"namespace": "payroll"}),
]


@pytest.mark.parametrize(("text", "intent", "args"), _KUBECTL_WITH_A_REQUEST)
def test_a_kubectl_line_with_a_bare_request_asks_what_the_line_does(
    text: str, intent: Intent, args: dict[str, object]
) -> None:
    reads_exactly(text, intent, args)
    assert interpret(text).interpretation.confidence < 0.9


_THE_TOOLS_VERB = [
    ("quote-engine `rollout restart` 부탁해요", Intent.RESTART, {"app_name": "quote-engine"}),
    ("payroll-api `rollout undo` 해주세요", Intent.ROLLBACK, {"app_name": "payroll-api"}),
    ("payroll-api `scale` 5개로 해줘", Intent.SCALE, {"app_name": "payroll-api", "replicas": 5}),
    ("please `rollout restart` payroll-api", Intent.RESTART, {"app_name": "payroll-api"}),
    # One word in code is the user's word too: a place, an act.
    (
        "deploy `Lumen-Works/payroll-api` to `staging`",
        Intent.DEPLOY,
        {"github_owner": "Lumen-Works", "github_repo": "payroll-api", "environment": "staging"},
    ),
    ("payroll-api `운영`에 배포 부탁해요", Intent.DEPLOY, {"app_name": "payroll-api", "environment": "production"}),
    ("payroll-api `restart` 부탁드려요", Intent.RESTART, {"app_name": "payroll-api"}),
]


@pytest.mark.parametrize(("text", "intent", "args"), _THE_TOOLS_VERB)
def test_kubectl_s_verb_in_a_code_span_is_the_sentence_s_own_word(
    text: str, intent: Intent, args: dict[str, object]
) -> None:
    reads_exactly(text, intent, args)


_NOTHING_ASKED = [
    # The output of a change is asked: what the change led to, no change and no read it names.
    "kubectl rollout restart deploy/payroll-api 결과 보여줘",
    "`kubectl rollout undo deploy/payroll-api` 결과 보여줘",
    # A kubectl line in a sentence that does not ask for it: its words after the line are no name of kubectl's.
    "kubectl rollout restart deploy/payroll-api 하지 마세요",
    "kubectl rollout undo deploy/payroll-api 는 내일 할게요",
    # Code spans asked about, told as done, or pasted alone.
    "what does `rollout undo` do?",
    "`rollout restart` 했는데 payroll-api 아직 이상해",
    "`kubectl get pods` 왜 안 나와?",
    "```sh\nls -la\n```",
    # A command told as tried inside a fence: a story, never run.
    "```\nkubectl rollout undo deploy/payroll-api 했다가 실패함\n```",
    "`echo hello`",
]


@pytest.mark.parametrize("text", _NOTHING_ASKED)
def test_a_code_span_or_kubectl_line_that_is_not_asked_for_asks_nothing(text: str) -> None:
    got = interpret(text).interpretation
    assert got.intent in (Intent.UNKNOWN, Intent.STATUS), (text, got.intent, got.args)
    assert got.refused is None
    assert got.confidence < 0.9


_STILL_REFUSED = [
    "`kubectl exec -it payroll-api-0 -- sh` 해줘",
    "`kubectl delete deploy/payroll-api` equivalent pls",
    "```\nrm -rf /var/lib\n```",
]


@pytest.mark.parametrize("text", _STILL_REFUSED)
def test_what_a_code_span_holds_is_still_refused(text: str) -> None:
    assert interpret(text).interpretation.refused is not None


_LINKS = [
    (
        "quote-engine 접속 URL 알려주세요 (참고 대시보드: https://grafana.corp.example/d/qe-overview)",
        Intent.ENDPOINT,
        {"app_name": "quote-engine"},
    ),
    (
        "quote-engine 접속 URL 알려주세요.\n참고 링크: https://wiki.corp.example/ops/quote-engine",
        Intent.ENDPOINT,
        {"app_name": "quote-engine"},
    ),
    (
        "restart payroll-api please (dashboard: https://grafana.corp.example/d/payroll)",
        Intent.RESTART,
        {"app_name": "payroll-api"},
    ),
    (
        "payroll-api 로그 보여줘 (see https://kibana.corp.example/app/discover)",
        Intent.LOGS,
        {"app_name": "payroll-api"},
    ),
    # A GitHub repository's URL is what the command acts on.
    (
        "deploy https://github.com/Lumen-Works/payroll-api to staging",
        Intent.DEPLOY,
        {"github_owner": "Lumen-Works", "github_repo": "payroll-api", "environment": "staging"},
    ),
    (
        "https://github.com/Lumen-Works/payroll-api/commit/4be9c01 로 롤백해줘",
        Intent.ROLLBACK,
        {"github_owner": "Lumen-Works", "github_repo": "payroll-api", "target_commit_sha": "4be9c01"},
    ),
]


_COMMIT_PAGES_AS_LANDMARKS = [
    "https://github.com/Lumen-Works/payroll-api/commit/4be9c01 이 커밋 이전으로 롤백해줘",
    "https://github.com/Lumen-Works/payroll-api/commit/4be9c01 가 망가뜨렸어요, 롤백 부탁",
    "roll back to before https://github.com/Lumen-Works/payroll-api/commit/4be9c01",
]


@pytest.mark.parametrize("text", _COMMIT_PAGES_AS_LANDMARKS)
def test_a_commit_page_named_as_a_landmark_asks_which_commit(text: str) -> None:
    reads_exactly(
        text, Intent.ROLLBACK, {"github_owner": "Lumen-Works", "github_repo": "payroll-api"}, ["target_commit_sha"]
    )


@pytest.mark.parametrize(("text", "intent", "args"), _LINKS)
def test_a_link_given_for_reference_is_no_target(text: str, intent: Intent, args: dict[str, object]) -> None:
    reads_exactly(text, intent, args)


def test_a_link_alone_asks_nothing() -> None:
    reads_exactly("(참고: https://grafana.corp.example/d/qe-overview)", Intent.UNKNOWN, {})


_IMAGES = [
    (
        "quote-engine 운영에 올려 주세요. 이미지는 `ghcr.io/lumen/quote-engine:5.2.0` 입니다",
        {"app_name": "quote-engine", "environment": "production", "image": "ghcr.io/lumen/quote-engine:5.2.0"},
    ),
    (
        "please deploy quote-engine to staging. The image is ghcr.io/lumen/quote-engine:5.2.0.",
        {"app_name": "quote-engine", "environment": "staging", "image": "ghcr.io/lumen/quote-engine:5.2.0"},
    ),
    # A tag never ends with a dot: the full stop after it ends the sentence.
    (
        "deploy quote-engine with image ghcr.io/lumen/quote-engine:5.2.0.",
        {"app_name": "quote-engine", "image": "ghcr.io/lumen/quote-engine:5.2.0"},
    ),
]


@pytest.mark.parametrize(("text", "args"), _IMAGES)
def test_an_image_told_beside_a_deploy_is_its_image(text: str, args: dict[str, object]) -> None:
    reads_exactly(text, Intent.DEPLOY, args)


def test_an_image_told_beside_another_change_makes_no_deploy() -> None:
    reads_exactly(
        "quote-engine:5.2.0 이미지로 배포됐어요. quote-engine 재시작해 주세요",
        Intent.RESTART,
        {"app_name": "quote-engine"},
    )


_QUOTED = [
    # The request is what the sender writes; the quoted message names what it is about, lent to a read.
    ("> restart payroll-api\nactually, just show me its status", Intent.STATUS, {"app_name": "payroll-api"}),
    ("> payroll-api 롤백할까요?\n아니요, 로그만 보여 주세요", Intent.LOGS, {"app_name": "payroll-api"}),
    ("↪ re: quote-engine 응답 느림\nledger-api 재시작 부탁드려요", Intent.RESTART, {"app_name": "ledger-api"}),
    # A bare "proceed" to a quoted request asks for it.
    ("> payroll-api 재시작해줘\n진행해 주세요", Intent.RESTART, {"app_name": "payroll-api"}),
    ("↪ re: payroll-api 재시작 건\n진행 부탁드립니다", Intent.RESTART, {"app_name": "payroll-api"}),
    ("> roll back payroll-api\ngo ahead", Intent.ROLLBACK, {"app_name": "payroll-api"}),
    (">>> payroll-api 재시작해줘\n이거 부탁드려요", Intent.RESTART, {"app_name": "payroll-api"}),
    ("↪ re: quote-engine 장애\n로그 30줄 보여주세요", Intent.LOGS, {"app_name": "quote-engine", "lines": 30}),
]


@pytest.mark.parametrize(("text", "intent", "args"), _QUOTED)
def test_the_request_is_the_sender_s_and_the_quote_is_its_context(
    text: str, intent: Intent, args: dict[str, object]
) -> None:
    reads_exactly(text, intent, args)
    assert interpret(text).interpretation.confidence < 0.9


_QUOTE_ONLY = [
    "↪ re: quote-engine 4개로 늘려주세요\n확인했습니다",
    "> payroll-api 재시작해 주세요\n완료했어요 👍",
    "> restart payroll-api please\nthanks, that fixed it",
    "> payroll-api 재시작해줘\n저는 반대예요",
]


@pytest.mark.parametrize("text", _QUOTE_ONLY)
def test_a_request_only_inside_the_quote_asks_nothing_new(text: str) -> None:
    reads_exactly(text, Intent.UNKNOWN, {})


_CHANGE_NOT_LENT = [
    # The quote lends no target to a change: "another one" or an elided target is asked for.
    ("> payroll-api 재시작해줘\n아 잠깐, 그거 말고 다른 거 재시작해야 해", Intent.RESTART),
    ("> payroll-api 로그 봤는데 이상해요\n재시작해 주세요", Intent.RESTART),
    ("↪ re: quote-engine 스케일 아웃\n5개로 부탁해요", Intent.SCALE),
]


@pytest.mark.parametrize(("text", "intent"), _CHANGE_NOT_LENT)
def test_a_quoted_message_lends_no_target_to_a_change(text: str, intent: Intent) -> None:
    got = interpret(text).interpretation
    assert got.intent is intent
    assert "app_name" not in got.args
    assert "target" in got.missing


def test_a_thread_reply_on_one_line_still_reads_its_topic() -> None:
    reads_exactly("↪ re: payroll-api 재시작 건 — 진행해 주세요", Intent.RESTART, {"app_name": "payroll-api"})
