"""Click-and-collect on central (docs/pickups.md): pickup orders, their state machine, stock
reservations, the signed pickup code, the customer's e-mails and the expiry job.

A web shop creates a pickup order through the channel API (`create_pickup`): a `CustomerOrder`
(what the customer bought, idempotent on the channel's reference) with one `Fulfilment` of kind
"pickup" at the store, whose lines reserve stock there. Ship-to-home lines join the same order
later as fulfilments of kind "ship" with their own states. The state machine is `TRANSITIONS`,
the one place that says what may follow what; every change writes a `FulfilmentEvent` (the
history) and the pickup's row of the `pickups` stream (store scope), so the store's tablets see
it within a poke.

Stock: creating reserves each line at the store (`reserved` +q); a line marked missing frees its
units; a handover takes the collected units off `on_hand` and frees the reservation; cancellation
frees what is still reserved. Expiry does not: the bag is still on its shelf. An expired pickup
waits for staff to confirm the bag is back on the sales floor (`restock`, the `pickup.restock`
op); only then is its stock released and a paid order's refund recorded.

Money (docs/pickups.md "Missing lines and refunds"): a paid order made ready with missing units
owes the channel their amount (a `PickupRefund`, shown to the shop in the channel API so it
refunds its own payment, and said in the ready e-mail); a pay-on-pickup order's total shrinks
to what is in the bag. Finished pickups leave the stream after PRUNE_DAYS (`prune`).
"""

from __future__ import annotations

import io
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import orjson
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from sqlalchemy import select
from sqlalchemy.orm import Session

from central.changes import adjust_stock, now, record
from central.config import Settings
from central.mail.outbox import Attachment, Rendered, enqueue
from central.models import (
    CustomerOrder,
    Fulfilment,
    FulfilmentEvent,
    FulfilmentLine,
    Location,
    MailMessage,
    PickupRefund,
    SigningKey,
    StoreHours,
)
from central.scope import Scope
from sync.pickup_code import PickupClaim, sign_pickup_code
from sync.protocol import Scalar
from sync.receipts.code import new_private_key, private_key_from_text, private_key_text, public_key_text

STATES = ("new", "picking", "ready", "collected", "expired", "cancelled")
TRANSITIONS: dict[str, frozenset[str]] = {
    "new": frozenset({"picking", "ready", "cancelled"}),
    "picking": frozenset({"picking", "ready", "cancelled"}),
    "ready": frozenset({"collected", "expired", "cancelled"}),
    "collected": frozenset(),
    "expired": frozenset(),
    "cancelled": frozenset(),
}
OPEN = ("new", "picking", "ready")
EXPIRE_DAYS = 7  # ready and not collected: the order expires (M)
REMIND_DAYS = 3  # ready and not collected: one reminder (N)
# A finished pickup (collected, cancelled, or expired and its bag back on the shelf) leaves the
# store's `pickups` stream this many days after it finished: two weeks covers "who collected
# order 123 last week?" at the counter; central keeps the order, its history and refunds for good
# (channel API, order page), so a tablet's stream holds weeks of pickups, not years.
PRUNE_DAYS = 14


class PickupError(Exception):
    """A request or op that cannot be carried out: an HTTP status and one sentence."""

    def __init__(self, status: int, detail: str) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail


def aware(at: datetime | None) -> datetime | None:
    if at is not None and at.tzinfo is None:  # SQLite hands back naive UTC
        return at.replace(tzinfo=UTC)
    return at


def iso(at: datetime | None) -> str | None:
    at = aware(at)
    return None if at is None else at.astimezone(UTC).isoformat(timespec="seconds")


# --- central's signing key ------------------------------------------------------------------


def key_rows(session: Session) -> list[list[Scalar]]:
    keys = session.scalars(select(SigningKey).order_by(SigningKey.kid))
    return [[k.kid, k.use, k.public_key, k.active] for k in keys]


def signing_key(session: Session) -> SigningKey:
    """The active pickup key, made (and published to the `central_keys` stream) on first use;
    inside a writing transaction."""
    key = session.scalar(select(SigningKey).where(SigningKey.use == "pickup", SigningKey.active == 1))
    if key is not None:
        return key
    private = new_private_key()
    key = SigningKey(
        kid="p" + secrets.token_hex(4),
        use="pickup",
        private_key=private_key_text(private),
        public_key=public_key_text(private),
        created_at=now(),
        active=1,
    )
    session.add(key)
    session.flush()
    record(session, "central_keys", 0, [key.kid], [key.kid, key.use, key.public_key, key.active])
    return key


# --- the pickups stream ----------------------------------------------------------------------


def _lines(session: Session, f: Fulfilment) -> list[FulfilmentLine]:
    q = select(FulfilmentLine).where(FulfilmentLine.fulfilment_id == f.id).order_by(FulfilmentLine.line_no)
    return list(session.scalars(q))


