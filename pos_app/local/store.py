"""LocalStore: the tablet's two databases behind one object.

It implements `sync.engine.SyncStore` (stream tables, cursors, outbox) and offers the
repositories the services use. Bulk paths use the DB-API connection and executemany; the ORM
unit of work is kept out of them (DESIGN.md section 3).
"""

from __future__ import annotations

import operator
import re
import sqlite3
import threading
import uuid
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import orjson
from sqlalchemy import Engine

from pos_app.local import customers as _customers  # noqa: F401  (registers the customer.create hooks)
from pos_app.local import journal_upload
from pos_app.local.db import CorruptDatabase, move_aside, open_cache, open_device
from pos_app.local.ops import META_BATCHED, META_HELD, hooks_for, marks_settlers
from pos_app.local.schema import DEVICE_INDEXES, STYLE_TRIGGERS, TABLE_INDEXES
from sync.engine import OutboxCounts, PendingOp, StreamState
from sync.journal import JournalEntry, make_entry, verify_chain
from sync.protocol import STREAMS, ChangePage, Scalar, StreamSpec, row_hash
from sync.words import Said, stored, to_json


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


def parse_ts(value: str | None) -> datetime | None:
    if not value:
        return None
    dt = datetime.fromisoformat(value)
    return dt if dt.tzinfo else dt.replace(tzinfo=UTC)


def _upsert_sql(spec: StreamSpec, table: str) -> str:
    cols = [*spec.columns, "h"]
    marks = ", ".join("?" for _ in cols)
    keys = ", ".join(spec.key)
    updates = ", ".join(f"{c}=excluded.{c}" for c in cols if c not in spec.key)
    return f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({marks}) ON CONFLICT({keys}) DO UPDATE SET {updates}"


def _insert_sql(spec: StreamSpec, table: str) -> str:
    cols = [*spec.columns, "h"]
    return f"INSERT OR REPLACE INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})"


def _delete_sql(spec: StreamSpec, table: str) -> str:
    return f"DELETE FROM {table} WHERE " + " AND ".join(f"{k}=?" for k in spec.key)


def shadow_table(stream: str) -> str:
    """Where a resync downloads beside the old rows until the swap."""
    return f"{STREAMS[stream].local_table}__new"


UPSERT = {s: _upsert_sql(spec, spec.local_table) for s, spec in STREAMS.items()}
INSERT = {s: _insert_sql(spec, spec.local_table) for s, spec in STREAMS.items()}
INSERT_SHADOW = {s: _insert_sql(spec, shadow_table(s)) for s, spec in STREAMS.items()}
DELETE = {s: _delete_sql(spec, spec.local_table) for s, spec in STREAMS.items()}


def _codes(barcodes: Scalar) -> list[str]:
    """A catalog row's `barcodes` column (space-separated GTINs) as a list."""
    return str(barcodes).split()


# A `names` value that is a JSON object, else none (the guard runs on the small names table,
# never per catalog row).
_OBJECT = "CASE WHEN json_valid({v}) THEN json_type({v}) END = 'object'"
# A style's names (its `names` row's value, "{}" for none) and `local_text`: every value of its
# names and of its colours' names, space-separated. `{code}` is the style's code, `{colours}` a
# JSON array of its colours.
STYLE_NAMES = (
    "coalesce((SELECT n.value FROM names n WHERE n.kind = 'style' AND n.key = {code} AND "
    + _OBJECT.format(v="n.value")
    + "), json_object())"
)
# Each colour's words (all values of its names), worked out once per statement: a catalog's
# styles share a handful of colours, and finding them again for each of 41k styles was 0.6 s of
# a 1M bootstrap (docs/performance.md). The statements below that use LOCAL_TEXT start with it.
COLOUR_WORDS = (
    "WITH colour_words(colour, words) AS MATERIALIZED (SELECT n.key, group_concat(j.value, ' ') "
    "FROM names n, json_each(CASE WHEN "
    + _OBJECT.format(v="n.value")
    + " THEN n.value ELSE json_object() END) j WHERE n.kind = 'colour' GROUP BY n.key) "
)
LOCAL_TEXT = (
    "trim(coalesce((SELECT group_concat(j.value, ' ') FROM names n, json_each(CASE WHEN "
    + _OBJECT.format(v="n.value")
    + " THEN n.value ELSE json_object() END) j WHERE n.kind = 'style' AND n.key = {code}), '') || ' ' || "
    "coalesce((SELECT group_concat(words, ' ') FROM (SELECT w.words FROM json_each({colours}) c "
    "JOIN colour_words w ON w.colour = c.value ORDER BY w.colour)), ''))"
)

