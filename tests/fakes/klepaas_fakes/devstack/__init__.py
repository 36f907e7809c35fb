"""Every outside system the console shows, on loopback, for `make dev` (dev-only; never bundled).

:func:`start` runs the same stand-ins the tests use (``klepaas_fakes``) beside the dev server:

- a Kubernetes API (the GKE target) with sample apps, and Cloud Build;
- GitHub: the API (an App installed on a sample repository, a pull request, OAuth login) and its
  git side, bare repositories under ``.klepaas/git`` whose pushes become signed push webhooks;
- Google's OAuth (the console's "Google로 로그인"), consenting at once;
- Prometheus, answering from the stand-in cluster's pods;
- Alertmanager, sending one sample alert with the receiver's token;
- Slack: the Web API and the install consent page.

A stand-in starts only where its setting is empty: giving a real endpoint (``KLEPAAS_GKE_ENDPOINT``
or ``KLEPAAS_NKS_KUBECONFIG``, ``KLEPAAS_PROMETHEUS_URL``, ``KLEPAAS_GITHUB_APP_ID``,
``KLEPAAS_SLACK_CLIENT_ID``, ...) replaces it.
"""

from __future__ import annotations

import secrets
import threading
from collections.abc import Callable, Mapping
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path

from .. import github_schema
from ..cloudbuild import cloud_build_api
from ..github import github_standin
from ..kube import KubeStandIn
from ..oauth import GitHubOAuth, GoogleOAuth
from ..prometheus import PrometheusStandIn
from ..slack import SlackState, slack_server
from .alerts import send_when_up
from .consent import slack_consent
from .git import bare_repository, history
from .metrics import ClusterMetrics
from .pushes import PushRelay

OWNER, REPO = "K-Le-PaaS", "sample-app"
INSTALLATION_ID = 1
GCP_PROJECT, AR_REGION, AR_REPO = "klepaas-dev", "asia-northeast3", "apps"
NODE = "standin-node-1"
SAMPLE_FILES = {
    "app.py": (
        "from http.server import BaseHTTPRequestHandler, HTTPServer\n\n\n"
        "class Hello(BaseHTTPRequestHandler):\n"
        "    def do_GET(self):\n"
        "        self.send_response(200)\n"
        "        self.end_headers()\n"
        '        self.wfile.write(b"hello from K-Le-PaaS\\n")\n\n\n'
        'HTTPServer(("", 8080), Hello).serve_forever()\n'
    ),
    "Dockerfile": 'FROM python:3.11-slim\nCOPY app.py /app.py\nEXPOSE 8080\nCMD ["python", "/app.py"]\n',
}


@dataclass
class DevStack:
    """What :func:`start` set up: the variables for the dev server, and lines to print."""

    env: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    after_start: list[Callable[[], object]] = field(default_factory=list)


def _unset(environ: Mapping[str, str], *names: str) -> bool:
    return not any(environ.get(name) for name in names)


def _kube(stack: ExitStack, found: DevStack) -> KubeStandIn:
    kube = stack.enter_context(KubeStandIn(tick_interval_s=0.1))
    kube.seed.app("default", "nginx", "nginx:1.27", replicas=2)
    kube.seed.app("default", "frontend-app", "registry.klepaas.dev/frontend-app:v1", replicas=1)
    kube.set_app_log("default", "frontend-app", "GET / 200\nGET /healthz 200\n")
    found.env.update(
        {"KLEPAAS_DEFAULT_TARGET": "gke", "KLEPAAS_GKE_ENDPOINT": kube.url, "KLEPAAS_GKE_TOKEN": kube.token}
    )
    found.notes.append(f"Kubernetes API (the gke target, apps nginx and frontend-app): {kube.url}")
    return kube


def _cloud_build(stack: ExitStack, found: DevStack) -> None:
    state, url = stack.enter_context(cloud_build_api())
    found.env.update(
        {
            "KLEPAAS_CLOUDBUILD_PROJECT": GCP_PROJECT,
            "KLEPAAS_CLOUDBUILD_REGION": AR_REGION,
            "KLEPAAS_ARTIFACT_REGISTRY_REPO": AR_REPO,
            "KLEPAAS_CLOUDBUILD_URL": url,
            "KLEPAAS_CLOUDBUILD_TOKEN": state.token,
            "KLEPAAS_SECRETMANAGER_URL": url,  # the stand-in serves Secret Manager too
            "KLEPAAS_PIPELINE_POLL_S": "0.2",
        }
    )
    found.notes.append(f"Cloud Build: {url}")


