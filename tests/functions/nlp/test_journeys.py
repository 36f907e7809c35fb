"""Console journeys 6, 7, 11, 12 and 13 of FRONTEND_API §5: the nlp function talking over HTTP to the
real deploy function (served in-process on a local port) on a Kubernetes API stand-in."""

from __future__ import annotations

import html
import json
import os
import threading
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import functions_framework
import pytest
from flask.testing import FlaskClient
from werkzeug.serving import make_server

from klepaas_deploy import settings
from klepaas_deploy.cluster import kube, targets
from klepaas_deploy.operations import deploying
from klepaas_fakes.env import klepaas_env
from klepaas_fakes.kube import KubeStandIn
from klepaas_nlp import deploy_client
from klepaas_nlp.settings import settings as nlp_settings
from klepaas_shared.store import get_store

ROOT = Path(__file__).resolve().parents[3]
HOST_APP = "k-le-paas-test01"


def _reset() -> None:
    settings.deploy_settings.cache_clear()
    targets.target.cache_clear()
    kube.kube_of.cache_clear()
    deploying.default_pipeline.cache_clear()
    nlp_settings.cache_clear()


@pytest.fixture
def cluster(tmp_path: Path) -> Iterator[KubeStandIn]:
    """A cluster with the test01 app, and the deploy function serving the operations API on a local port."""
    deploy_app = functions_framework.create_app(target="deploy_http", source=str(ROOT / "functions/deploy/main.py"))
    server = make_server("127.0.0.1", 0, deploy_app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    with KubeStandIn(tick_interval_s=0.02) as standin:
        env = {
            "KLEPAAS_NKS_KUBECONFIG": str(standin.write_kubeconfig(tmp_path / "kubeconfig")),
            "KLEPAAS_API_BASE_URL": f"http://127.0.0.1:{server.server_port}",
            "KLEPAAS_ROLLOUT_WATCH_S": "5",
            "KLEPAAS_KUBE_TIMEOUT_S": "2",
        }
        with klepaas_env(env):
            _reset()
            deploy_client.use(None)
            seed = standin.seed
            seed.app("default", HOST_APP, "registry.example/test01:v1", host="app.klepaas.app", tls=True)
            seed.app("default", "frontend-app", "registry.example/frontend:v1", ingress=False)
            standin.set_app_log("default", "frontend-app", "\n".join(f"line {n}" for n in range(1, 81)))
            yield standin
            _reset()
        assert standin.internal_errors == []
    server.shutdown()
    thread.join(timeout=5)


@pytest.fixture
def chat(cluster: KubeStandIn, auth_headers: dict[str, str]) -> Callable[..., dict[str, Any]]:
    client: FlaskClient = functions_framework.create_app(
        target="nlp_http", source=str(ROOT / "functions/nlp/main.py")
    ).test_client()

    def send(path: str, body: dict[str, Any]) -> dict[str, Any]:
        response = client.post(path, json={**body, "user_id": "user-1"}, headers=auth_headers)
        assert response.status_code == 200, response.get_data(as_text=True)
        reply: dict[str, Any] = response.get_json()
        return reply

    return send


def say(chat: Callable[..., dict[str, Any]], command: str) -> dict[str, Any]:
    return chat(
        "/api/v1/nlp/conversation", {"command": command, "session_id": "journey", "timestamp": "2025-01-01T00:00:00Z"}
    )


def confirm(chat: Callable[..., dict[str, Any]]) -> dict[str, Any]:
    return chat("/api/v1/nlp/confirm", {"session_id": "journey", "confirmed": True})


def test_journey_6_ingress_list_has_clickable_urls(chat: Callable[..., dict[str, Any]]) -> None:
    reply = say(chat, "접속 주소 목록 보여줘")
    assert reply["requires_confirmation"] is False and reply["pending_action"] is None
    result = reply["result"]
    assert result["type"] == "list_ingresses" and result["message"] and result["summary"]
    row = result["data"]["formatted"][0]
    assert {k: row[k] for k in ("name", "namespace", "service_name", "has_tls", "port", "path", "urls")} == {
        "name": f"{HOST_APP}-ingress",
        "namespace": "default",
        "service_name": f"{HOST_APP}-svc",
        "has_tls": True,
        "port": 80,
        "path": "/",
        "urls": ["https://app.klepaas.app"],
    }


def test_journey_6_endpoint_list_has_ports_and_ingress_domains(chat: Callable[..., dict[str, Any]]) -> None:
    result = say(chat, "엔드포인트 목록 보여줘")["result"]
    assert result["type"] == "list_endpoints" and result["metadata"]["namespace"] == "default"
    rows = {row["service_name"]: row for row in result["data"]["formatted"]}
    row = rows[f"{HOST_APP}-svc"]
    assert set(row) == {
        "service_name",
        "service_type",
        "cluster_ip",
        "ports",
        "service_endpoint",
        "ingress_domains",
        "external_access",
    }
    assert row["service_type"] == "ClusterIP" and isinstance(row["cluster_ip"], str)
    assert row["ports"] == [{"port": 80, "target_port": 8080, "protocol": "TCP"}]
    assert row["service_endpoint"] == f"{HOST_APP}-svc.default.svc.cluster.local:80"
    assert row["ingress_domains"] == [{"domain": "app.klepaas.app", "path": "/", "ingress_name": f"{HOST_APP}-ingress"}]
    assert row["external_access"] is None
    assert rows["frontend-app-svc"]["ingress_domains"] == []


def test_journey_7_overview_reports_the_cluster_and_its_sections(chat: Callable[..., dict[str, Any]]) -> None:
    result = say(chat, "전체적인 상황 보여줘")["result"]
    assert result["type"] == "overview"
    sections = {section["type"]: section for section in result["data"]["formatted"]["report_sections"]}
    info = sections["cluster_info"]
    assert info["title"] and info["data"]["total_nodes"] == 1 and info["data"]["cluster_name"]
    assert info["data"]["nodes"] == [{"name": "standin-node-1", "status": "Ready"}]
    assert sections["critical"]["items"] == [] and sections["warning"]["items"] == []
    assert {"namespace": "default", "deployments": 2, "pods": 2} in sections["workloads"]["data"]
    assert sections["external_services"]["data"] == {"load_balancer": [], "node_port": []}


def test_journey_11_deploy_via_chat_waits_for_confirmation_then_queues_the_build(
    chat: Callable[..., dict[str, Any]],
) -> None:
    pending = say(chat, "K-Le-PaaS/test01 배포해줘")
    action = pending["pending_action"]
    assert pending["requires_confirmation"] is True and pending["result"] is None
    assert (action["type"], action["parsed_intent"], action["risk_level"]) == ("deploy", "deploy", "MEDIUM")
    assert action["parameters"] == {"github_owner": "K-Le-PaaS", "github_repo": "test01"}
    cost = pending["cost_estimate"]
    assert cost["currency"] == "KRW" and cost["period"] == "1개월" and cost["current_cost"] > 0
    assert cost["estimated_cost"] == cost["current_cost"] and cost["savings"] == 0  # a new image, same requests
    assert get_store().query("deployments") == []

    done = confirm(chat)
    result = done["result"]
    assert done["status"] == "completed" and done["message"]
    assert result["type"] in ("deploy", "deploy_github_repository")
    formatted = result["data"]["formatted"]
    assert set(formatted) == {"status", "message", "repository", "branch", "commit", "deployment_status"}
    assert (formatted["repository"], formatted["branch"]) == ("K-Le-PaaS/test01", "main")
    assert set(formatted["commit"]) == {"sha", "message", "author", "url"}
    assert all(isinstance(value, str) for value in formatted["commit"].values())
    # still building when the confirm's window closed: running (not success), with its deployment id
    # the card prints deployment_status as it comes, in a Korean console: where the deploy stands, in Korean
    assert formatted["deployment_status"] == "빌드 대기 중" and formatted["status"] == "running"
    [deployment] = [doc.data for doc in get_store().query("deployments")]
    assert (deployment["owner"], deployment["repo"], deployment["status"]) == ("K-Le-PaaS", "test01", "running")
    assert f"deployment #{deployment['id']}" in formatted["message"] and "진행 중" in done["message"]
    assert done["message"].startswith("K-Le-PaaS/test01 배포를 시작했습니다.")  # Korean, not deploy's English line


def test_journey_12_restart_via_chat_rolls_the_deployment(chat: Callable[..., dict[str, Any]], cluster) -> None:
    pending = say(chat, "K-Le-PaaS/test01 재시작해줘")
    assert pending["pending_action"]["type"] == "restart" and pending["pending_action"]["risk_level"] == "MEDIUM"
    cost = pending["cost_estimate"]
    assert cost["estimated_cost"] == cost["current_cost"] > 0 and cost["savings"] == 0

    result = confirm(chat)["result"]
    assert result["type"] == "restart" and result["summary"]
    formatted = result["data"]["formatted"]
    assert {k: formatted[k] for k in ("repository", "deployment", "owner", "repo", "namespace", "status")} == {
        "repository": "K-Le-PaaS/test01",
        "deployment": HOST_APP,
        "owner": "K-Le-PaaS",
        "repo": "test01",
        "namespace": "default",
        "status": "success",
    }
    assert formatted["message"] and formatted["timestamp"].endswith(" KST")  # printed as it comes, read in Korea
    template = cluster.get("deployments", "default", HOST_APP)["spec"]["template"]
    assert template["metadata"]["annotations"]


def test_journey_13_pod_status_in_normal_form(chat: Callable[..., dict[str, Any]]) -> None:
    result = say(chat, "frontend-app pod 상태 확인해줘")["result"]
    assert result["type"] == "pod_status"
    formatted = result["data"]["formatted"]
    assert {"namespace", "label_selector", "total_pods", "running", "pending", "failed", "pods"} <= set(formatted)
    assert (formatted["total_pods"], formatted["running"], formatted["failed"]) == (1, 1, 0)
    assert set(formatted["pods"][0]) >= {"name", "phase", "ready", "restarts", "node"}
    assert result["metadata"]["is_healthy"] is True


def test_journey_13_pod_status_of_a_missing_app_is_the_error_form(chat: Callable[..., dict[str, Any]]) -> None:
    reply = say(chat, "nginx pod 상태 확인해줘")
    result = reply["result"]
    assert result["type"] == "pod_status" and result["metadata"]["is_healthy"] is False
    formatted = result["data"]["formatted"]
    assert formatted["error"] is True
    lines = formatted["message"].split("\n")
    assert len(lines) >= 2 and "nginx" in lines[0]


def test_a_missing_app_is_reported_in_the_language_of_the_command(chat: Callable[..., dict[str, Any]]) -> None:
    """Deploy says "no pod payments ..." in English; a Korean chat hears it in Korean, with the
    command that lists the pods as the card's hint, and an English chat keeps deploy's words."""
    korean = say(chat, "payments 상태 보여줘")
    headline, *_, hint = korean["result"]["data"]["formatted"]["message"].split("\n")
    assert "payments" in headline and "찾을 수 없습니다" in headline and "'파드 목록 보여줘'" in hint
    assert korean["message"] == headline and "no pod" not in korean["message"]
    logs = say(chat, "payments 로그 보여줘")
    assert logs["result"]["type"] == "error" and "payments" in logs["message"] and "no pod" not in logs["message"]
    english = say(chat, "show the status of payments")
    assert english["message"].startswith("no pod payments")


def test_journey_13_logs_answer_the_last_50_lines(chat: Callable[..., dict[str, Any]]) -> None:
    result = say(chat, "frontend-app pod 로그 50줄 보여줘")["result"]
    assert result["type"] == "logs" and result["message"]
    formatted = result["data"]["formatted"]
    assert formatted["pod_name"].startswith("frontend-app-") and formatted["namespace"] == "default"
    assert formatted["lines"] == 50 and formatted["total_lines"] == 50
    assert formatted["log_lines"] == [f"line {n}" for n in range(31, 81)]


def test_a_chat_restart_of_someone_elses_project_is_refused_in_korean_and_english(
    cluster: KubeStandIn, make_token: Callable[..., str]
) -> None:
    from klepaas_shared.projects import ProjectRepository, repository_id
    from klepaas_shared.store import get_store

    ProjectRepository(get_store()).claim(
        repository_id("K-Le-PaaS", "test01"), "repository", "K-Le-PaaS/test01", "alice"
    )
    client: FlaskClient = functions_framework.create_app(
        target="nlp_http", source=str(ROOT / "functions/nlp/main.py")
    ).test_client()
    mallory = {"Authorization": f"Bearer {make_token(scopes=('read', 'deploy:execute'), sub='mallory')}"}
    body = {"command": "K-Le-PaaS/test01 재시작해줘", "session_id": "attack", "timestamp": "2025-01-01T00:00:00Z"}
    answer = client.post("/api/v1/nlp/conversation", json=body, headers=mallory).get_json()
    # refused before the question: nothing to confirm
    assert answer["requires_confirmation"] is False and answer["pending_action"] is None, answer
    assert answer["state"] == "refused" and answer["result"]["type"] == "error"
    # Said in the command's language alone.
    assert "구성원이 아닙니다" in answer["message"] and "not a member" not in answer["message"]
    english = {**body, "command": "restart K-Le-PaaS/test01", "session_id": "attack-en"}
    said = client.post("/api/v1/nlp/conversation", json=english, headers=mallory).get_json()["message"]
    assert "not a member" in said and "구성원" not in said
    reply = client.post("/api/v1/nlp/confirm", json={"session_id": "attack", "confirmed": True}, headers=mallory)
    assert reply.status_code == 409
    template = cluster.get("deployments", "default", HOST_APP)["spec"]["template"]
    assert not (template.get("metadata") or {}).get("annotations")


@pytest.mark.parametrize(
    "command",
    [
        "kube-system 네임스페이스의 coredns를 0개로 스케일해줘",
        "scale coredns in namespace kube-system to 0",
        "restart coredns in kube-system",
    ],
)
def test_a_chat_mutation_in_a_system_namespace_never_reaches_it(
    cluster: KubeStandIn, make_token: Callable[..., str], command: str
) -> None:
    """Issue 22: the chat accepted system namespaces. Refused at interpretation or at the policy,
    never carried out, whoever asks (here an admin)."""
    cluster.seed.app("kube-system", "coredns", "registry.k8s.io/coredns:1.11", replicas=2)
    client: FlaskClient = functions_framework.create_app(
        target="nlp_http", source=str(ROOT / "functions/nlp/main.py")
    ).test_client()
    admin = {"Authorization": f"Bearer {make_token(sub='root-admin')}"}
    body = {"command": command, "session_id": "sys", "timestamp": "2025-01-01T00:00:00Z"}
    turn = client.post("/api/v1/nlp/conversation", json=body, headers=admin).get_json()
    assert turn["pending_action"] is None and turn["requires_confirmation"] is False, turn  # never asked
    assert turn["state"] == "refused"
    coredns = cluster.get("deployments", "kube-system", "coredns")
    assert coredns["spec"]["replicas"] == 2
    assert not (coredns["spec"]["template"].get("metadata") or {}).get("annotations")


def _held_card(reply: dict[str, Any], act: str) -> dict[str, Any]:
    """A change held for approval, as the console gets it: the message says what waits, its
    operation and that an approver decides it in Slack (never the console, which has no approval
    screen; the approval endpoint is on the card, not in a sentence for the one who asked, who may not
    approve); the card is the default one (its type is no success-or-failure card's)."""
    result = reply["result"]
    formatted = result["data"]["formatted"]
    operation = formatted["operation_id"]
    path = f"/api/v1/operations/{operation}/approval"
    assert operation and formatted["approval_path"] == path and formatted["args_hash"], formatted
    assert result["type"] == "pending_approval" and formatted["status"] == "pending_approval"
    assert formatted["repository"] == "K-Le-PaaS/test01" and formatted["environment"] == "production"
    assert (formatted["deployment"], formatted["namespace"]) == (HOST_APP, "default")
    message = reply["message"]
    assert message.startswith(f"K-Le-PaaS/test01 production 환경 {act}"), message
    assert "승인을 기다리고" in message and operation in message and "Slack" in message and "/api/" not in message
    assert "(는)" not in message and "(를)" not in message and "콘솔" not in message
    assert result["summary"] == result["message"] == html.unescape(message)  # the card says it in Korean too
    return dict(formatted)


def test_a_held_scale_and_restart_say_what_waits_and_where_to_approve_it(
    chat: Callable[..., dict[str, Any]], cluster: KubeStandIn
) -> None:
    """The walk's held production scale came back as a scale card with status pending_approval,
    which the console's scale card shows as a failure."""
    say(chat, "K-Le-PaaS/test01 프로덕션 3개로 늘려줘")
    scaled = _held_card(confirm(chat), "레플리카 3개로 스케일 조정은")
    assert scaled["new_replicas"] == 3 and scaled["action"] == "스케일링"
    say(chat, "K-Le-PaaS/test01 프로덕션 재시작해줘")
    restarted = _held_card(confirm(chat), "재시작은")
    assert restarted["action"] == "재시작"
    assert cluster.get("deployments", "default", HOST_APP)["spec"]["replicas"] != 3


def test_a_held_rollback_says_the_version_it_waits_to_roll_back_to(
    chat: Callable[..., dict[str, Any]], auth_headers: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The rollback card's banner says it succeeded whatever it is given: a held rollback is not it."""
    monkeypatch.setenv("KLEPAAS_DEPLOY_APPROVAL_ENVIRONMENTS", "")  # two releases to roll back between
    _reset()
    for sha in ("a" * 40, "b" * 40):
        args = {
            "github_owner": "K-Le-PaaS",
            "github_repo": "test01",
            "environment": "production",
            "image": f"registry.example/test01:{sha[:7]}",
            "commit": {"sha": sha, "message": "m", "author": "dev"},
        }
        body = json.dumps({"type": "deploy", "args": args}).encode()
        request = urllib.request.Request(
            f"{os.environ['KLEPAAS_API_BASE_URL']}/api/v1/operations",
            data=body,
            headers={**auth_headers, "Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=30) as response:
            assert json.loads(response.read())["operation"]["status"] == "succeeded"
    monkeypatch.delenv("KLEPAAS_DEPLOY_APPROVAL_ENVIRONMENTS")
    _reset()
    say(chat, "K-Le-PaaS/test01 프로덕션 aaaaaaa로 롤백해줘")
    held = _held_card(confirm(chat), "aaaaaaa 버전으로 롤백은")
    assert (held["target_commit"], held["previous_commit"], held["action"]) == ("aaaaaaa", "bbbbbbb", "롤백")
