"""Read side of the sync protocol: what a device may see, change pages, snapshots, checksums."""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from dataclasses import dataclass

import orjson
from sqlalchemy import ColumnElement, Engine, func, or_, select, tuple_
from sqlalchemy.orm import Session

from central.changes import high_water, location_row, staff_row, tax_row
from central.db import get_epoch
from central.models import (
    ChangeLog,
    Location,
    Nearby,
    Price,
    PriceList,
    Staff,
    Stock,
    TaxRate,
    Variant,
)
from sync.protocol import (
    CHECKSUM_MOD,
    STREAMS,
    ChangePage,
    Checksum,
    Scalar,
    SnapshotHeader,
    row_hash,
)

GLOBAL = 0
SNAPSHOT_BATCH = 5000


@dataclass(frozen=True)
class Scope:
    """What one store's devices may see, per stream (0 = rows meant for every device)."""

    store_id: int
    stock_locations: tuple[int, ...]
    price_lists: tuple[int, ...]

    def scopes(self, stream: str) -> tuple[int, ...]:
        if stream == "stock":
            return self.stock_locations
        if stream == "prices":
            return self.price_lists
        if stream == "staff":
            return (self.store_id,)
        return (GLOBAL,)


def scope_for_store(session: Session, store_id: int) -> Scope:
    store = session.get_one(Location, store_id)
    nearby = session.scalars(select(Nearby.nearby_id).where(Nearby.store_id == store_id).order_by(Nearby.rank)).all()
    lists = session.scalars(
        select(PriceList.id).where(
            PriceList.currency == store.currency,
            or_(PriceList.store_id.is_(None), PriceList.store_id == store_id),
        )
    ).all()
    return Scope(store_id, (store_id, *nearby), tuple(sorted(lists)))


def change_page(session: Session, scope: Scope, stream: str, after: int, limit: int) -> ChangePage:
    epoch = get_epoch(session)
    # High water first: every change at or below it is committed (see central.changes), so a
    # cursor that jumps to it never skips one.
    hw = high_water(session)
    rows = session.execute(
        select(ChangeLog.seq, ChangeLog.key, ChangeLog.row)
        .where(
            ChangeLog.stream == stream,
            ChangeLog.seq > after,
            ChangeLog.seq <= hw,
            ChangeLog.scope.in_(scope.scopes(stream)),
        )
        .order_by(ChangeLog.seq)
        .limit(limit + 1)
    ).all()
    has_more = len(rows) > limit
    rows = rows[:limit]
    changes = [
        {"seq": seq, "key": orjson.loads(key), "row": None if row is None else orjson.loads(row)}
        for seq, key, row in rows
    ]
    nxt = rows[-1][0] if has_more else max(hw, after)
    return ChangePage.model_validate(
        {
            "stream": stream,
            "epoch": epoch,
            "after": after,
            "next": nxt,
            "has_more": has_more,
            "changes": changes,
        }
    )


def _key_filter(stream: str, after_key: list[Scalar] | None) -> list[ColumnElement[bool]]:
    if after_key is None:
        return []
    if stream == "catalog":
        return [Variant.id > after_key[0]]
    if stream == "prices":
        return [tuple_(Price.list_id, Price.variant_id) > tuple_(after_key[0], after_key[1])]
    if stream == "stock":
        return [tuple_(Stock.location_id, Stock.variant_id) > tuple_(after_key[0], after_key[1])]
    raise ValueError(stream)


def snapshot_lines(engine: Engine, scope: Scope, stream: str, after_key: list[Scalar] | None) -> Iterator[bytes]:
    """NDJSON lines: a header with the high water, the rows in key order, a trailer."""
    spec = STREAMS[stream]
    with Session(engine) as session:
        epoch = get_epoch(session)
        hw = high_water(session)  # before the rows: rows can only be newer, never older
        estimate, _ = _count_sum(session, scope, stream)
        header = SnapshotHeader(
            stream=stream,
            epoch=epoch,
            high_water=hw,
            columns=list(spec.columns),
            after_key=after_key,
            estimated_rows=estimate,
        )
        yield header.model_dump_json().encode() + b"\n"
        count = 0
        for line in _rows(session, scope, stream, after_key):
            count += 1
            yield line
        yield orjson.dumps({"end": True, "rows": count}) + b"\n"