def pickup_row(session: Session, f: Fulfilment, order: CustomerOrder | None = None) -> list[Scalar]:
    order = order or session.get_one(CustomerOrder, f.order_id)
    lines = [
        {"n": x.line_no, "v": x.variant_id, "sku": x.sku, "name": x.name, "q": x.quantity, "u": x.unit_price,
         "p": x.picked, "m": x.missing, "c": x.collected}
        for x in _lines(session, f)
    ]  # fmt: skip
    return [
        f.id,
        order.number,
        f.location_id,
        f.state,
        order.payment,
        order.currency,
        order.total,
        order.customer_name,
        orjson.dumps(lines).decode(),
        f.shelf,
        iso(order.created_at) or "",
        iso(f.ready_at),
        iso(f.expires_at),
        iso(f.collected_at),
        f.collected_by,
        f.collected_device,
        f.code,
        iso(f.updated_at) or "",
        iso(f.arrived_at),
        iso(f.restocked_at),
        refund_total(session, f),
    ]


def refunds(session: Session, f: Fulfilment) -> list[PickupRefund]:
    q = select(PickupRefund).where(PickupRefund.fulfilment_id == f.id).order_by(PickupRefund.id)
    return list(session.scalars(q))


def refund_total(session: Session, f: Fulfilment) -> int:
    return sum(r.amount for r in refunds(session, f))


def pickup_rows(session: Session, scope: Scope) -> list[list[Scalar]]:
    q = (
        select(Fulfilment)
        .where(Fulfilment.kind == "pickup", Fulfilment.location_id == scope.store_id, Fulfilment.pruned_at.is_(None))
        .order_by(Fulfilment.id)
    )
    return [pickup_row(session, f) for f in session.scalars(q)]


def publish(session: Session, f: Fulfilment) -> int:
    return record(session, "pickups", f.location_id, [f.id], pickup_row(session, f))


def move(session: Session, f: Fulfilment, to: str, event: str, actor: str, detail: str = "") -> None:
    """The one way a fulfilment changes state: allowed by TRANSITIONS, with its history line."""
    if to not in TRANSITIONS[f.state]:
        raise PickupError(409, f"Order {number_of(session, f)} is {f.state}: it cannot become {to}.")
    f.state = to
    f.updated_at = now()
    session.add(FulfilmentEvent(fulfilment_id=f.id, at=f.updated_at, state=to, event=event, actor=actor, detail=detail))


def number_of(session: Session, f: Fulfilment) -> str:
    return session.get_one(CustomerOrder, f.order_id).number


def history(session: Session, f: Fulfilment) -> list[FulfilmentEvent]:
    q = select(FulfilmentEvent).where(FulfilmentEvent.fulfilment_id == f.id).order_by(FulfilmentEvent.id)
    return list(session.scalars(q))


def store_time(session: Session, f: Fulfilment, at: datetime | None) -> str:
    tz = ZoneInfo(session.get_one(Location, f.location_id).timezone)
    at = aware(at)
    return "" if at is None else at.astimezone(tz).strftime("%H:%M")


# --- creating, reserving, releasing ------------------------------------------------------------


@dataclass(frozen=True)
class NewLine:
    variant_id: int
    sku: str
    name: str
    quantity: int
    unit_price: int


def create_pickup(
    session: Session,
    *,
    channel_client_id: int | None,
    channel_name: str,
    reference: str,
    body_hash: str,
    store: Location,
    customer: tuple[str, str, str, str],  # name, e-mail, phone, language
    payment: str,
    currency: str,
    lines: Sequence[NewLine],
) -> Fulfilment:
    """A new pickup order, its lines reserved at `store` (a writing transaction). Refuses (409)
    a line the store cannot cover now: its available stock (on hand less reserved) is short."""
    from central.models import Stock

    need: dict[int, int] = {}
    for line in lines:
        need[line.variant_id] = need.get(line.variant_id, 0) + line.quantity
    for line in lines:
        stock = session.get(Stock, (store.id, line.variant_id))
        available = 0 if stock is None else stock.on_hand - stock.reserved
        if stock is None or available < need[line.variant_id]:
            raise PickupError(
                409,
                f"{store.code} cannot reserve {need[line.variant_id]} of {line.sku}: "
                + ("the store does not carry it." if stock is None else f"{max(available, 0)} available."),
            )
    stamp = now()
    name, email, phone, language = customer
    order = CustomerOrder(
        number="new-" + secrets.token_hex(8),
        channel="web",
        channel_client_id=channel_client_id,
        reference=reference,
        body_hash=body_hash,
        customer_name=name,
        customer_email=email,
        customer_phone=phone,
        language=language,
        payment=payment,
        currency=currency,
        total=sum(x.quantity * x.unit_price for x in lines),
        token=secrets.token_urlsafe(24),
        created_at=stamp,
    )
    session.add(order)
    session.flush()
    order.number = f"{order.id:06d}"
    f = Fulfilment(order_id=order.id, kind="pickup", location_id=store.id, state="new", updated_at=stamp)
    session.add(f)
    session.flush()
    for n, line in enumerate(lines, start=1):
        session.add(
            FulfilmentLine(
                fulfilment_id=f.id,
                line_no=n,
                variant_id=line.variant_id,
                sku=line.sku,
                name=line.name,
                quantity=line.quantity,
                unit_price=line.unit_price,
                picked=0,
                missing=0,
                collected=0,
            )
        )
        adjust_stock(
            session,
            location_id=store.id,
            variant_id=line.variant_id,
            delta=0,
            reserved_delta=line.quantity,
            reason="pickup reserved",
            source=f"channel:{channel_name}",
            reference=f"pickup:{order.number}",
        )
    session.add(
        FulfilmentEvent(
            fulfilment_id=f.id, at=stamp, state="new", event="created", actor=f"channel:{channel_name}", detail=payment
        )
    )
    session.flush()
    return f


