"""What the rules remember: the session's last target, and a user's learned aliases and habits."""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache

from pydantic import BaseModel, ConfigDict, Field, field_validator

from klepaas_nlp.arguments import ENVIRONMENT_WORDS
from klepaas_nlp.rules.lazy import LazyPattern
from klepaas_nlp.rules.normalize import clean

_ASCII_WORD_CHAR = LazyPattern(r"[A-Za-z0-9_-]")
_TARGET_KEYS = ("github_owner", "github_repo", "app_name")


def _canonical_environment(value: str | None) -> str | None:
    if value is None:
        return None
    canonical = ENVIRONMENT_WORDS.get(value.strip().lower())
    if canonical is None:
        raise ValueError(f"environment must be staging, production or development, not {value!r}")
    return canonical


class SessionContext(BaseModel):
    """The session's last target: a repository (owner/repo) or an app name with its environment."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    github_owner: str | None = None
    github_repo: str | None = None
    app_name: str | None = None
    environment: str | None = None

    _check_environment = field_validator("environment")(_canonical_environment)

    @property
    def has_target(self) -> bool:
        return bool(self.github_owner and self.github_repo) or bool(self.app_name)

    def target_args(self) -> dict[str, str]:
        if self.github_owner and self.github_repo:
            args = {"github_owner": self.github_owner, "github_repo": self.github_repo}
        elif self.app_name:
            args = {"app_name": self.app_name}
        else:
            return {}
        if self.environment:
            args["environment"] = self.environment
        return args

    @classmethod
    def from_args(cls, args: Mapping[str, object]) -> SessionContext | None:
        """The context to remember after a command with these arguments, or None if it named no target."""
        if not any(key in args for key in _TARGET_KEYS):
            return None
        fields = {key: args[key] for key in (*_TARGET_KEYS, "environment") if isinstance(args.get(key), str)}
        return cls.model_validate(fields)


# Functions, not the builtin: pydantic reads a default factory's signature, and a builtin's is
# parsed from its text with the tokenizer, whose pattern costs a cold instance ~2 ms to compile.
def _no_aliases() -> dict[str, str]:
    return {}


def _no_targets() -> list[str]:
    return []


class UserProfile(BaseModel):
    """What was learned about one user from corrections and confirmations."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    aliases: dict[str, str] = Field(default_factory=_no_aliases)
    """A phrase the user says, and the canonical text or target it stands for."""
    preferred_environment: str | None = None
    known_targets: list[str] = Field(default_factory=_no_targets)
    """Repositories (owner/repo) and app names the user works with, most frequent first."""

    _check_environment = field_validator("preferred_environment")(_canonical_environment)

    def knows(self, target: str) -> bool:
        lowered = target.lower()
        return any(known.lower() == lowered for known in self.known_targets)


def _phrase_pattern(phrase: str) -> str:
    body = r"\s*".join(re.escape(part) for part in phrase.split(" "))
    if _ASCII_WORD_CHAR.match(phrase[0]):
        body = r"(?<![A-Za-z0-9_-])" + body
    if _ASCII_WORD_CHAR.match(phrase[-1]):
        body += r"(?![A-Za-z0-9_-])"
    return body


@lru_cache(maxsize=512)
def _alias_matcher(aliases: tuple[tuple[str, str], ...]) -> tuple[re.Pattern[str], dict[str, str]]:
    cleaned = {clean(phrase).lower(): replacement for phrase, replacement in aliases if clean(phrase)}
    ordered = sorted(cleaned, key=len, reverse=True)
    pattern = re.compile("|".join(f"(?:{_phrase_pattern(phrase)})" for phrase in ordered), re.IGNORECASE)
    lookup = {re.sub(r"\s+", "", phrase): replacement for phrase, replacement in cleaned.items()}
    return pattern, lookup


def apply_aliases(text: str, aliases: Mapping[str, str]) -> str:
    """`text` with every learned phrase replaced by what it stands for, longest phrase first."""
    if not aliases:
        return text
    pattern, lookup = _alias_matcher(tuple(sorted(aliases.items())))
    return pattern.sub(lambda match: lookup[re.sub(r"\s+", "", match.group(0).lower())], text)
