"""The channel API: other sales channels (web shop, ERP) read availability and adjust stock."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Body, HTTPException, Query
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from central.changes import adjust_stock, writing
from central.deps import ChannelDep, DatabaseDep, HubDep, SessionDep
from central.models import ChannelRef, Location, Stock, Variant
from central.routes import ERRORS
from central.routes.stock import live_row
from central.security import digest
from sync.protocol import ChannelAdjustment, ChannelAdjustmentResult, LiveStockRow

router = APIRouter(prefix="/v1/channel", tags=["channel"], responses=ERRORS)


@router.get("/availability")
def channel_availability(
    client: ChannelDep,
    session: SessionDep,
    sku: Annotated[str, Query(min_length=1, max_length=64)],
) -> list[LiveStockRow]:
    variant = session.scalar(select(Variant).where(Variant.sku == sku))
    if variant is None:
        raise HTTPException(404, f"Unknown SKU {sku}")
    q = (
        select(Stock, Location.code)
        .join(Location, Location.id == Stock.location_id)
        .where(Stock.variant_id == variant.id)
        .order_by(Location.code)
    )
    return [live_row(stock, code) for stock, code in session.execute(q)]


@router.post("/adjustments")
def channel_adjust(
    body: Annotated[ChannelAdjustment, Body()],
    client: ChannelDep,
    db: DatabaseDep,
    hub: HubDep,
) -> ChannelAdjustmentResult:
    """Apply a stock delta (never 0) with a reason. Idempotent by `reference` per channel client."""
    h = digest(body.model_dump_json())
    key = (client.id, body.reference)
    try:
        with db.session() as session, writing(session):
            done = session.get(ChannelRef, key)
            if done is not None:
                return _replay(done, h)
            loc = session.scalar(select(Location).where(Location.code == body.location_code))
            if loc is None:
                raise HTTPException(404, f"Unknown location {body.location_code}")
            variant = session.scalar(select(Variant).where(Variant.sku == body.sku))
            if variant is None:
                raise HTTPException(404, f"Unknown SKU {body.sku}")
            seq, stock = adjust_stock(
                session,
                location_id=loc.id,
                variant_id=variant.id,
                delta=body.delta,
                reason=body.reason,
                source=f"channel:{client.name}",
                reference=body.reference,
            )
            location = loc.id
            result = ChannelAdjustmentResult(
                reference=body.reference,
                location_code=loc.code,
                sku=variant.sku,
                on_hand=stock.on_hand,
                available=stock.on_hand - stock.reserved,
                seq=seq,
            )
            session.add(
                ChannelRef(
                    client_id=client.id,
                    reference=body.reference,
                    body_hash=h,
                    result=result.model_dump_json(),
                )
            )
    except IntegrityError:
        # The same reference raced in on another connection (a retry overtaking the first
        # request): this transaction is void, answer from the winner's record.
        with db.session() as session:
            done = session.get(ChannelRef, key)
            if done is None:
                raise
            return _replay(done, h)
    hub.publish(seq, [("stock", location)])
    return result


def _replay(done: ChannelRef, body_hash: str) -> ChannelAdjustmentResult:
    if done.body_hash != body_hash:
        raise HTTPException(409, "This reference was already used for another adjustment")
    return ChannelAdjustmentResult.model_validate_json(done.result)
