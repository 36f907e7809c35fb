"""Per-user learning: corrections become aliases and preferences that change that user's later readings.

- A corrected *target* ("내 앱" → my-app) is learned at once; a corrected *intent phrase*
  ("살려줘" → 재시작해줘) only when the same correction was given twice.
- Every alias is proven by the rules before it is kept, lives in one user's profile only, and is
  bounded in number and size (see :mod:`.profiles`).
- Aliases only rewrite text the rules then read; the rules check safety before and after the
  rewrite, and a mutation always keeps its confirmation, so a learned phrase can never run a
  command unasked. An intent alias is never learned from a command the rules read as a read-only
  intent and the user "corrected" into a mutation.
"""

from __future__ import annotations

from typing import Any

from klepaas_nlp.intents import Intent, Interpretation, policy_for
from klepaas_nlp.learning import corrections, profiles
from klepaas_nlp.rules import UserProfile
from klepaas_nlp.rules.context import apply_aliases

INTENT_ALIAS_VOTES = 2

__all__ = ["INTENT_ALIAS_VOTES", "expand", "learn", "note_use", "profile", "summary"]


def profile(user_id: str | None) -> UserProfile | None:
    """What the interpreter should know about this user (None: nothing learned yet)."""
    if not user_id:
        return None
    return profiles.as_user_profile(profiles.load(user_id))


def expand(user_profile: UserProfile | None, text: str) -> str:
    """`text` with the user's aliases applied: what a model should be asked about."""
    if user_profile is None or not user_profile.aliases:
        return text
    return apply_aliases(text, user_profile.aliases)


def _allowed(kind: str, was: Intent | None, wanted: Interpretation) -> bool:
    if kind != "intent" or not policy_for(wanted.intent).mutates:
        return True
    return was is None or was is Intent.UNKNOWN or policy_for(was).mutates


def learn(
    user_id: str, command: str, was: Intent | None, wanted: Interpretation, *, max_replicas: int
) -> list[dict[str, Any]]:
    """Record a correction of `command` (read as `was`) to `wanted`; answers the aliases learned now."""
    found = corrections.candidates(command, wanted, max_replicas=max_replicas)
    if not all(_allowed(c.kind, was, wanted) and len(c.to) <= profiles.MAX_REPLACEMENT for c in found):
        found = []  # a target alias found together with a refused intent alias means nothing alone
    learned: list[dict[str, Any]] = []

    def edit(saved: profiles.Profile) -> None:
        learned.clear()
        for candidate in found:
            votes = profiles.bump(saved["votes"], phrase=candidate.phrase, to=candidate.to)
            if candidate.kind == "target" or votes >= INTENT_ALIAS_VOTES:
                learned.append(profiles.put_alias(saved, candidate.phrase, candidate.to, candidate.kind))
        _note(saved, dict(wanted.args))

    profiles.change(user_id, edit)
    return learned


def _note(saved: profiles.Profile, args: dict[str, Any], *, environment: bool = True) -> None:
    target = corrections.target_of(args)
    if target is not None:
        profiles.bump(saved["targets"], target=target)
    if environment and isinstance(args.get("environment"), str):
        profiles.bump(saved["environments"], environment=args["environment"])


def note_use(user_id: str, args: dict[str, Any]) -> None:
    """Remember the target of a command the user confirmed (frequent targets feed suggestions)."""
    if corrections.target_of(args) is not None:
        profiles.change(user_id, lambda saved: _note(saved, args, environment=False))


def summary(user_id: str) -> dict[str, Any]:
    """The learned part of a user's insights."""
    saved = profiles.load(user_id)
    learned = profiles.as_user_profile(saved)
    return {
        "aliases": [{k: a[k] for k in ("phrase", "to", "kind", "learned_at")} for a in saved["aliases"]],
        "preferred_environment": learned.preferred_environment if learned else None,
        "known_targets": learned.known_targets if learned else [],
    }
