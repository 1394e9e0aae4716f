"""The change-log writer lock is taken at the start of every writing transaction, through one
context manager (central.changes.writing): on SQLite the transaction opens with BEGIN IMMEDIATE
(the engine's pysqlite begin hook), on PostgreSQL it takes the advisory lock first."""

from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy import select, text
from sqlalchemy.orm import Session

from central.changes import adjust_stock, record, writing
from central.db import Database
from central.models import Variant
from tests.central.helpers import location_id


def other_writer_blocked(db: Database) -> bool:
    """Whether another connection would have to wait to write now."""
    if db.engine.dialect.name == "sqlite":
        path = db.engine.url.database
        assert path
        con = sqlite3.connect(path, timeout=0.1, isolation_level=None)
        try:
            con.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as e:
            assert "locked" in str(e)
            return True
        finally:
            con.close()
        return False
    with db.engine.connect() as c:
        got = c.execute(text("SELECT pg_try_advisory_xact_lock(:k)"), {"k": 0x41_49_53_4C}).scalar_one()
        c.rollback()
        return not got


def test_the_writer_lock_is_held_from_the_start_of_a_writing_transaction(backend: Database) -> None:
    with Session(backend.engine) as s:
        s.scalar(select(Variant.id).limit(1))  # a reader does not hold the writer lock
        assert not other_writer_blocked(backend)
    with Session(backend.engine) as s, writing(s):
        # Before anything is read or written: another writer already waits.
        assert other_writer_blocked(backend)
        s.scalar(select(Variant.id).limit(1))
        assert other_writer_blocked(backend)
    assert not other_writer_blocked(backend)  # committed: released


def test_a_rolled_back_writer_releases_the_lock(backend: Database) -> None:
    tky = location_id(backend, "TKY01")
    with pytest.raises(ZeroDivisionError), Session(backend.engine) as s, writing(s):
        adjust_stock(s, location_id=tky, variant_id=1, delta=1, reason="count", source="test")
        _ = 1 / 0
    assert not other_writer_blocked(backend)


def test_change_log_writes_outside_writing_are_refused(backend: Database) -> None:
    tky = location_id(backend, "TKY01")
    with Session(backend.engine) as s:
        with pytest.raises(RuntimeError, match=r"inside central\.changes\.writing"):
            record(s, "stock", tky, [tky, 1], [tky, 1, 0, 0])
        with pytest.raises(RuntimeError, match=r"inside central\.changes\.writing"):
            adjust_stock(s, location_id=tky, variant_id=1, delta=1, reason="count", source="test")


def test_writing_must_start_the_transaction(backend: Database) -> None:
    """A read before the lock could see a row another writer changes before this one commits."""
    with Session(backend.engine) as s:
        s.scalar(select(Variant.id).limit(1))
        with pytest.raises(RuntimeError, match="must start the transaction"), writing(s):
            pass