# One row per style from the catalog, with the names of the `names` stream (bootstrapped first).
REBUILD_STYLES = (
    COLOUR_WORDS
    + "INSERT INTO styles(code, name, brand, category, colours, skus, first_variant, variants, last_variant, "
    "colour_list, names, local_text) "
    "SELECT code, name, brand, category, colours, skus, first_variant, variants, last_variant, colour_list, "
    + STYLE_NAMES.format(code="g.code")
    + ", "
    + LOCAL_TEXT.format(code="g.code", colours="g.colour_list")
    + """
FROM (
    SELECT style_code AS code, max(name) AS name, max(brand) AS brand, max(category) AS category,
           group_concat(DISTINCT colour) AS colours, group_concat(sku, ' ') AS skus,
           min(id) AS first_variant, count(*) AS variants, json_group_array(DISTINCT colour) AS colour_list,
           CASE WHEN max(id) - min(id) + 1 = count(*) AND min(active) = 1 THEN max(id) END AS last_variant
    FROM catalog {where} GROUP BY style_code
) g
"""
)

# The names of styles already built, rewritten in place (a names page, or the names stream
# swapped in): their colours from `colour_list` (a cache made before it: from the catalog).
RENAME_STYLES = (
    COLOUR_WORDS
    + "UPDATE styles SET names = "
    + STYLE_NAMES.format(code="styles.code")
    + ", local_text = "
    + LOCAL_TEXT.format(
        code="styles.code",
        colours="coalesce(styles.colour_list, "
        "(SELECT json_group_array(DISTINCT colour) FROM catalog WHERE style_code = styles.code))",
    )
    + " {where}"
)

# --- derived local structures, registered by the names in StreamSpec.derived -----------------

PageFinisher = Callable[[], None]


@dataclass(frozen=True)
class Derived:
    """A local structure fed by a stream. `clear` empties it (the stream is emptied or about to be
    replaced), `rebuild` makes it from the whole stream table (after a bootstrap or a swap), and
    `page(con, page)` runs before a page is applied and returns what to run after it.
    `plain(rows)` looks at each downloaded batch (in C where it can: it runs on every row) and
    says whether its values suit `rebuild`'s fast way; `rebuild` reads the answer for the whole
    copy with `all_plain`."""

    clear: Callable[[sqlite3.Connection], None]
    rebuild: Callable[[sqlite3.Connection], None]
    page: Callable[[sqlite3.Connection, ChangePage], PageFinisher] | None = None
    plain: Callable[[list[list[Scalar]]], bool] | None = None


DERIVED: dict[str, Derived] = {}


def register_derived(
    name: str,
    *,
    clear: Callable[[sqlite3.Connection], None],
    rebuild: Callable[[sqlite3.Connection], None],
    page: Callable[[sqlite3.Connection, ChangePage], PageFinisher] | None = None,
    plain: Callable[[list[list[Scalar]]], bool] | None = None,
) -> None:
    DERIVED[name] = Derived(clear, rebuild, page, plain)


def _derived(stream: str) -> list[Derived]:
    return [DERIVED[name] for name in STREAMS[stream].derived]


def _held_variants(con: sqlite3.Connection, page: ChangePage) -> list[tuple[int, str, str]]:
    ids = [c.key[0] for c in page.changes]
    if not ids:
        return []
    return con.execute(
        f"SELECT id, style_code, barcodes FROM catalog WHERE id IN ({','.join('?' * len(ids))})", ids
    ).fetchall()


def all_plain(con: sqlite3.Connection, stream: str) -> bool:
    """Every batch of the copy of `stream` just downloaded passed its derived structures'
    `plain` checks (asked by their `rebuild`, inside `finish_bootstrap`)."""
    row = con.execute("SELECT bootstrap_plain_failed FROM stream_state WHERE stream=?", (stream,)).fetchone()
    return row is not None and row[0] == 0


