from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from klepaas_deploy.pipeline.stages import manifests
from klepaas_deploy.pipeline.stages.tags import TagPolicyError, image_refs, tags_for

SHA = "0123456789abcdef0123456789abcdef01234567"


def test_staging_tags_are_short_sha_and_latest_staging() -> None:
    assert tags_for("staging", SHA) == ["0123456", "latest-staging"]


def test_production_tags_are_version_at_three_precisions_and_latest_prod() -> None:
    assert tags_for("production", SHA, "v1.4.2") == ["v1.4.2", "v1.4", "v1", "latest-prod"]
    assert tags_for("production", SHA, "2.0.10")[0] == "v2.0.10"


@pytest.mark.parametrize(
    ("environment", "sha", "version"),
    [("production", SHA, None), ("production", SHA, "v1.2"), ("staging", "not-a-sha", None), ("dev", SHA, None)],
)
def test_tags_outside_the_policy_are_refused(environment: str, sha: str, version: str | None) -> None:
    with pytest.raises(TagPolicyError):
        tags_for(environment, sha, version)


def test_image_refs_join_repository_and_tags() -> None:
    assert image_refs("reg.io/app", ["abc1234", "latest-staging"]) == [
        "reg.io/app:abc1234",
        "reg.io/app:latest-staging",
    ]


@pytest.mark.parametrize(
    ("dockerfile", "port"),
    [
        ("FROM python:3.11\nEXPOSE 3000\n", 3000),
        ("FROM node\nexpose 5000/tcp 5001\n", 5000),
        ("FROM a AS build\nEXPOSE 9000\nFROM b\nEXPOSE 7000\n", 7000),
        ("FROM b\nEXPOSE ${PORT}\n", 8080),
        ("FROM b\nCMD run\n", 8080),
        ("FROM b\nEXPOSE 99999\n", 8080),
    ],
)
def test_container_port_comes_from_the_last_expose_or_8080(dockerfile: str, port: int) -> None:
    assert manifests.container_port(dockerfile) == port


def test_manifests_are_added_with_the_exposed_port_when_the_repo_has_none(tmp_path: Path) -> None:
    (tmp_path / "Dockerfile").write_text("FROM python:3.11\nEXPOSE 5000\n")
    written = manifests.add_if_missing(tmp_path, "o-r", "reg/o-r:abc1234", namespace="default", host="r.klepaas.app")
    assert written == ["k8s/deployment.yaml", "k8s/service.yaml", "k8s/ingress.yaml"]
    deployment = yaml.safe_load((tmp_path / "k8s/deployment.yaml").read_text())
    container = deployment["spec"]["template"]["spec"]["containers"][0]
    assert container["ports"] == [{"containerPort": 5000}] and container["image"] == "reg/o-r:abc1234"
    service = yaml.safe_load((tmp_path / "k8s/service.yaml").read_text())
    assert service["spec"]["ports"][0]["targetPort"] == 5000
    ingress = yaml.safe_load((tmp_path / "k8s/ingress.yaml").read_text())
    assert ingress["spec"]["rules"][0]["host"] == "r.klepaas.app"


def test_manifests_are_left_alone_when_the_repo_has_a_deployment(tmp_path: Path) -> None:
    (tmp_path / "deploy").mkdir()
    (tmp_path / "deploy/app.yml").write_text("apiVersion: apps/v1\nkind: Deployment\n")
    assert manifests.add_if_missing(tmp_path, "a", "i", namespace="d", host="h") == []
    assert not (tmp_path / "k8s").exists()


def test_manifests_default_to_8080_without_a_dockerfile(tmp_path: Path) -> None:
    manifests.add_if_missing(tmp_path, "a", "i", namespace="d", host="h")
    deployment = yaml.safe_load((tmp_path / "k8s/deployment.yaml").read_text())
    assert deployment["spec"]["template"]["spec"]["containers"][0]["ports"][0]["containerPort"] == 8080
