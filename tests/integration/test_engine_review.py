"""Faults a review found, each against a real central on loopback (tests/support/tablet.py)."""

from __future__ import annotations

import sqlite3
import threading
import time
import uuid
from collections.abc import Callable

import httpx
import orjson

from central.db import Database, new_epoch
from pos_app.services.app import Device
from sync.engine import STUCK_AFTER
from tests.support.tablet import a_stocked_variant, cached_on_hand, engine_through, enqueue_correction

Forward = Callable[[httpx.Request], httpx.Response]


def shown(device: Device, variant_id: int) -> int:
    return cached_on_hand(device, variant_id) + device.lookup.pending_corrections([variant_id]).get(variant_id, 0)


def sent_ops(request: httpx.Request) -> list[str]:
    return [op["op_id"] for op in orjson.loads(request.content)["ops"]]


def bad_gateway(request: httpx.Request, forward: Forward) -> httpx.Response:
    if request.url.path == "/v1/ops":
        return httpx.Response(502, text="bad gateway")
    return forward(request)


def make_due(device: Device) -> None:
    """As if the op's backoff had passed."""
    with device.store.tx("device") as con:
        con.execute("UPDATE outbox SET next_attempt_at='2000-01-01T00:00:00+00:00' WHERE state='pending'")


def test_a_short_outage_of_5xx_never_makes_an_op_stuck_but_8_backoff_steps_do(device: Device) -> None:
    vid, _ = a_stocked_variant(device)
    enqueue_correction(device, vid, 1)
    engine = engine_through(device, bad_gateway, streams=("stock",))  # real backoff (base 2 s)
    for _ in range(STUCK_AFTER * 2):  # cycles as fast as they come: the in-doubt op is resent each
        assert engine.sync_once().central_trouble
    (row,) = device.store.outbox_rows()
    assert row["state"] == "pending" and row["server_failures"] == 1, row
    for _ in range(STUCK_AFTER - 1):  # each attempt made when it was due counts
        make_due(device)
        engine.sync_once()
    assert device.store.outbox_counts() == (0, 0, 1)
    engine.client.close()


def test_a_failed_answer_keeps_the_op_in_doubt_and_nothing_overtakes_it(device: Device, central_db: Database) -> None:
    vid, _ = a_stocked_variant(device)
    a = enqueue_correction(device, vid, 1)
    b = enqueue_correction(device, vid, 2)
    requests: list[list[str]] = []
    state = {"lost": 1, "failed": 1}

    def link(request: httpx.Request, forward: Forward) -> httpx.Response:
        if request.url.path != "/v1/ops":
            return forward(request)
        ops = sent_ops(request)
        requests.append(ops)
        if state["lost"]:  # [A, B] reach central, the answer is lost
            state["lost"] -= 1
            forward(request).close()
            raise httpx.ReadError("answer lost")
        if ops == [a] and state["failed"]:  # then central cannot do A now
            state["failed"] -= 1
            body = {
                "results": [{"op_id": a, "status": "failed", "code": 500, "result": None, "detail": "x"}],
                "gaps": [],
            }
            return httpx.Response(200, json=body)
        return forward(request)

    engine = engine_through(device, link, backoff_base=0.0, streams=("stock",))
    for _ in range(4):
        engine.sync_once()
    assert requests[0] == [a, b] and requests[1] == [a]
    assert all(ops[0] == a for ops in requests), requests  # B is never sent before A
    assert device.store.outbox_counts() == (0, 0, 0)
    assert shown(device, vid) == cached_on_hand(device, vid)  # replays: nothing counted twice
    engine.client.close()


def test_the_checksum_check_does_not_pull_a_stream_held_by_an_op_in_doubt(device: Device) -> None:
    vid, _ = a_stocked_variant(device)
    enqueue_correction(device, vid, 1)
    stock_reads: list[str] = []

    def link(request: httpx.Request, forward: Forward) -> httpx.Response:
        if request.url.path == "/v1/ops":
            forward(request).close()
            raise httpx.ReadError("answer lost")
        if request.url.path.startswith("/v1/sync/stock/"):
            stock_reads.append(request.url.path)
        return forward(request)

    engine = engine_through(device, link, backoff_base=0.0, checksum_seconds=0.0, streams=("stock", "prices"))
    engine.sync_once()
    engine.sync_once()
    assert stock_reads == [], stock_reads
    engine.client.close()


def test_corrections_sent_under_an_old_epoch_are_not_counted_again(device: Device, central_db: Database) -> None:
    vid, _ = a_stocked_variant(device)
    op = enqueue_correction(device, vid, 3)
    device.engine.sync_once()
    with device.store.tx("device") as con:  # the old log numbered far beyond the new one
        con.execute("UPDATE stock_corrections SET server_seq=10000000 WHERE op_id=?", (op,))
        con.execute(  # a sale's stock effect row, sent in the old epoch too
            "INSERT INTO stock_corrections(op_id, variant_id, location_id, delta, reason, note, staff_id, "
            "recorded_at, status, server_seq) VALUES (?, ?, ?, -1, 'sale', '', NULL, '2026-01-01', 'sent', 10000001)",
            (f"{uuid.uuid4()}:1", vid, device.identity.store_id),
        )
    with central_db.transaction() as s:
        new_epoch(s)
    device.engine.sync_once()
    assert device.store.stream_state("stock").cursor < 10000000
    assert shown(device, vid) == cached_on_hand(device, vid)


