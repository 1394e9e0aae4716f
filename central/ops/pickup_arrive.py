"""`pickup.arrive`: the customer scanned their pickup code at the store's kiosk; central sets the
pickup's arrived time, so the staff tablets show "Customer waiting for order 000123 at the
counter" within a poke (central.pickups.arrive)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from central.ops.base import Applied, Caller, OpRejected
from central.ops.pickup_pick import load
from central.pickups import PickupError, arrive, publish
from sync.protocol import PickupArriveOp


def apply(session: Session, caller: Caller, op: PickupArriveOp) -> Applied:
    p = op.payload
    f = load(session, caller, p.pickup_id, p.store_id)
    try:
        arrive(session, f, f"device:{caller.device_id}")
    except PickupError as e:
        raise OpRejected(e.status, e.detail) from None
    seq = publish(session, f)
    return Applied({"pickup_id": f.id, "state": f.state, "seq": seq}, seq, [("pickups", f.location_id)])
