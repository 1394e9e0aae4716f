"""1,000 cash sales made offline reach central exactly once and in order when the network
returns: the connection is cut mid-push, and an answer is lost after central committed."""

from __future__ import annotations

from collections.abc import Callable

import httpx
from sqlalchemy import func, select

from central.db import Database
from central.models import Order, StockMovement
from pos_app.services.app import Device
from pos_app.services.checkout import CheckoutService, Tender, TenderType
from tests.support.tablet import a_stocked_variant, associate, cached_on_hand, engine_through

Forward = Callable[[httpx.Request], httpx.Response]
SALES = 1000


class Faults:
    """Push 1 reaches nobody (cut before it is sent), push 2 is applied by central but its answer
    is lost, push 3's connection drops mid-body; the rest go through."""

    def __init__(self) -> None:
        self.pushes = 0

    def __call__(self, request: httpx.Request, forward: Forward) -> httpx.Response:
        if request.url.path != "/v1/ops":
            return forward(request)
        self.pushes += 1
        if self.pushes == 1:
            raise httpx.ConnectError("network unreachable")
        if self.pushes == 2:
            forward(request).close()
            raise httpx.ReadError("connection reset while reading the answer")
        if self.pushes == 3:
            raise httpx.WriteError("connection reset while sending")
        return forward(request)


def test_a_thousand_offline_sales_arrive_once_and_in_order(device: Device, central_db: Database) -> None:
    co = CheckoutService(device.store, device.identity)
    session = associate(device)
    vid, on_hand = a_stocked_variant(device)
    receipts = []
    for _ in range(SALES):  # offline: nothing is pushed while they are made
        basket = co.basket(co.open_basket(), [(vid, 1)])
        receipts.append(co.complete(session, basket, [Tender(TenderType.CASH, 10**7)]).receipt_no)
    assert len(set(receipts)) == SALES
    assert [int(r.rsplit("-", 1)[1]) for r in receipts] == list(range(1, SALES + 1))

    faults = Faults()
    engine = engine_through(device, faults)
    for _ in range(40):
        status = engine.sync_once()
        if status.pending_ops == 0 and status.online:
            break
        engine.push_now()
    assert status.pending_ops == 0, status
    assert faults.pushes >= 4
    engine.client.close()

    with central_db.session() as s:
        assert s.scalar(select(func.count()).select_from(Order)) == SALES
        got = s.scalars(select(Order.receipt_no).order_by(Order.id)).all()
        assert got == receipts  # in order, each once
        assert s.scalar(select(func.sum(StockMovement.delta)).where(StockMovement.reason == "sale")) == -SALES
        assert s.scalar(select(func.count()).select_from(Order).where(Order.flagged == 1)) == 0
    assert device.store.query("SELECT DISTINCT status FROM sales", (), "device") == [("sent",)]
    assert cached_on_hand(device, vid) == on_hand - SALES
    assert device.lookup.pending_corrections([vid]) == {}
