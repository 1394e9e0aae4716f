"""`order.decide`: staff's choice for a ship fulfilment central could not source
(docs/endless-aisle.md): ship it from another location, wait for stock (`central orders-source`
retries), or cancel it (what the customer paid for its lines becomes a refund the selling store
owes, paid out with order.refund). Only the store that sold it decides."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from central.models import CustomerOrder, Fulfilment
from central.ops.base import Applied, Caller, OpRejected
from central.shipments import ShipError, cancel, publish, source_at, wait
from sync.protocol import OrderDecideOp


def load(session: Session, caller: Caller, fulfilment_id: int, store_id: int, *, shipping: bool = False) -> Fulfilment:
    """The ship fulfilment an op names, if this device's store sold it (or, `shipping`, ships it)."""
    if store_id != caller.store_id:
        raise OpRejected(403, "a device may only act for its own store")
    f = session.get(Fulfilment, fulfilment_id, with_for_update=True)
    mine = f is not None and (f.location_id == caller.store_id or (shipping and f.source_id == caller.store_id))
    if f is None or f.kind != "ship" or not mine:
        raise OpRejected(404, f"There is no shipment {fulfilment_id} for this store.")
    return f


def result(session: Session, f: Fulfilment, seq: int, **more: Any) -> dict[str, Any]:
    number = session.get_one(CustomerOrder, f.order_id).number
    return {"fulfilment_id": f.id, "number": number, "state": f.state, "source_id": f.source_id,
            "refund_due": f.refund_due - f.refunded, "seq": seq, **more}  # fmt: skip


def apply(session: Session, caller: Caller, op: OrderDecideOp) -> Applied:
    p = op.payload
    f = load(session, caller, p.fulfilment_id, p.store_id)
    actor = f"device:{caller.device_id}"
    old_source = f.source_id
    try:
        if p.choice == "source":
            if p.location_id is None:
                raise OpRejected(422, "Choose the location to ship from.")
            source_at(session, f, p.location_id, actor)
        elif p.choice == "wait":
            if f.state != "unsourced":
                raise ShipError(409, f"Shipment {f.id} is {f.state}: there is nothing to wait for.")
            wait(session, f, actor)
        else:
            if f.state == "cancelled":  # cancelled already (another tablet, or a retry under a new op id)
                return Applied(result(session, f, 0, already=True))
            cancel(session, f, actor, "cancelled by staff")
    except ShipError as e:
        raise OpRejected(e.status, e.detail) from None
    seq, touched = publish(session, f, old_source)
    if f.source_id is not None and f.source_id != old_source:
        touched.append(("stock", f.source_id))
    if old_source is not None and f.state == "cancelled":
        touched.append(("stock", old_source))
    return Applied(result(session, f, seq), seq, touched)
