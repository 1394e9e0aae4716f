"""Read side of the sync protocol: what a device may see, change pages, snapshots, checksums."""

from __future__ import annotations

import threading
import zlib
from collections import OrderedDict
from collections.abc import Iterator
from itertools import islice
from operator import itemgetter

import orjson
from sqlalchemy import BigInteger, Engine, Text, cast, func, literal, null, select, union_all
from sqlalchemy.orm import Session

from central.changes import high_water
from central.db import get_epoch
from central.models import ChangeLog, Meta
from central.prune import LOG_FLOOR, parse_floors
from central.scope import GLOBAL, Scope, scope_for_store
from central.streams import SOURCES
from sync.protocol import (
    CHECKSUM_MOD,
    STREAMS,
    ChangePage,
    Checksum,
    CursorPruned,
    Scalar,
    SnapshotHeader,
)

__all__ = [
    "GLOBAL",
    "LogPruned",
    "PageCache",
    "Scope",
    "change_page",
    "change_page_json",
    "checksum",
    "gzip_stream",
    "scope_for_store",
    "snapshot_lines",
]


_FLOOR = select(Meta.value).where(Meta.key == LOG_FLOOR)
_EPOCH_HIGH_WATER_FLOOR = select(
    Meta.value,
    select(func.coalesce(func.max(ChangeLog.seq), 0)).scalar_subquery(),
    _FLOOR.scalar_subquery(),
).where(Meta.key == "epoch")


class LogPruned(Exception):
    """A change page asked for below its stream's floor (central.prune): the route's 410."""

    def __init__(self, stream: str, epoch: str, after: int, floor: int) -> None:
        super().__init__(stream, after, floor)
        self.answer = CursorPruned(
            detail=(
                f"Central pruned its {stream} change log up to {floor}; a device at {after} "
                "downloads the stream again (snapshot) and goes on from there"
            ),
            code="log_pruned",
            stream=stream,
            epoch=epoch,
            after=after,
            floor=floor,
        )


def epoch_and_high_water(session: Session) -> tuple[str, int, str | None]:
    """The data epoch, the high water and the log floors as stored, in one statement (one round
    trip per change page; read on every page, never cached, so a reseed or a prune is seen by
    the next page)."""
    found = session.execute(_EPOCH_HIGH_WATER_FLOOR).first()
    if found is None:
        raise RuntimeError("database has no epoch: run `central migrate`")
    return str(found[0]), int(found[1] or 0), found[2]


def _check_floor(stream: str, epoch: str, after: int, floors: str | None) -> None:
    floor = parse_floors(floors, epoch).get(stream, 0)
    if after < floor:
        raise LogPruned(stream, epoch, after, floor)


def _checked_page(session: Session, scope: Scope, stream: str, after: int, limit: int, epoch: str, hw: int) -> ChangePage:
    page, floors = _page_at(session, scope, stream, after, limit, epoch, hw)
    # The floor again, read in the rows' own statement: on PostgreSQL each statement reads its
    # own snapshot, and a prune commits its floor before it deletes a row, so a statement that
    # misses rows a prune deleted sees that prune's floor above the cursor (central.prune).
    _check_floor(stream, epoch, after, floors)
    return page


def change_page(session: Session, scope: Scope, stream: str, after: int, limit: int) -> ChangePage:
    """A page of changes after `after`; LogPruned when `after` is below the stream's floor."""
    # High water before the rows: every change at or below it is committed (see
    # central.changes), so a cursor that jumps to it never skips one.
    epoch, hw, floors = epoch_and_high_water(session)
    _check_floor(stream, epoch, after, floors)
    return _checked_page(session, scope, stream, after, limit, epoch, hw)