def _github(stack: ExitStack, found: DevStack, state: Path, base_url: str, console: str) -> None:
    github, key = stack.enter_context(github_standin())
    git_root = state / "git"
    bare_repository(git_root, OWNER, REPO, "A first version of the sample app", SAMPLE_FILES)
    repo = github.add_repo(OWNER, REPO, installation_id=INSTALLATION_ID)
    for sha, message, author in history(git_root / OWNER / f"{REPO}.git"):
        github.add_commit(repo, sha, message, author=author)
    repo.branches["main"] = history(git_root / OWNER / f"{REPO}.git")[-1][0]
    github.add_pull(repo, 1, "Say hello in Korean", head="feature/korean", author="octocat")
    secret = secrets.token_urlsafe(24)
    # The first deploy question checks the repository within 3 s: the stand-in's own first schema checks are
    # made ready beside the start, so that budget measures the product, not the stand-in's warming up.
    replies = [
        ("GET", f"/repos/{OWNER}/{REPO}/installation", 200),
        ("POST", f"/app/installations/{INSTALLATION_ID}/access_tokens", 201),
        ("GET", f"/repos/{OWNER}/{REPO}", 200),
        ("GET", f"/repos/{OWNER}/{REPO}/commits/main", 200),
    ]
    threading.Thread(target=github_schema.warm, args=(replies,), daemon=True, name="github-schema-warm").start()
    relay = stack.enter_context(PushRelay(github, git_root, [repo], f"{base_url}/api/v1/github/webhook", secret))
    found.after_start.append(relay.check)
    found.env.update(
        {
            "KLEPAAS_GITHUB_APP_ID": str(github.app_id),
            "KLEPAAS_GITHUB_APP_PRIVATE_KEY": key,
            "KLEPAAS_GITHUB_API_URL": github.url,
            "KLEPAAS_GITHUB_APP_WEBHOOK_SECRET": secret,
            "KLEPAAS_GITHUB_GIT_BASE": f"file://{git_root}",
        }
    )
    found.notes.append(
        f"GitHub API {github.url} (App installed on {OWNER}/{REPO}); its git: git clone file://{git_root}/{OWNER}/{REPO}.git"
        " (a push to main is delivered as GitHub's push webhook)"
    )


def _github_login(stack: ExitStack, found: DevStack, api_base_url: str) -> None:
    """ "GitHub로 로그인" in the console: github.com's OAuth, consenting at once as octocat.

    GitHub sends the browser back to our callback (registered with the OAuth app), which sends it
    on to the console's."""
    ours = f"{api_base_url.rstrip('/')}/api/v1/auth/oauth2/callback/github"
    oauth = GitHubOAuth(client_id="klepaas-dev", client_secret=secrets.token_urlsafe(16), redirect_uris=(ours,))
    stack.enter_context(oauth.running())
    found.env.update(
        {
            "KLEPAAS_AUTH_GITHUB_CLIENT_ID": oauth.client_id,
            "KLEPAAS_AUTH_GITHUB_CLIENT_SECRET": oauth.client_secret,
            "KLEPAAS_AUTH_GITHUB_AUTHORIZE_URL": oauth.authorize_url,
            "KLEPAAS_AUTH_GITHUB_TOKEN_URL": oauth.token_url,
            "KLEPAAS_AUTH_GITHUB_API_URL": oauth.api_url,
        }
    )


def _google_login(stack: ExitStack, found: DevStack, api_base_url: str) -> None:
    """ "Google로 로그인" in the console: Google's OAuth, consenting at once as a Google account.

    The console shows the button whatever the server has; without this stand-in a click answered
    503 and the button did nothing. Like GitHub, Google sends the browser back to our callback."""
    ours = f"{api_base_url.rstrip('/')}/api/v1/auth/oauth2/callback/google"
    oauth = GoogleOAuth(client_id="klepaas-dev", client_secret=secrets.token_urlsafe(16), redirect_uris=(ours,))
    stack.enter_context(oauth.running())
    found.env.update(
        {
            "KLEPAAS_AUTH_GOOGLE_CLIENT_ID": oauth.client_id,
            "KLEPAAS_AUTH_GOOGLE_CLIENT_SECRET": oauth.client_secret,
            "KLEPAAS_AUTH_GOOGLE_AUTHORIZE_URL": oauth.authorize_url,
            "KLEPAAS_AUTH_GOOGLE_TOKEN_URL": oauth.token_url,
            "KLEPAAS_AUTH_GOOGLE_USERINFO_URL": oauth.userinfo_url,
        }
    )


def _console_login(found: DevStack, console: str) -> None:
    """What both logins share: the console's callbacks on the allow-list, new users as developers."""
    callbacks = tuple(f"{origin}/console/oauth2-callback" for origin in _console_origins(console))
    found.env.update({"KLEPAAS_AUTH_REDIRECT_URIS": ",".join(callbacks), "KLEPAAS_AUTH_DEFAULT_ROLE": "developer"})


def _console_origins(console: str) -> list[str]:
    """The console's origin, and its twin on localhost / 127.0.0.1 (a browser may use either)."""
    twins = [console]
    for a, b in (("127.0.0.1", "localhost"), ("localhost", "127.0.0.1")):
        if f"//{a}:" in console:
            twins.append(console.replace(f"//{a}:", f"//{b}:"))
    return twins


