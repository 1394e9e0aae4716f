"""`order.refund_refused`: the till that sold an endless-aisle order central refused (its
order.create was rejected: a bad address, an unknown product, …; no customer order exists and
nothing ships) paid the customer back, in cash or as a referenced card refund
(docs/endless-aisle.md "Refused orders"). Central records it against the sale, and refuses
more than that sale charged for the order's ship lines and delivery fee, a refund for an order
that exists after all, and another store's."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from central.changes import now
from central.models import CustomerOrder, Order, OrderLine, RefusedOrderRefund
from central.ops.base import Applied, Caller, OpRejected
from central.ops.sale_complete import NO_STOCK_CATEGORIES, variant_facts
from sync.protocol import OrderRefusedRefundOp


def refundable(session: Session, sale: Order) -> int:
    """What the sale charged for an endless-aisle order: its ship lines and its fee lines."""
    lines = list(session.scalars(select(OrderLine).where(OrderLine.order_id == sale.id)))
    facts = variant_facts(session, {x.variant_id for x in lines})
    return sum(
        x.total
        for x in lines
        if x.fulfilment == "ship" or (x.variant_id in facts and facts[x.variant_id][2] in NO_STOCK_CATEGORIES)
    )


def apply(session: Session, caller: Caller, op: OrderRefusedRefundOp) -> Applied:
    p = op.payload
    if p.store_id != caller.store_id:
        raise OpRejected(403, "A till refunds only its own store's orders.")
    if p.tender == "card" and not p.reference:
        raise OpRejected(422, "A card refund needs the terminal's reference.")
    made = session.scalar(
        select(CustomerOrder).where(CustomerOrder.channel == "store", CustomerOrder.reference == str(p.order_id))
    )
    if made is not None:
        raise OpRejected(409, f"Order {made.number} exists at central: refund it from its shipment (cancel first).")
    sale = session.scalar(select(Order).where(Order.sale_id == str(p.sale_id)))
    if sale is None or sale.store_id != p.store_id:
        raise OpRejected(409, f"Central has no sale {p.sale_id} of this store to refund.")
    paid = refundable(session, sale)
    given = session.scalar(
        select(func.coalesce(func.sum(RefusedOrderRefund.amount), 0)).where(
            RefusedOrderRefund.order_ref == str(p.order_id)
        )
    )
    due = paid - int(given or 0)
    if due <= 0:
        raise OpRejected(409, f"The order of receipt {sale.receipt_no} is refunded already.")
    if p.amount > due:
        raise OpRejected(422, f"The order of receipt {sale.receipt_no} owes {due} at most, not {p.amount}.")
    session.add(
        RefusedOrderRefund(
            order_ref=str(p.order_id),
            sale_id=str(p.sale_id),
            store_id=p.store_id,
            amount=p.amount,
            tender=p.tender,
            reference=p.reference or "",
            device_id=caller.device_id,
            staff_id=p.staff_id,
            op_id=str(op.op_id),
            at=now(),
        )
    )
    session.flush()
    return Applied({"order_id": str(p.order_id), "refunded": p.amount, "due": due - p.amount}, 0, [])
