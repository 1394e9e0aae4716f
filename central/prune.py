"""Change-log pruning: `central prune-log` (docs/scale.md "Change-log pruning (built)").

Two kinds of rows go, both only among rows older than the retention (`--keep-days`, default 30):

- Key compaction (always): a row that a later row of the same stream, scope and key supersedes.
  A device pulling from any cursor ends with the same rows as before: it gets the later row
  instead, and a delete is a row too (a tombstone) that stays until superseded or floored. The
  scope is part of the key on purpose: when a row moves to another scope (a staff member to
  another store), the old scope's devices need the tombstone left in it, which a compaction by
  stream and key alone would delete for the later row in the new scope.
- The floor (`--floor`): every row older than the retention, except each stream's newest row
  (so each stream's newest sequence, and with it the high water, never goes back: the caches
  keyed by them stay true). The floor is recorded per stream in `meta.log_floor` as JSON
  `{"epoch": E, "streams": {stream: seq}}`, `seq` the newest sequence deleted from that stream,
  BEFORE any row goes. A change page asked for with `after` below its stream's floor is a 410
  (sync.protocol.CursorPruned) and the device downloads that stream again. Per stream rather than
  one global floor: a device that was away for longer than the retention only resyncs the
  streams that changed while it was away (stock, say), not the catalog that did not.

Work goes in batches of `batch` rows in key (seq) order, each its own writing transaction with
the writer lock (central.changes.writing), so writers wait for one batch at most, never for the
whole prune. The retention's boundary is found by a binary search on `at` over `seq` (no index
on `at`): rows are written under the writer lock, so `at` grows with `seq`.
"""

from __future__ import annotations

import functools
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

import orjson
from sqlalchemy import ColumnElement, Table, and_, delete, exists, func, select, true
from sqlalchemy.orm import Session

from central.changes import now
from central.db import Database, get_epoch
from central.models import ChangeLog, Meta
from sync.protocol import STREAMS

LOG_FLOOR = "log_floor"
DEFAULT_KEEP_DAYS = 30
DEFAULT_BATCH = 2000
MAX_KEEP_DAYS = 36_500

_LOG: Table = ChangeLog.__table__  # type: ignore[assignment]
_LATER = _LOG.alias("later")


@functools.lru_cache(maxsize=16)
def _parsed(raw: str) -> tuple[str, dict[str, int]]:
    doc = orjson.loads(raw)
    return str(doc["epoch"]), {str(k): int(v) for k, v in doc["streams"].items()}


def parse_floors(raw: str | None, epoch: str) -> dict[str, int]:
    """Each stream's floor from `meta.log_floor` as stored; {} when there is none or it belongs
    to another epoch (a reseed starts a new log, with no floor)."""
    if not raw:
        return {}
    floor_epoch, floors = _parsed(raw)
    return floors if floor_epoch == epoch else {}


def log_floors(session: Session) -> dict[str, int]:
    """The floors of this epoch's log, per stream (a stream without one: 0)."""
    raw = session.scalar(select(Meta.value).where(Meta.key == LOG_FLOOR))
    return parse_floors(raw, get_epoch(session))


