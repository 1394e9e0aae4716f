"""Opening the two local databases.

- `cache.db`: what central owns and the tablet mirrors (catalog, prices, stock, staff, ...), with
  the stream cursors in the same file so a page and its cursor commit together. It can always be
  rebuilt by a new bootstrap: a corrupt cache is moved aside, never repaired in place.
- `device.db`: what only this device knows: identity, the outbox with the business records it
  belongs to, the journal, sign-in failures. It is never thrown away.
"""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, MetaData, create_engine, event, text

from pos_app.local.schema import FTS_DDL, SCHEMA_VERSION, cache_metadata, device_metadata


class CorruptDatabase(Exception):
    def __init__(self, path: Path, detail: str) -> None:
        super().__init__(f"{path.name} is damaged: {detail}")
        self.path = path
        self.detail = detail


def _engine(path: Path) -> Engine:
    engine = create_engine(
        f"sqlite:///{path}",
        connect_args={"check_same_thread": False, "timeout": 30},
        pool_size=8,
        max_overflow=8,
    )

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_conn: Any, _record: Any) -> None:
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.execute("PRAGMA busy_timeout=30000")
        cur.execute("PRAGMA cache_size=-16000")
        cur.execute("PRAGMA temp_store=MEMORY")
        cur.execute("PRAGMA mmap_size=67108864")  # 64 MiB: counts toward resident memory
        cur.close()

    return engine


def _probe(path: Path) -> None:
    """Cheap start-up check: header, schema and the first pages read back."""
    if not path.exists():
        return
    try:
        con = sqlite3.connect(path)
        try:
            con.execute("SELECT count(*) FROM sqlite_master").fetchone()
            (version,) = con.execute("PRAGMA user_version").fetchone()
            if version > SCHEMA_VERSION:
                raise CorruptDatabase(path, f"made by a newer app (schema {version})")
            (ok,) = con.execute("PRAGMA quick_check(1)").fetchone() if path.stat().st_size < 64 << 20 else ("ok",)
            if ok != "ok":
                raise CorruptDatabase(path, ok)
        finally:
            con.close()
    except sqlite3.DatabaseError as e:
        raise CorruptDatabase(path, str(e)) from None


def _add_missing_columns(conn: Connection, metadata: MetaData) -> None:
    """Columns added since a file was made (nullable or with a server default): ALTER TABLE ADD."""
    for table in metadata.sorted_tables:
        have = {r[1] for r in conn.exec_driver_sql(f"PRAGMA table_info({table.name})")}
        for col in table.columns:
            if col.name in have:
                continue
            sqltype = col.type.compile(dialect=conn.dialect)
            default = f" NOT NULL DEFAULT {col.server_default.arg}" if col.server_default is not None else ""  # type: ignore[attr-defined]
            conn.exec_driver_sql(f"ALTER TABLE {table.name} ADD COLUMN {col.name} {sqltype}{default}")


# Caches of 2026-12-01 held names per language on every catalog row (`names`, `colour_names`);
# they now come in the `names` stream. Such a catalog (and what was derived from it) is dropped
# and downloaded again: its rows and checksums are of the old shape.
_OLD_CATALOG = ("styles_vocab", "styles_fts", "styles_tri", "styles", "barcodes", "catalog", "catalog__new")


def _drop_old_catalog(conn: Connection) -> None:
    have = {r[1] for r in conn.exec_driver_sql("PRAGMA table_info(catalog)")}
    if "colour_names" not in have:
        return
    for table in _OLD_CATALOG:
        conn.exec_driver_sql(f"DROP TABLE IF EXISTS {table}")
    conn.exec_driver_sql("DELETE FROM stream_state WHERE stream='catalog'")


def open_cache(path: Path) -> Engine:
    _probe(path)
    engine = _engine(path)
    with engine.begin() as conn:
        cache_metadata.create_all(conn)
        _drop_old_catalog(conn)
        cache_metadata.create_all(conn)
        _add_missing_columns(conn, cache_metadata)
        for ddl in FTS_DDL:
            conn.exec_driver_sql(ddl)
        conn.exec_driver_sql(f"PRAGMA user_version={SCHEMA_VERSION}")
    return engine


def open_device(path: Path) -> Engine:
    _probe(path)
    engine = _engine(path)
    with engine.begin() as conn:
        device_metadata.create_all(conn)
        _add_missing_columns(conn, device_metadata)
        conn.exec_driver_sql(f"PRAGMA user_version={SCHEMA_VERSION}")
    return engine


def move_aside(path: Path) -> Path:
    """Keep a damaged file for support instead of deleting it."""
    target = path.with_name(f"{path.name}.damaged-{time.strftime('%Y%m%d-%H%M%S')}")
    for suffix in ("", "-wal", "-shm"):
        p = Path(str(path) + suffix)
        if p.exists():
            p.rename(Path(str(target) + suffix))
    return target


def integrity_check(engine: Engine) -> list[str]:
    with engine.connect() as conn:
        rows = conn.execute(text("PRAGMA integrity_check")).all()
    problems = [r[0] for r in rows]
    return [] if problems == ["ok"] else problems
