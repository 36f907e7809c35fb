"""The stand-ins the e2e suite and the soak run beside `make dev`, and the environment that points at them.

Every stand-in runs in the test (or soak) process on an ephemeral loopback port, so a test can
arrange it and read what the dev server did to it: the Kubernetes API, GitHub (App and OAuth),
Slack, Prometheus, and the building pipelines (Cloud Build, NCP; see :mod:`.pipelines`).
"""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

from klepaas_fakes.github import FakeGitHub, FakeRepo, github_standin
from klepaas_fakes.kube import KubeStandIn
from klepaas_fakes.oauth import GitHubOAuth
from klepaas_fakes.prometheus import PrometheusStandIn
from klepaas_fakes.slack import FakeSlack, SlackState, slack_server

from . import pipelines
from .pipelines import Pipelines

CONSOLE = "http://127.0.0.1:3000"
CALLBACK = f"{CONSOLE}/console/oauth2-callback"
OWNER, REPO = "K-Le-PaaS", "test01"
APP = "k-le-paas-test01"
ADMIN_USER, ADMIN_PASSWORD = "admin", "e2e admin password, long enough"
APP_SECRET = "e2e-app-webhook-secret-0123456789"
REPO_SECRET = "e2e-repo-webhook-secret-9876543210"
ALERTMANAGER_TOKEN = "e2e-alertmanager-token-0123456789"
SLACK_SIGNING_SECRET = "e2e-slack-signing-secret"
HEAD_SHA = "abc1234" + "0" * 33
OLDER_SHA = "def5678" + "0" * 33
PUSHED_SHA = "face0ff" + "1" * 33
GITHUB_TAB_REPO, PUSHED_REPO, SHIPPED_REPO = "test02", "pushed01", "shipped01"
NKS_REPO = "nks01"  # the one app on NKS, built by NCP SourceBuild (every other app: GKE, Cloud Build)


def app_of(repo: str) -> str:
    return f"{OWNER}-{repo}".lower()


@dataclass
class StandIns:
    kube: KubeStandIn
    github: FakeGitHub
    github_key: str
    repo: FakeRepo
    slack: FakeSlack
    prometheus: PrometheusStandIn
    oauth: GitHubOAuth
    kubeconfig: Path
    pipelines: Pipelines
    nks_sha: str  # the real commit at the head of NKS_REPO's main


def _seed(kube: KubeStandIn, github: FakeGitHub) -> FakeRepo:
    kube.seed.app("default", APP, "registry.klepaas.test/k-le-paas-test01:abc1234", replicas=1)
    kube.seed.app("default", "nginx", "nginx:1.27", replicas=1)
    kube.seed.app("default", "frontend-app", "registry.klepaas.test/frontend-app:v1", replicas=1)
    repo = github.add_repo(OWNER, REPO, installation_id=77)
    github.add_commit(repo, OLDER_SHA, "First release", author="octocat")
    github.add_commit(repo, HEAD_SHA, "Add the health endpoint", author="octocat", branch="main")
    github.add_pull(repo, 7, "Faster start", head="feature/faster-start", author="hubot")
    for name in (GITHUB_TAB_REPO, PUSHED_REPO):
        extra = github.add_repo(OWNER, name, installation_id=77)
        github.add_commit(extra, PUSHED_SHA, "Ship it", author="octocat", branch="main")
    github.add_repo(OWNER, "not-installed", installation_id=None)
    kube.seed.app("default", app_of(PUSHED_REPO), "registry.klepaas.test/pushed:old", replicas=1)
    kube.seed.app("default", app_of(SHIPPED_REPO), "registry.klepaas.test/shipped:old", replicas=1)
    return repo


CLUSTER_FIGURES = {"CPU": 42.1, "MEMORY": 63.5, "DISK": 48.0, "NET_IN": 12.5, "NET_OUT": 3.25}
NODE = {"instance": "node-1:9100"}


def _prometheus(prom: PrometheusStandIn) -> None:
    """Answers for the PromQL the deploy function asks (its own constants, so the two cannot drift)."""
    from klepaas_deploy.cluster import prometheus as queries

    for name, value in CLUSTER_FIGURES.items():
        prom.set(getattr(queries, name), ({}, value))
    per_node = {"cpu": 91.0, "load": 0.7, "iowait": 2.0, "mem": 55.0, "root": 40.0, "rx": 8e6, "tx": 2e6}
    for key, query in queries.PER_NODE.items():
        prom.set(query, (NODE, per_node.get(key, 0.0)))


@contextmanager
def running(state_dir: Path) -> Iterator[StandIns]:
    """Start every stand-in, seeded with the console's example app ``K-Le-PaaS/test01``."""
    with ExitStack() as stack:
        kube = stack.enter_context(KubeStandIn(tick_interval_s=0.02))
        github, key = stack.enter_context(github_standin())
        slack = stack.enter_context(slack_server(SlackState(channel_rate_per_s=200, channel_burst=100)))
        prometheus = stack.enter_context(PrometheusStandIn())
        oauth = GitHubOAuth(client_id="e2e-github-client", client_secret="e2e-github-secret", redirect_uris=(CALLBACK,))
        stack.enter_context(oauth.running())
        repo = _seed(kube, github)
        _prometheus(prometheus)
        kubeconfig = kube.write_kubeconfig(state_dir / "kubeconfig")
        built = pipelines.start(stack, state_dir)
        nks_sha = _seed_nks_app(kube, github, built, state_dir)
        yield StandIns(kube, github, key, repo, slack, prometheus, oauth, kubeconfig, built, nks_sha)