def _reserved_left(line: FulfilmentLine) -> int:
    """Units of a line still reserved: all but the missing ones until it is handed over."""
    return line.quantity - line.missing


def release(session: Session, f: Fulfilment, why: str) -> None:
    for line in _lines(session, f):
        left = _reserved_left(line)
        if left > 0:
            adjust_stock(
                session,
                location_id=f.location_id,
                variant_id=line.variant_id,
                delta=0,
                reserved_delta=-left,
                reason=why,
                source="central",
                reference=f"pickup:{number_of(session, f)}",
            )


# --- tablet transitions (the ops call these) -----------------------------------------------------


def pick(session: Session, f: Fulfilment, picks: Sequence[tuple[int, int, int]], shelf: str, actor: str) -> None:
    """Lines (line no, picked, missing) as the tablet confirmed them; new/picking -> picking."""
    by_no = {x.line_no: x for x in _lines(session, f)}
    for line_no, picked, missing in picks:
        line = by_no.get(line_no)
        if line is None:
            raise PickupError(422, f"Order {number_of(session, f)} has no line {line_no}.")
        if picked + missing > line.quantity:
            raise PickupError(
                422, f"Line {line_no} of order {number_of(session, f)} has {line.quantity}, not {picked + missing}."
            )
    move(session, f, "picking", "picked", actor, shelf)
    for line_no, picked, missing in picks:
        line = by_no[line_no]
        freed = missing - line.missing  # newly missing units leave the reservation
        line.picked, line.missing = picked, missing
        if freed:
            adjust_stock(
                session,
                location_id=f.location_id,
                variant_id=line.variant_id,
                delta=0,
                reserved_delta=-freed,
                reason="pickup missing",
                source="central",
                reference=f"pickup:{number_of(session, f)}",
            )
    if shelf:
        f.shelf = shelf


def mark_ready(session: Session, f: Fulfilment, actor: str) -> None:
    """picking -> ready: every line picked or missing, something to collect; signs the code,
    sets the expiry and e-mails the customer (in this transaction)."""
    lines = _lines(session, f)
    number = number_of(session, f)
    open_lines = [x.line_no for x in lines if x.picked + x.missing < x.quantity]
    if f.state in ("new", "picking") and open_lines:
        raise PickupError(409, f"Order {number} is not picked yet: line {open_lines[0]} still needs a scan.")
    if f.state in ("new", "picking") and not any(x.picked for x in lines):
        raise PickupError(409, f"Nothing of order {number} was found: it cannot be made ready (cancel it).")
    move(session, f, "ready", "ready", actor)
    _missing_at_ready(session, f, lines)
    f.ready_at = f.updated_at
    f.expires_at = f.updated_at + timedelta(days=EXPIRE_DAYS)
    key = signing_key(session)
    store = session.get_one(Location, f.location_id)
    claim = PickupClaim(
        pickup_id=f.id,
        number=number,
        store=store.code,
        expires=int(f.expires_at.timestamp()),
        issued=int(f.ready_at.timestamp()),
        key=key.kid,
    )
    f.code = sign_pickup_code(claim, private_key_from_text(key.private_key))
    _mail(session, f, "pickup.ready")


def _missing_at_ready(session: Session, f: Fulfilment, lines: Sequence[FulfilmentLine]) -> None:
    """The rule for units not found (partial pick), decided once, when the bag is made ready:
    a paid order owes the channel their amount (a refund the shop pays back); a pay-on-pickup
    order costs only what is in the bag. Shipping the rest to the customer waits for sourcing."""
    short = [x for x in lines if x.missing]
    if not short:
        return
    order = session.get_one(CustomerOrder, f.order_id)
    amount = sum(x.missing * x.unit_price for x in short)
    units = sum(x.missing for x in short)
    store = session.get_one(Location, f.location_id)
    if order.payment == "paid" and store.missing_rule == "ship_missing":
        sent, rest = ship_missing(session, f, order, short)
        refunded = _refund(session, f, "missing", rest)
        detail = f"{units} missing: {sent} sent to the store from elsewhere" + (
            f", {refunded} owed back to the channel" if refunded else ""
        )
    elif order.payment == "paid":
        _refund(session, f, "missing", [(x, x.missing) for x in short])
        detail = f"{units} missing: {amount} owed back to the channel"
    else:
        order.total = sum((x.quantity - x.missing) * x.unit_price for x in lines)
        detail = f"{units} missing: pay on pickup {order.total}"
    session.add(
        FulfilmentEvent(
            fulfilment_id=f.id, at=f.updated_at, state=f.state, event="short", actor="central", detail=detail
        )
    )