def _rows(session: Session, scope: Scope, stream: str, after_key: list[Scalar] | None) -> Iterator[bytes]:
    conn = session.connection().execution_options(yield_per=SNAPSHOT_BATCH)
    if stream == "catalog":
        q_cat = select(Variant.wire_row).where(*_key_filter(stream, after_key)).order_by(Variant.id)
        for (wire,) in conn.execute(q_cat):
            yield wire.encode() + b"\n"
    elif stream == "prices":
        lists = {pl.id: pl for pl in session.scalars(select(PriceList).where(PriceList.id.in_(scope.price_lists)))}
        q_price = (
            select(Price.list_id, Price.variant_id, Price.amount)
            .where(Price.list_id.in_(scope.price_lists), *_key_filter(stream, after_key))
            .order_by(Price.list_id, Price.variant_id)
        )
        for list_id, variant_id, amount in conn.execute(q_price):
            pl = lists[list_id]
            yield orjson.dumps([list_id, variant_id, pl.currency, pl.store_id, pl.customer_group, amount]) + b"\n"
    elif stream == "stock":
        q_stock = (
            select(Stock.location_id, Stock.variant_id, Stock.on_hand, Stock.reserved)
            .where(Stock.location_id.in_(scope.stock_locations), *_key_filter(stream, after_key))
            .order_by(Stock.location_id, Stock.variant_id)
        )
        for loc, var, on_hand, reserved in conn.execute(q_stock):
            yield b"[%d,%d,%d,%d]\n" % (loc, var, on_hand, reserved)
    else:
        # Small reference streams are built whole (keyed by id, in id order); a resume still
        # gets only the rows after its key, as the header it receives says.
        for row in small_rows(session, scope, stream):
            if after_key is None or row[0] > after_key[0]:  # type: ignore[operator]
                yield orjson.dumps(row) + b"\n"


def small_rows(session: Session, scope: Scope, stream: str) -> list[list[Scalar]]:
    if stream == "locations":
        return [location_row(session, loc) for loc in session.scalars(select(Location).order_by(Location.id))]
    if stream == "staff":
        return [
            staff_row(s)
            for s in session.scalars(select(Staff).where(Staff.store_id == scope.store_id).order_by(Staff.id))
        ]
    if stream == "tax":
        return [tax_row(t) for t in session.scalars(select(TaxRate).order_by(TaxRate.id))]
    raise ValueError(f"{stream} is not a small stream")


def gzip_stream(lines: Iterator[bytes], level: int = 1) -> Iterator[bytes]:
    """gzip-compress a line iterator into ~64 KiB chunks (level 1: the CPU is the bottleneck)."""
    comp = zlib.compressobj(level, zlib.DEFLATED, 31)
    buf: list[bytes] = []
    size = 0
    for line in lines:
        buf.append(line)
        size += len(line)
        if size >= 256 * 1024:
            out = comp.compress(b"".join(buf))
            buf, size = [], 0
            if out:
                yield out
    yield comp.compress(b"".join(buf)) + comp.flush()


def checksum(session: Session, scope: Scope, stream: str) -> Checksum:
    """Row count and sum of row hashes of what this scope holds, at one high-water mark."""
    for _ in range(5):
        hw = high_water(session)
        count, total = _count_sum(session, scope, stream)
        if high_water(session) == hw:
            return Checksum(
                stream=stream,
                epoch=get_epoch(session),
                high_water=hw,
                count=count,
                sum=total % CHECKSUM_MOD,
            )
        session.rollback()
    raise RuntimeError("the change log is too busy for a consistent checksum; try again")


def _count_sum(session: Session, scope: Scope, stream: str) -> tuple[int, int]:
    if stream == "catalog":
        q = select(func.count(), func.coalesce(func.sum(Variant.row_hash), 0))
    elif stream == "prices":
        q = select(func.count(), func.coalesce(func.sum(Price.row_hash), 0)).where(Price.list_id.in_(scope.price_lists))
    elif stream == "stock":
        q = select(func.count(), func.coalesce(func.sum(Stock.row_hash), 0)).where(
            Stock.location_id.in_(scope.stock_locations)
        )
    else:
        rows = small_rows(session, scope, stream)
        return len(rows), sum(row_hash(orjson.dumps(r)) for r in rows)
    count, total = session.execute(q).one()
    return int(count), int(total)
