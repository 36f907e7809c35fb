"""A button press on an approval: only a linked Slack user allowed to deploy confirms it, and
the confirmation runs exactly the stored operation (same args, checked by hash), once.

Slack wants an answer within 3 s, and deploy (or Slack itself) may take longer: the press is
checked, claimed and queued at once (:func:`decide`, no Slack call), and the decision is carried
out from Pub/Sub (:func:`carry_out`), which edits the message twice, in order: "deciding…", then
the outcome. A claim nothing carries out (notify died before queueing it, or it was dead-lettered)
is ended by maintenance after its lease (:func:`end_stuck`): buttons back, outcome unknown.

A press refused for the person who made it (not linked, not allowed, already decided, or refused
by deploy's policy at carry-out) is not an outcome of the approval: the message keeps its buttons
(at carry-out, with a note saying who was refused and why), and that person is told privately
through the interaction's ``response_url`` (Slack shows nothing of the press's HTTP answer), from
a Pub/Sub consumer, never within the 3 s."""

from __future__ import annotations

from datetime import datetime, timedelta
from functools import cache
from typing import Any

from klepaas_shared import audit
from klepaas_shared.auth import DEPLOY_EXECUTE, READ, Principal
from klepaas_shared.clock import iso, now, now_iso, parse_iso
from klepaas_shared.contracts import TOPIC_DEPLOYMENT_EVENTS, ApprovalDecision, OperationStatus
from klepaas_shared.errors import Conflict, Forbidden, KlepaasError, NotFound
from klepaas_shared.events import get_publisher
from klepaas_shared.logs import get_logger, log_fields
from klepaas_shared.operations import HttpOperationsClient, OperationRequest
from klepaas_shared.settings import common
from klepaas_shared.store import Store, Transaction
from klepaas_shared.store.queries import declare_query

from ..installs import by_slack_user
from ..messages.texts import words
from ..settings import notify_settings
from ..slack import responses
from ..slack.senders import get_sender
from .approvals import COLLECTION, args_hash, message, stored

log = get_logger("notify.decisions")


DECIDED_KIND = "approval_decided"  # attribute ``kind`` of a decision on the deployment-events topic
TOLD_KIND = "approval_told"  # a refusal to show the presser alone (:func:`told`)


@cache
def operations_client() -> HttpOperationsClient:
    # Called from the decision's Pub/Sub consumer, not within Slack's 3 s: deploy gets its time.
    return HttpOperationsClient(common().api_base_url, service="notify", timeout_s=DECISION_TIMEOUT_S)


DECISION_TIMEOUT_S = 30.0
# A claimed decision nothing carries out within this is ended by maintenance (end_stuck): time for
# the queueing, a delivery and deploy's answer. A retried one gets Pub/Sub's longest backoff on top
# (at most 600 s: modules/cloud-function, event_retry_max_backoff_s), so one merely waiting for
# its retry is not ended.
DECISION_LEASE = timedelta(seconds=DECISION_TIMEOUT_S * 4)
RETRY_BACKOFF_MAX = timedelta(minutes=10)
BATCH = 100
REOPENED = {"status": "pending", "decided_by": None, "decided_at": None, "lease_until": None}  # no claim
declare_query(COLLECTION, equal=["status"])  # end_stuck: the approvals still being decided


def decide(
    store: Store,
    approval_id: str,
    digest: str,
    approve: bool,
    team_id: str,
    slack_user: str,
    response_url: str = "",
) -> str:
    """Accept a button press within Slack's 3 s: check who pressed it, claim the approval, and hand
    the decision to Pub/Sub (:func:`carry_out` runs it and edits the message). No Slack call is
    made here, so a slow Slack cannot hold the answer past 3 s. The text the answer carries (Slack
    does not show it: a refusal also goes to the presser through ``response_url``, queued)."""
    try:
        text, principal = _accept(store, approval_id, digest, approve, team_id, slack_user)
    except NotFound:
        _tell_later(response_url, words(notify_settings().slack_language)["no_such_approval"])
        raise
    if principal is None:  # refused: nothing to carry out, the message stays as it is
        _tell_later(response_url, text)
        return text
    decision = {"approval_id": approval_id, "digest": digest, "approve": approve, "slack_user": slack_user}
    decision |= {"sub": principal.sub, "scopes": sorted(principal.scopes), "response_url": response_url}
    try:
        get_publisher().publish(TOPIC_DEPLOYMENT_EVENTS, decision, {"kind": DECIDED_KIND})
    except KlepaasError as exc:  # nothing will carry it out: the approval is open again
        _reopen(store, approval_id, principal.sub)
        log.warning("approval decision not queued", extra=log_fields(approval=approval_id, error=exc.code))
        return words(notify_settings().slack_language)["decision_not_queued"]
    return text


