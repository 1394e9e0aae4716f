"""Orders: a tablet's sale as central recorded it (channel "store"), with its lines, payments
and what central's re-pricing found (`flagged`, `checks`). docs/checkout.md."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any
from uuid import UUID

import orjson
from fastapi import APIRouter, Depends, HTTPException, Path, Query
from pydantic import BaseModel, ConfigDict
from sqlalchemy import select
from sqlalchemy.orm import Session

from central.deps import Credentials, ScopesDep, SessionDep, authenticate, current_channel
from central.models import Location, Order, OrderLine, Payment
from central.returns import returns_of_sale
from central.routes import ERRORS

router = APIRouter(prefix="/v1/orders", tags=["orders"], responses=ERRORS)


class Out(BaseModel):
    model_config = ConfigDict(extra="forbid")


class OrderLineOut(Out):
    line_no: int
    line_id: str
    variant_id: int
    sku: str
    quantity: int
    fulfilment: str
    unit_price: int
    amount: int
    promotions: int
    discounts: int
    total: int
    tax_class: str
    tax_rate: str
    net: int
    tax: int


class PaymentOut(Out):
    type: str
    amount: int
    change: int
    reference: str | None


class OrderCheck(Out):
    """A difference central found: `check` names it, `subject` what it is about (a line id,
    the sale), with the tablet's and central's values."""

    check: str
    subject: str
    tablet: Any = None
    central: Any = None


class OrderOut(Out):
    id: int
    sale_id: UUID
    channel: str
    store_code: str
    device_id: str | None
    receipt_no: str
    staff_id: int | None
    customer_id: int | None
    currency: str
    completed_at: datetime
    received_at: datetime
    total: int
    tax: int
    cash_rounding: int
    central_total: int | None
    flagged: bool
    checks: list[OrderCheck]
    lines: list[OrderLineOut]
    payments: list[PaymentOut]
    priced: dict[str, Any]
    # returns taken back at a till, each with its lines, refunds and stock movements (docs/returns.md)
    returns: list[dict[str, Any]] = []


class OrderPage(Out):
    orders: list[OrderOut]
    next: int
    has_more: bool


def _aware(t: datetime) -> datetime:
    return t if t.tzinfo is not None else t.replace(tzinfo=UTC)  # SQLite hands back naive UTC


def order_out(session: Session, order: Order, store_code: str) -> OrderOut:
    lines = session.scalars(select(OrderLine).where(OrderLine.order_id == order.id).order_by(OrderLine.line_no))
    pays = session.scalars(select(Payment).where(Payment.order_id == order.id).order_by(Payment.id))
    return OrderOut(
        id=order.id,
        sale_id=UUID(order.sale_id),
        channel=order.channel,
        store_code=store_code,
        device_id=order.device_id,
        receipt_no=order.receipt_no,
        staff_id=order.staff_id,
        customer_id=order.customer_id,
        currency=order.currency,
        completed_at=_aware(order.completed_at),
        received_at=_aware(order.received_at),
        total=order.total,
        tax=order.tax,
        cash_rounding=order.cash_rounding,
        central_total=order.central_total,
        flagged=bool(order.flagged),
        checks=[OrderCheck(**c) for c in orjson.loads(order.checks)],
        lines=[
            OrderLineOut(
                line_no=ln.line_no,
                line_id=ln.line_id,
                variant_id=ln.variant_id,
                sku=ln.sku,
                quantity=ln.quantity,
                fulfilment=ln.fulfilment,
                unit_price=ln.unit_price,
                amount=ln.amount,
                promotions=ln.promotions,
                discounts=ln.discounts,
                total=ln.total,
                tax_class=ln.tax_class,
                tax_rate=ln.tax_rate,
                net=ln.net,
                tax=ln.tax,
            )
            for ln in lines
        ],
        payments=[PaymentOut(type=p.type, amount=p.amount, change=p.change, reference=p.reference) for p in pays],
        priced=orjson.loads(order.priced),
        returns=returns_of_sale(session, order.sale_id),
    )


def reader(session: SessionDep, scopes: ScopesDep, creds: Credentials) -> int | None:
    """A channel token (None: every store) or a device token (its store id). 401 otherwise."""
    try:
        current_channel(session, creds)
        return None
    except HTTPException:
        pass
    return authenticate(session, scopes, creds).store_id


def channel_only(session: SessionDep, creds: Credentials) -> None:
    current_channel(session, creds)


@router.get("/{sale_id}")
def get_order(
    session: SessionDep,
    sale_id: Annotated[UUID, Path(description="the sale id the tablet made when the basket was opened")],
    store_id: Annotated[int | None, Depends(reader)],
) -> OrderOut:
    """One order by its sale id: for a device of the order's store, or a channel client."""
    found = session.execute(
        select(Order, Location.code).join(Location, Location.id == Order.store_id).where(Order.sale_id == str(sale_id))
    ).first()
    if found is None or (store_id is not None and found[0].store_id != store_id):
        raise HTTPException(404, f"No order for sale {sale_id}")
    return order_out(session, found[0], found[1])


@router.get("")
def list_orders(
    session: SessionDep,
    _channel: Annotated[None, Depends(channel_only)],
    store: Annotated[str, Query(min_length=1, max_length=32, description="the store's code")],
    after: Annotated[int, Query(ge=0, le=2**62, description="the `next` of the previous page")] = 0,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
) -> OrderPage:
    """A store's orders in the order central recorded them, after a cursor (channel clients)."""
    loc = session.scalar(select(Location).where(Location.code == store))
    if loc is None:
        raise HTTPException(404, f"Unknown store {store}")
    rows = session.scalars(
        select(Order).where(Order.store_id == loc.id, Order.id > after).order_by(Order.id).limit(limit + 1)
    ).all()
    page = [order_out(session, o, loc.code) for o in rows[:limit]]
    return OrderPage(orders=page, next=page[-1].id if page else after, has_more=len(rows) > limit)
