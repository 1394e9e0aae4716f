"""`order.create`: the ship lines of a till's sale become a customer order (docs/endless-aisle.md).

Once per `order_id` whatever the retries (the same order under another op id answers what central
has; another body under the same order_id is 409). The address is checked again with the
tablet's code (sync.address): a bad one is refused with its sentence. The money was taken, so
nothing else refuses the order: a fee other than central's, a sale central has not got, or a
line the sale does not mark "ship" is flagged in `customer_orders.checks`. Sourcing
(central.sourcing) and reservation run in this transaction; the confirmation e-mail is queued in
it too.
"""

from __future__ import annotations

import hashlib
import secrets
from typing import Any

import orjson
from sqlalchemy import select
from sqlalchemy.orm import Session

from central.models import CustomerOrder, DeliveryOption, Fulfilment, Location, Order, OrderLine, Variant
from central.ops.base import Applied, Caller, OpRejected
from central.shipments import ShipLine, mail_order, publish, source_order
from sync.address import AddressError, normalise_address
from sync.protocol import OrderCreateOp, OrderCreatePayload


def payload_hash(p: OrderCreatePayload) -> str:
    return hashlib.sha256(orjson.dumps(p.model_dump(mode="json"), option=orjson.OPT_SORT_KEYS)).hexdigest()


def result_of(session: Session, order: CustomerOrder) -> dict[str, Any]:
    q = select(Fulfilment).where(Fulfilment.order_id == order.id, Fulfilment.kind == "ship").order_by(Fulfilment.id)
    return {
        "order_id": order.reference,
        "number": order.number,
        "checks": orjson.loads(order.checks),
        "fulfilments": [{"id": f.id, "state": f.state, "source_id": f.source_id} for f in session.scalars(q)],
    }


def expected_fee(option: DeliveryOption, goods: int) -> int:
    """The option's fee, or 0 when the shipped goods reach its free_over."""
    if option.free_over is not None and goods >= option.free_over:
        return 0
    return option.fee


def apply(session: Session, caller: Caller, op: OrderCreateOp) -> Applied:
    p = op.payload
    if p.store_id != caller.store_id:
        raise OpRejected(403, "a device may only create orders for its own store")
    h = payload_hash(p)
    known = session.scalar(
        select(CustomerOrder).where(CustomerOrder.channel == "store", CustomerOrder.reference == str(p.order_id))
    )
    if known is not None:
        if known.body_hash != h:
            raise OpRejected(409, f"order {p.order_id} was already created with other contents")
        return Applied(result_of(session, known))
    order, made = create(session, p, caller.device_id)
    seq = 0
    touched: set[tuple[str, int]] = set()
    for f in made:
        s, t = publish(session, f)
        seq = max(seq, s)
        touched.update(t)
        if f.source_id is not None:
            touched.add(("stock", f.source_id))
    return Applied(result_of(session, order), seq, sorted(touched))


def create(session: Session, p: OrderCreatePayload, device_id: str | None) -> tuple[CustomerOrder, list[Fulfilment]]:
    """The order, its sourced (and reserved) fulfilments and its confirmation e-mail; OpRejected
    for a bad address, an unknown destination store or product. Does not publish."""
    h = payload_hash(p)
    store = session.get_one(Location, p.store_id)
    if p.destination.kind == "home":
        try:
            address = normalise_address(p.destination.address.model_dump())
        except AddressError as e:
            raise OpRejected(422, str(e)) from None
        destination: dict[str, Any] = {"kind": "home", "address": address}
        country = address["country"]
    else:
        there = session.get(Location, p.destination.store_id)
        if there is None or there.kind != "store":
            raise OpRejected(422, f"There is no store {p.destination.store_id} to ship this order to.")
        destination = {"kind": "store", "store_id": there.id}
        country = there.country
    variants = {
        v.id: v for v in session.scalars(select(Variant).where(Variant.id.in_({x.variant_id for x in p.lines})))
    }
    for x in p.lines:
        v = variants.get(x.variant_id)
        if v is None or v.sku != x.sku:
            raise OpRejected(422, f"Line {x.line_id}: there is no product {x.sku} (variant {x.variant_id}).")
    checks: list[dict[str, Any]] = []
    sale = session.scalar(select(Order).where(Order.sale_id == str(p.sale_id)))
    sale_lines: dict[str, OrderLine] = {}
    if sale is None:
        checks.append({"check": "sale", "detail": f"sale {p.sale_id} is not at central"})
    else:
        sale_lines = {x.line_id: x for x in session.scalars(select(OrderLine).where(OrderLine.order_id == sale.id))}
    from central.models import Style

    q = select(Variant.id, Style.name).join(Style, Style.id == Variant.style_id).where(Variant.id.in_(variants))
    names = {int(vid): str(name) for vid, name in session.execute(q)}
    lines: list[ShipLine] = []
    goods = 0
    for n, x in enumerate(p.lines, start=1):
        sl = sale_lines.get(x.line_id)
        if sale is not None and (sl is None or sl.fulfilment != "ship" or sl.variant_id != x.variant_id):
            checks.append({"check": "line", "detail": f"line {x.line_id} is not a ship line of {x.sku} in the sale"})
        unit = sl.unit_price if sl is not None else 0
        goods += (sl.total * x.quantity // sl.quantity) if sl is not None and sl.quantity else unit * x.quantity
        lines.append(ShipLine(n, x.line_id, x.variant_id, x.sku, names.get(x.variant_id, x.sku), x.quantity, unit))
    option = session.get(DeliveryOption, p.delivery.option)
    if option is None:
        checks.append({"check": "delivery.option", "detail": f"no delivery option {p.delivery.option}"})
    else:
        fee = expected_fee(option, goods)
        if fee != p.delivery.fee:
            checks.append({"check": "delivery.fee", "tablet": p.delivery.fee, "central": fee})
        if option.country != country:
            checks.append(
                {"check": "delivery.country", "detail": f"option {option.id} is for {option.country}, not {country}"}
            )
    if p.delivery.fee_line_id is not None and sale is not None:
        fl = sale_lines.get(p.delivery.fee_line_id)
        if fl is None or fl.total != p.delivery.fee:
            checks.append(
                {
                    "check": "delivery.fee_line",
                    "detail": f"fee line {p.delivery.fee_line_id} does not charge {p.delivery.fee}",
                }
            )
    order = CustomerOrder(
        number="new-" + secrets.token_hex(8),
        channel="store",
        channel_client_id=None,
        reference=str(p.order_id),
        body_hash=h,
        customer_name=p.contact.name,
        customer_email=p.contact.email,
        customer_phone=p.contact.phone,
        language=p.language,
        payment="paid",
        currency=store.currency,
        total=goods + p.delivery.fee,
        token=secrets.token_urlsafe(24),
        created_at=p.created_at,
        store_id=store.id,
        sale_id=str(p.sale_id),
        customer_id=p.customer_id,
        device_id=device_id,
        staff_id=p.staff_id,
        delivery_option=p.delivery.option,
        delivery_fee=p.delivery.fee,
        checks=orjson.dumps(checks).decode(),
    )
    session.add(order)
    session.flush()
    order.number = f"{order.id:06d}"
    actor = f"device:{device_id}" if device_id else "central"
    made = source_order(session, order, lines, orjson.dumps(destination).decode(), actor)
    mail_order(session, order)
    return order, made