def _tell_later(response_url: str, text: str) -> None:
    """Queue ``text`` for the presser alone (:func:`told` posts it): publishing is quick, a post to
    Slack may not be. Without a ``response_url`` there is nobody to tell."""
    if not response_url:
        return
    try:
        told = {"response_url": response_url, "text": text}
        get_publisher().publish(TOPIC_DEPLOYMENT_EVENTS, told, {"kind": TOLD_KIND})
    except KlepaasError as exc:  # the press's own answer still carries the text
        log.warning("refusal not queued for the presser", extra=log_fields(error=exc.code))


def told(message: dict[str, Any]) -> None:
    """The consumer of :func:`_tell_later`: show the text to the presser. Slack's transient
    failures are raised (Pub/Sub redelivers this message alone); an expired or used-up
    ``response_url`` is logged: nobody can be told any more."""
    try:
        responses.tell(str(message["response_url"]), str(message["text"]))
    except KlepaasError as exc:
        if exc.retryable:
            raise
        log.warning("the presser was not told of the refusal", extra=log_fields(error=exc.code))


def _accept(
    store: Store, approval_id: str, digest: str, approve: bool, team_id: str, slack_user: str
) -> tuple[str, Principal | None]:
    """The text to show, and who decided when the approval was claimed for the decision."""
    t = words(notify_settings().slack_language)
    install = by_slack_user(store, team_id, slack_user)
    if install is None:
        return t["not_linked"], None
    # A Slack link never carries admin powers: deploy checks the user's role in the project at
    # the moment the decision is carried out (the policy); these scopes only say the link may ask.
    principal = Principal(
        sub=str(install["user_id"]),
        scopes=frozenset(install.get("scopes") or []) & {READ, DEPLOY_EXECUTE},
        via_service="slack",
    )
    if approve and not principal.has(DEPLOY_EXECUTE):
        return t["not_allowed"], None

    def claim(txn: Transaction) -> dict[str, Any]:
        doc = txn.get(COLLECTION, approval_id)
        if doc is None or doc.get("args_hash") != digest or args_hash(doc.get("args") or {}) != digest:
            raise NotFound("no such pending approval")
        if doc.get("status") != "pending":
            raise Conflict(t["already_decided"].format(status=doc.get("status")))
        decided = {"decided_by": principal.sub, "decided_at": now_iso(), "approve": approve, "slack_user": slack_user}
        txn.update(COLLECTION, approval_id, {"status": "deciding", "lease_until": _lease(DECISION_LEASE), **decided})
        return doc

    try:
        store.transaction(claim)
    except Conflict as exc:
        return exc.message, None
    return t["deciding"].format(user=f"<@{slack_user}>"), principal


