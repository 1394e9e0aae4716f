"""The journal's way to central: runs of entries in `journal.batch` outbox ops (DESIGN.md 7).

A batch is enqueued in the device.db transaction that appends the entry completing it
(JOURNAL_BATCH entries, or the oldest entry not yet in a batch older than JOURNAL_MAX_AGE), and
by `LocalStore.journal_flush()` for whatever is left (`pos-app journal upload`, and the engine
before a push). Being outbox ops, batches inherit its guarantees: applied exactly once, in
device order, after every business op enqueued before them; and the `journal.batched` mark
moves in the same transaction as the op is enqueued, so no entry is put in two batches or left
out. Entries are sent exactly as stored: central recomputes every hash, so an edited, deleted
or reordered entry shows up there as a break. Values a tampered row could hold that the wire
refuses (a long or non-JSON field) are clamped, which central then sees as an altered entry.

After a re-enrolment (a new device id for the same data dir) the first batch under the new id
names the chain it continues: the old id and the last seq and hash batched under it.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import orjson

from pos_app.local.ops import META_BATCHED

JOURNAL_BATCH = 50  # entries per journal.batch op (sync.protocol.JOURNAL_BATCH_MAX is the wire's limit)
JOURNAL_MAX_AGE = timedelta(minutes=5)
SEQ_LIMIT = 2**62

Enqueue = Callable[[sqlite3.Connection, str, dict[str, Any]], tuple[str, int]]


def _meta(con: sqlite3.Connection, key: str) -> str | None:
    row = con.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
    return None if row is None else str(row[0])


def batched_mark(con: sqlite3.Connection) -> dict[str, Any] | None:
    """The last entry put in a batch: {"seq", "hash", "device_id"} (None: none yet)."""
    raw = _meta(con, META_BATCHED)
    return None if raw is None else dict(orjson.loads(raw))


def _text(value: Any, limit: int) -> str:
    if isinstance(value, bytes):
        value = value.decode("utf-8", "replace")
    return str(value)[:limit]


def wire_entry(row: tuple[Any, ...]) -> dict[str, Any]:
    seq, at, type_, data, prev_hash, h = row
    try:
        parsed = orjson.loads(data)
    except (orjson.JSONDecodeError, TypeError):
        parsed = None
    if not isinstance(parsed, dict):
        parsed = {"unreadable": _text(data, 2000)}
    return {
        "seq": max(-SEQ_LIMIT, min(SEQ_LIMIT, int(seq))),
        "at": _text(at, 64),
        "type": _text(type_, 64),
        "data": parsed,
        "prev_hash": _text(prev_hash, 128),
        "hash": _text(h, 128),
    }


def batch_due(con: sqlite3.Connection, last_seq: int) -> bool:
    """After appending entry `last_seq`: is a full batch waiting, or has the oldest entry not
    yet in a batch waited long enough?"""
    mark = batched_mark(con)
    after = 0 if mark is None else int(mark["seq"])
    if last_seq - after >= JOURNAL_BATCH:
        return True
    row = con.execute("SELECT at FROM journal WHERE seq > ? ORDER BY seq LIMIT 1", (after,)).fetchone()
    if row is None:
        return False
    try:
        first = datetime.fromisoformat(str(row[0]))
    except ValueError:
        return True
    if first.tzinfo is None:
        first = first.replace(tzinfo=UTC)
    return datetime.now(UTC) - first >= JOURNAL_MAX_AGE


def make_batches(con: sqlite3.Connection, enqueue: Enqueue, *, force: bool) -> list[str]:
    """Enqueue the entries not yet in a batch as journal.batch ops (full batches only unless
    `force`), in the caller's transaction; returns their op ids. Nothing before enrolment."""
    device_id = _meta(con, "device_id")
    if not device_id:
        return []
    mark = batched_mark(con)
    after = 0 if mark is None else int(mark["seq"])
    made: list[str] = []
    while True:
        rows = con.execute(
            "SELECT seq, at, type, data, prev_hash, hash FROM journal WHERE seq > ? ORDER BY seq LIMIT ?",
            (after, JOURNAL_BATCH),
        ).fetchall()
        if not rows or (len(rows) < JOURNAL_BATCH and not force):
            return made
        entries = [wire_entry(r) for r in rows]
        payload: dict[str, Any] = {"device_id": device_id, "entries": entries}
        if mark is not None and mark["device_id"] != device_id:
            payload["continues"] = {"device_id": mark["device_id"], "seq": int(mark["seq"]), "hash": mark["hash"]}
        op_id, _ = enqueue(con, "journal.batch", payload)
        made.append(op_id)
        after = int(rows[-1][0])
        mark = {"seq": after, "hash": entries[-1]["hash"], "device_id": device_id}
        con.execute(
            "INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value=excluded.value",
            (META_BATCHED, orjson.dumps(mark).decode()),
        )