_BARCODES = STREAMS["catalog"].columns.index("barcodes")


_DIGITS_AND_SPACES = re.compile(r"[0-9 ]*")  # ASCII digits only: a str pattern's [0-9] is a range


def _barcodes_plain(rows: list[list[Scalar]]) -> bool:
    """The batch's barcodes are digits and spaces only (what central sends): one match over
    them all joined (a million rows: 0.12 s, the join most of it)."""
    return _DIGITS_AND_SPACES.fullmatch(" ".join(map(operator.itemgetter(_BARCODES), rows))) is not None


def _barcodes_rebuild(con: sqlite3.Connection) -> None:
    """The barcode index of a freshly downloaded catalog, split from its space-separated
    `barcodes` column inside SQLite (a million rows: about 1 s instead of 2.8 s in Python).
    When every batch held digits and spaces only (`_barcodes_plain`, checked as it came), two
    passes without a per-row pattern match do it (a million rows: 0.65 s instead of 1.26 s);
    otherwise the values that are not (none from central so far) are split by `_codes`."""
    con.execute("DELETE FROM barcodes")
    if all_plain(con, "catalog"):
        con.execute(
            "INSERT OR REPLACE INTO barcodes(code, variant_id) SELECT barcodes, id FROM catalog "
            "WHERE barcodes <> '' AND instr(barcodes, ' ') = 0"
        )
        con.execute(
            "INSERT OR REPLACE INTO barcodes(code, variant_id) "
            "SELECT j.value, c.id FROM catalog c, json_each('[\"' || replace(c.barcodes, ' ', '\",\"') || '\"]') j "
            "WHERE instr(c.barcodes, ' ') > 0 AND j.value <> ''"
        )
        return
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


def _barcodes_page(con: sqlite3.Connection, page: ChangePage) -> PageFinisher:
    held = _held_variants(con, page)
    con.executemany(  # the barcodes these variants had (one may since have moved to another)
        "DELETE FROM barcodes WHERE code=? AND variant_id=?",
        [(code, vid) for vid, _style, codes in held for code in _codes(codes)],
    )

    def after() -> None:
        final: dict[Scalar, list[Scalar] | None] = {}  # a variant may change twice in a page
        for ch in page.changes:
            final[ch.key[0]] = ch.row
        con.executemany(
            "INSERT OR REPLACE INTO barcodes(code, variant_id) VALUES (?, ?)",
            [(code, vid) for vid, row in final.items() if row is not None for code in _codes(row[9])],
        )

    return after


@contextmanager
def _bulk_styles(con: sqlite3.Connection, *indexes: str) -> Iterator[None]:
    """Rewrite many styles without the per-row triggers; then the search `indexes` build
    themselves from the table with FTS5's 'rebuild' (one sorted pass instead of a posting-list
    merge per style), and the triggers are made again, all in the caller's transaction."""
    for name in STYLE_TRIGGERS:
        con.execute(f"DROP TRIGGER IF EXISTS {name}")
    yield
    for index in indexes:
        con.execute(f"INSERT INTO {index}({index}) VALUES('rebuild')")
    for ddl in STYLE_TRIGGERS.values():
        con.execute(ddl)


def _styles_clear(con: sqlite3.Connection) -> None:
    with _bulk_styles(con, "styles_fts", "styles_tri"):
        con.execute("DELETE FROM styles")


def _styles_rebuild(con: sqlite3.Connection) -> None:
    with _bulk_styles(con, "styles_fts", "styles_tri"):
        con.execute("DELETE FROM styles")
        con.execute(REBUILD_STYLES.format(where=""))


def _styles_page(con: sqlite3.Connection, page: ChangePage) -> PageFinisher:
    touched = {style for _id, style, _codes in _held_variants(con, page)}

    def after() -> None:
        touched.update(str(ch.row[2]) for ch in page.changes if ch.row is not None)
        if touched:
            codes = sorted(touched)
            marks = ",".join("?" * len(codes))
            con.execute(f"DELETE FROM styles WHERE code IN ({marks})", codes)
            con.execute(REBUILD_STYLES.format(where=f"WHERE style_code IN ({marks})"), codes)

    return after


def _emptied(table: str) -> Callable[[sqlite3.Connection], None]:
    def clear(con: sqlite3.Connection) -> None:
        con.execute(f"DELETE FROM {table}")

    return clear


