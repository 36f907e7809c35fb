"""The console on first run (issue 17): `make dev` started with nothing set, walked as a newcomer walks it.

The dev server here gets no KLEPAAS_* setting but its port and its state directory: every outside
system is the dev server's own stand-in (``klepaas_fakes.devstack``), reached only as the console
reaches it (FRONTEND_API §5), through the git server, or over the realtime channel.
"""

from __future__ import annotations

import json
import re
import subprocess
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
import websocket

from .conftest import Chat, Console, wait_for
from .server import DevServer, devserver, free_port

OWNER, REPO = "K-Le-PaaS", "sample-app"
SAMPLE = f"{OWNER}/{REPO}"


@dataclass
class FirstRun:
    server: DevServer
    state: Path
    env: dict[str, str]
    password: str
    token: str


def _printed(log: Path) -> tuple[str, str]:
    """The login and the curl token `make dev` printed."""
    text: str = wait_for(lambda: "KLEPAAS_TOKEN=" in log.read_text() and log.read_text())
    login = re.search(r"^Console login: admin / (\S+)$", text, re.MULTILINE)
    token = re.search(r"export KLEPAAS_TOKEN=(\S+)$", text, re.MULTILINE)
    assert login and token, text[-2000:]
    assert "NEXT_PUBLIC_API_URL=http://127.0.0.1:" in text  # how to run the console against it
    return login.group(1), token.group(1)


@pytest.fixture(scope="module")
def first_run(tmp_path_factory: pytest.TempPathFactory) -> Iterator[FirstRun]:
    state = tmp_path_factory.mktemp("first-run")
    env = {"PORT": str(free_port()), "KLEPAAS_DEV_STATE": str(state / "klepaas")}
    with devserver(env, state) as server:
        password, token = _printed(server.log)
        yield FirstRun(server, state, env, password, token)


def _admin(run: FirstRun) -> Console:
    console = Console(run.server.base_url)
    body = console.ok(console.post("/api/v1/auth/oauth2/admin/login", {"username": "admin", "password": run.password}))
    console.login(body["access_token"], body["user"])
    return console


@pytest.fixture(scope="module")
def admin(first_run: FirstRun) -> Iterator[Console]:
    console = _admin(first_run)
    yield console
    console.close()


def _deployment(console: Console, deployment_id: int | str, *, until_done: bool = True) -> dict[str, Any]:
    def finished() -> dict[str, Any] | None:
        found: dict[str, Any] = console.ok(console.get(f"/api/v1/deployment-histories/{deployment_id}"))["deployment"]
        return found if found["status"] != "running" or not until_done else None

    found: dict[str, Any] = wait_for(finished, timeout_s=60, every_s=0.2)
    return found


def _connect_sample(admin: Console) -> None:
    """The GitHub tab's connect (P2; auto-deploy on): once, a second time is a 409."""
    answer = admin.post("/api/v1/projects/github/connect", {"owner": OWNER, "repo": REPO})
    assert answer.status_code == 409 or admin.ok(answer)


def test_the_printed_login_and_token_are_the_same_admin_and_me_knows_it(first_run: FirstRun, admin: Console) -> None:
    assert admin.user["provider_id"] and admin.user["role"] == "admin"
    curl = Console(first_run.server.base_url)
    curl.token = first_run.token
    me = curl.ok(curl.get("/api/v1/auth/me"))
    assert (me["provider"], me["provider_id"], me["role"]) == ("admin", admin.user["provider_id"], "admin")
    assert admin.ok(admin.get("/api/v1/auth/me"))["provider_id"] == me["provider_id"]
    wrong = admin.http.post("/api/v1/auth/oauth2/admin/login", json={"username": "admin", "password": "not it at all"})
    assert wrong.status_code == 401
    assert (first_run.state / "klepaas" / "dev-admin-password").stat().st_mode & 0o077 == 0