def test_a_stuck_op_in_doubt_is_uncertain_not_counted_twice(device: Device) -> None:
    vid, _ = a_stocked_variant(device)
    before = cached_on_hand(device, vid)
    enqueue_correction(device, vid, 4)

    def applied_then_502(request: httpx.Request, forward: Forward) -> httpx.Response:
        if request.url.path == "/v1/ops":
            forward(request).close()  # central applied it; the proxy answers 502
            return httpx.Response(502, text="bad gateway")
        return forward(request)

    engine = engine_through(device, applied_then_502, backoff_base=0.0, streams=("stock",))
    for _ in range(STUCK_AFTER + 2):
        engine.sync_once()
    assert device.store.outbox_counts() == (0, 0, 1)
    engine.sync_once()  # no longer held: the pull brings central's figure, which has the +4
    assert cached_on_hand(device, vid) == before + 4
    assert shown(device, vid) == before + 4
    view = device.lookup.product(device.store.query("SELECT style_code FROM catalog WHERE id=?", (vid,))[0][0])
    assert view is not None
    cell = next(c for c in view.cells.values() if c.variant_id == vid)
    assert (cell.pending, cell.uncertain) == (0, 4)
    engine.client.close()


def test_on_hand_reads_the_stock_row_and_the_cursor_in_one_transaction(device: Device) -> None:
    vid, _ = a_stocked_variant(device)
    before = cached_on_hand(device, vid)
    op = enqueue_correction(device, vid, 2)
    cursor = device.store.stream_state("stock").cursor
    with device.store.tx("device") as con:
        con.execute("UPDATE stock_corrections SET status='sent', server_seq=? WHERE op_id=?", (cursor + 1, op))
    calls = {"n": 0}

    def page_lands_between_reads() -> None:  # a page with the change applied by another connection
        calls["n"] += 1
        if calls["n"] == 2:
            con = sqlite3.connect(device.store.cache_path)
            with con:
                con.execute(
                    "UPDATE stock SET on_hand=on_hand+2 WHERE location_id=? AND variant_id=?",
                    (device.identity.store_id, vid),
                )
                con.execute("UPDATE stream_state SET cursor=? WHERE stream='stock'", (cursor + 1,))
            con.close()

    device.store.thread_guard = page_lands_between_reads
    try:
        assert device.stock.on_hand(vid) == before + 2
    finally:
        device.store.thread_guard = None
    assert device.stock.on_hand(vid) == before + 2


def test_a_bug_error_is_cleared_by_the_next_good_cycle(device: Device) -> None:
    broken = {"on": True}

    def link(request: httpx.Request, forward: Forward) -> httpx.Response:
        if broken["on"]:
            raise KeyError("a bug below the client")
        return forward(request)

    engine = engine_through(device, link, backoff_base=0.0, poll_seconds=60)
    engine.start(live=False)
    try:
        assert engine.wait_idle(10)
        assert any("unexpected problem" in e for e in device.store.errors())
        broken["on"] = False
        engine.kick()
        assert engine.wait_idle(10)
        assert not any("unexpected problem" in e for e in device.store.errors())
    finally:
        assert engine.stop()
        engine.client.close()


def test_an_undecodable_answer_is_malformed_not_an_escaping_httpx_error(device: Device) -> None:
    def link(request: httpx.Request, forward: Forward) -> httpx.Response:
        if "/changes" in request.url.path:
            return httpx.Response(200, headers={"Content-Encoding": "gzip"}, content=b"this is not gzip")
        return forward(request)

    engine = engine_through(device, link, streams=("stock",))
    status = engine.sync_once()  # raised httpx.DecodingError before
    assert status.online and any("malformed" in e for e in status.errors), status
    engine.client.close()


def test_stop_waits_for_a_redownload_started_on_another_thread(device: Device) -> None:
    started = threading.Event()

    def slow(request: httpx.Request, forward: Forward) -> httpx.Response:
        if "/snapshot" in request.url.path:
            started.set()
            time.sleep(0.3)
        return forward(request)

    engine = engine_through(device, slow, batch_rows=50)
    worker = threading.Thread(target=engine.redownload)
    worker.start()
    assert started.wait(10)
    assert engine.stop(timeout=10)
    assert not worker.is_alive()  # stop() returned only after the redownload left
    worker.join()
    assert engine.status.message == "Sync stopped"
    engine.client.close()


def test_a_second_redownload_works(device: Device) -> None:
    for _ in range(2):
        status = device.engine.redownload()
        assert status.online and status.stale_streams == (), status
    assert device.engine.verify("locations") is True


def test_a_cache_write_does_not_block_a_device_write(device: Device) -> None:
    holding, release = threading.Event(), threading.Event()

    def long_cache_write() -> None:
        with device.store.tx("cache"):
            holding.set()
            release.wait(10)

    t = threading.Thread(target=long_cache_write)
    t.start()
    assert holding.wait(5)
    done = threading.Event()

    def device_write() -> None:
        with device.store.tx("device") as con:
            con.execute("SELECT 1")
        done.set()

    w = threading.Thread(target=device_write)
    w.start()
    try:
        assert done.wait(2), "a device.db write waited for a cache.db write"
    finally:
        release.set()
        t.join()
        w.join()
