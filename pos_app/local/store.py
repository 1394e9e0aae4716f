"""LocalStore: the tablet's two databases behind one object.

It implements `sync.engine.SyncStore` (stream tables, cursors, outbox) and offers the
repositories the services use. Bulk paths use the DB-API connection and executemany; the ORM
unit of work is kept out of them (DESIGN.md section 3).
"""

from __future__ import annotations

import sqlite3
import threading
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import orjson
from sqlalchemy import Engine

from pos_app.local.db import CorruptDatabase, move_aside, open_cache, open_device
from pos_app.local.schema import CATALOG_INDEXES
from sync.engine import PendingOp, StreamState
from sync.journal import JournalEntry, make_entry, verify_chain
from sync.protocol import STREAMS, ChangePage, Scalar, row_hash


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


def parse_ts(value: str | None) -> datetime | None:
    if not value:
        return None
    dt = datetime.fromisoformat(value)
    return dt if dt.tzinfo else dt.replace(tzinfo=UTC)


def _upsert_sql(stream: str) -> str:
    spec = STREAMS[stream]
    cols = [*spec.columns, "h"]
    marks = ", ".join("?" for _ in cols)
    keys = ", ".join(spec.key)
    updates = ", ".join(f"{c}=excluded.{c}" for c in cols if c not in spec.key)
    return f"INSERT INTO {stream} ({', '.join(cols)}) VALUES ({marks}) ON CONFLICT({keys}) DO UPDATE SET {updates}"


def _delete_sql(stream: str) -> str:
    spec = STREAMS[stream]
    return f"DELETE FROM {stream} WHERE " + " AND ".join(f"{k}=?" for k in spec.key)


UPSERT = {s: _upsert_sql(s) for s in STREAMS}
INSERT = {
    s: f"INSERT OR REPLACE INTO {s} ({', '.join([*spec.columns, 'h'])}) VALUES ({', '.join('?' * (len(spec.columns) + 1))})"
    for s, spec in STREAMS.items()
}


def _codes(barcodes: Scalar) -> list[str]:
    """A catalog row's `barcodes` column (space-separated GTINs) as a list."""
    return str(barcodes).split()


def _with_hash(row: list[Scalar], h: int) -> tuple[Scalar, ...]:
    return (*row, h)


DELETE = {s: _delete_sql(s) for s in STREAMS}

REBUILD_STYLES = """
INSERT INTO styles(code, name, brand, category, colours, skus, first_variant, variants)
SELECT style_code, max(name), max(brand), max(category), group_concat(DISTINCT colour),
       group_concat(sku, ' '), min(id), count(*)
FROM catalog {where} GROUP BY style_code
"""


@dataclass(frozen=True)
class Identity:
    device_id: str
    store_id: int
    store_code: str
    store_name: str
    central_url: str


