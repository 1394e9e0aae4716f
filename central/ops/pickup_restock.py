"""`pickup.restock`: staff confirm an expired pickup's bag is back on the sales floor; only now
does central release its reservation and record a paid order's refund (central.pickups.restock).
A second tablet's tap (or a retry under a new op id) is answered as already done."""

from __future__ import annotations

from sqlalchemy.orm import Session

from central.ops.base import Applied, Caller, OpRejected
from central.ops.pickup_pick import load
from central.pickups import PickupError, publish, restock
from sync.protocol import PickupRestockOp


def apply(session: Session, caller: Caller, op: PickupRestockOp) -> Applied:
    p = op.payload
    f = load(session, caller, p.pickup_id, p.store_id)
    try:
        done = restock(session, f, f"device:{caller.device_id}")
    except PickupError as e:
        raise OpRejected(e.status, e.detail) from None
    if not done:
        return Applied({"pickup_id": f.id, "state": f.state, "already": True})
    seq = publish(session, f)
    return Applied(
        {"pickup_id": f.id, "state": f.state, "seq": seq}, seq, [("pickups", f.location_id), ("stock", f.location_id)]
    )