def ship_missing(
    session: Session, f: Fulfilment, order: CustomerOrder, short: Sequence[FulfilmentLine]
) -> tuple[int, list[tuple[FulfilmentLine, int]]]:
    """The store rule "ship_missing" (docs/pickups.md "Missing lines"): the missing units of a
    paid pickup order are sourced by central.sourcing's rules (never from the pickup store, which
    just did not find them) as ship fulfilments of the same order, reserved at each source and
    sent to the pickup store (a web order carries no address), where their arrival opens a new
    pickup of the order (central.shipments.deliver). Returns (units sent, the lines and units
    nobody can send: to refund). What nobody has available now is refunded, not left waiting."""
    from central import shipments, sourcing

    store = session.get_one(Location, f.location_id)
    if order.store_id is None:  # the store the order is for: its tablets see the parts
        order.store_id = store.id
    by_n = {x.line_no: x for x in short}
    wants = [sourcing.Want(x.line_no, x.variant_id, x.missing) for x in short]
    plan = sourcing.plan(session, store, wants, exclude={store.id})
    destination = orjson.dumps({"kind": "store", "store_id": store.id}).decode()
    sent = 0
    for loc, pieces in plan.sources:
        lines = [
            (
                shipments.ShipLine(w.n, None, w.variant_id, by_n[w.n].sku, by_n[w.n].name, units, by_n[w.n].unit_price),
                units,
            )
            for w, units in pieces
        ]
        part = shipments._add_fulfilment(session, order, loc, lines, destination, "central", f"missing at {store.code}")
        shipments.publish(session, part)
        sent += sum(units for _w, units in pieces)
    return sent, [(by_n[w.n], units) for w, units in plan.unsourced]


def _refund(session: Session, f: Fulfilment, reason: str, lines: Sequence[tuple[FulfilmentLine, int]]) -> int:
    parts = [{"line_no": x.line_no, "sku": x.sku, "qty": q, "amount": q * x.unit_price} for x, q in lines if q > 0]
    amount = sum(int(p["amount"]) for p in parts)  # type: ignore[call-overload]
    if amount:
        session.add(
            PickupRefund(fulfilment_id=f.id, amount=amount, reason=reason, lines=orjson.dumps(parts).decode(), at=now())
        )
        session.flush()
    return amount


def restock(session: Session, f: Fulfilment, actor: str) -> bool:
    """An expired pickup's bag is back on the shelf (staff confirmed it): its reservation is
    released and a paid order's refund recorded (all it still holds: the missing units were
    refunded at ready). False when it was restocked already (another tablet's tap)."""
    number = number_of(session, f)
    if f.state != "expired":
        raise PickupError(409, f"Order {number} is {f.state}, not expired: there is nothing to put back.")
    if f.restocked_at is not None:
        return False
    release(session, f, "pickup restocked")
    f.updated_at = f.restocked_at = now()
    order = session.get_one(CustomerOrder, f.order_id)
    amount = 0
    if order.payment == "paid":
        amount = _refund(session, f, "expired", [(x, x.quantity - x.missing) for x in _lines(session, f)])
    session.add(
        FulfilmentEvent(
            fulfilment_id=f.id,
            at=f.updated_at,
            state=f.state,
            event="restocked",
            actor=actor,
            detail=f"back on the shelf; {amount} owed back to the channel" if amount else "back on the shelf",
        )
    )
    return True


def arrive(session: Session, f: Fulfilment, actor: str) -> None:
    """The customer scanned their code at the store's kiosk: staff see them waiting."""
    number = number_of(session, f)
    if f.state == "collected":
        raise PickupError(409, f"Order {number} was already collected at {store_time(session, f, f.collected_at)}.")
    if f.state != "ready":
        raise PickupError(409, f"Order {number} is {f.state}, not ready: nobody can bring it to the counter.")
    f.updated_at = f.arrived_at = now()
    session.add(
        FulfilmentEvent(
            fulfilment_id=f.id, at=f.updated_at, state=f.state, event="arrived", actor=actor, detail="kiosk"
        )
    )


