"""Central's promotions: the `promotions` stream's rows and its writer.

Every change goes through `put_promotion` inside `central.changes.writing()`, which records it
in the change log (a poke, a pull, the checksum) like every stream. Central's re-pricing of a
sale (central.ops.sale_complete) reads the same rows through `sync.pricing_rows`, as the
tablet does from its cache.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from central.changes import record
from central.models import Location, Promotion
from sync.pricing_rows import PROMOTION_COLUMNS, as_mapping, choose
from sync.protocol import STREAMS, Scalar

SPEC = STREAMS["promotions"]


def promotion_row(p: Promotion) -> list[Scalar]:
    return [getattr(p, col) for col in PROMOTION_COLUMNS]


def put_promotion(session: Session, code: str, **values: Any) -> int:
    """Create or change the promotion `code` (columns of the stream by name); returns its seq."""
    p = session.scalar(select(Promotion).where(Promotion.code == code))
    if p is None:
        # Ids by hand, under the writer lock writing() holds: the seed inserts explicit ids, which
        # a PostgreSQL sequence would not know about.
        next_id = (session.scalar(select(func.max(Promotion.id))) or 0) + 1
        p = Promotion(id=next_id, code=code, **_defaults())
        session.add(p)
    for col, value in values.items():
        if col not in PROMOTION_COLUMNS or col in ("id", "code"):
            raise ValueError(f"promotions has no settable column {col!r}")
        setattr(p, col, value)
    session.flush()
    row = SPEC.validate_row(promotion_row(p))
    return record(session, "promotions", 0, [p.id], row)


def _defaults() -> dict[str, Any]:
    return {
        "name": "",
        "target": "{}",
        "buy": 0,
        "pay": 0,
        "get": 0,
        "threshold": 0,
        "stores": "",
        "groups": "",
        "coupons": "",
        "stack_group": "spend",
        "active": 1,
    }


def rows(session: Session) -> list[list[Scalar]]:
    return [promotion_row(p) for p in session.scalars(select(Promotion).order_by(Promotion.id))]


def for_sale(
    session: Session, store: Location, at: datetime, customer_group: str | None, coupons: list[str]
) -> list[dict[str, Any]]:
    """Central's promotions for a sale of `store` at `at`, as the pricing document's entries."""
    return choose(
        (as_mapping(PROMOTION_COLUMNS, r) for r in rows(session)),
        store=store.code,
        timezone=store.timezone,
        at=at,
        customer_group=customer_group,
        coupons=coupons,
    )