@dataclass
class PruneReport:
    keep_days: float
    cutoff: datetime  # rows written before this are older than the retention
    cut_seq: int  # the first sequence not older than the retention (rows below it are candidates)
    dry_run: bool
    floor: bool
    superseded: int = 0  # rows key compaction deleted (or would)
    below_floor: int = 0  # rows the floor deleted (or would)
    floors: dict[str, int] = field(default_factory=dict)  # floors recorded now (or that would be)
    batches: int = 0
    seconds: float = 0.0
    longest_batch: float = 0.0  # seconds the longest batch held the writer lock
    rows_before: int = 0
    rows_after: int = 0

    def lines(self) -> list[str]:
        verb = "would delete" if self.dry_run else "deleted"
        out = [
            f"change log: {self.rows_before:,} rows; older than {self.keep_days:g} days "
            f"(before {self.cutoff:%Y-%m-%d %H:%M} UTC): the sequences below {self.cut_seq:,}",
            f"key compaction {verb} {self.superseded:,} superseded rows",
        ]
        if self.floor:
            out.append(f"the floor {verb} {self.below_floor:,} rows (each stream's newest row kept)")
            if self.floors:
                out += [f"  floor of {s}: {seq:,}" for s, seq in sorted(self.floors.items())]
            else:
                out.append("  no floor moved")
        out.append(
            f"{self.batches} batches in {self.seconds:.2f} s (the longest held the writer lock "
            f"{self.longest_batch * 1000:.0f} ms); "
            + (f"{self.rows_after:,} rows left" if not self.dry_run else "nothing changed (--dry-run)")
        )
        return out


def _at_of(session: Session, seq: int) -> tuple[int, datetime] | None:
    """The first row at or after `seq` and its time (UTC)."""
    found = session.execute(
        select(_LOG.c.seq, _LOG.c.at).where(_LOG.c.seq >= seq).order_by(_LOG.c.seq).limit(1)
    ).first()
    if found is None:
        return None
    at = found[1]
    return int(found[0]), at if at.tzinfo is not None else at.replace(tzinfo=UTC)


def retention_cut(session: Session, cutoff: datetime) -> int:
    """The first sequence whose row was written at or after `cutoff` (the high water + 1 when every
    row is older): a binary search over seq, as `at` grows with seq."""
    lo = session.scalar(select(func.min(_LOG.c.seq)))
    hi = session.scalar(select(func.max(_LOG.c.seq)))
    if lo is None or hi is None:
        return 1
    lo, hi = int(lo), int(hi) + 1  # the answer is in [lo, hi]
    while lo < hi:
        mid = (lo + hi) // 2
        found = _at_of(session, mid)
        if found is None or found[1] >= cutoff:
            hi = mid if found is None else min(mid, found[0])
        else:
            lo = found[0] + 1
    return lo


def _superseded() -> ColumnElement[bool]:
    return exists().where(
        _LATER.c.stream == _LOG.c.stream,
        _LATER.c.scope == _LOG.c.scope,
        _LATER.c.key == _LOG.c.key,
        _LATER.c.seq > _LOG.c.seq,
    )


def _batch_end(session: Session, lo: int, below: int, batch: int) -> int:
    """The end (exclusive) of the next batch of `batch` rows from `lo`, at most `below`."""
    nxt = session.scalar(
        select(_LOG.c.seq).where(_LOG.c.seq >= lo, _LOG.c.seq < below).order_by(_LOG.c.seq).offset(batch).limit(1)
    )
    return below if nxt is None else int(nxt)


def _first_at_or_after(session: Session, lo: int, below: int) -> int | None:
    found = session.scalar(select(func.min(_LOG.c.seq)).where(_LOG.c.seq >= lo, _LOG.c.seq < below))
    return None if found is None else int(found)


def _newest_per_stream(session: Session) -> dict[str, int]:
    """Each stream's newest sequence (one probe of ix_change_log_stream_seq per stream)."""
    cols = [select(func.max(_LOG.c.seq)).where(_LOG.c.stream == s).scalar_subquery().label(s) for s in STREAMS]
    row = session.execute(select(*cols)).one()
    return {s: int(v) for s, v in zip(STREAMS, row, strict=True) if v is not None}


def _floors_below(session: Session, cut: int, newest: dict[str, int]) -> dict[str, int]:
    """Per stream, the newest sequence the floor deletes: below `cut`, and not its newest row."""
    out: dict[str, int] = {}
    for stream, top in newest.items():
        seq = session.scalar(select(func.max(_LOG.c.seq)).where(_LOG.c.stream == stream, _LOG.c.seq < min(cut, top)))
        if seq is not None:
            out[stream] = int(seq)
    return out


