"""Returns (docs/returns.md): what of a sale can still come back, return authorizations (a till
for a receipt, or the web shop through the channel API) with their signed code, the claim that
lets one till win, and the returns taken back, with their refunds and stock movements."""

from __future__ import annotations

from typing import Annotated, Any
from uuid import UUID

from fastapi import APIRouter, Depends, HTTPException, Path, Query
from pydantic import Field
from sqlalchemy import select
from sqlalchemy.orm import Session

from central.db import Database
from central.deps import DatabaseDep, DeviceDep, json_body, json_body_doc
from central.models import Location, Order, ReturnAuthorization, ReturnRecord
from central.returns import (
    ReturnError,
    authorization_out,
    authorize,
    aware,
    claim,
    no_receipt_allowance,
    return_out,
    returns_of_sale,
    sale_state,
)
from central.routes import ERRORS
from central.routes.orders import reader
from sync.protocol import EMAIL_ANY_CASE_PATTERN, Strict

router = APIRouter(prefix="/v1/returns", tags=["returns"], responses=ERRORS)
SaleId = Annotated[UUID, Path(description="the sale's id")]
AuthId = Annotated[UUID, Path(description="the return authorization's id")]


class PickIn(Strict):
    line_id: str = Field(min_length=1, max_length=64)
    quantity: int = Field(ge=1, le=9999)


class AuthorizeIn(Strict):
    sale_id: UUID
    lines: list[PickIn] = Field(min_length=1, max_length=200)
    reason: str = Field(min_length=1, max_length=40)
    refund: str = Field(default="original", pattern="^(original|store_credit)$")
    email: str = Field(default="", max_length=254, pattern=r"^$|" + EMAIL_ANY_CASE_PATTERN[1:])
    language: str = Field(default="", pattern="^(|en|ja|de)$")


class ClaimIn(Strict):
    return_id: UUID


def _http(e: ReturnError) -> HTTPException:
    return HTTPException(e.status, e.detail)


def sale_out(session: Session, sale_id: str) -> dict[str, Any]:
    st = sale_state(session, sale_id)
    return {
        "sale_id": sale_id,
        "receipt_no": st.order.receipt_no,
        "store_code": st.store.code,
        "currency": st.order.currency,
        "completed_at": st.order.completed_at.isoformat(),
        "customer_id": st.order.customer_id,
        "lines": [
            {"line_id": x.line_id, "variant_id": x.variant_id, "sku": x.sku, "name": x.name,
             "category": x.category, "sold": x.sold, "total": x.total, "back": x.back, "open": x.open,
             "refusal": x.refusal[1] if x.refusal else None, "refusal_code": x.refusal[0] if x.refusal else None}
            for x in st.lines
        ],
        "tenders": [{"type": t.type, "reference": t.reference, "paid": t.paid, "back": t.back} for t in st.tenders],
        "returns": returns_of_sale(session, sale_id),
    }  # fmt: skip


@router.get("/sales/{sale_id}")
def get_sale(db: DatabaseDep, sale_id: SaleId, store_id: Annotated[int | None, Depends(reader)]) -> dict[str, Any]:
    """A sale as a return sees it: each line's units bought, back and still returnable (or why
    not, by the policy), what each tender paid and got back, and its returns. Any store's device
    (a return may come back to another store) or a channel client."""
    with db.session() as s:
        try:
            return sale_out(s, str(sale_id))
        except ReturnError as e:
            raise _http(e) from None


@router.get("/find")
def find_sale(
    db: DatabaseDep,
    store_id: Annotated[int | None, Depends(reader)],
    receipt: Annotated[str, Query(min_length=3, max_length=64, description="the receipt number")],
) -> dict[str, Any]:
    """The sale of a receipt number (what a till types when the QR will not scan)."""
    with db.session() as s:
        sale = s.scalar(select(Order.sale_id).where(Order.receipt_no == receipt.strip().upper()))
        if sale is None:
            raise HTTPException(404, f"No sale with receipt {receipt.strip()} at central.")
        return sale_out(s, sale)


