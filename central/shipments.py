"""Ship fulfilments of the endless aisle (docs/endless-aisle.md): their one state machine, the
`ship_orders` and `delivery_options` streams, shipping, delivery and cancellation.

A ship fulfilment belongs to the store that sold it (`location_id`) and leaves from `source_id`
(a warehouse or a store; None while unsourced). Its row of the `ship_orders` stream goes to the
selling store and, when another store ships it, to that store too. `move()` is the only writer
of a state: what may follow what is `TRANSITIONS`, here and nowhere else.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import orjson
from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from central import sourcing
from central.changes import adjust_stock, now, record, writing
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


def release_at_source(session: Session, f: Fulfilment, why: str) -> None:
    if f.source_id is None:
        return
    number = session.get_one(CustomerOrder, f.order_id).number
    for line in lines_of(session, f):
        adjust_stock(
            session,
            location_id=f.source_id,
            variant_id=line.variant_id,
            delta=0,
            reserved_delta=-line.quantity,
            reason=why,
            source="central",
            reference=f"ship:{number}",
        )


# --- making the order's fulfilments from a sourcing plan -----------------------------------------


@dataclass(frozen=True)
class ShipLine:
    n: int
    line_id: str | None  # the sale's line
    variant_id: int
    sku: str
    name: str
    quantity: int
    unit_price: int


def _add_fulfilment(
    session: Session,
    order: CustomerOrder,
    source_id: int | None,
    pieces: Sequence[tuple[ShipLine, int]],
    destination: str,
    actor: str,
    detail: str,
) -> Fulfilment:
    stamp = now()
    f = Fulfilment(
        order_id=order.id,
        kind="ship",
        location_id=order.store_id,
        source_id=source_id,
        destination=destination,
        state="sourced" if source_id is not None else "unsourced",
        updated_at=stamp,
        refund_due=0,
        refunded=0,
        waiting=0,
    )
    session.add(f)
    session.flush()
    for line, units in pieces:
        session.add(
            FulfilmentLine(
                fulfilment_id=f.id,
                line_no=line.n,
                variant_id=line.variant_id,
                sku=line.sku,
                name=line.name,
                quantity=units,
                unit_price=line.unit_price,
                sale_line_id=line.line_id,
                picked=0,
                missing=0,
                collected=0,
            )
        )
    session.add(
        FulfilmentEvent(fulfilment_id=f.id, at=stamp, state=f.state, event="created", actor=actor, detail=detail)
    )
    session.flush()
    if source_id is not None:
        reserve(session, f, source_id, order.number)
        session.add(
            FulfilmentEvent(
                fulfilment_id=f.id,
                at=stamp,
                state=f.state,
                event="sourced",
                actor="central",
                detail=_code(session, source_id),
            )
        )
    return f


def _code(session: Session, location_id: int) -> str:
    loc = session.get(Location, location_id)
    return loc.code if loc is not None else str(location_id)


def source_order(
    session: Session, order: CustomerOrder, lines: Sequence[ShipLine], destination: str, actor: str
) -> list[Fulfilment]:
    """Create the order's ship fulfilments by the sourcing rules (central.sourcing), reserving at
    each source; what nobody can cover becomes one unsourced fulfilment."""
    store = session.get_one(Location, order.store_id)
    by_n = {x.n: x for x in lines}
    plan = sourcing.plan(session, store, [sourcing.Want(x.n, x.variant_id, x.quantity) for x in lines])
    made = [
        _add_fulfilment(session, order, loc, [(by_n[w.n], units) for w, units in pieces], destination, actor, "")
        for loc, pieces in plan.sources
    ]
    if plan.unsourced:
        made.append(
            _add_fulfilment(
                session,
                order,
                None,
                [(by_n[w.n], units) for w, units in plan.unsourced],
                destination,
                actor,
                "no location has it available",
            )
        )
    return made


def _wants(session: Session, f: Fulfilment) -> list[sourcing.Want]:
    return [sourcing.Want(x.line_no, x.variant_id, x.quantity) for x in lines_of(session, f)]


def source_at(session: Session, f: Fulfilment, location_id: int, actor: str) -> None:
    """unsourced -> sourced from the location staff chose (all of it, or a sentence why not)."""
    number = session.get_one(CustomerOrder, f.order_id).number
    loc = session.get(Location, location_id)
    store = session.get_one(Location, f.location_id)
    if loc is None or loc.country != store.country:
        raise ShipError(
            422, f"Location {location_id} cannot ship order {number}: it is not one of {store.country}'s locations."
        )
    if f.state != "unsourced":
        raise ShipError(409, f"Shipment {number}/{f.id} is {f.state}: it is not waiting for a source.")
    ok, short = sourcing.can_cover(session, location_id, _wants(session, f))
    if not ok:
        raise ShipError(409, f"{loc.code} cannot ship order {number} now: it has {short}.")
    move(session, f, "sourced", "sourced", actor, loc.code)
    f.source_id, f.waiting = location_id, 0
    reserve(session, f, location_id, number)


def retry(session: Session, f: Fulfilment) -> list[Fulfilment]:
    """Source a waiting unsourced fulfilment again by the rules: all of it from one place, or
    (split allowed) the lines that can be covered now as new fulfilments, the rest staying here.
    Returns the fulfilments that got a source (empty: still nothing)."""
    order = session.get_one(CustomerOrder, f.order_id)
    store = session.get_one(Location, f.location_id)
    plan = sourcing.plan(session, store, _wants(session, f))
    if not plan.sources:
        session.add(
            FulfilmentEvent(
                fulfilment_id=f.id, at=now(), state=f.state, event="retried", actor="central", detail="still none"
            )
        )
        return []
    if not plan.unsourced and len(plan.sources) == 1:
        loc = plan.sources[0][0]
        move(session, f, "sourced", "sourced", "central", _code(session, loc))
        f.source_id, f.waiting = loc, 0
        reserve(session, f, loc, order.number)
        return [f]
    by_n = {x.line_no: x for x in lines_of(session, f)}
    made = []
    for loc, pieces in plan.sources:
        lines = [
            (
                ShipLine(
                    w.n,
                    by_n[w.n].sale_line_id,
                    w.variant_id,
                    by_n[w.n].sku,
                    by_n[w.n].name,
                    units,
                    by_n[w.n].unit_price,
                ),
                units,
            )
            for w, units in pieces
        ]
        made.append(_add_fulfilment(session, order, loc, lines, f.destination or "", "central", f"split from {f.id}"))
    left = {w.n: units for w, units in plan.unsourced}
    for n, line in by_n.items():
        if n in left:
            line.quantity = left[n]
        else:
            session.delete(line)
    f.updated_at = now()
    session.add(
        FulfilmentEvent(
            fulfilment_id=f.id, at=f.updated_at, state=f.state, event="split", actor="central",
            detail=" ".join(str(x.id) for x in made),
        )
    )  # fmt: skip
    return made


# --- transitions the tablets and the channel ask for ------------------------------------------------


def wait(session: Session, f: Fulfilment, actor: str) -> None:
    move(session, f, "unsourced", "wait", actor, "staff chose to wait for stock")
    f.waiting = 1


def paid_for(session: Session, f: Fulfilment) -> int:
    """What the customer paid for this fulfilment's units (the sale's ship lines, pro rata)."""
    from central.models import Order, OrderLine

    order = session.get_one(CustomerOrder, f.order_id)
    sale = session.scalar(select(Order).where(Order.sale_id == order.sale_id)) if order.sale_id else None
    by_id = {}
    if sale is not None:
        by_id = {x.line_id: x for x in session.scalars(select(OrderLine).where(OrderLine.order_id == sale.id))}
    total = 0
    for line in lines_of(session, f):
        sale_line = by_id.get(line.sale_line_id or "")
        if sale_line is not None and sale_line.quantity:
            total += sale_line.total * line.quantity // sale_line.quantity
        else:
            total += line.unit_price * line.quantity
    return total


def cancel(session: Session, f: Fulfilment, actor: str, why: str) -> int:
    """unsourced | sourced -> cancelled: what was reserved is freed and what the customer paid
    for these lines becomes a refund the selling store owes (refund_due). Returns that amount."""
    was = f.state
    move(session, f, "cancelled", "cancelled", actor, why)
    if was == "sourced":
        release_at_source(session, f, "ship cancelled")
    f.refund_due = paid_for(session, f)
    f.waiting = 0
    return f.refund_due


def ship(session: Session, f: Fulfilment, carrier: str, tracking: str, actor: str) -> bool:
    """sourced -> shipped: the units leave the source (on hand and reservation), the customer
    gets the shipped e-mail. The same carrier and tracking again is no change (False)."""
    number = session.get_one(CustomerOrder, f.order_id).number
    if f.state in ("shipped", "delivered") and (f.carrier, f.tracking) == (carrier, tracking):
        return False
    if f.state == "unsourced":
        raise ShipError(409, f"Shipment {number}/{f.id} has no source yet: decide where it ships from first.")
    move(session, f, "shipped", "shipped", actor, f"{carrier} {tracking}")
    f.carrier, f.tracking, f.shipped_at = carrier, tracking, f.updated_at
    assert f.source_id is not None
    for line in lines_of(session, f):
        adjust_stock(
            session,
            location_id=f.source_id,
            variant_id=line.variant_id,
            delta=-line.quantity,
            reserved_delta=-line.quantity,
            reason="shipped",
            source="central",
            reference=f"ship:{number}",
        )
    mail(session, f, "shipment.shipped")
    return True


def deliver(session: Session, f: Fulfilment, actor: str) -> Fulfilment | None:
    """shipped -> delivered. A ship-to-store parcel arrived at its store: its units join that
    store's stock, reserved for a new pickup fulfilment of the same order (the pickup flow of
    central.pickups from "new" on). Returns that pickup, or None for a home delivery."""
    move(session, f, "delivered", "delivered", actor, "")
    f.delivered_at = f.updated_at
    dest = destination_of(f)
    if dest.get("kind") != "store":
        return None
    order = session.get_one(CustomerOrder, f.order_id)
    store_id = int(dest["store_id"])
    pickup = Fulfilment(order_id=order.id, kind="pickup", location_id=store_id, state="new", updated_at=f.updated_at)
    session.add(pickup)
    session.flush()
    for line in lines_of(session, f):
        session.add(
            FulfilmentLine(
                fulfilment_id=pickup.id,
                line_no=line.line_no,
                variant_id=line.variant_id,
                sku=line.sku,
                name=line.name,
                quantity=line.quantity,
                unit_price=line.unit_price,
                sale_line_id=line.sale_line_id,
                picked=0,
                missing=0,
                collected=0,
            )
        )
        adjust_stock(
            session,
            location_id=store_id,
            variant_id=line.variant_id,
            delta=line.quantity,
            reserved_delta=line.quantity,
            reason="arrived for pickup",
            source="central",
            reference=f"pickup:{order.number}",
        )
    session.add(
        FulfilmentEvent(
            fulfilment_id=pickup.id, at=f.updated_at, state="new", event="created", actor="central",
            detail=f"shipped to the store ({f.id})",
        )
    )  # fmt: skip
    f.pickup_id = pickup.id
    session.flush()
    from central.pickups import publish as publish_pickup

    publish_pickup(session, pickup)
    return pickup


def refund(session: Session, f: Fulfilment, *, amount: int, tender: str, reference: str, device_id: str,
           staff_id: int | None, op_id: str, actor: str) -> int:  # fmt: skip
    """The selling store paid (part of) a cancelled fulfilment's refund out at its till.
    Refuses more than is still due. Returns what is still due afterwards."""
    from central.models import ShipRefund

    number = session.get_one(CustomerOrder, f.order_id).number
    due = f.refund_due - f.refunded
    if f.state != "cancelled" or due <= 0:
        raise ShipError(
            409,
            f"Shipment {number}/{f.id} owes no refund: it is {f.state}"
            + (", refunded already." if f.state == "cancelled" else "."),
        )
    if amount > due:
        raise ShipError(422, f"Shipment {number}/{f.id} owes {due} at most, not {amount}.")
    stamp = now()
    session.add(
        ShipRefund(fulfilment_id=f.id, store_id=f.location_id, amount=amount, tender=tender, reference=reference,
                   device_id=device_id, staff_id=staff_id, op_id=op_id, at=stamp)
    )  # fmt: skip
    f.refunded += amount
    f.updated_at = stamp
    session.add(
        FulfilmentEvent(
            fulfilment_id=f.id, at=stamp, state=f.state, event="refunded", actor=actor, detail=f"{amount} {tender}"
        )
    )
    session.flush()
    mail(session, f, "refund.done", ref=f"{f.id}:{f.refunded}")
    return f.refund_due - f.refunded


def waiting_ones(session: Session) -> list[Fulfilment]:
    q = select(Fulfilment).where(Fulfilment.kind == "ship", Fulfilment.state == "unsourced", Fulfilment.waiting == 1)
    return list(session.scalars(q.order_by(Fulfilment.id)))


def retry_waiting(session: Session) -> list[tuple[Fulfilment, list[Fulfilment]]]:
    """The `central orders-source` job: every unsourced fulfilment staff chose to wait for,
    sourced again by the rules (a writing transaction). Returns (fulfilment, sourced parts)."""
    out = []
    for f in waiting_ones(session):
        got = retry(session, f)
        publish(session, f)
        for g in got:
            if g.id != f.id:
                publish(session, g)
        out.append((f, got))
    return out


# --- the customer's e-mails (rendered by central.ship_mail) -------------------------------------


def mail(session: Session, f: Fulfilment, kind: str, ref: str | None = None) -> None:
    """Queue `kind` about fulfilment `f` in this transaction (no e-mail address: nothing)."""
    from central.mail.outbox import enqueue
    from central.pickups import language

    order = session.get_one(CustomerOrder, f.order_id)
    if not order.customer_email:
        return
    store = session.get_one(Location, f.location_id)
    ref = ref or str(f.id)
    enqueue(
        session,
        kind=kind,
        ref=ref,
        to=order.customer_email,
        language=language(order.language, store.locale),
        store_id=store.id,
        key=f"{kind}:{ref}:{order.customer_email}",
    )


def mail_order(session: Session, order: CustomerOrder) -> None:
    from central.mail.outbox import enqueue
    from central.pickups import language

    if not order.customer_email or order.store_id is None:
        return
    store = session.get_one(Location, order.store_id)
    enqueue(
        session,
        kind="order.confirmation",
        ref=str(order.id),
        to=order.customer_email,
        language=language(order.language, store.locale),
        store_id=store.id,
        key=f"order.confirmation:{order.id}:{order.customer_email}",
    )


# --- the CLI: `central orders-source`, `central ship-demo` ----------------------------------------


def ship_command(db: Any, args: Any) -> int:
    import secrets
    import sys

    from sync.protocol import CARRIERS, TRACKING_PATTERN

    label = label_of

    with db.session() as s, writing(s):
        if args.cmd == "orders-source":
            done = retry_waiting(s)
            for f, got in done:
                if got:
                    print(
                        f"sourced {label(s, f)}: " + ", ".join(f"{g.id} from {_code(s, g.source_id or 0)}" for g in got)
                    )
                else:
                    print(f"still waiting: {label(s, f)}")
            if not done:
                print("Nothing waiting.")
            return 0
        if args.create:
            return _demo_orders(s, args)
        if args.ship is not None or args.deliver is not None:
            fid = args.ship if args.ship is not None else args.deliver
            f = s.get(Fulfilment, fid)
            if f is None or f.kind != "ship":
                print(f"central ship-demo: there is no shipment {fid}", file=sys.stderr)
                return 2
            try:
                if args.ship is not None:
                    if args.carrier not in CARRIERS:
                        print(f"central ship-demo: --carrier must be one of {', '.join(CARRIERS)}", file=sys.stderr)
                        return 2
                    tracking = args.tracking or f"{secrets.randbelow(10**4):04d}-{secrets.randbelow(10**8):08d}"
                    if not re.match(TRACKING_PATTERN, tracking):
                        print("central ship-demo: --tracking must be 4-40 letters, digits or -", file=sys.stderr)
                        return 2
                    ship(s, f, args.carrier, tracking, "central")
                else:
                    deliver(s, f, "central")
            except ShipError as e:
                print(f"central ship-demo: {e.detail}", file=sys.stderr)
                return 2
            publish(s, f)
            print(label(s, f) + (f" {f.carrier} {f.tracking}" if f.tracking else ""))
            return 0
        q = select(Fulfilment).where(Fulfilment.kind == "ship", Fulfilment.state.in_(OPEN)).order_by(Fulfilment.id)
        rows = [label(s, f) for f in s.scalars(q)]
    print("\n".join(rows) or "No open shipments.")
    if rows:
        print("Mark one shipped: central ship-demo --ship ID [--carrier yamato --tracking 1234-5678]")
    return 0


DEMO_HOMES = {
    "JP": {"country": "JP", "postcode": "150-0001", "region": "東京都", "city": "渋谷区", "street": "神宮前1-2-3"},
    "DE": {"country": "DE", "postcode": "10115", "region": "Berlin", "city": "Berlin", "street": "Torstraße 1"},
}


def _demo_orders(s: Session, args: Any) -> int:
    """`central ship-demo --create N --store CODE`: endless-aisle orders as a till of the store
    would send them (without their sale: each is flagged so), sourced by the rules."""
    import sys
    import uuid

    from central.models import Stock, Variant
    from central.ops.base import OpRejected
    from central.ops.order_create import create
    from sync.protocol import OrderCreatePayload

    store = s.scalar(select(Location).where(Location.code == (args.store or "")))
    if store is None or store.kind != "store" or store.country not in DEMO_HOMES:
        print(f"central ship-demo: --store must be a store in JP or DE, not {args.store!r}", file=sys.stderr)
        return 2
    if not 1 <= args.create <= 50:
        print("central ship-demo: --create must be 1 to 50", file=sys.stderr)
        return 2
    same = select(Location.id).where(Location.country == store.country)
    q = (
        select(Variant.id, Variant.sku)
        .join(Stock, Stock.variant_id == Variant.id)
        .where(Stock.location_id.in_(same), Stock.on_hand - Stock.reserved >= 2, Variant.active == 1)
        .order_by(Variant.id)
        .limit(50)
    )
    stocked = list(s.execute(q))
    option = "jp-standard" if store.country == "JP" else "de-standard"
    lang = "ja" if store.country == "JP" else "de"
    made = []
    for i in range(args.create):
        vid, sku = stocked[(i * 7) % len(stocked)]
        p = OrderCreatePayload.model_validate(
            {
                "order_id": uuid.uuid4(),
                "sale_id": uuid.uuid4(),
                "store_id": store.id,
                "customer_id": 1,
                "created_at": now(),
                "language": lang,
                "contact": {"name": "Demo Customer", "email": args.email},
                "destination": {"kind": "home", "address": DEMO_HOMES[store.country]},
                "delivery": {"option": option, "fee": 0},
                "lines": [{"line_id": "1", "variant_id": vid, "sku": sku, "quantity": 1}],
            },
            strict=False,
        )
        try:
            _order, parts = create(s, p, None)
        except OpRejected as e:
            print(f"central ship-demo: {e.detail}", file=sys.stderr)
            continue
        for f in parts:
            publish(s, f)
            made.append(label_of(s, f))
    print("\n".join(made))
    return 0 if made else 2


def label_of(s: Session, f: Fulfilment) -> str:
    number = s.get_one(CustomerOrder, f.order_id).number
    src = s.get(Location, f.source_id) if f.source_id is not None else None
    return f"{number} (shipment {f.id}, {f.state}, from {src.code if src else '-'}, to {destination_text(s, f)})"
