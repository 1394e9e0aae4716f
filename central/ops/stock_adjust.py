"""`stock.adjust`: a stock correction made on a tablet (a delta with a reason, never a count)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from central.changes import adjust_stock
from central.models import Variant
from central.ops.base import Applied, Caller, OpRejected
from sync.protocol import StockAdjustOp


def apply(session: Session, caller: Caller, op: StockAdjustOp) -> Applied:
    p = op.payload
    if p.location_id != caller.store_id:
        raise OpRejected(403, "a device may only correct the stock of its own store")
    if session.get(Variant, p.variant_id) is None:
        raise OpRejected(404, f"unknown variant {p.variant_id}")
    seq, stock = adjust_stock(
        session,
        location_id=p.location_id,
        variant_id=p.variant_id,
        delta=p.delta,
        reason=p.reason,
        source="device",
        reference="",
        device_id=caller.device_id,
        staff_id=p.staff_id,
        note=p.note,
    )
    result = {"seq": seq, "on_hand": stock.on_hand, "reserved": stock.reserved}
    return Applied(result, seq, [("stock", p.location_id)])