register_derived(
    "barcodes", clear=_emptied("barcodes"), rebuild=_barcodes_rebuild, page=_barcodes_page, plain=_barcodes_plain
)


def _names_rebuild(con: sqlite3.Connection) -> None:
    """The names stream was (re)downloaded: every built style takes its names from it (a first
    bootstrap comes before the catalog's, so there is nothing to rewrite yet)."""
    if con.execute("SELECT 1 FROM styles LIMIT 1").fetchone() is None:
        return
    with _bulk_styles(con, "styles_tri"):
        con.execute(RENAME_STYLES.format(where=""))


def _names_page(con: sqlite3.Connection, page: ChangePage) -> PageFinisher:
    def after() -> None:
        codes = {str(ch.key[1]) for ch in page.changes if ch.key[0] == "style"}
        colours = sorted({str(ch.key[1]) for ch in page.changes if ch.key[0] == "colour"})
        if colours:  # the styles of a renamed colour (rare: one pass over the catalog)
            marks = ",".join("?" * len(colours))
            codes.update(
                str(r[0])
                for r in con.execute(f"SELECT DISTINCT style_code FROM catalog WHERE colour IN ({marks})", colours)
            )
        if codes:
            ordered = sorted(codes)
            con.execute(RENAME_STYLES.format(where=f"WHERE code IN ({','.join('?' * len(ordered))})"), ordered)

    return after


register_derived("styles", clear=_styles_clear, rebuild=_styles_rebuild, page=_styles_page)
# The names stream feeds styles.names / local_text (and styles_tri, by the update trigger).
register_derived("local_names", clear=lambda _con: None, rebuild=_names_rebuild, page=_names_page)
# Live answers are a cache beside the stream: a new copy of the stream supersedes them.
register_derived("live_stock", clear=_emptied("live_stock"), rebuild=_emptied("live_stock"))


def _said_columns(message: str) -> tuple[str | None, str | None]:
    """What is kept beside a sentence's English: its code and params (JSON) when it is a Said."""
    if not isinstance(message, Said):
        return None, None
    # default=str: a param orjson cannot write (a Decimal) is kept as its text rather than
    # losing the problem being recorded
    return message.code, orjson.dumps(to_json(message.params), default=str).decode()


def _params(text: str | None) -> dict[str, Any] | None:
    """A kept problem's params, or none when they do not read back as a JSON object."""
    try:
        value = orjson.loads(text) if text else None
    except orjson.JSONDecodeError:
        return None
    return value if isinstance(value, dict) else None