def _create(db: Database, body: AuthorizeIn, source: str) -> dict[str, Any]:
    with db.transaction() as s:
        try:
            a = authorize(
                s, sale_id=str(body.sale_id), picks=[(x.line_id, x.quantity) for x in body.lines], reason=body.reason,
                refund=body.refund, source=source, email=body.email.lower(), lang=body.language or None,
            )  # fmt: skip
        except ReturnError as e:
            raise _http(e) from None
        return authorization_out(a)


@router.post("", status_code=201, openapi_extra=json_body_doc(AuthorizeIn))
def create_authorization(
    db: DatabaseDep,
    store_id: Annotated[int | None, Depends(reader)],
    body: Annotated[AuthorizeIn, Depends(json_body(AuthorizeIn))],
) -> dict[str, Any]:
    """A return authorization for some units of a sale, with its signed code (aisle:t1:…): a
    till asks for one for a receipt (source store), the web shop for its customer (channel; the
    customer gets the code by e-mail)."""
    return _create(db, body, "channel" if store_id is None else "store")


@router.get("/no-receipt-allowance")
def get_no_receipt_allowance(
    db: DatabaseDep,
    device: DeviceDep,
    customer_id: Annotated[int, Query(ge=1, le=2**62, description="the customer")],
    currency: Annotated[str, Query(pattern="^[A-Z]{3}$")],
) -> dict[str, Any]:
    """What this customer may still return without a receipt (the limit per 30 days, counted
    across every till's returns central has): a till asks before a manager approves one."""
    with db.session() as s:
        return no_receipt_allowance(s, customer_id, currency)


CUSTOMER_SALES = 20


@router.get("/customer-sales")
def get_customer_sales(
    db: DatabaseDep,
    device: DeviceDep,
    customer_id: Annotated[int, Query(ge=1, le=2**62, description="the customer")],
) -> dict[str, Any]:
    """A customer's latest sales at any store (the 20 newest): a till finds the receipt of a
    customer who came back without it, by their phone, e-mail or name."""
    with db.session() as s:
        rows = s.execute(
            select(Order.receipt_no, Order.completed_at, Order.total, Order.currency, Location.code)
            .join(Location, Location.id == Order.store_id)
            .where(Order.customer_id == customer_id)
            .order_by(Order.completed_at.desc())
            .limit(CUSTOMER_SALES)
        ).all()
    return {
        "customer_id": customer_id,
        "sales": [
            {"receipt_no": r, "completed_at": aware(at).isoformat(), "total": t, "currency": c, "store": code}
            for r, at, t, c, code in rows
        ],
    }


@router.post("/{authorization_id}/claim", openapi_extra=json_body_doc(ClaimIn))
def claim_authorization(
    db: DatabaseDep, device: DeviceDep, authorization_id: AuthId, body: Annotated[ClaimIn, Depends(json_body(ClaimIn))]
) -> dict[str, Any]:
    """A till is about to refund this return: the first till's claim wins; another is 409."""
    with db.transaction() as s:
        try:
            a = claim(s, str(authorization_id), str(body.return_id), device.device_id)
        except ReturnError as e:
            raise _http(e) from None
        return authorization_out(a)


@router.get("/{authorization_id}")
def get_authorization(
    db: DatabaseDep, authorization_id: AuthId, store_id: Annotated[int | None, Depends(reader)]
) -> dict[str, Any]:
    """An authorization with the return that completed it, if one did."""
    with db.session() as s:
        a = s.get(ReturnAuthorization, str(authorization_id))
        if a is None:
            raise HTTPException(404, "Central does not know this return.")
        out = authorization_out(a)
        done = s.get(ReturnRecord, a.return_id) if a.return_id else None
        out["return"] = return_out(s, done) if done is not None else None
        return out


@router.get("")
def list_returns(
    db: DatabaseDep,
    store_id: Annotated[int | None, Depends(reader)],
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
) -> dict[str, Any]:
    """The latest returns taken back (a device: its store's; a channel: every store's)."""
    with db.session() as s:
        q = select(ReturnRecord).order_by(ReturnRecord.received_at.desc()).limit(limit)
        if store_id is not None:
            q = q.where(ReturnRecord.store_id == store_id)
        return {"returns": [return_out(s, r) for r in s.scalars(q)]}
