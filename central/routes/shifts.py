"""Shifts: the Z reports tills sent with `shift.close` (docs/shifts.md), for head office.

`GET /v1/shifts?store=&after=` lists a store's closed shifts in the order central received them
(a channel client: any store; a device: its own store only), `GET /v1/shifts/{shift_id}` one.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any
from uuid import UUID

import orjson
from fastapi import APIRouter, Depends, HTTPException, Path, Query
from pydantic import BaseModel, ConfigDict
from sqlalchemy import select

from central.deps import SessionDep
from central.models import Location, ShiftReport
from central.routes import ERRORS
from central.routes.orders import reader

router = APIRouter(prefix="/v1/shifts", tags=["shifts"], responses=ERRORS)


class ShiftOut(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: int
    shift_id: str
    store: str
    device_id: str
    till: str
    number: int
    currency: str
    opened_at: datetime
    closed_at: datetime
    received_at: datetime
    opened_by: int
    closed_by: int
    staff: list[int]
    sales_total: int
    expected_cash: int
    counted_cash: int
    movements: list[dict[str, Any]]
    counts: list[dict[str, Any]]
    report: dict[str, Any]


class ShiftPage(BaseModel):
    model_config = ConfigDict(extra="forbid")

    shifts: list[ShiftOut]
    next: int
    has_more: bool


def _aware(t: datetime) -> datetime:
    return t if t.tzinfo is not None else t.replace(tzinfo=UTC)


def shift_out(r: ShiftReport, store_code: str) -> ShiftOut:
    return ShiftOut(
        id=r.id,
        shift_id=r.shift_id,
        store=store_code,
        device_id=r.device_id,
        till=r.till,
        number=r.number,
        currency=r.currency,
        opened_at=_aware(r.opened_at),
        closed_at=_aware(r.closed_at),
        received_at=_aware(r.received_at),
        opened_by=r.opened_by,
        closed_by=r.closed_by,
        staff=orjson.loads(r.staff),
        sales_total=r.sales_total,
        expected_cash=r.expected_cash,
        counted_cash=r.counted_cash,
        movements=orjson.loads(r.movements),
        counts=orjson.loads(r.counts),
        report=orjson.loads(r.report),
    )


@router.get("")
def list_shifts(
    session: SessionDep,
    store_id: Annotated[int | None, Depends(reader)],
    store: Annotated[str, Query(min_length=1, max_length=32, description="the store's code")],
    after: Annotated[int, Query(ge=0, le=2**62, description="the `next` of the previous page")] = 0,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
) -> ShiftPage:
    """A store's closed shifts with their Z reports, in the order central received them."""
    loc = session.scalar(select(Location).where(Location.code == store))
    if loc is None:
        raise HTTPException(404, f"Unknown store {store}")
    if store_id is not None and loc.id != store_id:
        raise HTTPException(403, "A device reads the shifts of its own store only")
    rows = session.scalars(
        select(ShiftReport)
        .where(ShiftReport.store_id == loc.id, ShiftReport.id > after)
        .order_by(ShiftReport.id)
        .limit(limit + 1)
    ).all()
    page = [shift_out(r, loc.code) for r in rows[:limit]]
    return ShiftPage(shifts=page, next=page[-1].id if page else after, has_more=len(rows) > limit)


@router.get("/{shift_id}")
def get_shift(
    session: SessionDep,
    shift_id: Annotated[UUID, Path(description="the shift id the till made when the shift opened")],
    store_id: Annotated[int | None, Depends(reader)],
) -> ShiftOut:
    """One closed shift: for a device of its store, or a channel client."""
    found = session.execute(
        select(ShiftReport, Location.code)
        .join(Location, Location.id == ShiftReport.store_id)
        .where(ShiftReport.shift_id == str(shift_id))
    ).first()
    if found is None or (store_id is not None and found[0].store_id != store_id):
        raise HTTPException(404, f"No closed shift {shift_id}")
    return shift_out(found[0], found[1])