def carry_out(store: Store, decision: dict[str, Any]) -> None:
    """The decision's consumer: show "deciding…", approve (the held operation runs, once) or
    reject, then show the outcome in place of the buttons. An outcome deploy did not give (timeout,
    unavailable) stays pending, shown as such, and the decision is retried; it is never shown as a
    failure."""
    t = words(notify_settings().slack_language)
    approval_id, digest = str(decision["approval_id"]), str(decision["digest"])
    doc = store.get(COLLECTION, approval_id)
    if doc is None or doc.get("status") != "deciding":
        return  # carried out already (a redelivery), or ended by maintenance
    claimed = (doc.get("decided_by"), doc.get("approve"), doc.get("slack_user"))
    if claimed != (decision["sub"], decision["approve"], decision["slack_user"]):
        return  # an earlier press, ended by maintenance, turning up after someone pressed again
    principal = Principal(sub=str(decision["sub"]), scopes=frozenset(decision["scopes"]), via_service="slack")
    user = f"<@{decision['slack_user']}>"
    target = f"{doc['owner']}/{doc['repo']}"
    store.update(COLLECTION, approval_id, {"lease_until": _lease(DECISION_LEASE)})  # being carried out
    if not _interim(store, approval_id, t["deciding"].format(user=user)):
        return  # another delivery of this decision carried it out meanwhile

    def record(action: str, result: str, **details: str) -> None:
        audit.record(
            store,
            actor=principal.sub,
            action=action,
            target=target,
            source="slack",
            result=result,
            details={"approval_id": approval_id, **details},
        )

    def refused(exc: Forbidden) -> None:
        _refused(store, approval_id, exc, record, user, str(decision.get("response_url") or ""))

    if not decision["approve"]:
        try:
            _cancel(doc, digest, principal)
        except Forbidden as exc:
            refused(exc)
            return
        record("deploy.reject", "ok")
        _conclude(store, approval_id, {"status": "rejected"}, t["rejected"].format(user=user))
        return
    try:
        operation_id = _confirm(doc, approval_id, digest, principal)
    except Forbidden as exc:
        refused(exc)
        return
    except KlepaasError as exc:
        if exc.retryable:  # Pub/Sub brings it back; maintenance waits out its backoff first
            store.update(COLLECTION, approval_id, {"lease_until": _lease(DECISION_LEASE + RETRY_BACKOFF_MAX)})
            raise
        record("deploy.approve", "failed", error=exc.code)
        failed = {"status": "failed", "error": f"{exc.code}: {exc.message}"[:500]}
        _conclude(store, approval_id, failed, t["approval_failed"].format(error=exc.message[:200]))
        return
    record("deploy.approve", "ok", operation_id=operation_id)
    _conclude(store, approval_id, {"status": "approved", "operation_id": operation_id}, t["approved"].format(user=user))


def show(store: Store, approval_id: str, text: str, *, buttons: bool = False) -> None:
    """Put ``text`` in place of the approval's buttons (with ``buttons``: under the approval, its
    buttons back). An incoming webhook cannot edit; a failed edit is logged, not raised."""
    doc = store.get(COLLECTION, approval_id) or {}
    sender = get_sender()
    if not (doc.get("ts") and sender.can_update):
        return
    if buttons:
        body, blocks = message(stored(doc), str(doc.get("args_hash") or ""), note=text)
    else:
        body, blocks = text, [{"type": "section", "text": {"type": "mrkdwn", "text": text[:2900]}}]
    try:
        sender.update(str(doc["channel"]), str(doc["ts"]), body, blocks)
    except KlepaasError as exc:
        log.warning("approval message not updated", extra=log_fields(approval=approval_id, error=exc.code))


def _interim(store: Store, approval_id: str, text: str) -> bool:
    """The "deciding…" edit; False when the decision is no longer pending on this delivery. The
    outcome's edit is authoritative: when an outcome was recorded while this edit was on its way
    (another delivery of the same decision finished meanwhile, Slack being slow), that outcome is
    shown again after it, so it stays the last edit."""
    show(store, approval_id, text)
    doc = store.get(COLLECTION, approval_id) or {}
    if doc.get("status") == "deciding":
        return True
    if doc.get("shown"):
        show(store, approval_id, str(doc["shown"]), buttons=bool(doc.get("buttons")))
    return False


def _conclude(store: Store, approval_id: str, changes: dict[str, Any], text: str, *, buttons: bool = False) -> None:
    """Record the outcome with the text that shows it (for :func:`_interim`), then show it."""
    store.update(COLLECTION, approval_id, {**changes, "shown": text, "buttons": buttons})
    show(store, approval_id, text, buttons=buttons)


