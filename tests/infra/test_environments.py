"""One environment per project: each tfvars names its project and state prefix, `make plan` and
`make deploy` take the backend from that same file, and the providers stay on one major version."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from .conftest import ROOT, blocks, parsed, tfvars

ENVIRONMENTS = ("staging", "production")


def test_each_environment_names_its_own_project_and_state() -> None:
    projects = {tfvars(env)["project_id"] for env in ENVIRONMENTS}
    assert len(projects) == len(ENVIRONMENTS)
    for env in ENVIRONMENTS:
        values = tfvars(env)
        assert values["environment"] == env
        assert values["state_prefix"] == f"klepaas/{env}"
    validation = blocks("variable")["state_prefix"]["validation"][0]
    assert validation["condition"] == '${var.state_prefix == "klepaas/${var.environment}"}'


def test_the_backend_block_leaves_bucket_and_prefix_to_the_environment() -> None:
    [terraform] = parsed()["versions.tf"]["terraform"]
    [backend] = terraform["backend"]
    assert set(backend) == {"gcs"}
    assert not {key for key in backend["gcs"] if not key.startswith("__")}


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
@pytest.mark.parametrize("env", ENVIRONMENTS)
@pytest.mark.parametrize("target", ["plan", "deploy"])
def test_make_inits_the_environments_own_backend_before_using_its_variables(target: str, env: str) -> None:
    shown = subprocess.run(
        ["make", "-n", target, f"TF_ENV={env}"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    [line] = [line for line in shown.splitlines() if "terraform init" in line]
    project = tfvars(env)["project_id"]
    commands = line[line.index("terraform init") :]
    init, _, run = commands.partition("&& terraform " + ("plan" if target == "plan" else "apply"))
    assert "-reconfigure" in init
    assert f'-backend-config="bucket={project}-tfstate"' in init
    assert f'-backend-config="prefix=klepaas/{env}"' in init
    assert f"-var-file={env}.tfvars" in run
    other = next(e for e in ENVIRONMENTS if e != env)
    assert other not in commands


def test_make_refuses_an_environment_without_tfvars() -> None:
    if shutil.which("make") is None:
        pytest.skip("make is not installed")
    shown = subprocess.run(
        ["make", "-n", "plan", "TF_ENV=nowhere"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    [line] = [line for line in shown.stdout.splitlines() if "terraform init" in line]
    assert line.startswith("test -f infra/terraform/nowhere.tfvars || {") and "exit 2" in line


def test_every_provider_is_pinned_to_one_major_version() -> None:
    [terraform] = parsed()["versions.tf"]["terraform"]
    providers = {k: v for k, v in terraform["required_providers"][0].items() if isinstance(v, dict)}
    assert set(providers) >= {"google", "google-beta"}
    for name, spec in providers.items():
        assert re.fullmatch(r"~> \d+\.\d+", spec["version"]), f"{name}: {spec['version']}"
    assert providers["google"]["version"] == providers["google-beta"]["version"]
