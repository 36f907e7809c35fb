"""Deterministic Korean/English rules: the floor under the model ensemble and the offline default."""

from klepaas_nlp.rules.context import SessionContext, UserProfile
from klepaas_nlp.rules.interpreter import RuleResult, interpret

__all__ = ["RuleResult", "SessionContext", "UserProfile", "interpret"]
