"""`pickup.handover`: the bag handed over, to the customer or to someone else (named). Two
tablets handing over the same order: the writer lock orders them, the first wins and the second
is rejected with when and by which till it was collected (central.pickups.handover)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from central.models import Device
from central.ops.base import Applied, Caller, OpRejected
from central.ops.pickup_pick import load
from central.pickups import PickupError, handover, publish
from sync.protocol import PickupHandoverOp


def apply(session: Session, caller: Caller, op: PickupHandoverOp) -> Applied:
    p = op.payload
    if p.collected_by == "someone_else" and not p.collector_name.strip():
        raise OpRejected(422, "Say who collected the order when it is not the customer.")
    f = load(session, caller, p.pickup_id, p.store_id)
    device = session.scalar(select(Device.name).where(Device.id == caller.device_id)) or caller.device_id[:8]
    detail = (
        f"found by {p.found_by}"
        + (", ID checked" if p.id_checked else "")
        + (f", sale {p.sale_id}" if p.sale_id else "")
    )
    try:
        handover(
            session,
            f,
            [(x.line_no, x.quantity) for x in p.lines],
            p.collector_name.strip() if p.collected_by == "someone_else" else "",
            device,
            f"device:{caller.device_id}",
            detail,
        )
    except PickupError as e:
        raise OpRejected(e.status, e.detail) from None
    seq = publish(session, f)
    result = {"pickup_id": f.id, "state": f.state, "seq": seq}
    return Applied(result, seq, [("pickups", f.location_id), ("stock", f.location_id)])
