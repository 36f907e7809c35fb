"""Choosing one answer: the rules first, then the models by confidence, agreement and record.

Policy:
- The rules answer first. A refusal is final, and a complete answer with confidence at least
  `SKIP_CONFIDENCE` (an explicit or context-filled command) stands: models are not asked. They
  are asked only when the rules did not understand, lack an argument, or are unsure.
- Model answers that are valid, not `unknown` and at least `MIN_VOTE` confident vote. Equal
  answers (intent and arguments) form one candidate; the rules' answer is a candidate too. A
  candidate's score is the sum of its voters' confidence, a model's weighted by
  `records.weight`: twice its feedback accuracy (0.5 untested) times its speed, which falls
  linearly from 1.0 (answers at once) to 0.5 (mean answer time at the deadline). So of two
  equally accurate models, the one that answers near the deadline counts for less. The chosen
  model (credited in records and history) is the candidate's best weighted voter.
- A model whose circuit breaker is open (it failed `BREAKER_FAILURES` rounds in a row on this
  instance) is not asked until its reset time has passed; it counts as `skipped`.
- A complete candidate (nothing `missing`) beats an incomplete one; then the higher score wins.
- Names a model gives for a target or a resource must appear in the command or the session's
  last target: an invented name is dropped, so the answer asks instead of guessing.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from klepaas_nlp.intents import Intent, Interpretation
from klepaas_nlp.models.base import Outcome
from klepaas_nlp.rules import RuleResult, SessionContext
from klepaas_nlp.rules.calibration import SKIP_CONFIDENCE  # defined beside the paths that may claim it

MIN_VOTE = 0.5


@dataclass(frozen=True)
class Choice:
    interpretation: Interpretation
    context_update: SessionContext | None
    winner: Outcome | None = None


def should_consult(rules: Interpretation) -> bool:
    """Whether the models are worth asking after the rules' answer."""
    if rules.refused is not None:
        return False
    return rules.intent is Intent.UNKNOWN or bool(rules.missing) or rules.confidence < SKIP_CONFIDENCE


Key = tuple[str, tuple[tuple[str, object], ...]]


def _key(it: Interpretation) -> Key:
    return it.intent.value, tuple(sorted(it.args.items()))


def choose(rules: RuleResult, outcomes: Sequence[Outcome], weights: Mapping[str, float]) -> Choice:
    """The answer of the round (the rules' when no model answers better)."""
    floor = rules.interpretation
    shapes: dict[Key, Interpretation] = {}
    scores: dict[Key, float] = {}
    voters: dict[Key, list[Outcome]] = {}
    if floor.intent is not Intent.UNKNOWN:
        shapes[_key(floor)], scores[_key(floor)], voters[_key(floor)] = floor, floor.confidence, []
    for outcome in outcomes:
        it = outcome.interpretation
        if outcome.kind != "answer" or it is None or it.intent is Intent.UNKNOWN or it.confidence < MIN_VOTE:
            continue
        key = _key(it)
        shapes.setdefault(key, it)
        scores[key] = scores.get(key, 0.0) + it.confidence * weights.get(outcome.model, 1.0)
        voters.setdefault(key, []).append(outcome)
    if not shapes:
        return Choice(floor, rules.context_update)
    best = max(shapes, key=lambda key: (not shapes[key].missing, scores[key]))
    if not voters[best]:
        return Choice(floor, rules.context_update)
    confidences = {id(o): o.interpretation.confidence if o.interpretation else 0.0 for o in voters[best]}
    ranked = sorted(voters[best], key=lambda o: confidences[id(o)] * weights.get(o.model, 1.0), reverse=True)
    winner = ranked[0]
    doubt = 1.0
    for outcome in ranked:
        doubt *= 1.0 - confidences[id(outcome)]
    base = shapes[best]
    rules_agree = base is floor
    source = "ensemble" if len(ranked) + rules_agree > 1 else winner.source
    confidence = round(min(0.99, max(base.confidence, 1.0 - doubt)), 3)
    chosen = base.model_copy(update={"source": source, "confidence": confidence}).crediting(winner.model)
    return Choice(chosen, rules.context_update if rules_agree else SessionContext.from_args(chosen.args), winner)