def test_a_deploy_of_a_repository_github_does_not_have_is_answered_before_asking(admin: Console) -> None:
    chat = Chat(admin)
    answer = chat.say(f"{OWNER}/no-such-repo 배포해줘")
    assert answer["requires_confirmation"] is False and "찾을 수 없거나" in answer["message"], answer
    assert chat.confirm().status_code == 409  # nothing was left to confirm


def test_a_deploy_that_fails_within_the_confirm_window_says_failed_with_the_reason(
    first_run: FirstRun, admin: Console
) -> None:
    # First of the deploys: nothing else is on the local bus, so the build's first stage fails within the
    # window. GitHub has the repository (the question is asked), but its git cannot be fetched any more.
    git = first_run.state / "klepaas" / "git" / OWNER / f"{REPO}.git"
    away = git.with_name(f"{REPO}-away.git")
    chat = Chat(admin)
    assert chat.say(f"{SAMPLE} 배포해줘")["requires_confirmation"] is True
    git.rename(away)
    try:
        answer = admin.ok(chat.confirm())
    finally:
        away.rename(git)
    assert answer["status"] == "failed"
    # The stage that failed, and what it said: here the build could not fetch the source.
    assert "배포가 실패했습니다" in answer["message"] and "(sourcebuild)" in answer["message"], answer["message"]
    assert answer["result"]["type"] == "error" and "FAILURE" in answer["result"]["summary"]
    assert str(first_run.state) not in json.dumps(answer)  # no path of the server's machine


def test_monitoring_answers_from_the_stand_in_cluster_and_the_sample_alert_arrived(admin: Console) -> None:
    for metric in ("cpu-usage", "memory-usage", "disk-usage"):
        body = admin.ok(admin.get(f"/api/v1/monitoring/nks/{metric}"))
        assert body["status"] == "success" and 0 < body["value"] < 100
    traffic = admin.ok(admin.get("/api/v1/monitoring/nks/network-traffic"))
    assert traffic["inbound_mbps"] > 0 and traffic["outbound_mbps"] > 0
    details = admin.ok(admin.get("/api/v1/monitoring/metrics/details"))
    [node] = details["nodes"]
    assert node["instance"] == "standin-node-1:9100" and node["cpu"]["utilization_pct"] > 0
    alerts = wait_for(lambda: admin.ok(admin.get("/api/v1/monitoring/alerts", cluster="nks-cluster")))
    assert any(a["title"].startswith("Memory usage above 80%") and a["severity"] == "warning" for a in alerts)


def test_more_pods_move_the_cpu_figure(admin: Console) -> None:
    before = admin.ok(admin.get("/api/v1/monitoring/nks/cpu-usage"))["value"]
    chat = Chat(admin)
    assert chat.say("nginx를 staging에 6개로 늘려줘")["requires_confirmation"] is True
    assert chat.confirm().status_code == 200
    wait_for(lambda: admin.ok(admin.get("/api/v1/monitoring/nks/cpu-usage"))["value"] > before, timeout_s=15)


def test_slack_connect_goes_through_the_consent_page_and_status_turns_connected(
    first_run: FirstRun, admin: Console
) -> None:
    assert admin.ok(admin.get("/api/v1/slack/status"))["connected"] is False
    auth_url = admin.ok(admin.get("/api/v1/slack/auth/url"))["auth_url"]
    consent = httpx.get(auth_url, follow_redirects=False)  # the browser at "Slack"
    assert consent.status_code == 302
    back = httpx.get(consent.headers["Location"], follow_redirects=False)  # and back at our callback
    assert back.status_code == 302 and back.headers["Location"].endswith("/console?slack=connected")
    assert admin.ok(admin.get("/api/v1/slack/status"))["connected"] is True


