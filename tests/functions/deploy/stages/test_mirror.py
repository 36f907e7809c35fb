from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from klepaas_deploy.pipeline.stages import manifests
from klepaas_deploy.pipeline.stages.mirror import MirrorError, mirror

TOKEN = "ghs_SECRETinstallationTOKEN123"


def git(cwd: Path, *args: str) -> str:
    identity = ["-c", "user.name=t", "-c", "user.email=t@example.invalid"]
    done = subprocess.run(["git", *identity, *args], cwd=cwd, capture_output=True, text=True, check=True)
    return done.stdout.strip()


@pytest.fixture
def upstream(tmp_path: Path) -> tuple[Path, str]:
    """A bare 'GitHub' repository with one commit carrying a Dockerfile."""
    work = tmp_path / "work"
    work.mkdir()
    git(work, "init", "--quiet", "--initial-branch=main")
    (work / "Dockerfile").write_text("FROM python:3.11\nEXPOSE 5000\n")
    git(work, "add", "Dockerfile")
    git(work, "commit", "--quiet", "-m", "first")
    bare = tmp_path / "github.git"
    git(tmp_path, "clone", "--quiet", "--bare", str(work), str(bare))
    return bare, git(work, "rev-parse", "HEAD")


def test_mirror_pushes_the_commit_and_adds_manifests(tmp_path: Path, upstream: tuple[Path, str]) -> None:
    bare, sha = upstream
    target = tmp_path / "sourcecommit.git"
    git(tmp_path, "init", "--quiet", "--bare", str(target))

    def prepare(checkout: Path) -> list[str]:
        return manifests.add_if_missing(checkout, "o-r", "reg/o-r:abc1234", namespace="default", host="r.example")

    pushed = mirror(f"file://{bare}", f"file://{target}", branch="main", sha=sha, source_token=TOKEN, prepare=prepare)
    assert git(target, "rev-parse", "refs/heads/main") == pushed
    assert git(target, "rev-parse", f"{pushed}^") == sha
    assert "containerPort: 5000" in git(target, "show", f"{pushed}:k8s/deployment.yaml")
    assert TOKEN not in (target / "config").read_text()


def test_mirror_without_changes_pushes_the_same_commit(tmp_path: Path, upstream: tuple[Path, str]) -> None:
    bare, sha = upstream
    target = tmp_path / "t.git"
    git(tmp_path, "init", "--quiet", "--bare", str(target))
    assert mirror(f"file://{bare}", f"file://{target}", branch="main", source_token=TOKEN) == sha


def test_a_failed_push_reports_git_without_the_token(tmp_path: Path, upstream: tuple[Path, str]) -> None:
    bare, _ = upstream
    with pytest.raises(MirrorError) as caught:
        mirror(
            f"file://{bare}",
            f"file://{tmp_path}/missing.git",
            branch="main",
            source_token=TOKEN,
            target_password=TOKEN,
        )
    assert caught.value.message.startswith("git push failed")
    assert TOKEN not in caught.value.message


def test_an_unknown_branch_fails_the_clone(tmp_path: Path, upstream: tuple[Path, str]) -> None:
    bare, _ = upstream
    with pytest.raises(MirrorError, match="git clone failed"):
        mirror(f"file://{bare}", f"file://{tmp_path}/t.git", branch="nope")


@pytest.mark.parametrize("served", ["path", "file url"])
def test_git_errors_name_no_path_of_this_machine(tmp_path: Path, served: str) -> None:
    # `make dev` serves repositories from disk: the walk's failed deploy showed that path in the chat.
    missing = tmp_path / "repos" / "no-such-app.git"
    source = str(missing) if served == "path" else f"file://{missing}"
    with pytest.raises(MirrorError) as caught:
        mirror(source, f"file://{tmp_path}/t.git", branch="main")
    assert caught.value.message.startswith("git clone failed")
    assert str(tmp_path) not in caught.value.message and "klepaas-mirror-" not in caught.value.message


def test_the_remote_check_names_no_path_of_this_machine(tmp_path: Path) -> None:
    from klepaas_deploy.pipeline.stages.mirror import remote_head

    missing = tmp_path / "repos" / "no-such-app.git"
    with pytest.raises(MirrorError) as caught:
        remote_head(str(missing), "main")
    assert str(tmp_path) not in caught.value.message and "klepaas-ls-" not in caught.value.message


def test_an_unreachable_remote_is_retryable_but_a_missing_branch_is_not(
    tmp_path: Path, upstream: tuple[Path, str]
) -> None:
    from klepaas_deploy.pipeline.stages.mirror import MirrorUnavailable
    from klepaas_fakes.services import free_port

    with pytest.raises(MirrorUnavailable, match="git clone failed") as caught:
        mirror(f"http://127.0.0.1:{free_port()}/o/r.git", f"file://{tmp_path}/t.git", branch="main")
    assert caught.value.retryable
    bare, _ = upstream
    with pytest.raises(MirrorError) as missing:
        mirror(f"file://{bare}", f"file://{tmp_path}/t.git", branch="nope")
    assert not missing.value.retryable
