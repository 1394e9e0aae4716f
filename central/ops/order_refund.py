"""`order.refund`: the selling store paid out (part of) a cancelled ship fulfilment's refund at
its till, in cash or as a referenced card refund (docs/endless-aisle.md). Central records it,
lowers what is still due (the ship_orders row's refund_due) and e-mails the customer."""

from __future__ import annotations

from sqlalchemy.orm import Session

from central.ops.base import Applied, Caller, OpRejected
from central.ops.order_decide import load, result
from central.shipments import ShipError, publish, refund
from sync.protocol import OrderRefundOp


def apply(session: Session, caller: Caller, op: OrderRefundOp) -> Applied:
    p = op.payload
    f = load(session, caller, p.fulfilment_id, p.store_id)
    if p.tender == "card" and not p.reference:
        raise OpRejected(422, "A card refund needs the terminal's reference.")
    try:
        refund(
            session,
            f,
            amount=p.amount,
            tender=p.tender,
            reference=p.reference or "",
            device_id=caller.device_id,
            staff_id=p.staff_id,
            op_id=str(op.op_id),
            actor=f"device:{caller.device_id}",
        )
    except ShipError as e:
        raise OpRejected(e.status, e.detail) from None
    seq, touched = publish(session, f)
    return Applied(result(session, f, seq, refunded=p.amount), seq, touched)
