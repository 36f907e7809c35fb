"""Journeys 3–7, 13 and 14 (FRONTEND_API §5): read commands in Korean, answered at once."""

from __future__ import annotations

from typing import Any

from .conftest import Chat

CATEGORY_KEYS = {"category", "icon", "commands"}
COMMAND_KEYS = {"name", "name_ko", "desc", "example"}


def _result(answer: dict[str, Any], kind: str) -> dict[str, Any]:
    assert answer["requires_confirmation"] is False and answer["pending_action"] is None, answer
    result: dict[str, Any] = answer["result"]
    assert result["type"] == kind, result
    assert isinstance(result["summary"], str) and isinstance(result["message"], str)
    return result


def test_journey_03_help_lists_the_commands_by_category(chat: Chat) -> None:
    answer = chat.say("명령어 목록 보여줘")
    assert answer["message"]
    result = _result(answer, "list_commands")
    formatted = result["data"]["formatted"]
    assert formatted["categories"] and isinstance(formatted["help_text"], list)
    for category in formatted["categories"]:
        assert category.keys() >= CATEGORY_KEYS and category["commands"]
        assert all(command.keys() >= COMMAND_KEYS for command in category["commands"])
    assert formatted["total_commands"] == result["metadata"]["total_commands"]
    assert result["metadata"]["category_count"] == len(formatted["categories"])


def test_journey_04_pod_list_counts_and_rows(chat: Chat) -> None:
    chat.say("명령어 목록 보여줘")
    result = _result(chat.say("파드 목록 보여줘"), "list_pods")
    rows = result["data"]["formatted"]
    assert isinstance(rows, list) and rows
    running = [r for r in rows if r["status"] == "Running"]
    assert running and running[0]["ready"] == "1/1" and running[0]["restarts"] == 0
    assert {"name", "status", "ready", "restarts", "age", "node", "namespace"} <= rows[0].keys()
    meta = result["metadata"]
    assert meta["namespace"] == "default" and meta["total"] == len(rows)
    assert meta["running"] + meta["pending"] + meta["failed"] <= meta["total"]


def test_journey_05_deployment_service_and_namespace_lists(chat: Chat) -> None:
    deployments = _result(chat.say("디플로이먼트 목록 보여줘"), "list_deployments")
    assert deployments["message"]
    rows = deployments["data"]["formatted"]
    assert rows and all(isinstance(r["ready"], str) and "/" in r["ready"] for r in rows)
    services = _result(chat.say("service 목록 보여줘"), "list_services")
    assert services["message"]
    assert all(
        {"name", "namespace", "type", "cluster_ip", "external_ip"} <= r.keys() for r in services["data"]["formatted"]
    )
    namespaces = _result(chat.say("네임스페이스 목록"), "list_namespaces")
    assert namespaces["message"]
    assert any(r["name"] == "default" and isinstance(r["status"], str) for r in namespaces["data"]["formatted"])


def test_journey_06_ingress_and_endpoint_lists(chat: Chat) -> None:
    ingresses = _result(chat.say("접속 주소 목록 보여줘"), "list_ingresses")
    rows = ingresses["data"]["formatted"]
    # The seeded ingress of test01 (a deploy in another journey may have added one of its own).
    test01 = next(
        r
        for r in rows
        if r["service_name"] == "k-le-paas-test01-svc"
        and r["urls"]
        and r["urls"][0].endswith("k-le-paas-test01.klepaas.app")
    )
    assert {"name", "namespace", "has_tls", "port", "path"} <= test01.keys()
    endpoints = _result(chat.say("엔드포인트 목록 보여줘"), "list_endpoints")
    assert endpoints["metadata"]["namespace"] == "default"
    for row in endpoints["data"]["formatted"]:
        assert {"service_name", "service_type", "cluster_ip", "service_endpoint", "external_access"} <= row.keys()
        assert isinstance(row["ports"], list) and isinstance(row["ingress_domains"], list)
        assert all({"port", "target_port", "protocol"} <= p.keys() for p in row["ports"])