def _seed_nks_app(kube: KubeStandIn, github: FakeGitHub, built: Pipelines, state_dir: Path) -> str:
    # A deploy without a commit (a chat command) builds the head of test01's main: git must find one.
    pipelines.github_repository(state_dir / "github", OWNER, REPO)
    sha = pipelines.github_repository(state_dir / "github", OWNER, NKS_REPO)
    github.add_commit(github.add_repo(OWNER, NKS_REPO, installation_id=77), sha, "Ship it on NKS", branch="main")
    kube.seed.app("default", app_of(NKS_REPO), f"{pipelines.NCP_REGISTRY}/{app_of(NKS_REPO)}:old0000", replicas=1)
    pipelines.sourcecommit_repository(built.ncp, state_dir / "sourcecommit", app_of(NKS_REPO))
    return sha


def environment(s: StandIns, state_dir: Path, port: int) -> dict[str, str]:
    """The ``KLEPAAS_*`` variables that point `make dev` at the stand-ins and a fresh store."""
    from klepaas_auth import passwords

    base = f"http://127.0.0.1:{port}"
    s.oauth.redirect_uris = (f"{base}/api/v1/auth/oauth2/callback/github",)  # GitHub comes back to us first
    return {
        "PORT": str(port),
        "KLEPAAS_ENV": "local",
        "KLEPAAS_JWT_SECRET": secrets.token_urlsafe(48),
        "KLEPAAS_STORE": "sqlite",
        "KLEPAAS_SQLITE_PATH": str(state_dir / "klepaas.sqlite3"),
        "KLEPAAS_DEV_STATE": str(state_dir / "dev"),
        "KLEPAAS_REDIS_URL": "",
        "KLEPAAS_EVENTS": "local",
        "KLEPAAS_API_BASE_URL": base,
        "KLEPAAS_CONSOLE_ORIGIN": CONSOLE,
        "KLEPAAS_AUTH_REDIRECT_URIS": CALLBACK,
        "KLEPAAS_AUTH_GITHUB_CLIENT_ID": s.oauth.client_id,
        "KLEPAAS_AUTH_GITHUB_CLIENT_SECRET": s.oauth.client_secret,
        "KLEPAAS_AUTH_GITHUB_AUTHORIZE_URL": s.oauth.authorize_url,
        "KLEPAAS_AUTH_GITHUB_TOKEN_URL": s.oauth.token_url,
        "KLEPAAS_AUTH_GITHUB_API_URL": s.oauth.api_url,
        "KLEPAAS_AUTH_DEFAULT_ROLE": "developer",
        "KLEPAAS_ADMIN_USERNAME": ADMIN_USER,
        "KLEPAAS_ADMIN_PASSWORD_HASH": passwords.make(ADMIN_PASSWORD, n=1024, r=8, p=1),
        "KLEPAAS_NKS_KUBECONFIG": str(s.kubeconfig),
        "KLEPAAS_ROLLOUT_WATCH_S": "5",
        "KLEPAAS_KUBE_TIMEOUT_S": "3",
        "KLEPAAS_PROMETHEUS_URL": s.prometheus.url,
        "KLEPAAS_GITHUB_APP_ID": str(s.github.app_id),
        "KLEPAAS_GITHUB_APP_PRIVATE_KEY": s.github_key,
        "KLEPAAS_GITHUB_API_URL": s.github.url,
        "KLEPAAS_GITHUB_APP_WEBHOOK_SECRET": APP_SECRET,
        "KLEPAAS_GITHUB_WEBHOOK_SECRET": REPO_SECRET,
        "KLEPAAS_SLACK_BOT_TOKEN": "xoxb-test-token",
        "KLEPAAS_SLACK_API_URL": s.slack.api_url,
        "KLEPAAS_SLACK_CLIENT_ID": s.slack.state.client_id,
        "KLEPAAS_SLACK_CLIENT_SECRET": s.slack.state.client_secret,
        "KLEPAAS_SLACK_REDIRECT_URI": f"{base}/api/v1/slack/auth/callback",
        "KLEPAAS_SLACK_TOKEN_KEY": "e2e-slack-token-key",
        "KLEPAAS_SLACK_SIGNING_SECRET": SLACK_SIGNING_SECRET,
        "KLEPAAS_SLACK_RATE_PER_S": "100",
        "KLEPAAS_SLACK_BURST": "50",
        "KLEPAAS_ALERTMANAGER_TOKEN": ALERTMANAGER_TOKEN,
        "KLEPAAS_MCP_RATE_LIMIT_PER_MINUTE": "100000",
        **pipelines.environment(s.pipelines, s.kube, nks_apps=(app_of(NKS_REPO),)),
    }