def handover(
    session: Session,
    f: Fulfilment,
    lines: Sequence[tuple[int, int]],
    collected_by: str,
    device_name: str,
    actor: str,
    detail: str,
) -> None:
    """ready -> collected: the collected units leave on_hand and the reservation; lines the
    customer left free theirs. A second handover is refused with who and when."""
    number = number_of(session, f)
    if f.state == "collected":
        who = f"till {f.collected_device}" if f.collected_device else "another till"
        raise PickupError(
            409, f"Order {number} was already collected at {store_time(session, f, f.collected_at)} by {who}."
        )
    if f.state != "ready":
        raise PickupError(409, f"Order {number} is {f.state}, not ready: it cannot be handed over.")
    by_no = {x.line_no: x for x in _lines(session, f)}
    for line_no, qty in lines:
        line = by_no.get(line_no)
        if line is None:
            raise PickupError(422, f"Order {number} has no line {line_no}.")
        if qty > line.picked:
            raise PickupError(422, f"Line {line_no} of order {number} has {line.picked} in the bag, not {qty}.")
    given = dict(lines)
    move(session, f, "collected", "collected", actor, detail)
    f.collected_at, f.collected_by, f.collected_device = f.updated_at, collected_by, device_name
    for line in by_no.values():
        qty = given.get(line.line_no, 0)
        line.collected = qty
        left = _reserved_left(line)
        if qty or left:
            adjust_stock(
                session,
                location_id=f.location_id,
                variant_id=line.variant_id,
                delta=-qty,
                reserved_delta=-left,
                reason="pickup collected",
                source="central",
                reference=f"pickup:{number}",
            )


def store_payment(
    session: Session,
    f: Fulfilment,
    sale_id: str | None,
    *,
    device_id: str,
    staff_id: int | None,
    actor: str,
) -> list[dict[str, Any]]:
    """A handover's money (docs/pickups.md "Paying at the till"): a pay-on-pickup order is paid
    by the till's sale (`sale.complete` with lines of fulfilment "pickup", pushed before the
    handover in the same outbox transaction). The order records that sale and its store; what
    does not add up is flagged in the order's `checks`, never refused — the bag is handed over.
    Checks: `sale` (central does not have it), `sale.store` (another store's), `payment.amount`
    (the sale's pickup lines against the collected units × the order's prices), `payment.paid`
    (a paid order charged again), `payment.missing` (a pay-on-pickup order handed over without
    a sale). Returns the checks added."""
    from central.models import Order, OrderLine

    order = session.get_one(CustomerOrder, f.order_id)
    due = sum(x.collected * x.unit_price for x in _lines(session, f))
    checks: list[dict[str, Any]] = []
    if sale_id is None:
        if order.payment == "pay_on_pickup" and due:
            checks.append({"check": "payment.missing", "subject": "sale", "tablet": None, "central": due})
    else:
        sale = session.scalar(select(Order).where(Order.sale_id == sale_id))
        if order.payment == "paid":
            checks.append({"check": "payment.paid", "subject": sale_id, "tablet": "sale", "central": "paid"})
        if sale is None:
            checks.append({"check": "sale", "subject": sale_id, "tablet": sale_id, "central": None})
        else:
            if sale.store_id != f.location_id:
                checks.append(
                    {"check": "sale.store", "subject": sale_id, "tablet": sale.store_id, "central": f.location_id}
                )
            q = select(OrderLine.total).where(OrderLine.order_id == sale.id, OrderLine.fulfilment == "pickup")
            paid = sum(session.scalars(q))
            if paid != due:
                checks.append({"check": "payment.amount", "subject": sale_id, "tablet": paid, "central": due})
        order.sale_id, order.store_id = sale_id, f.location_id
        order.device_id, order.staff_id = device_id, staff_id
        receipt = "" if sale is None else f", receipt {sale.receipt_no}"
        session.add(
            FulfilmentEvent(
                fulfilment_id=f.id,
                at=f.updated_at,
                state=f.state,
                event="paid",
                actor=actor,
                detail=f"paid at the till: sale {sale_id}{receipt}",
            )
        )
    if checks:
        order.checks = orjson.dumps([*orjson.loads(order.checks or "[]"), *checks]).decode()
    return checks


def store_paid(session: Session, order: CustomerOrder) -> dict[str, Any] | None:
    """A pay-on-pickup order paid at a store's till: store code and name, receipt, amount, when
    (None while unpaid, or for an order paid online)."""
    from central.models import Order, OrderLine

    if order.payment != "pay_on_pickup" or not order.sale_id or order.store_id is None:
        return None
    store = session.get_one(Location, order.store_id)
    sale = session.scalar(select(Order).where(Order.sale_id == order.sale_id))
    paid = None
    if sale is not None:  # the sale's pickup lines: a sale may carry other items too
        q = select(OrderLine.total).where(OrderLine.order_id == sale.id, OrderLine.fulfilment == "pickup")
        paid = sum(session.scalars(q))
    return {
        "store": store.code,
        "store_name": store.name,
        "sale_id": order.sale_id,
        "receipt_no": None if sale is None else sale.receipt_no,
        "amount": paid,
        "at": None if sale is None else aware(sale.completed_at),
    }


def cancel(session: Session, f: Fulfilment, actor: str, why: str) -> None:
    move(session, f, "cancelled", "cancelled", actor, why)
    release(session, f, "pickup cancelled")


# --- the job: reminders and expiry -------------------------------------------------------------


