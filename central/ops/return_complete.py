"""`return.complete`: a till took a return back (docs/returns.md). Central checks it against the
sale (units not yet back, no tender above what it paid, card refunds to the sale's cards), lets
only one till complete an authorization, records lines and refunds, moves the stock (resellable
back on the shelf, damaged to quarantine) and e-mails the customer the refund."""

from __future__ import annotations

from sqlalchemy.orm import Session

from central.changes import written
from central.ops.base import Applied, Caller, OpRejected
from central.returns import Paid, ReturnError, Taken, record_return
from sync.protocol import ReturnCompleteOp


def apply(session: Session, caller: Caller, op: ReturnCompleteOp) -> Applied:
    p = op.payload
    if p.store_id != caller.store_id:
        raise OpRejected(403, "This till belongs to another store.")
    try:
        rec = record_return(
            session,
            return_id=str(p.return_id),
            op_id=str(op.op_id),
            kind=p.kind,
            authorization_id=str(p.authorization_id) if p.authorization_id else None,
            sale_id=str(p.sale_id) if p.sale_id else None,
            store_id=p.store_id,
            device_id=caller.device_id,
            staff_id=p.staff_id,
            approved_by=p.approved_by,
            customer_id=p.customer_id,
            currency=p.currency,
            reason=p.reason,
            completed_at=p.completed_at,
            lines=[Taken(x.line_id, x.variant_id, x.sku, x.resellable, x.damaged, x.amount) for x in p.lines],
            refunds=[Paid(r.type, r.amount, r.reference, r.state) for r in p.refunds],
            exchange_sale_id=str(p.exchange_sale_id) if p.exchange_sale_id else None,
        )
    except ReturnError as e:
        raise OpRejected(e.status, e.detail) from None
    seqs = written(session)
    seq = max(seqs) if seqs else 0
    touched = [("stock", p.store_id)] if seq else []
    return Applied({"return_id": rec.id, "total": rec.total, "seq": seq}, seq, touched)