def _refused(store: Store, approval_id: str, exc: Forbidden, record: Any, user: str, response_url: str) -> None:
    """The policy refused this person (the requester, or no approver role now). That is no outcome
    of the approval: it stays pending with its buttons, a note beside them says who was refused
    and why, and the person is told privately."""
    record("deploy.decide", "denied", error=exc.code)
    t = words(notify_settings().slack_language)
    reason = exc.message[:300]
    _conclude(store, approval_id, REOPENED, t["refused_note"].format(user=user, reason=reason), buttons=True)
    if not response_url:
        return
    try:  # the approval's state is settled: a redelivery would not tell again, so no raise here
        responses.tell(response_url, t["refused_you"].format(reason=reason))
    except KlepaasError as exc_told:
        log.warning("the presser was not told of the refusal", extra=log_fields(error=exc_told.code))


def _reopen(store: Store, approval_id: str, decided_by: str, also: dict[str, Any] | None = None) -> bool:
    """Put a claim back to pending (with ``also`` in the same write) if it is still this person's
    undecided claim."""

    def attempt(txn: Transaction) -> bool:
        doc = txn.get(COLLECTION, approval_id) or {}
        if doc.get("status") != "deciding" or doc.get("decided_by") != decided_by:
            return False
        txn.update(COLLECTION, approval_id, {**REOPENED, **(also or {})})
        return True

    return bool(store.transaction(attempt))


def _lease(span: timedelta) -> str:
    return iso(now() + span)


def end_stuck(store: Store, at: datetime | None = None) -> dict[str, Any]:
    """Approvals left "deciding" past their lease (notify died between the claim and the queueing,
    or the decision was dead-lettered) are opened again with their buttons, the outcome shown as
    unknown (never failed: the decision may have run; deciding again is idempotent), and audited."""
    at = at or now()
    ended = 0
    for found in store.query(COLLECTION, [("status", "==", "deciding")], limit=BATCH):
        lease_until = found.data.get("lease_until")
        if isinstance(lease_until, str) and lease_until and parse_iso(lease_until) > at:
            continue
        decided_by = str(found.data.get("decided_by") or "")
        user = f"<@{found.data.get('slack_user') or '?'}>"
        text = words(notify_settings().slack_language)["decision_unknown"].format(user=user)
        if not _reopen(store, found.id, decided_by, {"shown": text, "buttons": True}):
            continue
        ended += 1
        audit.record(
            store,
            actor="system:notify",
            action="deploy.decide",
            target=f"{found.data.get('owner')}/{found.data.get('repo')}",
            source="maintenance",
            result="unknown",
            details={"approval_id": found.id, "decided_by": decided_by, "approve": bool(found.data.get("approve"))},
        )
        show(store, found.id, text, buttons=True)
    return {"approvals": ended}


def _cancel(doc: dict[str, Any], digest: str, principal: Principal) -> None:
    """Tell deploy the held operation is refused (403 when this person may not decide it)."""
    held = str(doc.get("operation_id") or "")
    if not held:
        return
    try:
        operations_client().decide(held, ApprovalDecision(approve=False, args_hash=digest), principal)
    except Forbidden:
        raise
    except KlepaasError as exc:
        log.warning("deploy did not hear the rejection", extra=log_fields(operation=held, error=exc.code))


def _confirm(doc: dict[str, Any], approval_id: str, digest: str, principal: Principal) -> str:
    """The held operation runs, exactly once; without one, the stored arguments are deployed
    (idempotent by the approval's operation id). The id of the operation that runs."""
    held = str(doc.get("operation_id") or "")
    if not held:
        operation = OperationRequest(
            type="deploy", args=doc["args"], operation_id=f"slack-approval-{approval_id}", source="slack"
        )
        response = operations_client().run(operation, principal)
        return response.operation.id if response.operation else ""
    try:
        operations_client().decide(held, ApprovalDecision(approve=True, args_hash=digest), principal)
    except Conflict:
        # A retry after an answer that never came back: deploy may have approved it then.
        if operations_client().get(held, principal).status == OperationStatus.CANCELLED:
            raise
    return held