def run_due(session: Session, at: datetime | None = None) -> tuple[list[Fulfilment], list[Fulfilment]]:
    """Remind the customers of pickups ready REMIND_DAYS ago, expire those past their expiry
    (their stock stays reserved until staff confirm the bag is back: `restock`), and prune the
    finished ones (`prune`). A writing transaction; returns (reminded, expired)."""
    at = at or now()
    ready = list(session.scalars(select(Fulfilment).where(Fulfilment.kind == "pickup", Fulfilment.state == "ready")))
    reminded, expired = [], []
    for f in ready:
        if f.expires_at is not None and aware(f.expires_at) <= at:  # type: ignore[operator]
            move(session, f, "expired", "expired", "central", f"not collected in {EXPIRE_DAYS} days")
            expired.append(f)
        elif f.reminded_at is None and f.ready_at is not None and aware(f.ready_at) <= at - timedelta(days=REMIND_DAYS):  # type: ignore[operator]
            f.reminded_at = at
            session.add(
                FulfilmentEvent(fulfilment_id=f.id, at=at, state=f.state, event="reminded", actor="central", detail="")
            )
            _mail(session, f, "pickup.reminder")
            reminded.append(f)
    for f in reminded + expired:
        publish(session, f)
    prune(session, at)
    return reminded, expired


def finished_at(f: Fulfilment) -> datetime | None:
    """When a pickup stopped needing the store (None while it still does)."""
    if f.state == "collected":
        return aware(f.collected_at)
    if f.state == "cancelled":
        return aware(f.updated_at)
    if f.state == "expired":
        return aware(f.restocked_at)
    return None


def prune(session: Session, at: datetime | None = None) -> list[Fulfilment]:
    """Finished pickups older than PRUNE_DAYS leave the `pickups` stream: a delete in the change
    log (the tablets' stores drop the row as any stream change) and `pruned_at`, which keeps
    them out of snapshots. Central keeps the order itself."""
    at = at or now()
    cutoff = at - timedelta(days=PRUNE_DAYS)
    q = select(Fulfilment).where(
        Fulfilment.kind == "pickup",
        Fulfilment.state.in_(("collected", "cancelled", "expired")),
        Fulfilment.pruned_at.is_(None),
        Fulfilment.updated_at <= cutoff,  # a cheap first cut; finished_at decides
    )
    gone = []
    for f in session.scalars(q):
        done = finished_at(f)
        if done is not None and done <= cutoff:
            f.pruned_at = at
            record(session, "pickups", f.location_id, [f.id], None)
            gone.append(f)
    return gone


# --- the customer's e-mails ------------------------------------------------------------------------

_env = Environment(
    loader=FileSystemLoader(Path(__file__).parent / "mail" / "templates"),
    autoescape=select_autoescape(enabled_extensions=("html",), default_for_string=False),
    undefined=StrictUndefined,
    keep_trailing_newline=True,
)

WORDS: dict[str, dict[str, str]] = {
    "en": {
        "ready_subject": "Your order {number} is ready for pickup at {store}",
        "reminder_subject": "Reminder: your order {number} is waiting at {store}",
        "hello": "Hello {name},",
        "ready": "Your order {number} is ready. Show the QR code below at the counter of {store}.",
        "reminder": "Your order {number} is still waiting for you at {store}.",
        "until": "Please collect it by {date}.",
        "pay": "You pay when you collect it: {total}.",
        "hours": "Opening hours",
        "address": "Address",
        "page": "Your order page",
        "someone": "Someone else may collect it for you with this code and their name.",
        "code": "Pickup code",
        "missing": "Not available, so not in your bag:",
        "refunded": "We refund {amount} for them to your payment.",
        "pay_less": "You pay only for what is in the bag.",
        "sending": "We are sending them to {store} from another of our locations: we e-mail you when they are there to collect.",
    },
    "ja": {
        "ready_subject": "【{store}】ご注文 {number} のお受け取り準備ができました",
        "reminder_subject": "【{store}】ご注文 {number} のお受け取りをお待ちしております",
        "hello": "{name} 様",
        "ready": "ご注文 {number} の準備ができました。{store}のカウンターで下のQRコードをご提示ください。",
        "reminder": "ご注文 {number} は{store}でお受け取りをお待ちしております。",
        "until": "{date}までにお受け取りください。",
        "pay": "お支払いはお受け取り時です：{total}",
        "hours": "営業時間",
        "address": "住所",
        "page": "ご注文ページ",
        "someone": "ご本人以外の方も、このコードとお名前でお受け取りいただけます。",
        "code": "受け取りコード",
        "missing": "在庫がなく、ご用意できなかった商品：",
        "refunded": "この商品の代金 {amount} はお支払い方法へ返金いたします。",
        "pay_less": "お支払いはご用意できた商品の分のみです。",
        "sending": "これらの商品は別の店舗・倉庫から{store}へお送りします。到着しましたらメールでお知らせします。",
    },
    "de": {
        "ready_subject": "Ihre Bestellung {number} liegt bei {store} zur Abholung bereit",
        "reminder_subject": "Erinnerung: Ihre Bestellung {number} wartet bei {store}",
        "hello": "Guten Tag {name},",
        "ready": "Ihre Bestellung {number} ist fertig. Zeigen Sie den QR-Code unten an der Kasse von {store}.",
        "reminder": "Ihre Bestellung {number} wartet noch bei {store} auf Sie.",
        "until": "Bitte holen Sie sie bis {date} ab.",
        "pay": "Sie bezahlen bei der Abholung: {total}.",
        "hours": "Öffnungszeiten",
        "address": "Adresse",
        "page": "Ihre Bestellseite",
        "someone": "Eine andere Person kann sie mit diesem Code und ihrem Namen für Sie abholen.",
        "code": "Abholcode",
        "missing": "Nicht vorrätig, daher nicht in Ihrer Tüte:",
        "refunded": "Wir erstatten Ihnen dafür {amount} auf Ihr Zahlungsmittel.",
        "pay_less": "Sie bezahlen nur, was in der Tüte ist.",
        "sending": "Wir schicken sie aus einem anderen Standort zu {store}: Sie erhalten eine E-Mail, sobald sie abholbereit sind.",
    },
}


