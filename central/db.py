"""Engine, sessions and migrations of central's database (SQLite file or PostgreSQL)."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Connection, Engine, Table, create_engine, event, select, text
from sqlalchemy.orm import Session, sessionmaker

from central.models import Meta
from sync.pins import new_pin_key

WRITER = "aisle_writer"  # the execution option central.changes.writing() sets

MIGRATIONS = Path(__file__).parent / "migrations"
APP_NAME = "aisle-central"
POOL_SIZE, POOL_OVERFLOW = 10, 20  # per process, PostgreSQL (the listener holds one more)


def make_engine(url: str) -> Engine:
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
    if url.startswith("sqlite"):
        engine = create_engine(
            url, connect_args={"check_same_thread": False, "timeout": 30}, pool_size=16, max_overflow=32
        )

        # SQLAlchemy's documented pysqlite recipe: pysqlite's own transaction handling is turned
        # off and the begin hook emits BEGIN itself, so a writer (central.changes.writing) can
        # open its transaction with BEGIN IMMEDIATE and hold the write lock from the start.
        @event.listens_for(engine, "connect")
        def _pragmas(dbapi_conn: Any, _record: Any) -> None:
            dbapi_conn.isolation_level = None
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA synchronous=NORMAL")
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA busy_timeout=30000")
            cur.close()

        @event.listens_for(engine, "begin")
        def _begin(conn: Connection) -> None:
            writer = conn.get_execution_options().get(WRITER, False)
            conn.exec_driver_sql("BEGIN IMMEDIATE" if writer else "BEGIN")

        return engine
    # application_name: pg_stat_activity tells each process's connections apart (the connection
    # budget, docs/scale.md, is counted by it).
    return create_engine(
        url,
        pool_size=POOL_SIZE,
        max_overflow=POOL_OVERFLOW,
        pool_pre_ping=True,
        connect_args={"application_name": f"{APP_NAME} {os.getpid()}"},
    )


def is_postgres(engine: Engine) -> bool:
    return engine.dialect.name == "postgresql"


_SERIALS: dict[tuple[str, str, str], str] = {}  # (database, table, column) -> its sequence
_SERIAL_OF = text("SELECT pg_get_serial_sequence(:t, :c)")
_NEXTVALS = text("SELECT nextval(CAST(:seq AS regclass)) FROM generate_series(1, :n)")


def insert_many(session: Session, table: Table, rows: list[dict[str, Any]]) -> list[int]:
    """INSERT `rows` into `table` (its primary key one auto-incremented integer column) and
    return their keys in the order of `rows`, ascending (ids follow the rows' order).

    PostgreSQL: the keys are taken from the column's sequence in one statement, and the rows
    go as one pipelined executemany of one fixed statement. A multi-row INSERT … RETURNING
    (SQLAlchemy's insertmanyvalues) is new SQL text for each number of rows, and psycopg parses
    such a statement again each time: that parse was a sixth of central's CPU per sale.
    SQLite: one multi-row INSERT … RETURNING, sorted by parameter order."""
    if not rows:
        return []
    (pk,) = table.primary_key.columns
    if session.get_bind().dialect.name != "postgresql":
        stmt = table.insert().returning(pk, sort_by_parameter_order=True)
        return [int(r[0]) for r in session.execute(stmt, rows)]
    name = (str(session.get_bind().engine.url), table.name, pk.name)
    seq = _SERIALS.get(name)
    if seq is None:
        seq = _SERIALS[name] = str(session.execute(_SERIAL_OF, {"t": table.name, "c": pk.name}).scalar_one())
    ids = sorted(int(i) for i in session.scalars(_NEXTVALS, {"seq": seq, "n": len(rows)}))
    session.execute(table.insert(), [{**row, pk.name: i} for row, i in zip(rows, ids, strict=True)])
    return ids


def alembic_config(engine: Engine) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["engine"] = engine
    return cfg


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest revision and make sure the log has an epoch."""
    from central.changes import writing  # central.changes imports this module

    command.upgrade(alembic_config(engine), "heads")  # also a tree whose branches are not merged yet
    with Session(engine) as s, writing(s):
        if s.get(Meta, "epoch") is None:
            s.add(Meta(key="epoch", value=str(uuid.uuid4())))
        if s.get(Meta, "pin_key") is None:
            s.add(Meta(key="pin_key", value=new_pin_key()))


def new_epoch(session: Session) -> str:
    """A new epoch tells every device its cursors are void: they resync (outbox first)."""
    epoch = str(uuid.uuid4())
    meta = session.get(Meta, "epoch")
    if meta is None:
        session.add(Meta(key="epoch", value=epoch))
    else:
        meta.value = epoch
    return epoch


def get_pin_key(session: Session) -> str:
    """The retailer's PIN key (sync.pins): staff PIN hashes are keyed with it, and enrolled
    devices receive it. Made once by `migrate`."""
    value = session.scalar(select(Meta.value).where(Meta.key == "pin_key"))
    if value is None:
        raise RuntimeError("database has no PIN key: run `central migrate`")
    return value


def get_epoch(session: Session) -> str:
    value = session.scalar(select(Meta.value).where(Meta.key == "epoch"))
    if value is None:
        raise RuntimeError("database has no epoch: run `central migrate`")
    return value


class Database:
    def __init__(self, url: str) -> None:
        self.url = url
        self.engine = make_engine(url)
        self.sessions = sessionmaker(self.engine, expire_on_commit=False)

    @contextmanager
    def session(self) -> Iterator[Session]:
        with self.sessions() as s:
            yield s

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """A writing transaction (central.changes.writing): the writer lock first, committed at
        the end. Every writer goes through it, whether or not it appends to the change log."""
        from central.changes import writing  # central.changes imports this module

        with self.sessions() as s, writing(s):
            yield s

    def dispose(self) -> None:
        self.engine.dispose()