def _record_floors(session: Session, floors: dict[str, int]) -> dict[str, int]:
    """Raise the recorded floors to `floors` (never lower one); returns those that moved."""
    epoch = get_epoch(session)
    meta = session.get(Meta, LOG_FLOOR)
    known = parse_floors(meta.value if meta else None, epoch)
    moved = {s: seq for s, seq in floors.items() if seq > known.get(s, 0)}
    merged = {**known, **moved}
    value = orjson.dumps({"epoch": epoch, "streams": dict(sorted(merged.items()))}).decode()
    if meta is None:
        session.add(Meta(key=LOG_FLOOR, value=value))
    else:
        meta.value = value
    return moved


def _count(session: Session, where: ColumnElement[bool] | None = None) -> int:
    q = select(func.count()).select_from(_LOG)
    return int(session.scalar(q if where is None else q.where(where)) or 0)


def _deleted(session: Session, where: ColumnElement[bool]) -> int:
    result = session.execute(delete(_LOG).where(where))
    return int(getattr(result, "rowcount", 0) or 0)


def prune_log(
    db: Database,
    *,
    keep_days: float = DEFAULT_KEEP_DAYS,
    floor: bool = False,
    dry_run: bool = False,
    batch: int = DEFAULT_BATCH,
    at: datetime | None = None,
    progress: Callable[[str], None] = lambda _m: None,
) -> PruneReport:
    """Compact (and with `floor`, floor) the change log's rows older than `keep_days`."""
    if not 0 <= keep_days <= MAX_KEEP_DAYS:
        raise ValueError(f"keep_days must be between 0 and {MAX_KEEP_DAYS}, not {keep_days}")
    if batch < 1:
        raise ValueError(f"batch must be at least 1, not {batch}")
    started = time.perf_counter()
    cutoff = (at or now()) - timedelta(days=keep_days)
    with db.session() as s:
        cut = retention_cut(s, cutoff)
        report = PruneReport(keep_days, cutoff, cut, dry_run, floor, rows_before=_count(s))
        newest = _newest_per_stream(s) if floor else {}
        floors = _floors_below(s, cut, newest) if floor else {}
    keep = set(newest.values())  # each stream's newest row stays
    if floor:
        if dry_run:
            with db.session() as s:
                report.floors = {k: v for k, v in floors.items() if v > log_floors(s).get(k, 0)}
        else:
            # The floor first, in its own transaction: from its commit on, a page below it is a 410,
            # so no device is ever served a page with rows already deleted under it.
            with db.transaction() as s:
                report.floors = _record_floors(s, floors)
    lo = 1
    while True:
        with db.session() as s:
            first = _first_at_or_after(s, lo, cut)
            if first is None:
                break
            hi = _batch_end(s, int(first), cut, batch)
        in_batch = and_(_LOG.c.seq >= first, _LOG.c.seq < hi)
        superseded = and_(in_batch, _superseded())
        # What the floor deletes of this batch besides the superseded rows: the rest of it but
        # each stream's newest row.
        rest = and_(in_batch, _LOG.c.seq.not_in(keep) if keep else true())
        if dry_run:
            with db.session() as s:
                report.superseded += _count(s, superseded)
                if floor:
                    report.below_floor += _count(s, and_(rest, ~_superseded()))
        else:
            with db.transaction() as s:
                held = time.perf_counter()
                report.superseded += _deleted(s, superseded)
                if floor:
                    report.below_floor += _deleted(s, rest)
            report.longest_batch = max(report.longest_batch, time.perf_counter() - held)
        report.batches += 1
        if report.batches % 50 == 0:
            progress(f"{report.batches} batches, up to seq {hi:,} of {cut:,}")
        lo = hi
    with db.session() as s:
        report.rows_after = _count(s)
    report.seconds = time.perf_counter() - started
    return report
