"""Journey 15 (FRONTEND_API §5): the chat survives a reload, and the dashboard deep-links into it."""

from __future__ import annotations

from .conftest import Chat, Console


def test_journey_15_history_reloads_oldest_first_and_recent_commands_link_to_it(developer: Console) -> None:
    chat = Chat(developer)
    said = ["명령어 목록 보여줘", "파드 목록 보여줘", "오늘 점심 뭐 먹지"]
    answers = [chat.say(command) for command in said]

    rows = developer.ok(developer.get("/api/v1/nlp/conversation-history", limit=50, offset=0, t=1))
    assert isinstance(rows, list)
    assert [r["id"] for r in rows] == sorted(r["id"] for r in rows), "oldest first"
    users = [r for r in rows if r["tool"] == "user_message"]
    assert [r["command_text"] for r in users][-3:] == said
    for answer in answers:  # the assistant row after each user row holds the identical result
        replies = [r for r in rows if r["tool"] != "user_message" and r["result"] == answer["result"]]
        assert replies and replies[-1]["command_text"] == answer["message"]
    assert all(r["created_at"].endswith("Z") or "+" in r["created_at"] for r in rows)

    recent = developer.ok(developer.get("/api/v1/nlp/history", limit=50, offset=0, t=1))
    assert [r["id"] for r in recent] == sorted((r["id"] for r in recent), reverse=True), "newest first"
    top = [r for r in recent if r["tool"] == "user_message"][:5]
    assert [r["command_text"] for r in top][:3] == list(reversed(said))
    assert all(r["status"] in ("pending", "processing", "completed", "error", "failed") for r in top)
    chat_ids = {r["id"] for r in rows}
    assert {r["id"] for r in top} <= chat_ids, "the deep link scrolls to history-<id> in the chat"