@pytest.mark.parametrize("provider", ["github", "google"])
def test_each_login_button_consents_at_once_as_a_developer(first_run: FirstRun, provider: str) -> None:
    """The console shows both buttons; each completes through our callback and a one-time kl_ code
    (the Google button answered 503 under `make dev` until the dev stack had Google's stand-in)."""
    callback = "http://127.0.0.1:3000/console/oauth2-callback"
    console = Console(first_run.server.base_url)
    found = console.ok(console.get(f"/api/v1/auth/oauth2/url/{provider}", redirect_uri=callback))
    consent = httpx.get(found["auth_url"], follow_redirects=False)  # the provider sends the browser to us,
    ours = f"{first_run.server.base_url}/api/v1/auth/oauth2/callback/{provider}?"
    assert consent.headers["Location"].startswith(ours)
    onward = httpx.get(consent.headers["Location"], follow_redirects=False)  # and we on to the console
    assert onward.headers["Location"].startswith(callback + "?")
    back = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(onward.headers["Location"]).query))
    assert back["code"].startswith("kl_") and back["state"].split("provider=")[1] == provider
    body = console.ok(
        console.http.post(
            "/api/v1/auth/oauth2/login",
            json={"provider": provider, "code": back["code"], "redirect_uri": callback},
        )
    )
    assert body["success"] is True and body["user"]["provider"] == provider
    assert body["user"]["role"] == "developer" and body["user"]["provider_id"]
    console.login(body["access_token"], body["user"])
    assert console.get("/api/v1/auth/me").status_code == 200  # the reload keeps them signed in


def test_first_chat_command_and_a_first_deploy_of_the_sample_through_the_chat(
    first_run: FirstRun, admin: Console
) -> None:
    chat = Chat(admin)
    pods = chat.say("파드 목록 보여줘")["result"]
    assert pods["type"] == "list_pods" and any(p["name"].startswith("nginx-") for p in pods["data"]["formatted"])
    assert chat.say(f"{SAMPLE} 배포해줘")["pending_action"]["type"] == "deploy"
    done = admin.ok(chat.confirm())
    formatted = done["result"]["data"]["formatted"]
    assert done["result"]["type"] == "deploy" and formatted["repository"] == SAMPLE
    assert formatted["status"] in ("running", "success")  # what it is, when the confirm's window closed
    deployment_id = done["result"]["data"]["raw"]["deployment_id"]
    assert f"#{deployment_id}" in done["message"] or formatted["status"] == "success"
    finished = _deployment(admin, deployment_id)
    assert finished["status"] == "success", finished
    assert {s["status"] for s in finished["stages"].values()} == {"success"}
    # The head commit as GitHub has it, where the card, the pipelines and the rollback list read it
    # (walked in the console: "System", "Initial deployment" and "메시지 없음" stood in for them).
    from klepaas_fakes.devstack.git import history

    sha, subject, _ = history(first_run.state / "klepaas" / "git" / OWNER / f"{REPO}.git")[-1]
    card = next(
        r
        for r in admin.ok(admin.get("/api/v1/deployment-histories/repositories/latest"))["repositories"]
        if r["full_name"] == SAMPLE
    )
    commit = card["latest_deployment"]["commit"]
    assert commit["sha"] == sha and commit["message"].startswith(subject) and commit["author"], commit
    assert commit["url"].endswith(f"/{OWNER}/{REPO}/commit/{sha}")
    pipeline = admin.ok(admin.get("/api/v1/github/pipelines", repository=SAMPLE))["deployments"]
    assert next(d for d in pipeline if d["id"] == deployment_id)["commit"]["message"].startswith(subject)
    versions = admin.ok(admin.get(f"/api/v1/deployments/{SAMPLE}/rollback/list"))["available_versions"]
    assert next(v for v in versions if v["commit_sha"] == sha)["commit_message"].startswith(subject)


