"""`shipment.ship`: ship-from-store — the store that ships a fulfilment handed the parcel to a
carrier (docs/endless-aisle.md). The units leave its stock, the customer gets the shipped e-mail
with the tracking link. The same carrier and tracking again is answered as done."""

from __future__ import annotations

from sqlalchemy.orm import Session

from central.ops.base import Applied, Caller, OpRejected
from central.ops.order_decide import load, result
from central.shipments import ShipError, publish, ship
from sync.protocol import ShipmentShipOp


def apply(session: Session, caller: Caller, op: ShipmentShipOp) -> Applied:
    p = op.payload
    f = load(session, caller, p.fulfilment_id, p.store_id, shipping=True)
    if f.source_id != caller.store_id:
        raise OpRejected(
            409, f"Shipment {f.id} does not leave from this store: the location shipping it marks it shipped."
        )
    try:
        changed = ship(session, f, p.carrier, p.tracking, f"device:{caller.device_id}")
    except ShipError as e:
        raise OpRejected(e.status, e.detail) from None
    if not changed:
        return Applied(result(session, f, 0, already=True))
    seq, touched = publish(session, f)
    return Applied(result(session, f, seq), seq, [*touched, ("stock", caller.store_id)])
