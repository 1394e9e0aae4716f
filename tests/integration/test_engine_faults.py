"""Faults found from the outside, each against a real central seen through a link the test
controls (tests/support/tablet.py)."""

from __future__ import annotations

from collections.abc import Callable

import httpx
from sqlalchemy import select

from central.db import Database, new_epoch
from central.models import Stock
from pos_app.services.app import Device
from sync.client import CentralClient
from sync.engine import SyncEngine
from tests.support.servers import free_port
from tests.support.tablet import (
    a_stocked_variant,
    cached_on_hand,
    correction_status,
    engine_through,
    enqueue_correction,
)

Forward = Callable[[httpx.Request], httpx.Response]


def central_on_hand(db: Database, location_id: int, variant_id: int) -> int:
    with db.session() as s:
        return int(
            s.scalar(select(Stock.on_hand).where(Stock.location_id == location_id, Stock.variant_id == variant_id)) or 0
        )


def shown(device: Device, variant_id: int) -> int:
    """What the product view shows: the cached figure plus the pending mark."""
    return cached_on_hand(device, variant_id) + device.lookup.pending_corrections([variant_id]).get(variant_id, 0)


# --- a. a push whose answer is lost ---------------------------------------------------------


class LoseAnswers:
    """Passes pushes to central, which commits them, then drops the answer (`times` of them)."""

    def __init__(self, times: int) -> None:
        self.left = times

    def __call__(self, request: httpx.Request, forward: Forward) -> httpx.Response:
        response = forward(request)
        if request.url.path == "/v1/ops" and self.left:
            self.left -= 1
            response.read()
            response.close()
            raise httpx.ReadError("connection reset while reading the answer")
        return response


def test_a_lost_push_answer_is_never_counted_twice_by_the_pending_mark(device: Device, central_db: Database) -> None:
    store_id = device.identity.store_id
    vid, on_hand = a_stocked_variant(device)
    op = enqueue_correction(device, vid, 3)
    engine = engine_through(device, LoseAnswers(1))
    assert engine.sync_once().online is False  # central applied it; the tablet never heard
    assert central_on_hand(central_db, store_id, vid) == on_hand + 3
    assert device.store.outbox_rows()[0]["in_doubt"] == 1
    status = engine.sync_once()  # at once, while the op waits for its backoff
    assert status.online and status.pending_ops == 0, status
    assert correction_status(device, op) == "sent"
    assert cached_on_hand(device, vid) == on_hand + 3
    assert shown(device, vid) == on_hand + 3
    engine.client.close()


def test_while_an_answer_stays_lost_the_stock_pull_waits(device: Device, central_db: Database) -> None:
    vid, on_hand = a_stocked_variant(device)
    enqueue_correction(device, vid, 2)
    engine = engine_through(device, LoseAnswers(100))
    engine.sync_once()
    engine.sync_once()
    assert cached_on_hand(device, vid) == on_hand  # not pulled: it would hold the change already
    assert shown(device, vid) == on_hand + 2
    engine.client.close()
    device.engine.sync_once()  # the answer gets through: a replay, then the pull
    assert shown(device, vid) == on_hand + 2 == cached_on_hand(device, vid)


# --- b. a page that cannot be used is a visible error ---------------------------------------


def answer_for(path_end: str, make: Callable[[httpx.Request, httpx.Response], httpx.Response]):  # type: ignore[no-untyped-def]
    def handler(request: httpx.Request, forward: Forward) -> httpx.Response:
        response = forward(request)
        if request.url.path.endswith(path_end):
            return make(request, response)
        return response

    return handler


