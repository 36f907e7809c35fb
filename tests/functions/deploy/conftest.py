"""Fixtures for the deploy function: a Kubernetes API stand-in behind an NKS kubeconfig, Prometheus."""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import functions_framework
import pytest

from klepaas_deploy import settings
from klepaas_deploy.cluster import kube, targets
from klepaas_deploy.operations import deploying
from klepaas_fakes.env import klepaas_env
from klepaas_fakes.kube import KubeStandIn
from klepaas_fakes.prometheus import PrometheusStandIn

ROOT = Path(__file__).resolve().parents[3]


def load_main(function: str = "deploy") -> ModuleType:
    """A fresh copy of ``functions/<function>/main.py``, the module Cloud Functions loads."""
    spec = importlib.util.spec_from_file_location(f"{function}_main_under_test", ROOT / f"functions/{function}/main.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def reset() -> None:
    settings.deploy_settings.cache_clear()
    targets.target.cache_clear()
    kube.kube_of.cache_clear()
    deploying.default_pipeline.cache_clear()


@pytest.fixture(autouse=True)
def _deploy_caches() -> Iterator[None]:
    reset()
    yield
    reset()


@pytest.fixture
def cluster(tmp_path: Path) -> Iterator[KubeStandIn]:
    """A stand-in cluster that the deploy function reaches through an NKS kubeconfig."""
    with KubeStandIn(tick_interval_s=0.02) as standin:
        config = standin.write_kubeconfig(tmp_path / "kubeconfig")
        with klepaas_env(
            {"KLEPAAS_NKS_KUBECONFIG": str(config), "KLEPAAS_ROLLOUT_WATCH_S": "5", "KLEPAAS_KUBE_TIMEOUT_S": "2"}
        ):
            reset()
            yield standin
        assert standin.internal_errors == []


@pytest.fixture
def prometheus() -> Iterator[PrometheusStandIn]:
    with PrometheusStandIn() as prom, klepaas_env({"KLEPAAS_PROMETHEUS_URL": prom.url}):
        reset()
        yield prom


@pytest.fixture
def client() -> Any:
    app = functions_framework.create_app(target="deploy_http", source=str(ROOT / "functions/deploy/main.py"))
    return app.test_client()


@pytest.fixture
def headers(make_token: Callable[..., str]) -> dict[str, str]:
    return {"Authorization": f"Bearer {make_token(sub='user-1')}", "Content-Type": "application/json"}


@pytest.fixture
def read_headers(make_token: Callable[..., str]) -> dict[str, str]:
    return {"Authorization": f"Bearer {make_token(scopes=('read',), sub='reader')}", "Content-Type": "application/json"}


def env_value(name: str) -> str:
    return os.environ.get(name, "")


def member(user: str, role: str, *, owner: str = "K-Le-PaaS", repo: str = "test01", creator: str = "user-1") -> None:
    """Make ``user`` a member of ``owner/repo``'s project (created by ``creator`` when new)."""
    from klepaas_shared.projects import ProjectRepository, Role, repository_id
    from klepaas_shared.store import get_store

    projects = ProjectRepository(get_store())
    projects.claim(repository_id(owner, repo), "repository", f"{owner}/{repo}", creator)
    if user != creator:
        projects.set_role(repository_id(owner, repo), user, Role.parse(role))


@pytest.fixture
def approver_headers(make_token: Callable[..., str]) -> dict[str, str]:
    """An approver of K-Le-PaaS/test01 (not an admin): the second pair of eyes."""
    member("approver-1", "approver")
    token = make_token(scopes=("read", "deploy:execute"), sub="approver-1")
    return {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
