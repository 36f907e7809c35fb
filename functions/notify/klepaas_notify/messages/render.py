"""Jinja2 templates → Slack text and Block Kit. Templates in ``KLEPAAS_SLACK_TEMPLATES_DIR`` replace
the packaged ones by file name; a template that fails to render falls back to plain text, so a
message is never dropped because of a template."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from klepaas_shared.logs import get_logger, log_fields

from ..settings import notify_settings
from .texts import words

if TYPE_CHECKING:
    from jinja2 import Environment

log = get_logger("notify.render")
PACKAGED = Path(__file__).resolve().parent / "templates"


@dataclass(frozen=True)
class Rendered:
    text: str
    blocks: list[Any] | None


def slack_escape(value: object) -> str:
    """Slack mrkdwn's three control characters."""
    return str(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


@cache
def environment() -> Environment:
    from jinja2 import ChoiceLoader, FileSystemLoader, StrictUndefined
    from jinja2.sandbox import SandboxedEnvironment

    loaders = [FileSystemLoader(str(PACKAGED))]
    custom = notify_settings().slack_templates_dir
    if custom:
        loaders.insert(0, FileSystemLoader(custom))
    env = SandboxedEnvironment(loader=ChoiceLoader(loaders), undefined=StrictUndefined, autoescape=False)
    env.filters["slack"] = slack_escape
    return env


def render(name: str, context: dict[str, Any], plain: Callable[[], str]) -> Rendered:
    """``<name>.txt.j2`` (the fallback text) and, when present, ``<name>.blocks.j2`` (JSON blocks)."""
    context = {**context, "t": words(notify_settings().slack_language)}
    env = environment()
    try:
        text = env.get_template(f"{name}.txt.j2").render(context).strip()
        if not text:
            raise ValueError("the template rendered nothing")
    except Exception as exc:  # any template fault: fall back, never drop the message
        log.warning("template failed; plain text", extra=log_fields(template=name, error=repr(exc)[:300]))
        return Rendered(plain(), None)
    from jinja2 import TemplateNotFound

    try:
        template = env.get_template(f"{name}.blocks.j2")
    except TemplateNotFound:
        return Rendered(text, None)
    try:
        blocks = json.loads(template.render(context))
        if not isinstance(blocks, list):
            raise ValueError("blocks must be a JSON array")
    except Exception as exc:  # same rule for blocks: the text still goes out
        log.warning("blocks template failed; text only", extra=log_fields(template=name, error=repr(exc)[:300]))
        return Rendered(text, None)
    return Rendered(text, blocks)