def test_an_app_deployed_by_name_is_a_real_card_and_every_card_call_works(admin: Console) -> None:
    chat = Chat(admin)
    chat.say("frontend-app을 staging에 2개 복제본으로 배포해줘")
    assert admin.ok(chat.confirm())["status"] == "completed"
    cards = admin.ok(admin.get("/api/v1/deployment-histories/repositories/latest", t=1))["repositories"]
    assert all(c["owner"] and c["repo"] and c["full_name"] != "/" for c in cards)
    card = next(c for c in cards if c["repo"] == "frontend-app")
    owner, repo = card["owner"], card["repo"]
    latest = card["latest_deployment"]
    assert latest["service_url"] == "https://frontend-app-staging.klepaas.app"  # its ingress host
    assert latest["image"]["url"] == "registry.klepaas.dev/frontend-app:v1"
    app = f"{owner}-{repo}".lower()  # what the console's logs dialog asks for
    config = admin.ok(admin.get(f"/api/v1/deployments/{owner}/{repo}/config", user_id=admin.user_id))
    assert config["replica_count"] == 2

    admin.ok(admin.post(f"/api/v1/deployments/{owner}/{repo}/scale", {"replicas": 3}))
    assert admin.ok(admin.get(f"/api/v1/deployments/{owner}/{repo}/config"))["replica_count"] == 3

    def live_card() -> dict[str, Any] | None:
        found = admin.ok(admin.get("/api/v1/deployment-histories/repositories/latest", t=1))["repositories"]
        replicas = next(c for c in found if c["repo"] == repo)["latest_deployment"]["cluster"]["replicas"]
        return replicas if replicas == {"desired": 3, "ready": 3} else None

    wait_for(live_card, timeout_s=15, every_s=0.5)  # from the cluster, not the deploy record (which says 2)
    admin.ok(admin.post(f"/api/v1/deployments/{owner}/{repo}/restart", {}))
    pods = admin.ok(admin.get(f"/api/v1/deployments/default/{app}/pods"))
    assert pods["status"] == "success" and pods["pods"]
    logs = admin.ok(admin.get(f"/api/v1/deployments/default/{app}/logs", pod=pods["pods"][0]["name"], lines=50))
    assert logs["status"] == "success" and logs["podName"] == pods["pods"][0]["name"]
    assert admin.ok(admin.get(f"/api/v1/deployments/{owner}/{repo}/rollback/list"))["current_state"] is not None


def test_rollback_lists_every_deployment_that_had_an_image_by_its_tag(admin: Console) -> None:
    for tag in ("1.26", "1.27"):
        args = {"app_name": "nginx", "image": f"nginx:{tag}"}
        admin.ok(admin.http.post("/api/v1/operations", json={"type": "deploy", "args": args}, headers=admin.headers()))
    card = next(
        c
        for c in admin.ok(admin.get("/api/v1/deployment-histories/repositories/latest"))["repositories"]
        if c["repo"] == "nginx"
    )
    listed = admin.ok(admin.get(f"/api/v1/deployments/{card['owner']}/nginx/rollback/list"))
    assert listed["current_state"]["commit_sha_short"] == "1.27"
    assert [v["commit_sha_short"] for v in listed["available_versions"]][:2] == ["1.27", "1.26"]
    target = listed["available_versions"][1]["commit_sha"]
    admin.ok(
        admin.post("/api/v1/rollback/commit", {"owner": card["owner"], "repo": "nginx", "target_commit_sha": target})
    )
    after = admin.ok(admin.get(f"/api/v1/deployments/{card['owner']}/nginx/rollback/list"))
    assert after["current_state"]["commit_sha_short"] == "1.26" and after["current_state"]["is_rollback"] is True