def language(lang: str | None, store_locale: str) -> str:
    for x in (lang, store_locale.split("_")[0]):
        if x and x.lower()[:2] in WORDS:
            return x.lower()[:2]
    return "en"


def order_url(order: CustomerOrder) -> str:
    return f"{Settings().public_url.rstrip('/')}/o/{order.token}"


def qr_png(code: str) -> bytes:
    import qrcode

    out = io.BytesIO()
    qrcode.make(code, border=4, box_size=8).save(out, format="PNG")
    return out.getvalue()


def hours_of(session: Session, store_id: int, lang: str) -> str:
    row = session.get(StoreHours, store_id)
    if row is None:
        return ""
    words: dict[str, str] = orjson.loads(row.hours)
    return words.get(lang) or words.get("en") or next(iter(words.values()), "")


def money_text(amount: int, currency: str, locale: str) -> str:
    from babel.numbers import format_currency, get_currency_precision

    digits = get_currency_precision(currency)
    return str(format_currency(amount / 10**digits, currency, locale=locale))


def _mail(session: Session, f: Fulfilment, kind: str) -> None:
    order = session.get_one(CustomerOrder, f.order_id)
    if not order.customer_email:
        return
    store = session.get_one(Location, f.location_id)
    enqueue(
        session,
        kind=kind,
        ref=str(f.id),
        to=order.customer_email,
        language=language(order.language, store.locale),
        store_id=store.id,
        key=f"{kind}:{f.id}:{order.customer_email}",
    )


def render_pickup_mail(session: Session, msg: MailMessage) -> Rendered:
    f = session.get_one(Fulfilment, int(msg.ref))
    order = session.get_one(CustomerOrder, f.order_id)
    store = session.get_one(Location, f.location_id)
    lang = language(msg.language, store.locale)
    w = WORDS[lang]
    locale = {"ja": "ja_JP", "de": "de_DE"}.get(lang, "en_US")
    expires = aware(f.expires_at)
    date = "" if expires is None else expires.astimezone(ZoneInfo(store.timezone)).strftime("%Y-%m-%d")
    values = {"number": order.number, "store": store.name, "name": order.customer_name, "date": date}
    subject = w["ready_subject" if msg.kind == "pickup.ready" else "reminder_subject"].format(**values)
    context: dict[str, Any] = {
        "lang": lang,
        "subject": subject,
        "hello": w["hello"].format(**values),
        "intro": w["ready" if msg.kind == "pickup.ready" else "reminder"].format(**values),
        "until": w["until"].format(**values) if date else "",
        "pay": w["pay"].format(total=money_text(order.total, order.currency, locale))
        if order.payment == "pay_on_pickup"
        else "",
        "hours_label": w["hours"],
        "hours": hours_of(session, store.id, lang),
        "address_label": w["address"],
        "address": f"{store.address}, {store.city}",
        "page_label": w["page"],
        "page_url": order_url(order),
        "someone": w["someone"],
        "code_label": w["code"],
        "code": f.code or "",
        "lines": [(x.name, x.picked or x.quantity) for x in _lines(session, f) if x.picked or not x.missing],
        "missing_label": w["missing"],
        "missing": [(x.name, x.missing) for x in _lines(session, f) if x.missing],
        "missing_note": "",
    }
    short = sum(r.amount for r in refunds(session, f) if r.reason == "missing")
    sending = session.scalar(
        select(Fulfilment.id).where(Fulfilment.order_id == order.id, Fulfilment.kind == "ship").limit(1)
    )
    if context["missing"]:
        notes = [w["sending"].format(store=store.name)] if sending is not None else []
        if short:
            notes.append(w["refunded"].format(amount=money_text(short, order.currency, locale)))
        elif sending is None:
            notes.append(w["pay_less"])
        context["missing_note"] = " ".join(notes)
    attachments: tuple[Attachment, ...] = ()
    if f.code:
        attachments = (Attachment(f"pickup-{order.number}.png", "image/png", qr_png(f.code)),)
    return Rendered(
        subject=subject,
        text=_env.get_template("pickup_ready.txt").render(context),
        html=_env.get_template("pickup_ready.html").render(context),
        attachments=attachments,
    )


