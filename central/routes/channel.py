"""The channel API: other sales channels (web shop, ERP) read availability and adjust stock; a
warehouse (or its WMS) marks endless-aisle shipments shipped and delivered, and anyone with a
channel token reads an order by its number (docs/endless-aisle.md)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

import orjson
from fastapi import APIRouter, Body, HTTPException, Path, Query
from pydantic import Field
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from central.changes import adjust_stock, writing, written
from central.deps import ChannelDep, DatabaseDep, HubDep, SessionDep
from central.models import ChannelRef, CustomerOrder, Fulfilment, Location, Stock, Variant
from central.pickups import aware, history, order_url
from central.routes import ERRORS
from central.routes.stock import live_row
from central.security import digest
from central.shipments import ShipError, deliver, destination_of, destination_text, lines_of, publish, ship
from sync.protocol import (
    TRACKING_PATTERN,
    Carrier,
    ChannelAdjustment,
    ChannelAdjustmentResult,
    LiveStockRow,
    Strict,
    tracking_url,
)

router = APIRouter(prefix="/v1/channel", tags=["channel"], responses=ERRORS)


@router.get("/availability")
def channel_availability(
    client: ChannelDep,
    session: SessionDep,
    sku: Annotated[str, Query(min_length=1, max_length=64)],
) -> list[LiveStockRow]:
    variant = session.scalar(select(Variant).where(Variant.sku == sku))
    if variant is None:
        raise HTTPException(404, f"Unknown SKU {sku}")
    q = (
        select(Stock, Location.code)
        .join(Location, Location.id == Stock.location_id)
        .where(Stock.variant_id == variant.id)
        .order_by(Location.code)
    )
    return [live_row(stock, code) for stock, code in session.execute(q)]


@router.post("/adjustments")
def channel_adjust(
    body: Annotated[ChannelAdjustment, Body()],
    client: ChannelDep,
    db: DatabaseDep,
    hub: HubDep,
) -> ChannelAdjustmentResult:
    """Apply a stock delta (never 0) with a reason. Idempotent by `reference` per channel client."""
    h = digest(body.model_dump_json())
    key = (client.id, body.reference)
    try:
        with db.session() as session, writing(session):
            done = session.get(ChannelRef, key)
            if done is not None:
                return _replay(done, h)
            loc = session.scalar(select(Location).where(Location.code == body.location_code))
            if loc is None:
                raise HTTPException(404, f"Unknown location {body.location_code}")
            variant = session.scalar(select(Variant).where(Variant.sku == body.sku))
            if variant is None:
                raise HTTPException(404, f"Unknown SKU {body.sku}")
            seq, stock = adjust_stock(
                session,
                location_id=loc.id,
                variant_id=variant.id,
                delta=body.delta,
                reason=body.reason,
                source=f"channel:{client.name}",
                reference=body.reference,
            )
            location = loc.id
            result = ChannelAdjustmentResult(
                reference=body.reference,
                location_code=loc.code,
                sku=variant.sku,
                on_hand=stock.on_hand,
                available=stock.on_hand - stock.reserved,
                seq=seq,
            )
            session.add(
                ChannelRef(
                    client_id=client.id,
                    reference=body.reference,
                    body_hash=h,
                    result=result.model_dump_json(),
                )
            )
    except IntegrityError:
        # The same reference raced in on another connection (a retry overtaking the first
        # request): this transaction is void, answer from the winner's record.
        with db.session() as session:
            done = session.get(ChannelRef, key)
            if done is None:
                raise
            return _replay(done, h)
    hub.publish(seq, [("stock", location)])
    return result


def _replay(done: ChannelRef, body_hash: str) -> ChannelAdjustmentResult:
    if done.body_hash != body_hash:
        raise HTTPException(409, "This reference was already used for another adjustment")
    return ChannelAdjustmentResult.model_validate_json(done.result)


# --- endless-aisle shipments and orders ---------------------------------------------------------


class ShipBody(Strict):
    carrier: Carrier
    tracking: str = Field(pattern=TRACKING_PATTERN, description="4-40 letters, digits or -")


class FulfilmentLineOut(Strict):
    line_no: int
    sku: str
    name: str
    qty: int
    unit_price: int


class FulfilmentEventOut(Strict):
    at: datetime
    state: str
    event: str
    detail: str


class FulfilmentOut(Strict):
    id: int
    kind: str = Field(description="ship | pickup")
    state: str = Field(
        description="ship: unsourced | sourced | shipped | delivered | cancelled; pickup: docs/pickups.md"
    )
    location: str = Field(description="ship: the store that sold it; pickup: the pickup store (codes)")
    source: str | None = Field(description="ship: the location it leaves from (None while unsourced)")
    destination: str = Field(description="short text: the address, or the store it goes to")
    destination_kind: str = Field(description="home | store ('' for a pickup)")
    carrier: str | None
    tracking: str | None
    tracking_url: str | None
    refund_due: int = Field(description="minor units still owed to the customer after a cancel")
    lines: list[FulfilmentLineOut]
    history: list[FulfilmentEventOut]


class OrderOut(Strict):
    number: str
    channel: str
    reference: str
    store: str | None = Field(description="the store that sold an endless-aisle order")
    currency: str
    total: int
    delivery_option: str | None
    delivery_fee: int | None
    checks: list[dict[str, Any]] = Field(
        description="what central found different (a fee mismatch): flagged, never refused"
    )
    page_url: str
    fulfilments: list[FulfilmentOut]


def _code(session: Session, location_id: int | None) -> str | None:
    if location_id is None:
        return None
    loc = session.get(Location, location_id)
    return None if loc is None else loc.code


def fulfilment_out(session: Session, f: Fulfilment) -> FulfilmentOut:
    ship_kind = f.kind == "ship"
    return FulfilmentOut(
        id=f.id,
        kind=f.kind,
        state=f.state,
        location=_code(session, f.location_id) or "",
        source=_code(session, f.source_id) if ship_kind else _code(session, f.location_id),
        destination=destination_text(session, f)
        if ship_kind
        else f"Store {session.get_one(Location, f.location_id).name}",
        destination_kind=str(destination_of(f).get("kind", "")) if ship_kind else "",
        carrier=f.carrier,
        tracking=f.tracking,
        tracking_url=tracking_url(f.carrier, f.tracking),
        refund_due=max(f.refund_due - f.refunded, 0),
        lines=[
            FulfilmentLineOut(line_no=x.line_no, sku=x.sku, name=x.name, qty=x.quantity, unit_price=x.unit_price)
            for x in lines_of(session, f)
        ],
        history=[
            FulfilmentEventOut(at=aware(e.at), state=e.state, event=e.event, detail=e.detail)  # type: ignore[arg-type]
            for e in history(session, f)
        ],
    )


def order_out(session: Session, order: CustomerOrder) -> OrderOut:
    q = select(Fulfilment).where(Fulfilment.order_id == order.id).order_by(Fulfilment.id)
    return OrderOut(
        number=order.number,
        channel=order.channel,
        reference=order.reference,
        store=_code(session, order.store_id),
        currency=order.currency,
        total=order.total,
        delivery_option=order.delivery_option,
        delivery_fee=order.delivery_fee,
        checks=orjson.loads(order.checks or "[]"),
        page_url=order_url(order),
        fulfilments=[fulfilment_out(session, f) for f in session.scalars(q)],
    )


ShipmentId = Annotated[int, Path(ge=1, le=2**62, description="the ship fulfilment's id")]


def _shipment(session: Session, fulfilment_id: int) -> Fulfilment:
    f = session.get(Fulfilment, fulfilment_id, with_for_update=True)
    if f is None or f.kind != "ship":
        raise HTTPException(404, f"There is no shipment {fulfilment_id}.")
    return f


@router.post("/shipments/{fulfilment_id}/ship", summary="A shipment left with a carrier")
def channel_ship(
    fulfilment_id: ShipmentId, body: Annotated[ShipBody, Body()], client: ChannelDep, db: DatabaseDep, hub: HubDep
) -> OrderOut:
    """sourced -> shipped: the units leave the source's stock and the customer gets the shipped
    e-mail with the tracking link. The same carrier and tracking again answers the order as is."""
    touched: list[tuple[str, int]] = []
    seq = 0
    with db.session() as session, writing(session):
        f = _shipment(session, fulfilment_id)
        try:
            if ship(session, f, body.carrier, body.tracking, f"channel:{client.name}"):
                seq, touched = publish(session, f)
                touched.append(("stock", f.source_id or 0))
                seq = max([seq, *written(session)])
        except ShipError as e:
            raise HTTPException(e.status, e.detail) from None
        out = order_out(session, session.get_one(CustomerOrder, f.order_id))
    if touched:
        hub.publish(seq, touched)
    return out


@router.post("/shipments/{fulfilment_id}/deliver", summary="A shipment was delivered")
def channel_deliver(fulfilment_id: ShipmentId, client: ChannelDep, db: DatabaseDep, hub: HubDep) -> OrderOut:
    """shipped -> delivered. A ship-to-store parcel opens a pickup at that store (the pickup flow
    of docs/pickups.md, its units in the store's stock, reserved). Delivered again: as is."""
    touched: list[tuple[str, int]] = []
    seq = 0
    with db.session() as session, writing(session):
        f = _shipment(session, fulfilment_id)
        if f.state != "delivered":
            try:
                pickup = deliver(session, f, f"channel:{client.name}")
            except ShipError as e:
                raise HTTPException(e.status, e.detail) from None
            seq, touched = publish(session, f)
            if pickup is not None:
                touched += [("pickups", pickup.location_id), ("stock", pickup.location_id)]
            seq = max([seq, *written(session)])
        out = order_out(session, session.get_one(CustomerOrder, f.order_id))
    if touched:
        hub.publish(seq, touched)
    return out


@router.get("/orders/{number}", summary="A customer order with its fulfilments and tracking")
def channel_order(
    number: Annotated[str, Path(min_length=1, max_length=32, pattern=r"^[0-9A-Za-z-]+$")],
    client: ChannelDep,
    session: SessionDep,
) -> OrderOut:
    order = session.scalar(select(CustomerOrder).where(CustomerOrder.number == number))
    if order is None:
        raise HTTPException(404, f"There is no order {number}.")
    return order_out(session, order)
