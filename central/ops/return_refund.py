"""`return.refund`: a return's card refund that was queued (the terminal could not make it when
the return was taken back) has now gone through: central marks it paid (docs/returns.md)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from central.models import ReturnRecord, ReturnRefund
from central.ops.base import Applied, Caller, OpRejected
from sync.protocol import ReturnRefundOp


def apply(session: Session, caller: Caller, op: ReturnRefundOp) -> Applied:
    p = op.payload
    rec = session.get(ReturnRecord, str(p.return_id))
    if rec is None or rec.store_id != caller.store_id:
        raise OpRejected(404, "Central has no such return of this store.")
    row = session.scalar(
        select(ReturnRefund).where(
            ReturnRefund.return_id == rec.id,
            ReturnRefund.type == "card",
            ReturnRefund.reference == p.reference,
            ReturnRefund.amount == p.amount,
            ReturnRefund.state == "queued",
        )
    )
    if row is None:
        raise OpRejected(409, "This return has no queued card refund of that amount on that card.")
    row.state = "paid"
    return Applied({"return_id": rec.id, "paid": p.amount})