def test_journey_07_cluster_overview_has_the_cluster_section(chat: Chat) -> None:
    result = _result(chat.say("전체적인 상황 보여줘"), "overview")
    sections = result["data"]["formatted"]["report_sections"]
    info = next(s for s in sections if s["type"] == "cluster_info")
    assert info["title"] and info["data"]["cluster_name"]
    assert info["data"]["total_nodes"] == len(info["data"]["nodes"]) >= 1
    assert all(node["name"] and node["status"] == "Ready" for node in info["data"]["nodes"])


def test_journey_13_pod_status_and_logs(chat: Chat) -> None:
    status = _result(chat.say("nginx pod 상태 확인해줘"), "pod_status")
    formatted = status["data"]["formatted"]
    if formatted.get("error"):
        assert "\n" in formatted["message"]
    else:
        assert formatted["total_pods"] >= 1 and formatted["running"] >= 1
        assert {"namespace", "label_selector", "pending", "failed", "pods", "problem_pods"} <= formatted.keys()
        assert status["metadata"]["is_healthy"] is True
    logs = _result(chat.say("frontend-app pod 로그 50줄 보여줘"), "logs")
    assert logs["message"]
    lines = logs["data"]["formatted"]
    assert lines["pod_name"].startswith("frontend-app") and lines["namespace"] == "default"
    assert lines["lines"] == 50 and isinstance(lines["log_lines"], list)
    assert lines["total_lines"] == len(lines["log_lines"]) <= 50


def test_journey_14_unknown_command_offers_suggestions(chat: Chat) -> None:
    answer = chat.say("오늘 점심 뭐 먹지")
    result = _result(answer, "unknown")
    formatted = result["data"]["formatted"]
    assert formatted["command"] == "오늘 점심 뭐 먹지"
    assert formatted["suggestions"] and all(isinstance(s, str) for s in formatted["suggestions"])


def test_the_status_of_an_unknown_app_reads_as_text_in_the_renderer_and_as_html_in_the_bubble(chat: Chat) -> None:
    """Walked in the real console: the status card showed `check the name with &#x27;list pods&#x27;`.
    The renderers show `result.message` and `formatted.*` as React text; only the bubble is HTML."""
    answer = chat.say("payments 상태 보여줘")
    status = _result(answer, "pod_status")
    formatted = status["data"]["formatted"]
    assert formatted["error"] is True
    headline, *_, hint = formatted["message"].split("\n")
    # The hint the card offers to copy, as typed, in the language of the command (round 5: it was English).
    assert "payments" in headline and "'파드 목록 보여줘'" in hint
    assert "&#x27;" not in formatted["message"] and "&#x27;" not in status["message"]
    assert answer["message"] == headline  # no markup in it, so the bubble's HTML is the same text


def test_a_reloaded_chat_shows_what_was_typed_as_text_never_as_markup(chat: Chat) -> None:
    """The chat renders every history row as HTML (innerHTML): a user row comes back escaped from
    conversation-history (walked: `<img onerror=...>` ran on reload), and as typed from /nlp/history,
    which the dashboard shows as text."""
    typed = '<img src=x onerror="alert(1)"> 파드 목록 보여줘'
    chat.say(typed)
    console = chat.console
    mine: list[dict[str, Any]] = []
    for offset in range(0, 1000, 50):  # newest page first, each oldest-first: other journeys may come after
        page = console.ok(console.get("/api/v1/nlp/conversation-history", limit=50, offset=offset, t=1))
        mine += [row for row in page if row["session_id"] == chat.session_id]
        if len(page) < 50:
            break
    asked, answered = mine[0], mine[1]
    assert asked["tool"] == "user_message"
    assert asked["command_text"] == "&lt;img src=x onerror=&quot;alert(1)&quot;&gt; 파드 목록 보여줘"
    assert "<" not in answered["command_text"]  # the answer's bubble, as it was sent
    recent = console.ok(console.get("/api/v1/nlp/history", limit=50, offset=0, t=1))
    assert typed in [row["command_text"] for row in recent if row["tool"] == "user_message"]