def test_the_github_tab_and_trigger_deploy_with_realtime_progress(first_run: FirstRun, admin: Console) -> None:
    _connect_sample(admin)
    pulls = admin.ok(admin.get("/api/v1/github/pull-requests", t=1, repository=SAMPLE))["repositories"]
    assert "Say hello in Korean" in [pull["title"] for pull in pulls[0]["pullRequests"]]
    url = first_run.server.base_url.replace("http://", "ws://") + "/api/v1/ws/deployments"
    channel = websocket.create_connection(url, timeout=10)  # as the console connects: no token
    try:
        assert json.loads(channel.recv())["type"] == "connection_established"
        channel.send(json.dumps({"type": "ping"}))
        assert json.loads(channel.recv())["type"] == "pong"
        channel.send(json.dumps({"type": "subscribe", "subscriber_id": "s1", "user_id": admin.user_id}))
        before = {str(d["id"]) for d in admin.ok(admin.get("/api/v1/github/pipelines", t=1))["deployments"]}
        admin.ok(
            admin.post("/api/v1/github/manual-deploy", {"github_owner": OWNER, "github_repo": REPO, "branch": "main"})
        )
        started = wait_for(
            lambda: [
                d
                for d in admin.ok(admin.get("/api/v1/github/pipelines", t=1))["deployments"]
                if str(d["id"]) not in before
            ]
        )
        deployment_id = str(started[0]["id"])  # the one Trigger Deploy started
        seen: list[dict[str, Any]] = []
        while not seen or seen[-1]["type"] != "deployment_completed":
            message = json.loads(channel.recv())
            if message.get("deployment_id") == deployment_id:  # as a monitor filters what is fanned out
                seen.append(message)
    finally:
        channel.close()
    kinds = [m["type"] for m in seen]
    assert kinds[0] in ("deployment_started", "stage_started") and seen[-1]["status"] == "success"
    stages = [m["stage"] for m in seen if m["type"] == "stage_completed"]
    assert stages[-1] == "sourcedeploy" and set(stages) <= {"sourcecommit", "sourcebuild", "sourcedeploy"}


def test_the_realtime_channel_holds_a_few_connections_and_http_keeps_answering(first_run: FirstRun) -> None:
    url = first_run.server.base_url.replace("http://", "ws://") + "/api/v1/ws/deployments"
    held = [websocket.create_connection(url, timeout=10) for _ in range(8)]
    try:
        assert all(json.loads(c.recv())["type"] == "connection_established" for c in held)
        with pytest.raises(websocket.WebSocketBadStatusException) as refused:
            websocket.create_connection(url, timeout=10)
        assert refused.value.status_code == 503
        assert httpx.get(f"{first_run.server.base_url}/api/v1/health").status_code == 200
    finally:
        for channel in held:
            channel.close()
    wait_for(lambda: _connects(url))


def _connects(url: str) -> bool:
    try:
        websocket.create_connection(url, timeout=5).close()
    except websocket.WebSocketBadStatusException:
        return False
    return True


def test_a_push_to_the_sample_repository_is_built_and_released(first_run: FirstRun, admin: Console) -> None:
    _connect_sample(admin)
    bare = first_run.state / "klepaas" / "git" / OWNER / f"{REPO}.git"
    work = first_run.state / "clone"
    identity = ["-c", "user.name=newcomer", "-c", "user.email=newcomer@klepaas.invalid"]
    subprocess.run(["git", "clone", "--quiet", f"file://{bare}", str(work)], check=True)
    (work / "app.py").write_text((work / "app.py").read_text().replace("hello from", "안녕, from"))
    subprocess.run(["git", *identity, "commit", "--quiet", "-am", "Say hello in Korean"], cwd=work, check=True)
    subprocess.run(["git", "push", "--quiet", "origin", "HEAD:main"], cwd=work, check=True)
    sha = subprocess.run(["git", "rev-parse", "HEAD"], cwd=work, check=True, capture_output=True, text=True).stdout
    sha = sha.strip()

    def pushed() -> dict[str, Any] | None:
        found = admin.ok(admin.get("/api/v1/github/pipelines", t=1, repository=SAMPLE))["deployments"]
        return next((d for d in found if d["commit"]["sha"] == sha), None)

    deployment = wait_for(pushed, timeout_s=20, every_s=0.3)
    finished = _deployment(admin, deployment["id"])
    assert finished["status"] == "success" and finished["image"]["tag"] == sha[:7]


def test_it_stops_cleanly_and_starts_again_at_once_with_the_same_login(first_run: FirstRun) -> None:
    import os
    import signal

    os.killpg(first_run.server.pid, signal.SIGINT)
    wait_for(lambda: "K-Le-PaaS dev: stopped." in first_run.server.log.read_text(), timeout_s=15)
    (first_run.state / "again").mkdir()
    with devserver(first_run.env, first_run.state / "again") as again:
        assert _printed(again.log)[0] == first_run.password
        assert httpx.get(f"{again.base_url}/api/v1/health").status_code == 200
