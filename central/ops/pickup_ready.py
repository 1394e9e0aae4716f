"""`pickup.ready`: the bag is complete and on its shelf; central signs the pickup code and
e-mails the customer in the same transaction (central.pickups.mark_ready)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from central.ops.base import Applied, Caller, OpRejected
from central.ops.pickup_pick import load
from central.pickups import PickupError, mark_ready, publish
from sync.protocol import PickupReadyOp


def apply(session: Session, caller: Caller, op: PickupReadyOp) -> Applied:
    p = op.payload
    f = load(session, caller, p.pickup_id, p.store_id)
    if f.state == "ready":  # made ready by another tablet (or this one's retry under a new op id)
        return Applied({"pickup_id": f.id, "state": f.state, "already": True})
    try:
        mark_ready(session, f, f"device:{caller.device_id}")
    except PickupError as e:
        raise OpRejected(e.status, e.detail) from None
    seq = publish(session, f)
    return Applied({"pickup_id": f.id, "state": f.state, "seq": seq}, seq, [("pickups", f.location_id)])
