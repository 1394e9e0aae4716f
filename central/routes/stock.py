"""Live stock: any location's figures, asked by a device when its cache does not hold them."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path
from sqlalchemy import select

from central.changes import now
from central.deps import DeviceDep, SessionDep
from central.models import Location, Stock, Style, Variant
from central.routes import ERRORS
from sync.protocol import LiveStock, LiveStockRow

router = APIRouter(prefix="/v1/stock/live", tags=["stock"], responses=ERRORS)


def live_row(stock: Stock, code: str) -> LiveStockRow:
    return LiveStockRow(
        location_id=stock.location_id,
        location_code=code,
        variant_id=stock.variant_id,
        on_hand=stock.on_hand,
        reserved=stock.reserved,
        available=stock.on_hand - stock.reserved,
    )


@router.get("/style/{style}")
def live_stock_style(
    device: DeviceDep, session: SessionDep, style: Annotated[str, Path(min_length=1, max_length=32)]
) -> LiveStock:
    """Stock of every variant of a style in every location, as of now (unknown style: no rows)."""
    q = (
        select(Stock, Location.code)
        .join(Location, Location.id == Stock.location_id)
        .join(Variant, Variant.id == Stock.variant_id)
        .join(Style, Style.id == Variant.style_id)
        .where(Style.code == style)
    )
    return LiveStock(as_of=now(), rows=[live_row(stock, code) for stock, code in session.execute(q)])


@router.get("/variant/{variant_id}")
def live_stock_variant(
    device: DeviceDep, session: SessionDep, variant_id: Annotated[int, Path(ge=1, le=2**31)]
) -> LiveStock:
    """Stock of one variant in every location, as of now."""
    q = select(Stock, Location.code).join(Location, Location.id == Stock.location_id)
    q = q.where(Stock.variant_id == variant_id)
    return LiveStock(as_of=now(), rows=[live_row(stock, code) for stock, code in session.execute(q)])
