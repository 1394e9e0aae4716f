"""`pickup.handover`: the bag handed over, to the customer or to someone else (named). Two
tablets handing over the same order: the writer lock orders them, the first wins and the second
is rejected with when and by which till it was collected (central.pickups.handover). A
pay-on-pickup order's handover names the till's sale that took the money (`sale_id`, pushed
before it in the same outbox transaction): central records it on the order and flags what does
not add up (central.pickups.store_payment)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from central.models import Device
from central.ops.base import Applied, Caller, OpRejected
from central.ops.pickup_pick import load
from central.pickups import PickupError, handover, publish, store_payment
from sync.protocol import PickupHandoverOp


def apply(session: Session, caller: Caller, op: PickupHandoverOp) -> Applied:
    p = op.payload
    if p.collected_by == "someone_else" and not p.collector_name.strip():
        raise OpRejected(422, "Say who collected the order when it is not the customer.")
    f = load(session, caller, p.pickup_id, p.store_id)
    device = session.scalar(select(Device.name).where(Device.id == caller.device_id)) or caller.device_id[:8]
    actor = f"device:{caller.device_id}"
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
            actor,
            detail,
        )
    except PickupError as e:
        if p.sale_id and e.status == 409:  # the till took money for a bag it could not hand over
            raise OpRejected(409, f"{e.detail} Give back the payment of sale {p.sale_id}.") from None
        raise OpRejected(e.status, e.detail) from None
    sale_id = None if p.sale_id is None else str(p.sale_id)
    checks = store_payment(session, f, sale_id, device_id=caller.device_id, staff_id=p.staff_id, actor=actor)
    seq = publish(session, f)
    result = {"pickup_id": f.id, "state": f.state, "seq": seq, "checks": checks}
    return Applied(result, seq, [("pickups", f.location_id), ("stock", f.location_id)])
