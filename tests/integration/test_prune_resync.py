"""A tablet whose cursor central pruned past (docs/scale.md "Change-log pruning"): a real central
on loopback, a real sync engine. The stock stream's 410 makes the engine push its outbox, download
the stream again by snapshot and go on by pages; it ends with the same rows as a fresh tablet."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import httpx
from sqlalchemy import select

from central import cli
from central.changes import adjust_stock, touch_staff
from central.db import Database
from central.models import Staff, Stock
from central.prune import log_floors
from pos_app.local.store import LocalStore
from pos_app.services.app import Device
from pos_app.services.enrollment import enroll
from sync.protocol import BOOTSTRAP_ORDER, STREAMS
from tests.support.tablet import cached_on_hand, correction_status, engine_through, enqueue_correction

Forward = Callable[[httpx.Request], httpx.Response]


class Recorder:
    """Passes every request to central and notes (method, path, status) in order."""

    def __init__(self) -> None:
        self.seen: list[tuple[str, str, int]] = []

    def __call__(self, request: httpx.Request, forward: Forward) -> httpx.Response:
        response = forward(request)
        self.seen.append((request.method, request.url.path, response.status_code))
        return response


def _central_changes(db: Database, store: int, variants: list[int], delta: int) -> None:
    with db.transaction() as s:
        for vid in variants:
            adjust_stock(s, location_id=store, variant_id=vid, delta=delta, reason="count", source="admin")
        staff = s.scalars(select(Staff).where(Staff.store_id == store).order_by(Staff.id)).first()
        assert staff is not None
        staff.name = f"{staff.name.split(' #')[0]} #{delta}"
        touch_staff(s, staff)


def _tables(device: Device) -> dict[str, list[tuple[object, ...]]]:
    out = {}
    for stream in BOOTSTRAP_ORDER:
        spec = STREAMS[stream]
        cols = ", ".join(spec.columns)
        out[stream] = device.store.query(f"SELECT {cols} FROM {spec.local_table} ORDER BY {', '.join(spec.key)}")
    return out


def test_a_tablet_below_the_floor_resyncs_outbox_first_and_ends_like_a_fresh_one(
    device: Device, central_db: Database, central_url: str, enroll_code, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    store = device.identity.store_id
    with central_db.session() as s:
        variants = list(
            s.scalars(select(Stock.variant_id).where(Stock.location_id == store).order_by(Stock.variant_id).limit(5))
        )
    _central_changes(central_db, store, variants, 2)
    assert device.engine.sync_once().online
    cursor = device.store.stream_state("stock").cursor

    # The tablet is away: a correction waits in its outbox, central goes on, and then prunes.
    vid, on_hand = next(
        (int(v), int(n))
        for v, n in device.store.query(
            "SELECT variant_id, on_hand FROM stock WHERE location_id=? AND variant_id > ? ORDER BY variant_id LIMIT 1",
            (store, max(variants)),
        )
    )
    op = enqueue_correction(device, vid, 3)
    for delta in (5, 7):
        _central_changes(central_db, store, variants, delta)
    assert cli.main(["prune-log", "--db", central_db.url, "--keep-days", "0", "--floor"]) == 0
    with central_db.session() as s:
        floors = log_floors(s)
    assert floors["stock"] > cursor and floors["staff"] > cursor

    link = Recorder()
    engine = engine_through(device, link)
    status = engine.sync_once()
    assert status.online and not status.errors and not status.stale_streams, status
    assert status.pending_ops == 0 and correction_status(device, op) == "sent"
    paths = [(m, p, code) for m, p, code in link.seen if p != "/health"]
    gone = [i for i, (_m, p, code) in enumerate(paths) if code == 410]
    assert [paths[i][1] for i in gone] == ["/v1/sync/staff/changes", "/v1/sync/stock/changes"]
    pushed = paths.index(("POST", "/v1/ops", 200))
    snapped = [i for i, (_m, p, _c) in enumerate(paths) if p.endswith("/snapshot")]
    assert [paths[i][1] for i in snapped] == ["/v1/sync/staff/snapshot", "/v1/sync/stock/snapshot"]
    assert pushed < snapped[0]  # the outbox went first
    # The correction reached central once and the new copy holds it, without a pending mark on top.
    assert cached_on_hand(device, vid) == on_hand + 3
    assert device.lookup.pending_corrections([vid]).get(vid, 0) == 0

    fresh_dir = tmp_path / "fresh"
    local = LocalStore(fresh_dir)
    enroll(local, central_url, enroll_code("TKY01"), "fresh tablet")
    local.close()
    fresh = Device(fresh_dir, keepalive_seconds=1.0, poll_seconds=2.0)
    try:
        assert fresh.engine.sync_once().online
        assert _tables(device) == _tables(fresh)
    finally:
        fresh.close()

    # From the new copy on, by pages again: no snapshot, no 410.
    _central_changes(central_db, store, variants, 11)
    link.seen.clear()
    assert engine.sync_once().online
    assert not [p for _m, p, code in link.seen if p.endswith("/snapshot") or code == 410]
    with central_db.session() as s:
        for v in variants:
            assert cached_on_hand(device, v) == s.scalar(
                select(Stock.on_hand).where(Stock.location_id == store, Stock.variant_id == v)
            )
    engine.client.close()


class AlwaysPruned:
    """Central's answer to every stock page becomes the floor's 410 (a central that keeps
    pruning faster than the tablet downloads, or a broken one)."""

    def __init__(self) -> None:
        self.snapshots = 0

    def __call__(self, request: httpx.Request, forward: Forward) -> httpx.Response:
        if request.url.path == "/v1/sync/stock/snapshot":
            self.snapshots += 1
        if request.url.path == "/v1/sync/stock/changes":
            after = int(request.url.params["after"])
            body = {
                "detail": "Central pruned its stock change log",
                "code": "log_pruned",
                "stream": "stock",
                "epoch": "e",
                "after": after,
                "floor": after + 1,
            }
            return httpx.Response(410, json=body)
        return forward(request)


def test_a_central_that_keeps_answering_410_is_a_visible_error_not_a_loop(device: Device) -> None:
    link = AlwaysPruned()
    engine = engine_through(device, link)
    status = engine.sync_once()
    assert link.snapshots == 2  # one resync, and one fresh copy more
    assert status.online and any("Central refused the stock download (410" in e for e in status.errors), status
    engine.client.close()
