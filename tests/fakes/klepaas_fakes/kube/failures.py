"""Which images fail, and how: the failure modes the simulated kubelet acts out."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class PodMode(StrEnum):
    HEALTHY = "healthy"
    CRASHLOOP = "crashloop"  # starts, exits 1, CrashLoopBackOff with a growing restartCount
    IMAGEPULL = "imagepull"  # ErrImagePull, then ImagePullBackOff; the pod stays Pending
    NEVERREADY = "neverready"  # Running, readiness probe failing; the rollout hits its deadline


@dataclass
class FailureModes:
    """Image name markers and explicit images that select a failure mode (checked in this order).

    `images` maps an exact image reference to a mode; then the markers are looked for anywhere in
    the image reference; then an image whose tag is in `missing_tags` (or that has no tag, when
    `untagged_pull_fails`) fails to pull, as a tag absent from the registry does.
    """

    crashloop_marker: str = "crashloop"
    imagepull_marker: str = "imagepull"
    neverready_marker: str = "neverready"
    missing_tags: set[str] = field(default_factory=lambda: {"missing", "doesnotexist", "notfound"})
    untagged_pull_fails: bool = False
    images: dict[str, PodMode] = field(default_factory=dict)

    def mode_for(self, image: str) -> PodMode:
        if image in self.images:
            return self.images[image]
        markers = (
            (self.crashloop_marker, PodMode.CRASHLOOP),
            (self.imagepull_marker, PodMode.IMAGEPULL),
            (self.neverready_marker, PodMode.NEVERREADY),
        )
        for marker, mode in markers:
            if marker and marker in image:
                return mode
        tag = tag_of(image)
        if tag in self.missing_tags or (tag is None and self.untagged_pull_fails):
            return PodMode.IMAGEPULL
        return PodMode.HEALTHY


def tag_of(image: str) -> str | None:
    """The tag of an image reference, None when it has none (a digest counts as a tag)."""
    if "@" in image:
        return image.split("@", 1)[1]
    last = image.rsplit("/", 1)[-1]
    return last.split(":", 1)[1] if ":" in last else None
