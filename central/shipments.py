"""Ship fulfilments of the endless aisle (docs/endless-aisle.md): their one state machine, the
`ship_orders` and `delivery_options` streams, shipping, delivery and cancellation.

A ship fulfilment belongs to the store that sold it (`location_id`) and leaves from `source_id`
(a warehouse or a store; None while unsourced). Its row of the `ship_orders` stream goes to the
selling store and, when another store ships it, to that store too. `move()` is the only writer
of a state: what may follow what is `TRANSITIONS`, here and nowhere else.
"""

from __future__ import annotations

from typing import Any

import orjson
from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from central.changes import adjust_stock, now, record
from central.models import CustomerOrder, DeliveryOption, Fulfilment, FulfilmentEvent, FulfilmentLine, Location
from central.pickups import iso
from central.scope import Scope
from sync.address import one_line
from sync.protocol import Scalar

STATES = ("unsourced", "sourced", "shipped", "delivered", "cancelled")
TRANSITIONS: dict[str, frozenset[str]] = {
    "unsourced": frozenset({"unsourced", "sourced", "cancelled"}),  # unsourced -> unsourced: wait
    "sourced": frozenset({"shipped", "cancelled"}),  # cancelled only before shipping
    "shipped": frozenset({"delivered"}),
    "delivered": frozenset(),
    "cancelled": frozenset(),
}
OPEN = ("unsourced", "sourced", "shipped")


class ShipError(Exception):
    """A request or op that cannot be carried out: an HTTP status and one sentence."""

    def __init__(self, status: int, detail: str) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail


def lines_of(session: Session, f: Fulfilment) -> list[FulfilmentLine]:
    q = select(FulfilmentLine).where(FulfilmentLine.fulfilment_id == f.id).order_by(FulfilmentLine.line_no)
    return list(session.scalars(q))


def destination_of(f: Fulfilment) -> dict[str, Any]:
    return orjson.loads(f.destination) if f.destination else {}


def destination_text(session: Session, f: Fulfilment) -> str:
    """ "〒150-0001 東京都渋谷区神宮前1-2-3" or "Store Berlin Mitte"."""
    dest = destination_of(f)
    if dest.get("kind") == "store":
        store = session.get(Location, dest.get("store_id"))
        return f"Store {store.name if store is not None else dest.get('store_id')}"
    return one_line(dest.get("address", {}))


def ship_row(session: Session, f: Fulfilment, order: CustomerOrder | None = None) -> list[Scalar]:
    order = order or session.get_one(CustomerOrder, f.order_id)
    lines = [
        {"n": x.line_no, "v": x.variant_id, "sku": x.sku, "name": x.name, "q": x.quantity, "u": x.unit_price}
        for x in lines_of(session, f)
    ]
    return [
        f.id,
        order.number,
        order.reference,
        f.location_id,
        f.source_id,
        f.state,
        destination_text(session, f),
        order.customer_name,
        orjson.dumps(lines).decode(),
        max(f.refund_due - f.refunded, 0),
        f.carrier,
        f.tracking,
        iso(order.created_at) or "",
        iso(f.updated_at) or "",
    ]


def _store_scopes(session: Session, f: Fulfilment, source_id: int | None) -> set[int]:
    scopes = {f.location_id}
    if source_id is not None and source_id != f.location_id:
        loc = session.get(Location, source_id)
        if loc is not None and loc.kind == "store":
            scopes.add(source_id)
    return scopes


def ship_rows(session: Session, scope: Scope) -> list[list[Scalar]]:
    q = (
        select(Fulfilment)
        .where(
            Fulfilment.kind == "ship",
            or_(Fulfilment.location_id == scope.store_id, Fulfilment.source_id == scope.store_id),
        )
        .order_by(Fulfilment.id)
    )
    return [ship_row(session, f) for f in session.scalars(q)]


def publish(session: Session, f: Fulfilment, old_source: int | None = None) -> tuple[int, list[tuple[str, int]]]:
    """The fulfilment's ship_orders row to every store that sees it (and a delete for a store
    that shipped it before a new source was chosen). Returns (last seq, touched)."""
    row = ship_row(session, f)
    now_scopes = _store_scopes(session, f, f.source_id)
    seq = 0
    for scope in sorted(now_scopes):
        seq = record(session, "ship_orders", scope, [f.id], row)
    for scope in sorted(_store_scopes(session, f, old_source) - now_scopes):
        seq = record(session, "ship_orders", scope, [f.id], None)
    return seq, [("ship_orders", s) for s in sorted(now_scopes)]


def delivery_option_rows(session: Session, _scope: Scope | None = None) -> list[list[Scalar]]:
    return [
        [
            o.id,
            o.country,
            o.currency,
            o.sku,
            o.name_en,
            o.name_ja,
            o.name_de,
            o.fee,
            o.free_over,
            o.days_min,
            o.days_max,
            o.active,
        ]
        for o in session.scalars(select(DeliveryOption).order_by(DeliveryOption.id))
    ]


def move(session: Session, f: Fulfilment, to: str, event: str, actor: str, detail: str = "") -> None:
    """The one way a ship fulfilment changes state: allowed by TRANSITIONS, with its history."""
    if to not in TRANSITIONS[f.state]:
        number = session.get_one(CustomerOrder, f.order_id).number
        raise ShipError(409, f"Shipment {number}/{f.id} is {f.state}: it cannot become {to}.")
    f.state = to
    f.updated_at = now()
    session.add(FulfilmentEvent(fulfilment_id=f.id, at=f.updated_at, state=to, event=event, actor=actor, detail=detail))


def reserve(session: Session, f: Fulfilment, source_id: int, number: str) -> None:
    for line in lines_of(session, f):
        adjust_stock(
            session,
            location_id=source_id,
            variant_id=line.variant_id,
            delta=0,
            reserved_delta=line.quantity,
            reason="ship reserved",
            source="central",
            reference=f"ship:{number}",
        )
