"""Customers, asked live by a store's devices: search by phone, e-mail or name, and one by id.
Created with the `customer.create` op (central.ops.customer_create). docs/customers.md."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Path, Query

from central.customers import SEARCH_LIMIT, canonical, customer_out, search
from central.deps import DeviceDep, SessionDep
from central.routes import ERRORS
from sync.protocol import CustomerList, CustomerOut

router = APIRouter(prefix="/v1/customers", tags=["customers"], responses=ERRORS)


@router.get("")
def search_customers(
    device: DeviceDep,
    session: SessionDep,
    q: Annotated[
        str,
        Query(
            min_length=1,
            max_length=200,
            description="phone digits (4 or more), an e-mail (with @: its beginning) or part of a name or reading",
        ),
    ],
    limit: Annotated[int, Query(ge=1, le=SEARCH_LIMIT)] = SEARCH_LIMIT,
) -> CustomerList:
    """Customers of the retailer matching `q`, by name; `more` says the page is not all."""
    if not q.strip():  # nothing to look for: nobody (the till asks for words before it searches)
        return CustomerList(customers=[], more=False)
    found, more = search(session, q, limit)
    return CustomerList(customers=[customer_out(c) for c in found], more=more)


@router.get("/{customer_id}")
def get_customer(
    device: DeviceDep, session: SessionDep, customer_id: Annotated[int, Path(ge=1, le=2**62)]
) -> CustomerOut:
    """One customer by id (an alias answers as the customer it was linked to)."""
    c = canonical(session, customer_id)
    if c is None:
        raise HTTPException(404, f"No customer {customer_id}")
    return customer_out(c)