def truncated(_request: httpx.Request, response: httpx.Response) -> httpx.Response:
    body = response.read()
    return httpx.Response(200, headers={"Content-Type": "application/json"}, content=body[: len(body) // 2])


def test_a_truncated_page_is_a_visible_error_with_its_reason(device: Device) -> None:
    engine = engine_through(device, answer_for("/stock/changes", truncated))
    status = engine.sync_once()
    assert status.message and "malformed" in status.message and status.last_sync_at is None
    errors = device.store.errors()
    assert any("stock" in e and "ChangePage" in e for e in errors), errors
    assert any("stock" in e for e in status.errors)
    engine.client.close()
    assert device.engine.sync_once().message == ""  # a good page clears it
    assert not any("malformed stock" in e for e in device.store.errors())


def test_an_oversized_page_is_a_visible_error(device: Device) -> None:
    def huge(_request: httpx.Request, response: httpx.Response) -> httpx.Response:
        response.read()
        return httpx.Response(200, content=b" " * (17 * 1024 * 1024))

    engine = engine_through(device, answer_for("/prices/changes", huge))
    status = engine.sync_once()
    assert "bytes" in status.message
    assert any("prices" in e and "bytes" in e for e in device.store.errors())
    engine.client.close()


def test_a_refused_download_is_a_sync_error_with_a_retry_not_a_bug(device: Device) -> None:
    def refused(_request: httpx.Request, response: httpx.Response) -> httpx.Response:
        response.read()
        return httpx.Response(404, json={"detail": "no such stream"})

    engine = engine_through(device, answer_for("/tax/changes", refused))
    status = engine.sync_once()
    assert "refused the tax download" in status.message and "try again" in status.message
    assert not any("unexpected" in e for e in device.store.errors())
    assert any("tax" in e for e in status.errors)
    engine.client.close()


# --- c. a resync keeps the old rows until the new copy is complete --------------------------


def test_a_new_epoch_whose_snapshot_fails_keeps_the_old_rows_until_the_new_copy_is_in(
    device: Device, central_db: Database
) -> None:
    before = device.store.query("SELECT count(*) FROM catalog")[0][0]
    some_barcode = str(device.store.query("SELECT barcodes FROM catalog LIMIT 1")[0][0]).split()[0]
    with central_db.transaction() as s:
        new_epoch(s)

    def unavailable(_request: httpx.Request, response: httpx.Response) -> httpx.Response:
        response.close()
        return httpx.Response(503, json={"detail": "busy"})

    engine = engine_through(device, answer_for("/catalog/snapshot", unavailable))
    status = engine.sync_once()
    assert status.central_trouble and "catalog" in status.stale_streams, status
    assert any("older copy" in e for e in status.errors)
    assert device.store.query("SELECT count(*) FROM catalog")[0][0] == before  # usable meanwhile
    assert device.lookup.scan(some_barcode).variant_id is not None
    assert device.store.stream_state("catalog").bootstrapped
    engine.client.close()

    status = device.engine.sync_once()  # central is well again: downloaded beside, swapped
    assert status.online and status.stale_streams == () and not any("older copy" in e for e in status.errors)
    assert device.store.resyncing() == []
    assert device.engine.verify("catalog") is True
    assert device.lookup.scan(some_barcode).variant_id is not None
    assert device.lookup.search("a") is not None


# --- d. a refused token, central in trouble, no network: three different things -------------


def test_refused_token_central_trouble_and_no_network_are_told_apart(device: Device) -> None:
    url = device.identity.central_url
    refused = SyncEngine(lambda: CentralClient(url, "not-the-token"), device.store)
    status = refused.sync_once()
    assert status.needs_enrolment and status.online and "enrol the device again" in status.message
    refused.client.close()

    def trouble(request: httpx.Request, _forward: Forward) -> httpx.Response:
        return httpx.Response(503, json={"detail": "maintenance"})

    busy = engine_through(device, trouble)
    status = busy.sync_once()
    assert status.central_trouble and status.online and not status.needs_enrolment
    assert "Central had a problem (503)" in status.message and "reach" not in status.message
    busy.client.close()

    gone = SyncEngine(lambda: CentralClient(f"http://127.0.0.1:{free_port()}"), device.store)
    status = gone.sync_once()
    assert status.online is False and not status.central_trouble and not status.needs_enrolment
    assert "Cannot reach central" in status.message
    gone.client.close()