DONE_KEPT = timedelta(days=30)  # done ops are remembered this long ("send again": already sent)


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
        with self.device.begin() as conn:  # indexes added since a device.db was made (schema.DEVICE_INDEXES)
            for ddl in DEVICE_INDEXES.values():
                conn.exec_driver_sql(ddl)
        self.cache: Engine = open_cache(self.cache_path)  # may raise CorruptDatabase
        # One writer lock per database file: a snapshot batch or a catalog swap (cache.db) must
        # not block sign-in, corrections and the journal (device.db).
        self._write_locks = {"cache": threading.RLock(), "device": threading.RLock()}
        # Called at the start of every raw() / tx() (reads and writes): the UI tests make it raise
        # on the GUI thread, proving no database work runs there.
        self.thread_guard: Callable[[], None] | None = None

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
        if self.thread_guard is not None:
            self.thread_guard()
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
        if self.thread_guard is not None:
            self.thread_guard()
        with self._write_locks["cache" if which == "cache" else "device"], self.raw(which) as con:
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
                "SELECT epoch, cursor, bootstrapped, bootstrap_hw, bootstrap_after_key, bootstrap_rows, synced_at, "
                "resync_epoch FROM stream_state WHERE stream=?",
                (stream,),
            ).fetchone()
        if row is None:
            return StreamState(stream)
        epoch, cursor, boot, hw, after_key, rows, synced, resync = row
        return StreamState(
            stream,
            epoch,
            int(cursor),
            bool(boot),
            hw,
            None if after_key is None else orjson.loads(after_key),
            int(rows),
            parse_ts(synced),
            resync,
        )

    def resyncing(self) -> list[str]:
        """Streams whose rows are from an older copy while a new one downloads beside them."""
        with self.raw() as con:
            return [r[0] for r in con.execute("SELECT stream FROM stream_state WHERE resync_epoch IS NOT NULL")]

    def _put_state(self, con: sqlite3.Connection, stream: str, **values: Any) -> None:
        con.execute(
            "INSERT OR IGNORE INTO stream_state(stream, cursor, bootstrapped, bootstrap_rows) VALUES (?, 0, 0, 0)",
            (stream,),
        )
        sets = ", ".join(f"{k}=?" for k in values)
        con.execute(f"UPDATE stream_state SET {sets} WHERE stream=?", (*values.values(), stream))

    def _clear(self, con: sqlite3.Connection, stream: str) -> None:
        con.execute(f"DELETE FROM {STREAMS[stream].local_table}")
        for d in _derived(stream):
            d.clear(con)

    def _drop_shadow(self, con: sqlite3.Connection, stream: str) -> None:
        con.execute(f"DROP TABLE IF EXISTS {shadow_table(stream)}")

    def begin_bootstrap(self, stream: str, epoch: str, high_water: int) -> None:
        """A first download, in place (the stream has nothing usable yet)."""
        table = STREAMS[stream].local_table
        with self.tx() as con:
            self._drop_shadow(con, stream)
            self._clear(con, stream)
            for name in TABLE_INDEXES.get(table, {}):
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
                bootstrap_plain_failed=0,
                resync_epoch=None,
            )

    def begin_resync(self, stream: str, epoch: str, high_water: int) -> None:
        """A new copy of a stream that has rows: downloaded into a shadow table beside the old
        rows, which stay usable (with their epoch and cursor) until `finish_bootstrap` swaps."""
        table = STREAMS[stream].local_table
        with self.tx() as con:
            self._drop_shadow(con, stream)
            (ddl,) = con.execute("SELECT sql FROM sqlite_master WHERE type='table' AND name=?", (table,)).fetchone()
            # After a swap SQLite keeps the table's SQL as `CREATE TABLE "name"(...)` (the RENAME
            # quotes it), so the name is matched quoted or not.
            head = re.match(rf'CREATE TABLE\s+(?:"{table}"|`{table}`|\[{table}\]|{table})\s*', str(ddl))
            if head is None:
                raise RuntimeError(f"unexpected SQL for table {table}: {ddl}")
            con.execute(f"CREATE TABLE {shadow_table(stream)} " + str(ddl)[head.end() :])
            self._put_state(
                con,
                stream,
                resync_epoch=epoch,
                bootstrap_hw=high_water,
                bootstrap_after_key=None,
                bootstrap_rows=0,
                bootstrap_plain_failed=0,
            )

    def apply_snapshot_rows(
        self, stream: str, rows: list[list[Scalar]], hashes: list[int], after_key: list[Scalar]
    ) -> None:
        with self.tx() as con:
            (resync,) = con.execute("SELECT resync_epoch FROM stream_state WHERE stream=?", (stream,)).fetchone()
            sql = INSERT[stream] if resync is None else INSERT_SHADOW[stream]  # rows after the resume key only
            # each row gains its hash as its last value, in place: list.append mapped in C, with no
            # Python frame and no new tuple per row (3.2 M rows: ~0.5 s less than a tuple each)
            deque(map(list.append, rows, hashes), maxlen=0)
            con.executemany(sql, rows)  # derived structures: in finish_bootstrap
            if not all(d.plain(rows) for d in _derived(stream) if d.plain is not None):
                con.execute("UPDATE stream_state SET bootstrap_plain_failed=1 WHERE stream=?", (stream,))
            con.execute(
                "UPDATE stream_state SET bootstrap_after_key=?, bootstrap_rows=bootstrap_rows+? WHERE stream=?",
                (orjson.dumps(after_key).decode(), len(rows), stream),
            )

    def finish_bootstrap(self, stream: str) -> None:
        """The download is complete: derived structures built, cursor set to its high water. A
        resync swaps the shadow table in here, in the same transaction. Then the pending marks
        sent under another epoch are settled (`settle_marks`)."""
        table = STREAMS[stream].local_table
        with self.tx() as con:
            hw, resync, epoch = con.execute(
                "SELECT bootstrap_hw, resync_epoch, epoch FROM stream_state WHERE stream=?", (stream,)
            ).fetchone()
            new_epoch = resync if resync is not None else epoch
            if resync is not None:
                for d in _derived(stream):
                    d.clear(con)
                con.execute(f"DROP TABLE {table}")
                con.execute(f"ALTER TABLE {shadow_table(stream)} RENAME TO {table}")
            for ddl in TABLE_INDEXES.get(table, {}).values():
                con.execute(ddl)
            for d in _derived(stream):
                d.rebuild(con)
            values: dict[str, Any] = {} if resync is None else {"epoch": resync}
            self._put_state(
                con,
                stream,
                **values,
                cursor=hw or 0,
                bootstrapped=1,
                bootstrap_hw=None,
                bootstrap_after_key=None,
                bootstrap_rows=0,
                bootstrap_plain_failed=None,  # the copy is in: what its batches held is not known of later rows
                resync_epoch=None,
                synced_at=now_iso(),
            )
        self.settle_marks(stream, new_epoch)

    def marks_epoch(self, stream: str) -> str | None:
        """The epoch of `stream` in which the recorded central sequences of sent ops belong."""
        rows = self.query("SELECT value FROM meta WHERE key=?", (f"marks_epoch:{stream}",), "device")
        return str(rows[0][0]) if rows else None

    def settle_marks(self, stream: str, epoch: str | None) -> None:
        """A copy of `stream` from `epoch` is in place. Sent ops' pending marks compare central's
        sequence with the stream's cursor, but a sequence from another epoch belongs to another
        log: those marks are settled (the op types' `settle_marks` hooks) and the epoch is kept."""
        if epoch is None:
            return
        with self.tx("device") as con:
            key = f"marks_epoch:{stream}"
            row = con.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
            if row is not None and row[0] == epoch:
                return
            for settle in marks_settlers(stream):
                settle(con)
            con.execute(
                "INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value=excluded.value",
                (key, epoch),
            )

    def abandon_download(self, stream: str) -> None:
        """A download that cannot be resumed (rows were lost): a resync drops its shadow copy and
        keeps the old rows; a first download starts over."""
        if self.stream_state(stream).resync_epoch is None:
            self.reset_stream(stream)
            return
        with self.tx() as con:
            self._drop_shadow(con, stream)
            self._put_state(
                con, stream, resync_epoch=None, bootstrap_hw=None, bootstrap_after_key=None, bootstrap_rows=0
            )

    def apply_page(self, stream: str, page: ChangePage) -> None:
        with self.tx() as con:
            finishers = [d.page(con, page) for d in _derived(stream) if d.page is not None and page.changes]
            # Apply in log order so that a delete followed by a re-insert ends as it should.
            delete, upsert = DELETE[stream], UPSERT[stream]
            for ch in page.changes:
                if ch.row is None:
                    con.execute(delete, ch.key)
                else:
                    con.execute(upsert, (*ch.row, row_hash(orjson.dumps(ch.row))))
            for finish in finishers:
                finish()
            self._put_state(con, stream, cursor=page.next, synced_at=now_iso())

    def local_checksum(self, stream: str) -> tuple[int, int]:
        with self.raw() as con:
            count, total = con.execute(
                f"SELECT count(*), coalesce(sum(h), 0) FROM {STREAMS[stream].local_table}"
            ).fetchone()
        return int(count), int(total)

    def reset_stream(self, stream: str) -> None:
        with self.tx() as con:
            self._drop_shadow(con, stream)
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
                resync_epoch=None,
            )

    def reset_all_streams(self) -> None:
        for stream in STREAMS:
            self.reset_stream(stream)

    # --- SyncStore: outbox -------------------------------------------------------------------

    _OP_COLUMNS = "op_id, device_seq, type, payload, attempts, next_attempt_at, in_doubt"

    def next_ops(
        self, limit: int, *, ignore_backoff: bool = False, through_in_doubt: bool = False
    ) -> tuple[list[PendingOp], datetime | None]:
        """The pending ops that are due, from the head of the queue in device order (an op waiting
        for its backoff holds those behind it), and when the first one not due is due.
        `through_in_doubt`: from the head up to the last op in doubt, due or not (never skipping
        an earlier op); `PendingOp.due` says which were due."""
        where = "state='pending'"
        if through_in_doubt:
            where += " AND device_seq <= (SELECT max(device_seq) FROM outbox WHERE state='pending' AND in_doubt=1)"
        with self.raw("device") as con:
            rows = con.execute(
                f"SELECT {self._OP_COLUMNS} FROM outbox WHERE {where} ORDER BY device_seq LIMIT ?", (limit,)
            ).fetchall()
        now = datetime.now(UTC)
        ops: list[PendingOp] = []
        for op_id, seq, type_, payload, attempts, next_at, in_doubt in rows:
            when = parse_ts(next_at)
            due = when is None or when <= now
            if not due and not (ignore_backoff or through_in_doubt):
                return ops, when
            ops.append(PendingOp(op_id, int(seq), type_, payload, int(attempts), bool(in_doubt), due))
        return ops, None

    def next_due(self) -> datetime | None:
        """When the head of the queue may be sent (None: nothing pending)."""
        with self.raw("device") as con:
            row = con.execute(
                "SELECT next_attempt_at FROM outbox WHERE state='pending' ORDER BY device_seq LIMIT 1"
            ).fetchone()
        if row is None:
            return None
        return parse_ts(row[0]) or datetime.now(UTC)

    def in_doubt_streams(self) -> set[str]:
        """Streams that pending ops sent without an answer may already have changed on central."""
        with self.raw("device") as con:
            types = [r[0] for r in con.execute("SELECT DISTINCT type FROM outbox WHERE state='pending' AND in_doubt=1")]
        return {s for t in types for s in hooks_for(t).streams}

    def op_done(self, op_id: str, result: dict[str, Any] | None) -> None:
        self.ops_done([(op_id, result)])

    def ops_done(self, done: Sequence[tuple[str, dict[str, Any] | None]]) -> None:
        """Central applied these ops (a push's answer): each marked done with its type's hook, all
        in one device.db transaction; then done ops older than DONE_KEPT are forgotten (one scan
        per answer, not per op)."""
        if not done:
            return
        with self.tx("device") as con:
            now = datetime.now(UTC)
            stamp = now.isoformat(timespec="milliseconds")
            for op_id, result in done:
                row = con.execute("SELECT type FROM outbox WHERE op_id=?", (op_id,)).fetchone()
                if row is None:
                    continue
                con.execute(
                    "UPDATE outbox SET state='done', in_doubt=0, done_at=?, next_attempt_at=NULL WHERE op_id=?",
                    (stamp, op_id),
                )
                hooks_for(row[0]).on_applied(con, op_id, result)
            con.execute("DELETE FROM outbox WHERE state='done' AND done_at < ?", ((now - DONE_KEPT).isoformat(),))

    def op_retry(
        self, op_id: str, error: str, at: datetime, *, server_failure: bool, in_doubt: bool, stuck_after: int
    ) -> str:
        """Try again at `at`; an op central failed `stuck_after` times is set aside as stuck.
        Returns the op's state afterwards ("pending" | "stuck")."""
        with self.tx("device") as con:
            con.execute(
                "UPDATE outbox SET attempts=attempts+1, last_error=?, last_error_code=?, last_error_params=?, "
                "next_attempt_at=?, in_doubt=CASE WHEN ? THEN 1 ELSE 0 END, server_failures=server_failures+? "
                "WHERE op_id=?",
                (str(error), *_said_columns(error), at.isoformat(), in_doubt, int(server_failure), op_id),
            )
            con.execute(
                "UPDATE outbox SET state='stuck', next_attempt_at=NULL WHERE op_id=? AND state='pending' "
                "AND server_failures>=?",
                (op_id, stuck_after),
            )
            row = con.execute("SELECT state FROM outbox WHERE op_id=?", (op_id,)).fetchone()
        return str(row[0]) if row else "unknown"

    def op_dead(self, op_id: str, status: int, detail: str) -> None:
        with self.tx("device") as con:
            row = con.execute("SELECT type FROM outbox WHERE op_id=?", (op_id,)).fetchone()
            if row is None:
                return
            con.execute(
                "UPDATE outbox SET state='dead', dead_status=?, last_error=?, last_error_code=?, "
                "last_error_params=?, attempts=attempts+1, in_doubt=0, next_attempt_at=NULL WHERE op_id=?",
                (status, str(detail), *_said_columns(detail), op_id),
            )
            hooks_for(row[0]).on_rejected(con, op_id, None)

    def outbox_counts(self) -> OutboxCounts:
        with self.raw("device") as con:
            rows = dict(con.execute("SELECT state, count(*) FROM outbox GROUP BY state").fetchall())
        return OutboxCounts(int(rows.get("pending", 0)), int(rows.get("dead", 0)), int(rows.get("stuck", 0)))

    def outbox_rows(self, state: str | None = None) -> list[dict[str, Any]]:
        """Ops in device order: those of `state`, or every op not done yet (pending, dead, stuck)."""
        q = (
            "SELECT op_id, device_seq, type, payload, created_at, attempts, next_attempt_at, last_error, state, "
            "dead_status, in_doubt, server_failures, last_error_code, last_error_params FROM outbox"
        )
        args: tuple[Any, ...] = ()
        if state:
            q += " WHERE state=?"
            args = (state,)
        else:
            q += " WHERE state<>'done'"
        with self.raw("device") as con:
            con.row_factory = sqlite3.Row
            try:
                rows = [dict(r) for r in con.execute(q + " ORDER BY device_seq", args)]
            finally:
                con.row_factory = None
        for r in rows:
            r["payload"] = orjson.loads(r["payload"])
            if r["last_error"] is not None:  # a Said again where it was kept as one (sync/words.py)
                r["last_error"] = stored(r["last_error"], r["last_error_code"], _params(r["last_error_params"]))
        return rows

    def requeue(self, op_id: str) -> str:
        """Queue a dead or stuck op again: "requeued"; "unknown" for an id the outbox never had
        (or forgot); "not-rejected" for an op still waiting or already sent (left untouched)."""
        with self.tx("device") as con:
            row = con.execute("SELECT type, state FROM outbox WHERE op_id=?", (op_id,)).fetchone()
            if row is None:
                return "unknown"
            type_, state = row
            if state not in ("dead", "stuck"):
                return "not-rejected"
            con.execute(
                "UPDATE outbox SET state='pending', next_attempt_at=NULL, dead_status=NULL, server_failures=0 "
                "WHERE op_id=?",
                (op_id,),
            )
            hooks_for(type_).on_requeued(con, op_id, None)
            return "requeued"

    def record_error(self, kind: str, message: str | None) -> None:
        """A problem the sync engine keeps visible until it is over (`message` None). A `Said`
        keeps its code and params beside the English, so `errors()` gives it back as one."""
        with self.tx("device") as con:
            if message is None:
                con.execute("DELETE FROM sync_errors WHERE kind=?", (kind,))
            else:
                code, params = _said_columns(message)
                con.execute(
                    "INSERT INTO sync_errors(kind, at, message, code, params) VALUES (?, ?, ?, ?, ?) "
                    "ON CONFLICT(kind) DO UPDATE SET at=excluded.at, message=excluded.message, "
                    "code=excluded.code, params=excluded.params",
                    (kind, now_iso(), str(message), code, params),
                )

    def errors(self) -> list[str]:
        """The problems kept, oldest first: each a `Said` again where it was kept as one."""
        with self.raw("device") as con:
            rows = con.execute("SELECT message, code, params FROM sync_errors ORDER BY at").fetchall()
        return [stored(message, code, _params(params)) for message, code, params in rows]

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
        if journal_upload.batch_due(con, entry.seq):  # the batch goes in this same transaction
            journal_upload.make_batches(con, self.enqueue, force=True)
        return entry

    def journal_flush(self) -> list[str]:
        """Put every journal entry not yet in a batch into journal.batch ops (their op ids)."""
        with self.tx("device") as con:
            return journal_upload.make_batches(con, self.enqueue, force=True)

    def journal_marks(self) -> dict[str, Any]:
        """`batched`: the last entry put in a batch; `held`: central's answer to the last batch
        applied ({device_id, seq, hash, breaks}); either None."""
        with self.raw("device") as con:
            rows = dict(con.execute("SELECT key, value FROM meta WHERE key IN (?, ?)", (META_BATCHED, META_HELD)))
        return {
            k: None if rows.get(m) is None else orjson.loads(rows[m])
            for k, m in (("batched", META_BATCHED), ("held", META_HELD))
        }

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
