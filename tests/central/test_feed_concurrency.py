"""The change feed never skips a committed change, with concurrent writers on real PostgreSQL.

PostgreSQL hands out sequence numbers at insert time but transactions commit in any order. A
reader that saw seq 11 committed could move its cursor past 10 while 10's transaction is still
open, and never see 10. central.changes serialises change-log appends with a transaction-scoped
advisory lock; the second test removes the lock and shows the skip this prevents.
"""

from __future__ import annotations

import random
import threading
import time
from collections.abc import Iterator

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

import central.changes
from central.changes import adjust_stock
from central.db import Database, migrate
from central.feeds import Scope, change_page
from central.models import ChangeLog, Location, Variant
from central.seed import seed
from tests.central.conftest import _fresh_pg

pytestmark = pytest.mark.postgres

WRITERS = 6
PER_WRITER = 25


@pytest.fixture
def pg(pg_server: str) -> Iterator[Database]:
    db = Database(_fresh_pg(pg_server))
    migrate(db.engine)
    seed(db, products=60, stores=2, seed=1)
    yield db
    db.dispose()


def run(db: Database, hold: float) -> tuple[list[int], set[int]]:
    """Writers commit stock changes slowly; a reader follows the feed. Returns (read, committed)."""
    with db.session() as s:
        locs = tuple(s.scalars(select(Location.id)))
        variants = list(s.scalars(select(Variant.id).limit(WRITERS)))
    scope = Scope(store_id=locs[0], stock_locations=locs, price_lists=())
    done = threading.Event()
    errors: list[BaseException] = []

    def writer(vid: int, rnd: random.Random) -> None:
        try:
            for _ in range(PER_WRITER):
                with Session(db.engine) as s:
                    adjust_stock(s, location_id=locs[0], variant_id=vid, delta=-1, reason="sale", source="test")
                    time.sleep(rnd.random() * hold)  # seq assigned, not yet committed
                    s.commit()
        except BaseException as e:  # surface in the main thread
            errors.append(e)

    read: list[int] = []

    def reader() -> None:
        after = 0
        with Session(db.engine) as s:
            while True:
                finished = done.is_set()
                page = change_page(s, scope, "stock", after, 50)
                s.rollback()
                read.extend(c.seq for c in page.changes)
                after = page.next
                if finished and not page.has_more:
                    return
                time.sleep(0.001)

    threads = [threading.Thread(target=writer, args=(v, random.Random(i))) for i, v in enumerate(variants)]
    r = threading.Thread(target=reader)
    r.start()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    done.set()
    r.join(60)
    assert not errors, errors
    with db.session() as s:
        committed = set(s.scalars(select(ChangeLog.seq).where(ChangeLog.stream == "stock")))
    return read, committed


def test_feed_sees_every_committed_change_exactly_once(pg: Database) -> None:
    read, committed = run(pg, hold=0.004)
    assert len(committed) == WRITERS * PER_WRITER
    assert len(read) == len(set(read))  # nothing twice
    assert set(read) == committed  # nothing skipped
    assert read == sorted(read)


def test_without_the_lock_the_feed_skips(pg: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    """The control experiment: it proves the first test can fail."""
    monkeypatch.setattr(central.changes, "_lock", lambda session: None)
    read, committed = run(pg, hold=0.01)
    assert set(read) < committed, "expected the unlocked feed to skip a change"
