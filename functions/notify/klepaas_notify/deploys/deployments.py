"""One Slack message per deployment: posted when it starts, updated in place as stages finish,
with a thread reply carrying the details when it fails. Each event is handled once (by its
``event_id``, outcome kept), and events that arrive out of order only ever move the view forward."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

from klepaas_shared.clock import iso, now, now_iso, parse_iso
from klepaas_shared.contracts import DeploymentEvent
from klepaas_shared.idempotency import InFlight, run_once
from klepaas_shared.store import Store, Transaction, get_store

from ..installs import direct_message
from ..messages import view
from ..messages.render import render
from ..messages.routing import deployment_channel, error_channel
from ..settings import notify_settings
from ..slack.senders import get_sender

COLLECTION = "slack_deployments"
POST_LEASE = timedelta(seconds=60)
FIRST_POST_POLL_S = 1.0


def handle(event: DeploymentEvent) -> None:
    """Handle one deployment event; a repeated ``event_id`` posts nothing."""
    store = get_store()
    run_once(store, f"notify:deployment-event:{event.event_id}", lambda: _process(store, event))


def _process(store: Store, event: DeploymentEvent) -> None:
    settings = notify_settings()
    sender = get_sender()

    def once(post: str, send: Callable[[], Any]) -> None:
        # Each post has its own key: when a later one fails and the event comes again, the
        # posts that went out are not repeated (the message itself is updated in place).
        run_once(store, f"notify:deployment-event:{event.event_id}:{post}", send)

    state, must_post = store.transaction(lambda txn: _apply(txn, event, deployment_channel(settings, event)))
    context = view.context(state)
    rendered = render("deployment", context, lambda: view.plain(context))
    slack = state["slack"]
    if must_post:
        try:
            posted = sender.post(slack["channel"], rendered.text, rendered.blocks)
        except Exception:
            store.update(COLLECTION, str(event.deployment_id), {"slack.claimed_until": None})
            # the next delivery of this event claims again
            raise
        store.update(COLLECTION, str(event.deployment_id), {"slack": {"channel": posted.channel, "ts": posted.ts}})
        slack = {"channel": posted.channel, "ts": posted.ts}
    elif sender.can_update and slack["ts"]:
        sender.update(slack["channel"], slack["ts"], rendered.text, rendered.blocks)
    elif view.is_final(event):
        once("final", lambda: sender.post(slack["channel"], rendered.text, rendered.blocks))
    if event.status == "failed" and view.is_final(event):
        details = render("failure", context, lambda: view.plain_failure(context))
        thread = slack.get("ts") or None
        once("thread", lambda: sender.post(slack["channel"], details.text, None, thread_ts=thread))
        special = error_channel(settings, event.error.code if event.error else "")
        if special:
            once("error-channel", lambda: sender.post(special, f"{rendered.text}\n{details.text}", None))
    if view.is_final(event) and event.requested_by:
        once("dm", lambda: direct_message(store, event.requested_by, rendered.text, rendered.blocks))


def _apply(txn: Transaction, event: DeploymentEvent, channel: str) -> tuple[dict[str, Any], bool]:
    """Fold the event into the stored view; claim the first post when nobody has posted yet."""
    doc_id = str(event.deployment_id)
    state = txn.get(COLLECTION, doc_id) or view.empty(event, channel)
    state = view.fold(state, event)
    slack = dict(state.get("slack") or {"channel": channel})
    must_post = False
    if "ts" not in slack:  # an incoming webhook stores "" (it has no ts, and posts no updates)
        claimed = slack.get("claimed_until")
        if claimed and (left := (parse_iso(claimed) - now()).total_seconds()) > 0:
            # Another delivery is posting the message: a post takes about a second, so look again then
            # (a wait, not a failed attempt: without it, a slow Slack had the bus bury this update).
            raise InFlight(f"deployment {doc_id}'s message is being posted", retry_after_s=min(left, FIRST_POST_POLL_S))
        slack["claimed_until"] = iso(now() + POST_LEASE)
        must_post = True
    state["slack"] = slack
    state["updated_at"] = now_iso()
    txn.set(COLLECTION, doc_id, state)
    return state, must_post
