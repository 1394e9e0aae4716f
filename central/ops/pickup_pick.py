"""`pickup.pick`: lines of a pickup picked (each unit scanned on the tablet) or marked missing,
and the shelf of the bag (central.pickups.pick; docs/pickups.md)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from central.models import Fulfilment
from central.ops.base import Applied, Caller, OpRejected
from central.pickups import PickupError, pick, publish
from sync.protocol import PickupPickOp


def load(session: Session, caller: Caller, pickup_id: int, store_id: int) -> Fulfilment:
    """The pickup an op names, if it is this device's store's."""
    if store_id != caller.store_id:
        raise OpRejected(403, "a device may only act on its own store's pickups")
    f = session.get(Fulfilment, pickup_id, with_for_update=True)
    if f is None or f.kind != "pickup" or f.location_id != caller.store_id:
        raise OpRejected(404, f"There is no pickup {pickup_id} at this store.")
    return f


def apply(session: Session, caller: Caller, op: PickupPickOp) -> Applied:
    p = op.payload
    f = load(session, caller, p.pickup_id, p.store_id)
    try:
        pick(session, f, [(x.line_no, x.picked, x.missing) for x in p.lines], p.shelf, f"device:{caller.device_id}")
    except PickupError as e:
        raise OpRejected(e.status, e.detail) from None
    seq = publish(session, f)
    return Applied(
        {"pickup_id": f.id, "state": f.state, "seq": seq}, seq, [("pickups", f.location_id), ("stock", f.location_id)]
    )
