"""The generic outbox against a real central: batches in device order, poison ops, stuck ops,
and sending an op again."""

from __future__ import annotations

import uuid
from collections.abc import Callable

import httpx
from sqlalchemy import func, select

from central.db import Database
from central.models import StockMovement
from pos_app.services.app import Device
from sync.engine import STUCK_AFTER
from tests.support.tablet import (
    a_stocked_variant,
    correction_status,
    engine_through,
    enqueue_correction,
)


def movements(db: Database, variant_id: int) -> int:
    with db.session() as s:
        return int(
            s.scalar(
                select(func.count())
                .select_from(StockMovement)
                .where(StockMovement.variant_id == variant_id, StockMovement.source == "device")
            )
            or 0
        )


def test_a_poison_op_at_the_head_is_dead_lettered_and_the_rest_are_sent(device: Device, central_db: Database) -> None:
    vid, _ = a_stocked_variant(device)
    poison = enqueue_correction(device, 99_999_999, 1)  # a variant central does not know
    good = [enqueue_correction(device, vid, d) for d in (1, 2, -1)]
    status = device.engine.sync_once()
    assert (status.pending_ops, status.dead_ops, status.stuck_ops) == (0, 1, 0)
    (dead,) = device.store.outbox_rows("dead")
    assert dead["op_id"] == poison and dead["dead_status"] == 404 and dead["last_error"]
    assert correction_status(device, poison) == "rejected"
    assert [correction_status(device, op) for op in good] == ["sent"] * 3
    assert movements(central_db, vid) == 3


def failing_for(op_id: str, make: Callable[[httpx.Request], httpx.Response]):  # type: ignore[no-untyped-def]
    def handler(request: httpx.Request, forward: Callable[[httpx.Request], httpx.Response]) -> httpx.Response:
        if request.url.path == "/v1/ops" and op_id.encode() in request.content:
            return make(request)
        return forward(request)

    return handler


def test_an_op_central_keeps_failing_goes_stuck_after_the_bound_and_later_ops_go_through(
    device: Device, central_db: Database
) -> None:
    vid, _ = a_stocked_variant(device)
    bad = enqueue_correction(device, vid, 5)
    later = enqueue_correction(device, vid, -2)
    engine = engine_through(
        device, failing_for(bad, lambda r: httpx.Response(500, json={"detail": "boom"})), backoff_base=0.0
    )
    for attempt in range(1, STUCK_AFTER):
        status = engine.push_now()
        assert status.central_trouble and status.online, status
        assert device.store.outbox_counts() == (2, 0, 0), attempt
    engine.push_now()
    assert device.store.outbox_counts() == (0, 0, 1)
    (stuck,) = device.store.outbox_rows("stuck")
    assert stuck["op_id"] == bad and stuck["server_failures"] == STUCK_AFTER
    assert correction_status(device, later) == "sent" and movements(central_db, vid) == 1
    assert engine.status.stuck_ops == 1

    # a supervisor sends it again; central is well now
    assert device.store.requeue(bad) == "requeued"
    assert device.store.outbox_counts() == (1, 0, 0)
    assert device.engine.push_now().pending_ops == 0
    assert correction_status(device, bad) == "sent" and movements(central_db, vid) == 2
    engine.client.close()


def test_a_dead_network_never_makes_an_op_stuck(device: Device) -> None:
    vid, _ = a_stocked_variant(device)
    op = enqueue_correction(device, vid, 1)

    def down(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("no route to host", request=request)

    engine = engine_through(device, failing_for(op, down), backoff_base=0.0)
    for _ in range(STUCK_AFTER * 2):
        assert engine.push_now().online is False
    (row,) = device.store.outbox_rows()
    assert row["state"] == "pending" and row["server_failures"] == 0 and row["attempts"] == STUCK_AFTER * 2
    engine.client.close()


def test_requeue_only_touches_dead_or_stuck_ops(device: Device) -> None:
    vid, _ = a_stocked_variant(device)
    sent = enqueue_correction(device, vid, 1)
    device.engine.push_now()
    assert correction_status(device, sent) == "sent"
    assert device.store.requeue(sent) == "not-rejected"  # was: its correction marked pending again
    assert correction_status(device, sent) == "sent" and device.store.outbox_counts() == (0, 0, 0)
    assert device.store.requeue(str(uuid.uuid4())) == "unknown"
    waiting = enqueue_correction(device, vid, 2)
    assert device.store.requeue(waiting) == "not-rejected"
    assert correction_status(device, waiting) == "pending"
