"""The channel API's click-and-collect orders (docs/pickups.md): a web shop creates a pickup
order (idempotent on its own reference), reads it back, and may cancel it before it is collected.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

import orjson
from fastapi import APIRouter, Body, HTTPException, Path
from pydantic import Field
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from central.changes import writing
from central.deps import ChannelDep, DatabaseDep, HubDep
from central.models import (
    ChannelClient,
    CustomerOrder,
    Fulfilment,
    FulfilmentLine,
    Location,
    Price,
    PriceList,
    Style,
    Variant,
)
from central.pickups import (
    NewLine,
    PickupError,
    aware,
    cancel,
    create_pickup,
    history,
    order_url,
    pickup_of_order,
    publish,
    refunds,
    store_paid,
)
from central.routes import ERRORS
from central.security import digest
from sync.protocol import EMAIL_ANY_CASE_PATTERN, Strict, normalise_email, normalise_phone

router = APIRouter(prefix="/v1/channel/pickups", tags=["channel"], responses=ERRORS)


class PickupCustomer(Strict):
    name: str = Field(min_length=1, max_length=200, pattern=r"\S")
    email: str = Field(max_length=254, pattern=EMAIL_ANY_CASE_PATTERN, description="where the ready e-mail goes")
    phone: str = Field(default="", max_length=32, pattern=r"^$|^\+?[0-9 ()./-]{4,31}$")
    language: Literal["en", "ja", "de"] = "en"


class PickupLineIn(Strict):
    sku: str = Field(min_length=1, max_length=64)
    qty: int = Field(ge=1, le=99)


class PickupCreate(Strict):
    reference: str = Field(min_length=1, max_length=100, description="the shop's order id: idempotency key")
    store: str = Field(min_length=1, max_length=32, description="the pickup store's code, e.g. TKY01")
    customer: PickupCustomer
    lines: list[PickupLineIn] = Field(min_length=1, max_length=50)
    payment: Literal["paid", "pay_on_pickup"]


class PickupLineOut(Strict):
    line_no: int
    sku: str
    name: str
    qty: int
    unit_price: int
    picked: int
    missing: int
    collected: int


class PickupEventOut(Strict):
    at: datetime
    state: str
    event: str
    detail: str


class PickupRefundLineOut(Strict):
    line_no: int
    sku: str
    qty: int
    amount: int


class PickupRefundOut(Strict):
    amount: int = Field(description="minor units of the order's currency, owed back to the customer's payment")
    reason: Literal["missing", "expired"] = Field(
        description="missing: units not found when the bag was made ready; expired: not collected, bag back on the shelf"
    )
    lines: list[PickupRefundLineOut]
    at: datetime


class PaidInStoreOut(Strict):
    store: str = Field(description="the code of the store whose till took the money")
    store_name: str
    sale_id: str
    receipt_no: str | None = Field(description="the till's receipt (null while central has not the sale)")
    amount: int | None = Field(description="what the sale's pickup lines charged, minor units")
    at: datetime | None


class PickupOut(Strict):
    reference: str
    number: str
    store: str
    state: Literal["new", "picking", "ready", "collected", "expired", "cancelled"]
    payment: str
    currency: str
    total: int
    shelf: str
    ready_at: datetime | None
    expires_at: datetime | None
    collected_at: datetime | None
    collected_by: str = Field(description='"" = the customer, else the name of who collected')
    arrived_at: datetime | None = Field(description="when the customer last checked in at the store's kiosk")
    restocked_at: datetime | None = Field(description="an expired order's bag confirmed back on the shelf")
    page_url: str = Field(description="the customer's order page")
    lines: list[PickupLineOut]
    refunds: list[PickupRefundOut] = Field(
        description="what the shop must refund of a paid order (missing units, an expired order): it takes the money back"
    )
    refund_total: int
    history: list[PickupEventOut]
    paid_in_store: PaidInStoreOut | None = Field(
        default=None, description="a pay-on-pickup order paid at the store's till when it was collected"
    )
    checks: list[dict[str, Any]] = Field(
        default_factory=list,
        description="what central found different (e.g. payment.amount: the till's sale against the amount due)",
    )


def pickup_out(session: Session, order: CustomerOrder, f: Fulfilment) -> PickupOut:
    store = session.get_one(Location, f.location_id)
    refund_rows = refunds(session, f)
    paid = store_paid(session, order)
    lines = session.scalars(
        select(FulfilmentLine).where(FulfilmentLine.fulfilment_id == f.id).order_by(FulfilmentLine.line_no)
    )
    return PickupOut(
        reference=order.reference,
        number=order.number,
        store=store.code,
        state=f.state,  # type: ignore[arg-type]
        payment=order.payment,
        currency=order.currency,
        total=order.total,
        shelf=f.shelf,
        ready_at=aware(f.ready_at),
        expires_at=aware(f.expires_at),
        collected_at=aware(f.collected_at),
        collected_by=f.collected_by,
        arrived_at=aware(f.arrived_at),
        restocked_at=aware(f.restocked_at),
        page_url=order_url(order),
        lines=[
            PickupLineOut(
                line_no=x.line_no,
                sku=x.sku,
                name=x.name,
                qty=x.quantity,
                unit_price=x.unit_price,
                picked=x.picked,
                missing=x.missing,
                collected=x.collected,
            )
            for x in lines
        ],
        refunds=[
            PickupRefundOut(
                amount=r.amount,
                reason=r.reason,  # type: ignore[arg-type]
                lines=[PickupRefundLineOut(**x) for x in orjson.loads(r.lines)],
                at=aware(r.at),  # type: ignore[arg-type]
            )
            for r in refund_rows
        ],
        refund_total=sum(r.amount for r in refund_rows),
        history=[
            PickupEventOut(at=aware(e.at), state=e.state, event=e.event, detail=e.detail)  # type: ignore[arg-type]
            for e in history(session, f)
        ],
        paid_in_store=None if paid is None else PaidInStoreOut(**paid),
        checks=orjson.loads(order.checks or "[]"),
    )


def _price(session: Session, variant: Variant, store: Location) -> int:
    q = (
        select(Price.amount, PriceList.store_id)
        .join(PriceList, PriceList.id == Price.list_id)
        .where(
            Price.variant_id == variant.id,
            PriceList.currency == store.currency,
            PriceList.customer_group == "",
            (PriceList.store_id.is_(None)) | (PriceList.store_id == store.id),
        )
    )
    rows = sorted(session.execute(q).all(), key=lambda r: r[1] is None)  # the store's own list first
    if not rows:
        raise HTTPException(409, f"{variant.sku} has no price in {store.code}'s currency")
    return int(rows[0][0])


def _replay(session: Session, client: ChannelClient, reference: str, h: str) -> PickupOut | None:
    order = session.scalar(
        select(CustomerOrder).where(CustomerOrder.channel_client_id == client.id, CustomerOrder.reference == reference)
    )
    if order is None:
        return None
    if order.body_hash != h:
        raise HTTPException(409, f"The reference {reference} was already used for another order")
    return pickup_out(session, order, pickup_of_order(session, order))


def make_pickup(session: Session, client_id: int | None, client_name: str, body: PickupCreate, h: str) -> Fulfilment:
    """The order of a valid request, reserved at its store (a writing transaction); raises
    HTTPException with the sentence for the shop."""
    store = session.scalar(select(Location).where(Location.code == body.store))
    if store is None or store.kind != "store":
        raise HTTPException(404, f"There is no store {body.store} to collect from")
    try:
        email = normalise_email(body.customer.email)
        phone = normalise_phone(body.customer.phone, store.country)
    except ValueError as e:
        raise HTTPException(422, str(e)) from None
    lines = []
    for x in body.lines:
        found = session.execute(
            select(Variant, Style.name).join(Style, Style.id == Variant.style_id).where(Variant.sku == x.sku)
        ).first()
        if found is None:
            raise HTTPException(404, f"Unknown SKU {x.sku}")
        variant, style_name = found
        name = f"{style_name} {variant.colour} {variant.size}".strip()
        lines.append(NewLine(variant.id, variant.sku, name, x.qty, _price(session, variant, store)))
    try:
        f = create_pickup(
            session,
            channel_client_id=client_id,
            channel_name=client_name,
            reference=body.reference,
            body_hash=h,
            store=store,
            customer=(body.customer.name.strip(), email, phone, body.customer.language),
            payment=body.payment,
            currency=store.currency,
            lines=lines,
        )
    except PickupError as e:
        raise HTTPException(e.status, e.detail) from None
    return f


@router.post("", status_code=201, summary="Create a click-and-collect order (idempotent on reference)")
def create(body: Annotated[PickupCreate, Body()], client: ChannelDep, db: DatabaseDep, hub: HubDep) -> PickupOut:
    h = digest(body.model_dump_json())
    client_id, client_name = client.id, client.name
    try:
        with db.session() as session, writing(session):
            done = _replay(session, client, body.reference, h)
            if done is not None:
                return done
            f = make_pickup(session, client_id, client_name, body, h)
            seq = publish(session, f)
            order = session.get_one(CustomerOrder, f.order_id)
            out = pickup_out(session, order, f)
            location = f.location_id
    except IntegrityError:
        with db.session() as session:  # the same reference raced in on another connection
            done = _replay(session, client, body.reference, h)
            if done is None:
                raise
            return done
    hub.publish(seq, [("pickups", location), ("stock", location)])
    return out


Reference = Annotated[str, Path(min_length=1, max_length=100, description="the shop's reference")]


def _find(session: Session, client: ChannelClient, reference: str) -> tuple[CustomerOrder, Fulfilment]:
    order = session.scalar(
        select(CustomerOrder).where(CustomerOrder.channel_client_id == client.id, CustomerOrder.reference == reference)
    )
    if order is None:
        raise HTTPException(404, f"No pickup order with reference {reference}")
    return order, pickup_of_order(session, order)


@router.get("/{reference}", summary="A click-and-collect order with its lines and history")
def read(reference: Reference, client: ChannelDep, db: DatabaseDep) -> PickupOut:
    with db.session() as session:
        order, f = _find(session, client, reference)
        return pickup_out(session, order, f)


@router.post("/{reference}/cancel", summary="Cancel a click-and-collect order that is not collected yet")
def cancel_pickup(reference: Reference, client: ChannelDep, db: DatabaseDep, hub: HubDep) -> PickupOut:
    with db.session() as session, writing(session):
        order, f = _find(session, client, reference)
        if f.state != "cancelled":
            try:
                cancel(session, f, f"channel:{client.name}", "cancelled by the shop")
            except PickupError as e:
                raise HTTPException(e.status, e.detail) from None
        seq = publish(session, f)
        out = pickup_out(session, order, f)
        location = f.location_id
    hub.publish(seq, [("pickups", location), ("stock", location)])
    return out
