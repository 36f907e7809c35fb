"""Terraform's own checks, where terraform is on the machine: `terraform fmt -check` always, and
`terraform validate` against the pinned providers when their plugins are already on disk (they
cannot be downloaded here; without them that one check is skipped, saying why)."""

from __future__ import annotations

import json
import os
import platform
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from .conftest import TF, gateway_document, parsed

TERRAFORM = shutil.which("terraform")
needs_terraform = pytest.mark.skipif(TERRAFORM is None, reason="terraform is not installed on this machine")


def _pins() -> dict[str, str]:
    [terraform] = parsed()["versions.tf"]["terraform"]
    providers = terraform["required_providers"][0]
    return {name: spec["version"] for name, spec in providers.items() if isinstance(spec, dict)}


def _plugin_dirs() -> list[Path]:
    home = Path.home()
    candidates = [os.environ.get("TF_PLUGIN_CACHE_DIR", "")]
    candidates += [str(home / ".terraform.d" / "plugins"), str(home / ".local/share/terraform/plugins")]
    candidates += ["/usr/local/share/terraform/plugins", "/usr/share/terraform/plugins"]
    return [Path(c) for c in candidates if c and Path(c).is_dir()]


def _satisfies(version: str, pin: str) -> bool:
    """`~> M.N`: the same major version M, at least M.N."""
    major, minor = (int(x) for x in pin.removeprefix("~> ").split("."))
    parts = re.match(r"(\d+)\.(\d+)", version)
    return parts is not None and int(parts.group(1)) == major and int(parts.group(2)) >= minor


def _mirror_with_every_pinned_provider() -> tuple[Path | None, list[str]]:
    target = f"{platform.system().lower()}_{'amd64' if platform.machine() in ('x86_64', 'AMD64') else 'arm64'}"
    missing: list[str] = []
    for directory in _plugin_dirs():
        missing = []
        for name, pin in _pins().items():
            versions = directory / "registry.terraform.io" / "hashicorp" / name
            found = versions.is_dir() and any(
                _satisfies(v.name, pin) and (v / target).is_dir() for v in versions.iterdir()
            )
            if not found:
                missing.append(f"hashicorp/{name} {pin}")
        if not missing:
            return directory, []
    return None, missing or [f"hashicorp/{name} {pin}" for name, pin in _pins().items()]


@needs_terraform
def test_terraform_fmt_finds_nothing_to_change() -> None:
    result = subprocess.run(
        [str(TERRAFORM), "fmt", "-check", "-recursive", "-no-color", str(TF)],
        check=False,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, f"terraform fmt would change: {result.stdout}"


@needs_terraform
def test_terraform_validate_against_the_pinned_providers(tmp_path: Path) -> None:
    mirror, missing = _mirror_with_every_pinned_provider()
    if mirror is None:
        pytest.skip(f"the pinned provider plugins are not on this machine and cannot be downloaded: {missing}")
    copy = tmp_path / "infra" / "terraform"
    shutil.copytree(TF, copy, ignore=shutil.ignore_patterns(".terraform", "*.tfstate*"))
    gateway = tmp_path / "build" / "gateway"
    gateway.mkdir(parents=True)
    (gateway / "openapi.json").write_text(json.dumps(gateway_document()))
    env = {**os.environ, "TF_IN_AUTOMATION": "1", "CHECKPOINT_DISABLE": "1"}
    init = subprocess.run(
        [str(TERRAFORM), "init", "-backend=false", "-input=false", "-no-color", f"-plugin-dir={mirror}"],
        cwd=copy,
        check=False,
        capture_output=True,
        text=True,
        env=env,
    )
    assert init.returncode == 0, init.stdout + init.stderr
    validate = subprocess.run(
        [str(TERRAFORM), "validate", "-no-color"], cwd=copy, check=False, capture_output=True, text=True, env=env
    )
    assert validate.returncode == 0, validate.stdout + validate.stderr