def _prometheus(stack: ExitStack, found: DevStack, kube: KubeStandIn | None) -> None:
    prometheus = stack.enter_context(PrometheusStandIn())
    if kube is not None:
        stack.enter_context(ClusterMetrics(kube, prometheus))
    found.env["KLEPAAS_PROMETHEUS_URL"] = prometheus.url
    found.notes.append(f"Prometheus (figures from the stand-in cluster's pods): {prometheus.url}")


def _kept(state: Path, name: str) -> str:
    """A secret made on the first run and kept (owner-only) under the state directory."""
    path = state / name
    if not path.exists():
        path.write_text(secrets.token_urlsafe(32))
        path.chmod(0o600)
    return path.read_text().strip()


def _slack(stack: ExitStack, found: DevStack, state: Path, base_url: str) -> None:
    # Slack's own pace (a message a second per channel) would hold the local bus's few workers
    # behind notify's waits; locally the stand-in and notify go at the pace of a demo.
    relaxed = SlackState(client_secret=secrets.token_urlsafe(16), channel_rate_per_s=50, channel_burst=50)
    slack = stack.enter_context(slack_server(relaxed))
    authorize = stack.enter_context(slack_consent(slack))
    found.env.update(
        {
            "KLEPAAS_SLACK_API_URL": slack.api_url,
            "KLEPAAS_SLACK_BOT_TOKEN": next(iter(slack.state.bot_tokens)),
            "KLEPAAS_SLACK_CLIENT_ID": slack.state.client_id,
            "KLEPAAS_SLACK_CLIENT_SECRET": slack.state.client_secret,
            "KLEPAAS_SLACK_AUTHORIZE_URL": authorize,
            "KLEPAAS_SLACK_REDIRECT_URI": f"{base_url}/api/v1/slack/auth/callback",
            # kept across runs: the installs stored in .klepaas are encrypted with it
            "KLEPAAS_SLACK_TOKEN_KEY": _kept(state, "dev-slack-token-key"),
            "KLEPAAS_SLACK_RATE_PER_S": "50",
            "KLEPAAS_SLACK_BURST": "50",
        }
    )
    found.notes.append(f"Slack Web API {slack.api_url} and its consent page {authorize}")


def _alertmanager(found: DevStack, state: Path, base_url: str) -> None:
    token = _kept(state, "dev-alertmanager-token")
    found.env["KLEPAAS_ALERTMANAGER_TOKEN"] = token
    found.after_start.append(lambda: send_when_up(base_url, token, NODE))
    found.notes.append("Alertmanager: one sample alert, sent once the server is up")


def start(stack: ExitStack, state: Path, base_url: str, environ: Mapping[str, str]) -> DevStack:
    """Start the stand-ins whose settings are empty in ``environ`` (stopped with ``stack``)."""
    found = DevStack()
    console = environ.get("KLEPAAS_CONSOLE_ORIGIN") or "http://127.0.0.1:3000"
    kube = None
    if _unset(environ, "KLEPAAS_GKE_ENDPOINT", "KLEPAAS_NKS_KUBECONFIG", "KLEPAAS_DEFAULT_TARGET"):
        kube = _kube(stack, found)
    if _unset(environ, "KLEPAAS_CLOUDBUILD_PROJECT", "KLEPAAS_NCP_SOURCEBUILD_PROJECT_ID"):
        _cloud_build(stack, found)
    if _unset(environ, "KLEPAAS_GITHUB_APP_ID", "KLEPAAS_GITHUB_API_URL", "KLEPAAS_GITHUB_GIT_BASE"):
        _github(stack, found, state, base_url, console)
    if _unset(environ, "KLEPAAS_AUTH_GITHUB_CLIENT_ID"):
        _github_login(stack, found, environ.get("KLEPAAS_API_BASE_URL") or base_url)
    if _unset(environ, "KLEPAAS_AUTH_GOOGLE_CLIENT_ID"):
        _google_login(stack, found, environ.get("KLEPAAS_API_BASE_URL") or base_url)
    if _unset(environ, "KLEPAAS_AUTH_GITHUB_CLIENT_ID") or _unset(environ, "KLEPAAS_AUTH_GOOGLE_CLIENT_ID"):
        _console_login(found, console)
    if _unset(environ, "KLEPAAS_PROMETHEUS_URL"):
        _prometheus(stack, found, kube)
    if _unset(environ, "KLEPAAS_SLACK_CLIENT_ID", "KLEPAAS_SLACK_API_URL", "KLEPAAS_SLACK_BOT_TOKEN"):
        _slack(stack, found, state, base_url)
    if _unset(environ, "KLEPAAS_ALERTMANAGER_TOKEN"):
        _alertmanager(found, state, base_url)
    return found
