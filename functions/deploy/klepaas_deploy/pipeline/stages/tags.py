"""Image tag policy: staging gets ``<sha7>`` and ``latest-staging``; production gets the release
version at three precisions (``vX.Y.Z``, ``vX.Y``, ``vX``) and ``latest-prod``."""

from __future__ import annotations

import re

from klepaas_shared.errors import BadRequest

_SHA = re.compile(r"^[0-9a-f]{7,40}$")
_VERSION = re.compile(r"^v?(\d+)\.(\d+)\.(\d+)$")


class TagPolicyError(BadRequest, ValueError):
    """The commit or version does not fit the tag policy (its message is safe to show)."""


def short_sha(sha: str) -> str:
    if not _SHA.match(sha.lower()):
        raise TagPolicyError(f"not a commit sha: {sha[:40]!r}")
    return sha.lower()[:7]


def tags_for(environment: str, sha: str, version: str | None = None) -> list[str]:
    """The tags an image built from ``sha`` carries in ``environment`` (the first one is primary)."""
    if environment == "staging":
        return [short_sha(sha), "latest-staging"]
    if environment == "production":
        match = _VERSION.match(version or "")
        if match is None:
            raise TagPolicyError(f"production needs a version vX.Y.Z, got {version!r}")
        major, minor, patch = match.groups()
        return [f"v{major}.{minor}.{patch}", f"v{major}.{minor}", f"v{major}", "latest-prod"]
    raise TagPolicyError(f"unknown environment {environment!r}")


def version_of(tags: tuple[str, ...] | list[str]) -> str | None:
    """The release version (``vX.Y.Z``) among a request's tags, if any."""
    return next((tag for tag in tags if _VERSION.match(tag)), None)


def image_refs(repository: str, tags: list[str]) -> list[str]:
    """``repository:tag`` for every tag, in order."""
    return [f"{repository}:{tag}" for tag in tags]