class LocalStore:
    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        data_dir.mkdir(parents=True, exist_ok=True)
        self.cache_path = data_dir / "cache.db"
        self.device_path = data_dir / "device.db"
        self.device: Engine = open_device(self.device_path)
        self.cache: Engine = open_cache(self.cache_path)  # may raise CorruptDatabase
        self._write_lock = threading.RLock()

    @classmethod
    def open_or_recover(cls, data_dir: Path) -> tuple[LocalStore, str | None]:
        """Open; a damaged cache is moved aside and rebuilt by a new bootstrap (device.db kept)."""
        try:
            return cls(data_dir), None
        except CorruptDatabase as e:
            if e.path.name != "cache.db":
                raise
            moved = move_aside(e.path)
            return cls(data_dir), (
                f"The local stock cache was damaged ({e.detail}); it was set aside as {moved.name} "
                "and will be downloaded again. Nothing waiting to be sent was lost."
            )

    def close(self) -> None:
        self.cache.dispose()
        self.device.dispose()

    @contextmanager
    def raw(self, which: str = "cache") -> Iterator[sqlite3.Connection]:
        engine = self.cache if which == "cache" else self.device
        conn = engine.raw_connection()
        try:
            dbapi = conn.driver_connection
            assert isinstance(dbapi, sqlite3.Connection)
            yield dbapi
        finally:
            conn.close()

    @contextmanager
    def tx(self, which: str = "cache") -> Iterator[sqlite3.Connection]:
        """One write transaction (BEGIN IMMEDIATE … COMMIT, ROLLBACK on error)."""
        with self._write_lock, self.raw(which) as con:
            con.execute("BEGIN IMMEDIATE")
            try:
                yield con
            except BaseException:
                con.rollback()
                raise
            con.commit()

    # --- identity -----------------------------------------------------------------------------

    def get_meta(self, key: str) -> str | None:
        with self.raw("device") as con:
            row = con.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def set_meta(self, values: dict[str, str]) -> None:
        with self.tx("device") as con:
            con.executemany(
                "INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value=excluded.value",
                list(values.items()),
            )

    def identity(self) -> Identity | None:
        with self.raw("device") as con:
            meta = dict(con.execute("SELECT key, value FROM meta").fetchall())
        if "device_id" not in meta:
            return None
        return Identity(
            meta["device_id"], int(meta["store_id"]), meta["store_code"], meta["store_name"], meta["central_url"]
        )

    # --- SyncStore: streams ----------------------------------------------------------------------

    def stream_state(self, stream: str) -> StreamState:
        with self.raw() as con:
            row = con.execute(
                "SELECT epoch, cursor, bootstrapped, bootstrap_hw, bootstrap_after_key, bootstrap_rows, synced_at "
                "FROM stream_state WHERE stream=?",
                (stream,),
            ).fetchone()
        if row is None:
            return StreamState(stream)
        epoch, cursor, boot, hw, after_key, rows, synced = row
        return StreamState(
            stream,
            epoch,
            int(cursor),
            bool(boot),
            hw,
            None if after_key is None else orjson.loads(after_key),
            int(rows),
            parse_ts(synced),
        )

    def _put_state(self, con: sqlite3.Connection, stream: str, **values: Any) -> None:
        con.execute(
            "INSERT OR IGNORE INTO stream_state(stream, cursor, bootstrapped, bootstrap_rows) VALUES (?, 0, 0, 0)",
            (stream,),
        )
        sets = ", ".join(f"{k}=?" for k in values)
        con.execute(f"UPDATE stream_state SET {sets} WHERE stream=?", (*values.values(), stream))

    def _clear(self, con: sqlite3.Connection, stream: str) -> None:
        con.execute(f"DELETE FROM {stream}")
        if stream == "catalog":
            con.execute("DELETE FROM barcodes")
            con.execute("DELETE FROM styles")
        if stream == "stock":
            con.execute("DELETE FROM live_stock")

    def begin_bootstrap(self, stream: str, epoch: str, high_water: int) -> None:
        with self.tx() as con:
            self._clear(con, stream)
            if stream == "catalog":
                for name in CATALOG_INDEXES:
                    con.execute(f"DROP INDEX IF EXISTS {name}")
            self._put_state(
                con,
                stream,
                epoch=epoch,
                cursor=0,
                bootstrapped=0,
                bootstrap_hw=high_water,
                bootstrap_after_key=None,
                bootstrap_rows=0,
            )

    def apply_snapshot_rows(
        self, stream: str, rows: list[list[Scalar]], hashes: list[int], after_key: list[Scalar]
    ) -> None:
        sql = INSERT[stream]  # rows after the resume key only: nothing to update
        with self.tx() as con:
            con.executemany(sql, map(_with_hash, rows, hashes))  # barcodes: in finish_bootstrap
            con.execute(
                "UPDATE stream_state SET bootstrap_after_key=?, bootstrap_rows=bootstrap_rows+? WHERE stream=?",
                (orjson.dumps(after_key).decode(), len(rows), stream),
            )

    def finish_bootstrap(self, stream: str) -> None:
        with self.tx() as con:
            if stream == "catalog":
                self._barcodes_from_catalog(con)
                for ddl in CATALOG_INDEXES.values():
                    con.execute(ddl)
                con.execute("DELETE FROM styles")
                con.execute(REBUILD_STYLES.format(where=""))
            (hw,) = con.execute("SELECT bootstrap_hw FROM stream_state WHERE stream=?", (stream,)).fetchone()
            self._put_state(
                con,
                stream,
                cursor=hw or 0,
                bootstrapped=1,
                bootstrap_hw=None,
                bootstrap_after_key=None,
                synced_at=now_iso(),
            )

    @staticmethod
    def _barcodes_from_catalog(con: sqlite3.Connection) -> None:
        """The barcode index of a freshly downloaded catalog, split from its space-separated
        `barcodes` column inside SQLite (a million rows: about 1 s instead of 2.8 s in Python).
        Values that are not digits and spaces (none from central so far) are split by `_codes`."""
        con.execute("DELETE FROM barcodes")
        con.execute(
            "INSERT OR REPLACE INTO barcodes(code, variant_id) SELECT barcodes, id FROM catalog "
            "WHERE barcodes <> '' AND barcodes NOT GLOB '*[^0-9]*'"
        )
        con.execute(  # several barcodes, digits only: split as a JSON array
            "INSERT OR REPLACE INTO barcodes(code, variant_id) "
            "SELECT j.value, c.id FROM catalog c, json_each('[\"' || replace(c.barcodes, ' ', '\",\"') || '\"]') j "
            "WHERE instr(c.barcodes, ' ') > 0 AND c.barcodes NOT GLOB '*[^0-9 ]*' AND j.value <> ''"
        )
        odd = con.execute("SELECT id, barcodes FROM catalog WHERE barcodes GLOB '*[^0-9 ]*'").fetchall()
        con.executemany(
            "INSERT OR REPLACE INTO barcodes(code, variant_id) VALUES (?, ?)",
            [(code, vid) for vid, codes in odd for code in _codes(codes)],
        )

    def apply_page(self, stream: str, page: ChangePage) -> None:
        with self.tx() as con:
            touched_styles: set[str] = set()
            if stream == "catalog" and page.changes:
                ids = [c.key[0] for c in page.changes]
                held = con.execute(
                    f"SELECT id, style_code, barcodes FROM catalog WHERE id IN ({','.join('?' * len(ids))})", ids
                ).fetchall()
                touched_styles.update(style for _id, style, _codes in held)
                con.executemany(  # the barcodes these variants had (one may since have moved to another)
                    "DELETE FROM barcodes WHERE code=? AND variant_id=?",
                    [(code, vid) for vid, _style, codes in held for code in _codes(codes)],
                )
            # Apply in log order so that a delete followed by a re-insert ends as it should.
            for ch in page.changes:
                if ch.row is None:
                    con.execute(DELETE[stream], ch.key)
                else:
                    con.execute(UPSERT[stream], (*ch.row, row_hash(orjson.dumps(ch.row))))
            if stream == "catalog":
                final: dict[Scalar, list[Scalar] | None] = {}  # a variant may change twice in a page
                for ch in page.changes:
                    final[ch.key[0]] = ch.row
                    if ch.row is not None:
                        touched_styles.add(str(ch.row[2]))
                con.executemany(
                    "INSERT OR REPLACE INTO barcodes(code, variant_id) VALUES (?, ?)",
                    [(code, vid) for vid, row in final.items() if row is not None for code in _codes(row[9])],
                )
                if touched_styles:
                    codes = sorted(touched_styles)
                    marks = ",".join("?" * len(codes))
                    con.execute(f"DELETE FROM styles WHERE code IN ({marks})", codes)
                    con.execute(REBUILD_STYLES.format(where=f"WHERE style_code IN ({marks})"), codes)
            self._put_state(con, stream, cursor=page.next, synced_at=now_iso())

    def local_checksum(self, stream: str) -> tuple[int, int]:
        with self.raw() as con:
            count, total = con.execute(f"SELECT count(*), coalesce(sum(h), 0) FROM {stream}").fetchone()
        return int(count), int(total)

    def reset_stream(self, stream: str) -> None:
        with self.tx() as con:
            self._clear(con, stream)
            self._put_state(
                con,
                stream,
                epoch=None,
                cursor=0,
                bootstrapped=0,
                bootstrap_hw=None,
                bootstrap_after_key=None,
                bootstrap_rows=0,
            )

    def reset_all_streams(self) -> None:
        for stream in STREAMS:
            self.reset_stream(stream)

    # --- SyncStore: outbox -------------------------------------------------------------------

    def next_op(self) -> tuple[PendingOp | None, datetime | None]:
        with self.raw("device") as con:
            row = con.execute(
                "SELECT op_id, device_seq, type, payload, attempts, next_attempt_at FROM outbox "
                "WHERE state='pending' ORDER BY device_seq LIMIT 1"
            ).fetchone()
        if row is None:
            return None, None
        op_id, seq, type_, payload, attempts, next_at = row
        due = parse_ts(next_at)
        if due is not None and due > datetime.now(UTC):
            return None, due
        return PendingOp(op_id, int(seq), type_, orjson.loads(payload), int(attempts)), due

    def op_done(self, op_id: str, result: dict[str, Any]) -> None:
        with self.tx("device") as con:
            con.execute("DELETE FROM outbox WHERE op_id=?", (op_id,))
            seq = result.get("seq")
            con.execute(
                "UPDATE stock_corrections SET status='sent', server_seq=? WHERE op_id=?",
                (int(seq) if isinstance(seq, int) else None, op_id),
            )

    def op_retry(self, op_id: str, error: str, at: datetime) -> None:
        with self.tx("device") as con:
            con.execute(
                "UPDATE outbox SET attempts=attempts+1, last_error=?, next_attempt_at=? WHERE op_id=?",
                (error, at.isoformat(), op_id),
            )

    def op_dead(self, op_id: str, status: int, detail: str) -> None:
        with self.tx("device") as con:
            con.execute(
                "UPDATE outbox SET state='dead', dead_status=?, last_error=?, attempts=attempts+1 WHERE op_id=?",
                (status, detail, op_id),
            )
            con.execute("UPDATE stock_corrections SET status='rejected' WHERE op_id=?", (op_id,))

    def outbox_counts(self) -> tuple[int, int]:
        with self.raw("device") as con:
            rows = dict(con.execute("SELECT state, count(*) FROM outbox GROUP BY state").fetchall())
        return int(rows.get("pending", 0)), int(rows.get("dead", 0))

    def outbox_rows(self, state: str | None = None) -> list[dict[str, Any]]:
        q = "SELECT op_id, device_seq, type, payload, created_at, attempts, next_attempt_at, last_error, state, dead_status FROM outbox"
        args: tuple[Any, ...] = ()
        if state:
            q += " WHERE state=?"
            args = (state,)
        with self.raw("device") as con:
            con.row_factory = sqlite3.Row
            try:
                rows = [dict(r) for r in con.execute(q + " ORDER BY device_seq", args)]
            finally:
                con.row_factory = None
        for r in rows:
            r["payload"] = orjson.loads(r["payload"])
        return rows

    def requeue_dead(self, op_id: str) -> None:
        with self.tx("device") as con:
            con.execute(
                "UPDATE outbox SET state='pending', next_attempt_at=NULL, dead_status=NULL WHERE op_id=? AND state='dead'",
                (op_id,),
            )
            con.execute("UPDATE stock_corrections SET status='pending' WHERE op_id=?", (op_id,))

    def record_error(self, kind: str, message: str | None) -> None:
        with self.tx("device") as con:
            if message is None:
                con.execute("DELETE FROM sync_errors WHERE kind=?", (kind,))
            else:
                con.execute(
                    "INSERT INTO sync_errors(kind, at, message) VALUES (?, ?, ?) "
                    "ON CONFLICT(kind) DO UPDATE SET at=excluded.at, message=excluded.message",
                    (kind, now_iso(), message),
                )

    def errors(self) -> list[str]:
        with self.raw("device") as con:
            return [r[0] for r in con.execute("SELECT message FROM sync_errors ORDER BY at")]

    # --- business records with their outbox op (one device.db transaction) -----------------

    def enqueue(
        self,
        con: sqlite3.Connection,
        type_: str,
        payload: dict[str, Any],
        op_id: str | None = None,
    ) -> tuple[str, int]:
        op_id = op_id or str(uuid.uuid4())
        row = con.execute("SELECT value FROM meta WHERE key='device_seq'").fetchone()
        seq = (int(row[0]) if row else 0) + 1
        con.execute(
            "INSERT INTO meta(key, value) VALUES ('device_seq', ?) ON CONFLICT(key) DO UPDATE SET value=excluded.value",
            (str(seq),),
        )
        con.execute(
            "INSERT INTO outbox(op_id, device_seq, type, payload, created_at, attempts, state) "
            "VALUES (?, ?, ?, ?, ?, 0, 'pending')",
            (op_id, seq, type_, orjson.dumps(payload).decode(), now_iso()),
        )
        return op_id, seq

    def journal_append(self, con: sqlite3.Connection, type_: str, data: dict[str, Any]) -> JournalEntry:
        last = con.execute(
            "SELECT seq, at, type, data, prev_hash, hash FROM journal ORDER BY seq DESC LIMIT 1"
        ).fetchone()
        prev = (
            None if last is None else JournalEntry(last[0], last[1], last[2], orjson.loads(last[3]), last[4], last[5])
        )
        entry = make_entry(prev, now_iso(), type_, data)
        con.execute(
            "INSERT INTO journal(seq, at, type, data, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?)",
            (
                entry.seq,
                entry.at,
                entry.type,
                orjson.dumps(entry.data, option=orjson.OPT_SORT_KEYS).decode(),
                entry.prev_hash,
                entry.hash,
            ),
        )
        return entry

    def journal_entries(self) -> Iterator[JournalEntry]:
        with self.raw("device") as con:
            for seq, at, type_, data, prev_hash, h in con.execute(
                "SELECT seq, at, type, data, prev_hash, hash FROM journal ORDER BY seq"
            ):
                yield JournalEntry(seq, at, type_, orjson.loads(data), prev_hash, h)

    def journal_verify(self) -> list[str]:
        return [f"entry {p.seq}: {p.problem}" for p in verify_chain(self.journal_entries())]

    # --- reads for the services ------------------------------------------------------------

    def query(self, sql: str, args: Sequence[Any] = (), which: str = "cache") -> list[tuple[Any, ...]]:
        with self.raw(which) as con:
            return con.execute(sql, tuple(args)).fetchall()
