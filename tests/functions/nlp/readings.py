"""One assertion for the rules' regression tests: a command reads as an intent with these args."""

from __future__ import annotations

from klepaas_nlp.intents import Intent
from klepaas_nlp.rules import interpret


def reads_within(text: str, intent: Intent, args: dict[str, object], missing: list[str] | None = None) -> None:
    """`text` reads as `intent`, its args include `args` (others may be there too), and, when given,
    exactly the slots `missing` are asked for."""
    result = interpret(text).interpretation
    assert result.intent is intent, (text, result.intent, result.args)
    assert {key: value for key, value in result.args.items() if key in args} == args, (text, result.args)
    if missing is not None:
        assert sorted(result.missing) == sorted(missing), (text, result.missing)


def reads_exactly(text: str, intent: Intent, args: dict[str, object], missing: list[str] | None = None) -> None:
    """As :func:`reads_within`, with no args beyond `args`."""
    reads_within(text, intent, args, missing)
    assert dict(interpret(text).interpretation.args) == args, (text, interpret(text).interpretation.args)
