from __future__ import annotations

import json

from klepaas_nlp.formatting.catalog import CATEGORIES, HELP_TEXT, list_commands_payload, total_commands
from klepaas_nlp.intents import Intent
from klepaas_nlp.rules import interpret


def test_catalogue_lists_every_command_exactly_once() -> None:
    names = [command.name for category in CATEGORIES for command in category.commands]
    assert sorted(names) == sorted(
        intent.value for intent in Intent if intent not in {Intent.UNKNOWN, Intent.AMBIGUOUS}
    )
    assert total_commands() == len(names)


def test_every_catalogue_example_is_understood_as_its_own_command() -> None:
    for category in CATEGORIES:
        for command in category.commands:
            interpretation = interpret(command.example).interpretation
            assert interpretation.intent.value == command.name, command.example
            assert interpretation.missing == [], command.example


def test_payload_has_the_shape_the_console_renders() -> None:
    payload = list_commands_payload()
    json.dumps(payload, ensure_ascii=False)
    assert payload["total_commands"] == total_commands()
    assert payload["help_text"] == list(HELP_TEXT)
    categories = payload["categories"]
    assert isinstance(categories, list) and categories
    for category in categories:
        assert set(category) == {"category", "icon", "commands"}
        assert category["icon"] and category["category"]
        assert isinstance(category["commands"], list)
        for command in category["commands"]:
            assert set(command) == {"name", "name_ko", "desc", "example"}
            assert all(isinstance(value, str) and value for value in command.values())


def test_help_text_is_a_few_korean_lines() -> None:
    assert 3 <= len(HELP_TEXT) <= 8
    assert all(any("가" <= char <= "힣" for char in line) for line in HELP_TEXT)
