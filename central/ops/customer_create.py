"""`customer.create`: a customer made at the till, online or offline (docs/customers.md).

The customer's id is derived from the tablet's UUID (`sync.protocol.customer_id_for`), so the
tablet knows it at once and sales made offline already carry it. Exactly once per UUID: the same
customer sent again under another op id is answered with the customer central has.

Decision: a customer created offline with an e-mail another customer already has is not
refused — sales may already name it, and a refused op would leave them pointing at nobody.
It is kept as an alias of the existing customer (`merged_into`), and the answer says
`linked` with that customer, whom the tablet shows from then on. Online, the tablet asks
central first and offers the existing customer instead (`pos_app.services.customers`).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from central.customers import by_email, canonical, name_key
from central.models import Customer
from central.ops.base import Applied, Caller, OpRejected
from sync.protocol import CustomerCreateOp, customer_id_for


def _result(c: Customer, *, linked: bool) -> dict[str, Any]:
    return {
        "customer_id": c.id,
        "linked": linked,
        "name": c.name,
        "kana": c.kana,
        "email": c.email,
        "phone": c.phone,
        "group": c.customer_group,
    }


def apply(session: Session, caller: Caller, op: CustomerCreateOp) -> Applied:
    p = op.payload
    if p.store_id != caller.store_id:
        raise OpRejected(403, "a device may only create customers for its own store")
    cid = customer_id_for(p.client_id)
    known = session.scalar(select(Customer).where(Customer.client_id == str(p.client_id)))
    if known is not None:  # the same customer sent again (another op id): it exists once
        target = canonical(session, known.id) or known
        return Applied(_result(target, linked=target.id != known.id))
    if session.get(Customer, cid) is not None:  # 62 bits of two UUIDs agree: about 1 in 10^12
        raise OpRejected(409, f"customer id {cid} is taken by another customer; create the customer again")
    existing = by_email(session, p.email)
    c = Customer(
        id=cid,
        client_id=str(p.client_id),
        name=p.name,
        kana=p.kana,
        name_key=name_key(p.name, p.kana),
        email=p.email,
        phone=p.phone,
        customer_group="",
        created_at=p.created_at,
        created_store_id=p.store_id,
        created_device_id=caller.device_id,
        created_staff_id=p.staff_id,
        merged_into=None if existing is None else existing.id,
    )
    session.add(c)
    session.flush()
    return Applied(_result(existing or c, linked=existing is not None))
