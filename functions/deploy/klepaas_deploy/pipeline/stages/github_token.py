"""The GitHub token a build stage clones with: minted when the stage first needs it, from the App's
installation-token cache (:mod:`klepaas_shared.github_app`, one fetch an hour per installation).
It travels only in git's ``http.extraHeader`` (see :mod:`.mirror`)."""

from __future__ import annotations

from collections.abc import Callable

TokenSource = Callable[[], str]


def token_of(source: str | TokenSource) -> str:
    return source() if callable(source) else source
