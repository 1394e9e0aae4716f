"""The change feed never skips a committed change (DESIGN.md section 3), on a real PostgreSQL.

Why this needs a lock, and why these tests would fail without it: PostgreSQL hands out a
sequence number when the row is inserted, but transactions commit in any order. Say writer A
inserts seq 10 and is still busy, writer B inserts seq 11 and commits. A reader now sees
max(seq) = 11 with 11 committed, so its page ends at 11 and its cursor moves to 11. When A
commits, seq 10 is below every cursor that read past 11: that device never gets the change.
`central.changes` takes a transaction-scoped advisory lock before appending to the log (and,
in `adjust_stock`, before reading the stock row), so B cannot even get its sequence number
until A has committed: seq order is commit order, and everything at or below the high water a
reader sees is committed. Remove `_lock` and `test_without_the_lock_a_reader_skips_a_change`
shows the skip step by step, and the concurrent run skips changes within a second.
"""

from __future__ import annotations

import random
import threading
import time
from collections.abc import Callable

import pytest
from sqlalchemy import select, text
from sqlalchemy.orm import Session

import central.changes
from central.changes import adjust_stock, writing
from central.db import Database
from central.feeds import Scope, change_page
from central.models import ChangeLog, Location, Variant

pytestmark = pytest.mark.postgres

WRITERS = 8
PER_WRITER = 30
HOLD = 0.004  # up to 4 ms between taking the sequence number and committing


def everything(db: Database) -> tuple[Scope, list[int], list[int]]:
    with db.session() as s:
        locations = list(s.scalars(select(Location.id).order_by(Location.id)))
        variants = list(s.scalars(select(Variant.id).order_by(Variant.id).limit(WRITERS)))
    return Scope(locations[0], tuple(locations), ()), locations, variants


def committed_seqs(db: Database) -> list[int]:
    with db.session() as s:
        return list(s.scalars(select(ChangeLog.seq).where(ChangeLog.stream == "stock").order_by(ChangeLog.seq)))


class Reader:
    """A device following the stock feed with the cursor each page gives it."""

    def __init__(self, db: Database, scope: Scope, limit: int = 25) -> None:
        self.session = Session(db.engine)
        self.scope, self.limit = scope, limit
        self.after = 0
        self.seen: list[int] = []
        self.pages_with_changes = 0

    def pull(self) -> bool:
        page = change_page(self.session, self.scope, "stock", self.after, self.limit)
        self.session.rollback()  # end the read transaction: the next page sees new commits
        assert all(c.seq > self.after for c in page.changes)
        self.seen.extend(c.seq for c in page.changes)
        self.pages_with_changes += bool(page.changes)
        self.after = page.next
        return page.has_more

    def close(self) -> None:
        self.session.close()


def race(db: Database) -> tuple[Reader, list[int]]:
    """WRITERS threads commit stock changes, half of them slowly, some rolled back, while a
    reader follows the feed. Returns the reader and the sequence numbers that committed."""
    scope, locations, variants = everything(db)
    errors: list[BaseException] = []
    start = threading.Barrier(WRITERS + 1)

    def writer(n: int) -> None:
        rnd = random.Random(n)
        try:
            start.wait()
            for i in range(PER_WRITER):
                with Session(db.engine) as s, writing(s):
                    loc = locations[(n + i) % len(locations)]
                    adjust_stock(s, location_id=loc, variant_id=variants[n], delta=-1, reason="sale", source="test")
                    if n % 2:  # the sequence number is taken and not committed yet
                        time.sleep(rnd.random() * HOLD)
                    if i % 7 == 3:
                        s.rollback()  # a gap in the sequence that is not a missed change
                    else:
                        s.commit()
        except BaseException as e:
            errors.append(e)

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(WRITERS)]
    for t in threads:
        t.start()
    reader = Reader(db, scope)
    start.wait()
    try:
        while any(t.is_alive() for t in threads):
            reader.pull()
            time.sleep(0.0005)
        for t in threads:
            t.join()
        while reader.pull():  # the rest, after the last commit
            pass
    finally:
        reader.close()
    assert not errors, errors
    return reader, committed_seqs(db)


def test_concurrent_writers_a_reader_sees_every_committed_change_exactly_once(pg_backend: Database) -> None:
    reader, committed = race(pg_backend)
    rolled_back = WRITERS * sum(1 for i in range(PER_WRITER) if i % 7 == 3)
    assert len(committed) == WRITERS * PER_WRITER - rolled_back
    assert len(reader.seen) == len(set(reader.seen))  # nothing twice
    assert reader.seen == committed  # nothing skipped, in order
    assert reader.pages_with_changes >= 10  # it really read while the writers wrote


def test_without_the_lock_concurrent_writers_make_a_reader_skip(
    pg_backend: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The control run: the same race with the lock removed loses changes, so the test above
    is able to fail."""
    monkeypatch.setattr(central.changes, "_lock", lambda session: None)
    reader, committed = race(pg_backend)
    assert set(reader.seen) < set(committed), "expected the unlocked feed to skip a change"


def wait_for(condition: Callable[[], bool], within: float = 10.0) -> None:
    deadline = time.monotonic() + within
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.01)


def waiting_for_advisory_lock(db: Database) -> bool:
    with db.session() as s:
        q = "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted"
        return bool(s.scalar(text(q)))


def test_a_later_writer_waits_for_the_earlier_one_to_commit(pg_backend: Database) -> None:
    scope, locations, variants = everything(pg_backend)
    reader = Reader(pg_backend, scope)
    done = threading.Event()

    def writer_b() -> None:
        with Session(pg_backend.engine) as b, writing(b):
            adjust_stock(b, location_id=locations[1], variant_id=variants[1], delta=1, reason="b", source="test")
            b.commit()
        done.set()

    with Session(pg_backend.engine) as a, writing(a):
        seq_a, _ = adjust_stock(a, location_id=locations[0], variant_id=variants[0], delta=1, reason="a", source="test")
        thread = threading.Thread(target=writer_b)
        thread.start()
        wait_for(lambda: waiting_for_advisory_lock(pg_backend))  # B queues behind A's lock
        assert not done.is_set()
        reader.pull()
        assert reader.seen == [] and reader.after == 0  # nothing committed, cursor stays
        a.commit()
    thread.join(10)
    assert done.is_set()
    reader.pull()
    reader.close()
    assert reader.seen == committed_seqs(pg_backend) == [seq_a, seq_a + 1]


def test_without_the_lock_a_reader_skips_a_change(pg_backend: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    """The failure the lock prevents, step by step."""
    monkeypatch.setattr(central.changes, "_lock", lambda session: None)
    scope, locations, variants = everything(pg_backend)
    reader = Reader(pg_backend, scope)
    with Session(pg_backend.engine) as a, writing(a):
        seq_a, _ = adjust_stock(a, location_id=locations[0], variant_id=variants[0], delta=1, reason="a", source="test")
        with Session(pg_backend.engine) as b, writing(b):  # B does not wait any more
            seq_b, _ = adjust_stock(
                b, location_id=locations[1], variant_id=variants[1], delta=1, reason="b", source="test"
            )
            b.commit()
        assert seq_a < seq_b
        reader.pull()
        assert reader.seen == [seq_b] and reader.after == seq_b  # the cursor passed seq_a
        a.commit()
    reader.pull()
    reader.close()
    assert committed_seqs(pg_backend) == [seq_a, seq_b]
    assert seq_a not in reader.seen  # committed, and this device will never get it
