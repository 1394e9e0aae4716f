"""Change-log pruning (central/prune.py, `central prune-log`; docs/scale.md): key compaction never
changes what a device ends with from any cursor; the floor answers 410 below it and whole pages
at or above it; batches take the writer lock; bad input is one sentence and exit 2."""

from __future__ import annotations

import threading
import time
from datetime import timedelta
from typing import Any

import orjson
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select, update

from central import cli
from central.changes import adjust_stock, now, record, set_price
from central.db import Database, new_epoch
from central.models import ChangeLog, Meta, PriceList
from central.prune import LOG_FLOOR, log_floors, prune_log
from sync.protocol import STREAMS, CursorPruned
from tests.central.helpers import Enrolled, enrol, location_id, snapshot

LATER = now() + timedelta(days=31)  # "now" for a prune that finds every row 31 days old


def _history(db: Database, store: int) -> None:
    """Changes a store's device sees, with keys changed again and again, deletes (tombstones),
    a key deleted and written again, and rows of other streams in between."""
    with db.session() as s:
        list_id = s.scalar(select(PriceList.id).where(PriceList.store_id.is_(None)).order_by(PriceList.id))
    assert list_id is not None
    for round_ in range(4):
        with db.transaction() as s:
            for variant in (1, 2, 3) if round_ < 3 else (1, 2):
                adjust_stock(s, location_id=store, variant_id=variant, delta=round_ + 1, reason="count", source="admin")
            set_price(s, list_id, 1, 1000 + round_)
            if round_ == 1:  # a delete, then (round 3) the key again
                record(s, "stock", store, [store, 2], None)
            if round_ == 2:
                record(s, "stock", store, [store, 3], None)  # deleted for good: its tombstone must stay
        with db.transaction() as s:
            adjust_stock(s, location_id=store, variant_id=4, delta=1, reason="count", source="admin")


def _pages(api: TestClient, device: Enrolled, stream: str, after: int) -> list[dict[str, Any]]:
    changes: list[dict[str, Any]] = []
    while True:
        r = api.get(f"/v1/sync/{stream}/changes", headers=device.headers, params={"after": after, "limit": 3})
        assert r.status_code == 200, r.text
        page = r.json()
        changes += page["changes"]
        after = page["next"]
        if not page["has_more"]:
            return changes


def _apply(state: dict[str, Any], changes: list[dict[str, Any]]) -> dict[str, Any]:
    out = dict(state)
    for ch in changes:
        key = orjson.dumps(ch["key"]).decode()
        if ch["row"] is None:
            out.pop(key, None)
        else:
            out[key] = ch["row"]
    return out


def _rows(db: Database) -> int:
    with db.session() as s:
        return int(s.scalar(select(func.count()).select_from(ChangeLog)) or 0)


def test_key_compaction_never_changes_what_a_device_ends_with_from_any_cursor(
    api: TestClient, backend: Database
) -> None:
    device = enrol(api, backend)
    _history(backend, device.store_id)
    streams = ("stock", "prices")
    before = {s: _pages(api, device, s, 0) for s in streams}
    seqs = sorted({c["seq"] for s in streams for c in before[s]})
    cursors = [0, *seqs[::3], seqs[-1]]
    # What a device at each cursor holds, and what it ends with from there, before compaction.
    held = {(s, c): _apply({}, [ch for ch in before[s] if ch["seq"] <= c]) for s in streams for c in cursors}
    ends = {(s, c): _apply(held[s, c], _pages(api, device, s, c)) for s in streams for c in cursors}
    rows = _rows(backend)

    report = prune_log(backend, keep_days=30, at=LATER)
    assert report.superseded > 0 and report.below_floor == 0 and report.floors == {}
    assert _rows(backend) == rows - report.superseded
    # The pages cached before the prune are still true pages (central.feeds.PageCache), and would
    # be served again at the same high water: this test reads what the compacted log says.
    api.app.state.pages.clear()  # type: ignore[attr-defined]
    after = {s: _pages(api, device, s, 0) for s in streams}
    # One row per key and scope: the newest; the tombstone of the key deleted for good is there.
    for s in streams:
        keys = [orjson.dumps(c["key"]).decode() for c in after[s]]
        assert len(keys) == len(set(keys))
    tomb = [c for c in after["stock"] if c["key"] == [device.store_id, 3]]
    assert len(tomb) == 1 and tomb[0]["row"] is None
    for (s, c), end in ends.items():
        assert _apply(held[s, c], _pages(api, device, s, c)) == end, (s, c)
    assert _apply({}, after["stock"]) == ends["stock", 0]

    again = prune_log(backend, keep_days=30, at=LATER)
    assert again.superseded == 0 and _rows(backend) == rows - report.superseded


def test_compaction_keeps_rows_younger_than_the_retention(backend: Database) -> None:
    store = location_id(backend, "TKY01")
    _history(backend, store)
    rows = _rows(backend)
    report = prune_log(backend, keep_days=30)  # everything was written just now
    assert (report.superseded, report.below_floor, report.batches) == (0, 0, 0)
    assert _rows(backend) == rows


