"""The `list_commands` result: the help catalogue (`klepaas_nlp.formatting.catalog`) in the result envelope."""

from __future__ import annotations

from typing import Any

from klepaas_nlp.formatting.catalog import CATEGORIES, list_commands_payload
from klepaas_nlp.formatting.envelope import envelope


def list_commands() -> dict[str, Any]:
    formatted = list_commands_payload()
    total = formatted["total_commands"]
    return envelope(
        "list_commands",
        f"사용 가능한 명령어 {total}개",
        formatted,
        {"total_commands": total, "category_count": len(CATEGORIES)},
    )