def fulfilment_by_number(session: Session, number: str) -> Fulfilment | None:
    q = (
        select(Fulfilment)
        .join(CustomerOrder, CustomerOrder.id == Fulfilment.order_id)
        .where(CustomerOrder.number == number, Fulfilment.kind == "pickup")
    )
    return session.scalar(q)


def pickup_of_order(session: Session, order: CustomerOrder) -> Fulfilment:
    return session.scalars(select(Fulfilment).where(Fulfilment.order_id == order.id).order_by(Fulfilment.id)).first()  # type: ignore[return-value]


# --- the CLI: `central pickup-demo`, `central pickups-expire` -------------------------------------

DEMO_HOURS = {
    "JP": {"en": "10:00-21:00 every day", "ja": "毎日 10:00〜21:00"},
    "DE": {"en": "Mon-Sat 10:00-20:00", "de": "Mo–Sa 10:00–20:00"},
}
DEMO_NAMES = ["Hanako Yamada", "Taro Suzuki", "Julia Becker", "Aiko Fujita", "Max Weber", "Yuki Sato"]


def pickup_command(db: Any, args: Any) -> int:
    import sys

    from central.changes import writing
    from central.models import ChannelClient, Stock, Variant
    from central.routes.pickups import PickupCreate, make_pickup, pickup_out
    from central.security import digest

    if args.cmd == "pickups-expire":
        with db.session() as s, writing(s):
            reminded, expired = run_due(s)
            lines = [f"reminded {number_of(s, f)}" for f in reminded] + [f"expired {number_of(s, f)}" for f in expired]
        print("\n".join(lines) or "Nothing due.")
        return 0
    if not 1 <= args.count <= 50:
        print("central pickup-demo: --count must be 1 to 50", file=sys.stderr)
        return 2
    from fastapi import HTTPException

    with db.session() as s, writing(s):
        store = s.scalar(select(Location).where(Location.code == args.store))
        if store is None or store.kind != "store":
            print(f"central pickup-demo: no store {args.store}", file=sys.stderr)
            return 2
        if s.get(StoreHours, store.id) is None and store.country in DEMO_HOURS:
            s.add(StoreHours(location_id=store.id, hours=orjson.dumps(DEMO_HOURS[store.country]).decode()))
        client = s.scalar(select(ChannelClient).where(ChannelClient.name == "demo-webshop"))
        if client is None:
            client = ChannelClient(name="demo-webshop", token_hash=digest(secrets.token_urlsafe(32)))
            s.add(client)
            s.flush()
        q = (
            select(Variant.sku, Stock.on_hand - Stock.reserved)
            .join(Stock, Stock.variant_id == Variant.id)
            .where(Stock.location_id == store.id, Stock.on_hand - Stock.reserved >= 3, Variant.active == 1)
            .order_by(Variant.id)
            .limit(200)
        )
        # what each SKU can still give to the orders made here: two orders drawing on the same SKU
        # must not ask for more than it has (random picks once did, and an order was refused)
        left = {sku: int(avail) for sku, avail in s.execute(q)}
        if len(left) < 2:
            print(f"central pickup-demo: {args.store} has too little stock for demo orders", file=sys.stderr)
            return 2
        lang = language(None, store.locale)
        made = []
        for i in range(args.count):
            twos = [sku for sku, n in left.items() if n >= 2]
            other = twos[secrets.randbelow(len(twos))] if twos else None
            ones = [sku for sku, n in left.items() if n >= 1 and sku != other]
            if other is None or not ones:
                print(f"central pickup-demo: {args.store} has stock for {i} demo orders only", file=sys.stderr)
                break
            first = ones[secrets.randbelow(len(ones))]
            left[first] -= 1
            left[other] -= 2
            body = PickupCreate.model_validate(
                {
                    "reference": f"demo-{secrets.token_hex(6)}",
                    "store": store.code,
                    "customer": {"name": DEMO_NAMES[i % len(DEMO_NAMES)], "email": args.email, "language": lang},
                    "lines": [{"sku": first, "qty": 1}, {"sku": other, "qty": 2}],
                    "payment": "paid" if i % 2 == 0 else "pay_on_pickup",
                }
            )
            try:
                f = make_pickup(s, client.id, client.name, body, digest(body.model_dump_json()))
            except HTTPException as e:
                print(f"central pickup-demo: {e.detail}", file=sys.stderr)
                continue
            publish(s, f)
            made.append(pickup_out(s, s.get_one(CustomerOrder, f.order_id), f))
    for out in made:
        print(f"Order {out.number} for pickup at {out.store} ({out.payment}, {len(out.lines)} lines): {out.page_url}")
    print("They appear in the pickup queue of the store's tablets; ready e-mails go to", args.email)
    return 0 if made else 2
