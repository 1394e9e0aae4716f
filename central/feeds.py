"""Read side of the sync protocol: what a device may see, change pages, snapshots, checksums."""

from __future__ import annotations

import zlib
from collections.abc import Iterator

import orjson
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from central.changes import high_water
from central.db import get_epoch
from central.models import ChangeLog
from central.scope import GLOBAL, Scope, scope_for_store
from central.streams import SOURCES
from sync.protocol import CHECKSUM_MOD, STREAMS, ChangePage, Checksum, Scalar, SnapshotHeader

__all__ = ["GLOBAL", "Scope", "change_page", "checksum", "gzip_stream", "scope_for_store", "snapshot_lines"]


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


def snapshot_lines(engine: Engine, scope: Scope, stream: str, after_key: list[Scalar] | None) -> Iterator[bytes]:
    """NDJSON lines: a header with the high water, the rows in key order, a trailer."""
    spec = STREAMS[stream]
    with Session(engine) as session:
        epoch = get_epoch(session)
        hw = high_water(session)  # before the rows: rows can only be newer, never older
        estimate, _ = SOURCES[stream].count_sum(session, scope)
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
        for line in SOURCES[stream].lines(session, scope, after_key):
            count += 1
            yield line
        yield orjson.dumps({"end": True, "rows": count}) + b"\n"


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
        count, total = SOURCES[stream].count_sum(session, scope)
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