class PageCache:
    """The JSON of the change pages served last, by everything that decides their bytes: the
    stream, the scope values the device may see, the cursor, the limit, the epoch and the high
    water. One change pokes every tablet that can see it (a store's own, the stores caching its
    stock, the whole fleet for a global stream), and they all ask for the same page within
    milliseconds: the first request reads and encodes it, the others send its bytes. That was
    the queue behind a live change's p99 (docs/performance.md).

    Needs no invalidation: the epoch and the high water are read on every request (one
    statement), and writers only append to the change log, so the rows up to a high water are
    committed and stay (central.changes); a reseed is a new epoch. A prune (central.prune)
    deletes only rows a later one supersedes, or rows below a floor: a page cached before it is
    still a true page (the device applies the rows the prune removed and then their successors,
    and ends the same), and the floor is checked before the cache. Bounded (`size` pages, least
    recently used out first, and `max_bytes` in all: a catching-up device's full pages are large
    and rarely shared); two requests that miss together both build it, which is harmless."""

    def __init__(self, size: int = 512, max_bytes: int = 16 * 1024 * 1024) -> None:
        self.size = size
        self.max_bytes = max_bytes
        self.hits = self.misses = 0
        self._bytes = 0
        self._pages: OrderedDict[tuple[object, ...], bytes] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: tuple[object, ...]) -> bytes | None:
        with self._lock:
            page = self._pages.get(key)
            if page is None:
                self.misses += 1
                return None
            self.hits += 1
            self._pages.move_to_end(key)
            return page

    def put(self, key: tuple[object, ...], page: bytes) -> None:
        if len(page) > self.max_bytes // 8:
            return  # one page may not push out everything else
        with self._lock:
            old = self._pages.pop(key, None)
            self._bytes += len(page) - (0 if old is None else len(old))
            self._pages[key] = page
            while len(self._pages) > self.size or self._bytes > self.max_bytes:
                _, gone = self._pages.popitem(last=False)
                self._bytes -= len(gone)

    def clear(self) -> None:
        with self._lock:
            self._pages.clear()
            self._bytes = 0


def change_page_json(session: Session, scope: Scope, stream: str, after: int, limit: int, cache: PageCache) -> bytes:
    """`change_page` as the JSON the route sends, from `cache` when another device asked for the
    same page at the same high water."""
    epoch, hw, floors = epoch_and_high_water(session)
    _check_floor(stream, epoch, after, floors)
    key = (stream, scope.scopes(stream), after, limit, epoch, hw)
    page = cache.get(key)
    if page is None:
        page = _checked_page(session, scope, stream, after, limit, epoch, hw).model_dump_json().encode()
        cache.put(key, page)
    return page


_SEQ = itemgetter(0)
# The log floors as one more row of a page's statement (seq -1 never is a change's), so the rows
# and the floor come from one snapshot without another round trip.
_FLOOR_ROW = select(
    cast(literal(-1), BigInteger).label("seq"), Meta.value.label("key"), cast(null(), Text).label("row")
).where(Meta.key == LOG_FLOOR)


def _page_at(
    session: Session, scope: Scope, stream: str, after: int, limit: int, epoch: str, hw: int
) -> tuple[ChangePage, str | None]:
    """The page, and the floors as the rows' statement read them."""
    page_rows = (
        select(ChangeLog.seq.label("seq"), ChangeLog.key.label("key"), ChangeLog.row.label("row"))
        .where(
            ChangeLog.stream == stream,
            ChangeLog.seq > after,
            ChangeLog.seq <= hw,
            ChangeLog.scope.in_(scope.scopes(stream)),
        )
        .order_by(ChangeLog.seq)
        .limit(limit + 1)
        .subquery()
    )
    found = session.execute(union_all(select(page_rows), _FLOOR_ROW)).all()
    floors = next((key for seq, key, _row in found if seq == -1), None)
    rows = sorted((r for r in found if r[0] != -1), key=_SEQ)  # a UNION ALL promises no order
    has_more = len(rows) > limit
    rows = rows[:limit]
    changes = [
        {"seq": seq, "key": orjson.loads(key), "row": None if row is None else orjson.loads(row)}
        for seq, key, row in rows
    ]
    nxt = rows[-1][0] if has_more else max(hw, after)
    page = ChangePage.model_validate(
        {
            "stream": stream,
            "epoch": epoch,
            "after": after,
            "next": nxt,
            "has_more": has_more,
            "changes": changes,
        }
    )
    return page, floors


SNAPSHOT_CHUNK_ROWS = 2000


def snapshot_lines(engine: Engine, scope: Scope, stream: str, after_key: list[Scalar] | None) -> Iterator[bytes]:
    """NDJSON: a header line with the high water, the rows in key order (several whole lines
    per chunk), a trailer line with their count and the sum of their row hashes."""
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
        # The trailer's sum (the CRC-32 of each line without its newline) lets the device check
        # its download instead of scanning its table for a checksum afterwards. Taken per chunk
        # of lines, in C (join, split, crc32): a Python step per line was 40 % more of central's
        # time to serve a snapshot, and gzip_stream gets a few large pieces instead of each line.
        rows = SOURCES[stream].lines(session, scope, after_key)
        count = total = 0
        crc32 = zlib.crc32
        while chunk := list(islice(rows, SNAPSHOT_CHUNK_ROWS)):
            data = b"".join(chunk)
            count += len(chunk)
            total += sum(map(crc32, data[:-1].split(b"\n")))
            yield data
        yield orjson.dumps({"end": True, "rows": count, "sum": total % CHECKSUM_MOD}) + b"\n"


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
