"""The outbox's rows: writing a message with its event, claiming one to send, settling it."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import and_, or_, select, update
from sqlalchemy.orm import Session

from central.changes import now
from central.db import Database
from central.models import MailAttachment, MailMessage

KINDS = (
    "receipt",
    "pickup.ready",
    "pickup.reminder",
    "order.confirmation",  # the endless aisle (central.shipments, rendered by central.ship_mail)
    "shipment.shipped",
    "refund.done",
    "return.instructions",  # central.returns
    "return.refunded",
)  # later kinds join with their renderers
LEASE = timedelta(minutes=5)  # a claim a crashed sender left is taken over after this


def receipt_key(sale_id: str, to: str) -> str:
    return f"receipt:{sale_id}:{to.strip().lower()}"


def enqueue(
    session: Session,
    *,
    kind: str,
    ref: str,
    to: str,
    language: str,
    store_id: int | None,
    key: str | None = None,
    rendered: Rendered | None = None,
) -> tuple[MailMessage, bool]:
    """Write a message in the caller's writing transaction (central.changes.writing): the event
    and its e-mail commit together or not at all. Returns (message, created); a message with the
    same key already there is returned as it is (asking twice is one message)."""
    if kind not in KINDS:
        raise ValueError(f"unknown mail kind {kind!r}")
    key = key or f"{kind}:{ref}:{to.strip().lower()}"
    found = session.scalar(select(MailMessage).where(MailMessage.key == key))
    if found is not None:
        return found, False
    stamp = now()
    msg = MailMessage(
        message_id=f"<{uuid.uuid4()}@aisle.central>",
        key=key,
        kind=kind,
        ref=ref,
        store_id=store_id,
        to=to.strip(),
        language=language,
        state="pending",
        attempts=0,
        next_attempt_at=stamp,
        created_at=stamp,
    )
    session.add(msg)
    session.flush()
    if rendered is not None:
        store_rendered(session, msg, rendered)
    return msg, True


@dataclass(frozen=True)
class Attachment:
    filename: str
    content_type: str
    data: bytes


@dataclass(frozen=True)
class Rendered:
    subject: str
    text: str
    html: str
    attachments: tuple[Attachment, ...] = ()


def store_rendered(session: Session, msg: MailMessage, r: Rendered) -> None:
    msg.subject, msg.text, msg.html = r.subject, r.text, r.html
    session.add_all(
        MailAttachment(message_id=msg.id, n=i, filename=a.filename, content_type=a.content_type, data=a.data)
        for i, a in enumerate(r.attachments, start=1)
    )


def attachments(session: Session, message_pk: int) -> list[MailAttachment]:
    return list(
        session.scalars(
            select(MailAttachment).where(MailAttachment.message_id == message_pk).order_by(MailAttachment.n)
        )
    )


def claim_next(db: Database, token: str, at: datetime | None = None) -> int | None:
    """Claim one due message for the sender `token`: a conditional UPDATE that only one sender
    can win (pending and due, or a claim whose lease ran out). Returns its id, or None."""
    at = at or now()
    due = or_(
        and_(MailMessage.state == "pending", MailMessage.next_attempt_at <= at),
        and_(MailMessage.state == "sending", MailMessage.claimed_until < at),
    )
    with db.session() as s:
        candidates = list(
            s.scalars(select(MailMessage.id).where(due).order_by(MailMessage.next_attempt_at, MailMessage.id).limit(5))
        )
    for pk in candidates:
        with db.transaction() as w:
            result = w.execute(
                update(MailMessage)
                .where(MailMessage.id == pk, due)
                .values(state="sending", claim=token, claimed_until=at + LEASE, attempts=MailMessage.attempts + 1)
                .execution_options(synchronize_session=False)
            )
        if getattr(result, "rowcount", 0) == 1:  # a CursorResult: rows the condition let through
            return pk
    return None


def settle(
    db: Database,
    pk: int,
    token: str,
    *,
    state: str,
    error: str | None = None,
    retry_at: datetime | None = None,
    rendered: Rendered | None = None,
    count_attempt: bool = True,
) -> bool:
    """End this sender's claim: `sent`, `failed`, or back to `pending` until `retry_at`. Only
    the claim's holder may (a sender whose lease was taken over changes nothing)."""
    with db.transaction() as w:
        msg = w.scalar(select(MailMessage).where(MailMessage.id == pk, MailMessage.claim == token))
        if msg is None or msg.state != "sending":
            return False
        if rendered is not None and msg.subject is None:
            store_rendered(w, msg, rendered)
        msg.state, msg.claim, msg.claimed_until = state, None, None
        msg.last_error = error
        if not count_attempt:
            msg.attempts -= 1
        if state == "sent":
            msg.sent_at = now()
        if retry_at is not None:
            msg.next_attempt_at = retry_at
    return True


def listing(session: Session, to: str | None = None, limit: int = 200) -> list[MailMessage]:
    q = select(MailMessage).order_by(MailMessage.id.desc()).limit(limit)
    if to:
        q = q.where(MailMessage.to == to.strip())
    return list(session.scalars(q))