def test_only_rows_older_than_the_retention_are_pruned(backend: Database) -> None:
    store = location_id(backend, "TKY01")
    _history(backend, store)
    with backend.session() as s:
        seqs = list(s.scalars(select(ChangeLog.seq).order_by(ChangeLog.seq)))
    middle = seqs[len(seqs) // 2]
    with backend.transaction() as s:  # the first half was written 40 days ago
        s.execute(update(ChangeLog).where(ChangeLog.seq < middle).values(at=now() - timedelta(days=40)))
    report = prune_log(backend, keep_days=30, floor=True)
    assert report.cut_seq == middle
    with backend.session() as s:
        left = list(s.scalars(select(ChangeLog.seq).order_by(ChangeLog.seq)))
        floors = log_floors(s)
    assert [q for q in seqs if q >= middle] == [q for q in left if q >= middle]  # the young half whole
    assert all(q < middle for q in floors.values()) and floors


def test_a_cursor_below_the_floor_is_410_and_a_new_copy_goes_on_by_pages(api: TestClient, backend: Database) -> None:
    device = enrol(api, backend)
    _history(backend, device.store_id)
    with backend.session() as s:
        newest = {
            st: s.scalar(select(func.max(ChangeLog.seq)).where(ChangeLog.stream == st)) for st in ("stock", "prices")
        }
        hw = s.scalar(select(func.max(ChangeLog.seq)))
    stock_before = _apply({}, _pages(api, device, "stock", 0))
    rows = _rows(backend)

    dry = prune_log(backend, keep_days=30, floor=True, dry_run=True, at=LATER)
    assert _rows(backend) == rows
    with backend.session() as s:
        assert s.get(Meta, LOG_FLOOR) is None
    report = prune_log(backend, keep_days=30, floor=True, at=LATER, batch=4)
    assert (dry.superseded, dry.below_floor, dry.floors) == (report.superseded, report.below_floor, report.floors)
    assert report.batches == -(-rows // 4)
    assert _rows(backend) == rows - report.superseded - report.below_floor == 2  # each stream's newest row
    with backend.session() as s:
        floors = log_floors(s)
        assert s.scalar(select(func.max(ChangeLog.seq))) == hw  # the high water never goes back
        for st, seq in newest.items():
            assert s.scalar(select(func.max(ChangeLog.seq)).where(ChangeLog.stream == st)) == seq
    assert floors == report.floors and set(floors) == {"stock", "prices"}
    assert all(floors[st] < newest[st] for st in floors)

    r = api.get("/v1/sync/stock/changes", headers=device.headers, params={"after": floors["stock"] - 1})
    assert r.status_code == 410
    gone = CursorPruned.model_validate_json(r.content)
    assert (gone.code, gone.stream, gone.floor, gone.after) == (
        "log_pruned",
        "stock",
        floors["stock"],
        floors["stock"] - 1,
    )
    assert "downloads the stream again" in gone.detail
    # At the floor the page is whole; a stream nothing was pruned from answers from 0.
    assert (
        api.get("/v1/sync/stock/changes", headers=device.headers, params={"after": floors["stock"]}).status_code == 200
    )
    assert api.get("/v1/sync/staff/changes", headers=device.headers, params={"after": 0}).status_code == 200
    # The way back: a snapshot, then pages from its high water; the device ends as before.
    snap = snapshot(api, device.headers, "stock")
    assert snap.header.high_water == hw
    spec = STREAMS["stock"]
    copy = {orjson.dumps([row[i] for i in spec.key_index]).decode(): row for row in snap.rows}
    assert {k: v for k, v in copy.items() if k in stock_before} == stock_before
    assert _pages(api, device, "stock", snap.header.high_water) == []

    # A later floor never lowers one; a new epoch (a reseed) starts without a floor.
    prune_log(backend, keep_days=30, floor=True, at=LATER)
    with backend.session() as s:
        assert log_floors(s) == floors
    with backend.transaction() as s:
        new_epoch(s)
    assert api.get("/v1/sync/stock/changes", headers=device.headers, params={"after": 0}).status_code == 200


def test_each_batch_takes_the_writer_lock(backend: Database) -> None:
    store = location_id(backend, "TKY01")
    _history(backend, store)
    rows = _rows(backend)
    holding, release = threading.Event(), threading.Event()

    def writer() -> None:
        with backend.transaction() as s:
            adjust_stock(s, location_id=store, variant_id=1, delta=1, reason="count", source="admin")
            holding.set()
            release.wait(10)

    held = threading.Thread(target=writer)
    held.start()
    assert holding.wait(10)
    done: list[int] = []
    pruner = threading.Thread(target=lambda: done.append(prune_log(backend, keep_days=30, at=LATER).superseded))
    pruner.start()
    time.sleep(0.6)
    assert not done and _rows(backend) == rows  # waiting for the writer's commit
    release.set()
    held.join(10)
    pruner.join(30)
    assert done and done[0] > 0


def test_the_changes_route_documents_its_410(api: TestClient) -> None:
    op = api.get("/openapi.json").json()["paths"]["/v1/sync/{stream}/changes"]["get"]
    assert op["responses"]["410"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/CursorPruned"
    }


def test_prune_log_on_the_command_line(backend: Database, capsys: pytest.CaptureFixture[str]) -> None:
    _history(backend, location_id(backend, "TKY01"))
    assert cli.main(["prune-log", "--db", backend.url, "--keep-days", "0", "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "key compaction would delete" in out and "--dry-run" in out
    assert cli.main(["prune-log", "--db", backend.url, "--keep-days", "0", "--floor"]) == 0
    out = capsys.readouterr().out
    assert "the floor deleted" in out and "floor of stock:" in out and "2 rows left" in out


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["--keep-days", "-1"], "--keep-days must be a whole number of days from 0 to 36500, not '-1'"),
        (["--keep-days", "thirty"], "--keep-days must be a whole number of days from 0 to 36500, not 'thirty'"),
        (["--keep-days", "1.5"], "--keep-days must be a whole number"),
        (["--batch", "0"], "--batch must be a whole number of rows from 1 to 100000, not '0'"),
    ],
)
def test_bad_input_is_one_sentence_and_exit_2(
    backend: Database, capsys: pytest.CaptureFixture[str], args: list[str], says: str
) -> None:
    assert cli.main(["prune-log", "--db", backend.url, *args]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and says in err, err
