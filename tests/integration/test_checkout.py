"""Completing a sale on a tablet against a real central: one local transaction, exactly once."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import httpx
import pytest
from sqlalchemy import func, select

from central.db import Database
from central.models import Order, OrderLine, Payment, StockMovement
from pos_app.services.app import Device
from pos_app.services.checkout import STEPS, CheckoutService, Tender, TenderType
from pos_app.services.errors import ValidationFailed
from tests.support.tablet import a_stocked_variant, associate, cached_on_hand


def checkout(device: Device) -> CheckoutService:
    return CheckoutService(device.store, device.identity, kick=lambda: None)


def cash(amount: int) -> list[Tender]:
    return [Tender(TenderType.CASH, amount)]


def shown(device: Device, variant_id: int) -> int:
    return cached_on_hand(device, variant_id) + device.lookup.pending_corrections([variant_id]).get(variant_id, 0)


def counts(device: Device) -> dict[str, int]:
    out = {}
    for table in ("sales", "sale_lines", "sale_payments", "journal"):
        out[table] = int(device.store.query(f"SELECT count(*) FROM {table}", (), "device")[0][0])
    # the sale's own ops (journal batches travel in the same outbox, on their own schedule)
    out["outbox"] = int(
        device.store.query("SELECT count(*) FROM outbox WHERE type='sale.complete'", (), "device")[0][0]
    )
    out["sale_stock"] = int(
        device.store.query("SELECT count(*) FROM stock_corrections WHERE reason='sale'", (), "device")[0][0]
    )
    return out


def test_a_cash_sale_is_written_once_and_central_makes_it_an_order(device: Device, central_db: Database) -> None:
    co = checkout(device)
    session = associate(device)
    vid, on_hand = a_stocked_variant(device)
    basket = co.basket(co.open_basket(), [(vid, 2)])
    due = co.price(basket).totals.total
    sale = co.complete(session, basket, cash(due + 1000))
    assert sale.change == 1000 and sale.total == due and not sale.again
    store = device.identity.store_code
    assert sale.receipt_no.startswith(f"{store}-") and sale.receipt_no.endswith("-000001")
    row = device.store.query("SELECT status, total, change FROM sales WHERE sale_id=?", (str(sale.sale_id),), "device")
    assert row == [("pending", due, 1000)]
    assert device.store.outbox_rows()[0]["type"] == "sale.complete"
    assert [e.type for e in device.store.journal_entries()][-1] == "sale.complete"
    assert device.store.journal_verify() == []
    assert shown(device, vid) == on_hand - 2  # pending until central's stock change is pulled

    status = device.engine.sync_once()
    assert status.online and status.pending_ops == 0, status
    assert device.store.query("SELECT status, order_id IS NOT NULL FROM sales", (), "device") == [("sent", 1)]
    assert cached_on_hand(device, vid) == on_hand - 2 == shown(device, vid)  # counted once
    with central_db.session() as s:
        order = s.scalar(select(Order).where(Order.sale_id == str(sale.sale_id)))
        assert order is not None and order.channel == "store" and order.receipt_no == sale.receipt_no
        assert order.flagged == 0, order.checks
        assert [(ln.variant_id, ln.quantity, ln.fulfilment) for ln in s.scalars(select(OrderLine))] == [
            (vid, 2, "carry_out")
        ]
        assert [(p.type, p.amount, p.change) for p in s.scalars(select(Payment))] == [("cash", due + 1000, 1000)]
        moves = s.scalars(select(StockMovement).where(StockMovement.reason == "sale")).all()
        assert [(m.variant_id, m.delta, m.reference) for m in moves] == [(vid, -2, sale.receipt_no)]
    answer = httpx.get(
        f"{device.identity.central_url}/v1/orders/{sale.sale_id}",
        headers={"Authorization": f"Bearer {device._token}"},
    )
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert body["receipt_no"] == sale.receipt_no and body["flagged"] is False and body["total"] == due


def test_a_double_tap_on_pay_completes_one_sale(device: Device) -> None:
    co = checkout(device)
    session = associate(device)
    vid, _ = a_stocked_variant(device)
    basket = co.basket(co.open_basket(), [(vid, 1)])
    due = co.price(basket).totals.total
    first = co.complete(session, basket, cash(due))
    second = co.complete(session, basket, cash(due))
    assert second.again and (second.receipt_no, second.op_id, second.total) == (first.receipt_no, first.op_id, due)
    assert counts(device)["sales"] == 1 and counts(device)["outbox"] == 1


def test_tendered_below_due_is_refused_with_what_is_still_due(device: Device) -> None:
    co = checkout(device)
    vid, _ = a_stocked_variant(device)
    basket = co.basket(co.open_basket(), [(vid, 1)])
    due = co.price(basket).totals.total
    with pytest.raises(ValidationFailed) as e:
        co.complete(associate(device), basket, cash(due - 1))
    assert e.value.code == "sale.underpaid" and e.value.params["still_due"] == 1
    assert str(e.value) == "￥1 is still due."  # the store's money as a person reads it (ja_JP)
    assert counts(device)["sales"] == 0


def test_receipt_numbers_are_gapless_even_after_a_failed_sale(device: Device) -> None:
    co = checkout(device)
    session = associate(device)
    vid, _ = a_stocked_variant(device)

    def fail(step: str) -> None:
        if step == "journal":
            raise RuntimeError("power cut")

    receipts = []
    for i in range(4):
        basket = co.basket(co.open_basket(), [(vid, 1)])
        co.fault = fail if i == 1 else None
        with contextlib.suppress(RuntimeError):
            receipts.append(co.complete(session, basket, cash(10**7)).receipt_no)
    assert [r.rsplit("-", 1)[1] for r in receipts] == ["000001", "000002", "000003"]


@pytest.mark.parametrize("step", STEPS)
def test_a_failure_at_any_step_leaves_no_half_sale(device: Device, step: str) -> None:
    co = checkout(device)
    session = associate(device)
    vid, _ = a_stocked_variant(device)
    before = counts(device)
    basket = co.basket(co.open_basket(), [(vid, 1)])

    def fail(at: str) -> None:
        if at == step:
            raise RuntimeError(f"failed at {at}")

    co.fault = fail
    with pytest.raises(RuntimeError):
        co.complete(session, basket, cash(10**7))
    assert counts(device) == before
    assert co.sale(basket.sale_id) is None
    co.fault = None
    assert co.complete(session, basket, cash(10**7)).receipt_no.endswith("-000001")


KILLED = textwrap.dedent(
    """
    import os, signal, sys, uuid
    from pathlib import Path
    from pos_app.local.store import LocalStore
    from pos_app.services.auth import AuthService
    from pos_app.services.checkout import CheckoutService, Tender, TenderType
    from datetime import UTC, datetime
    from pos_app.services.auth import Session, StaffMember
    data, step, vid, sale_id, staff = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3]), uuid.UUID(sys.argv[4]), int(sys.argv[5])
    store = LocalStore(data)
    co = CheckoutService(store, store.identity())
    person = next(p for p in AuthService(store, store.identity().store_id).staff() if p.id == staff)
    def kill(at):
        if at == step:
            os.kill(os.getpid(), signal.SIGKILL)
    co.fault = kill
    sale = co.complete(Session(person, datetime.now(UTC)), co.basket(sale_id, [(vid, 1)]), [Tender(TenderType.CASH, 10**7)])
    if step == "after":
        os.kill(os.getpid(), signal.SIGKILL)
    """
)


@pytest.mark.parametrize("step", ["outbox", "stock", "journal", "commit", "after"])
def test_killed_at_any_point_the_sale_is_complete_or_absent(device: Device, enrolled: Path, step: str) -> None:
    co = checkout(device)
    vid, _ = a_stocked_variant(device)
    staff = associate(device).staff.id
    sale_id = co.open_basket()
    device.store.close()
    proc = subprocess.run(
        [sys.executable, "-c", KILLED, str(enrolled), step, str(vid), str(sale_id), str(staff)],
        capture_output=True,
        cwd=Path(__file__).parents[2],
        env={**os.environ, "PYTHONPATH": str(Path(__file__).parents[2])},
        timeout=60,
    )
    assert proc.returncode == -signal.SIGKILL, proc.stderr.decode()[-2000:]
    from pos_app.local.store import LocalStore

    store = LocalStore(enrolled)
    try:
        again = CheckoutService(store, device.identity)
        sale = again.sale(sale_id)
        c = {
            "sales": store.query("SELECT count(*) FROM sales", (), "device")[0][0],
            "outbox": store.query("SELECT count(*) FROM outbox WHERE type='sale.complete'", (), "device")[0][0],
        }
        if step == "after":
            assert sale is not None and sale.receipt_no.endswith("-000001")
            assert c == {"sales": 1, "outbox": 1}
            assert store.journal_verify() == []
        else:
            assert sale is None and c == {"sales": 0, "outbox": 0}
    finally:
        store.close()


def test_central_counts_the_sale_once_however_often_it_is_sent(device: Device, central_db: Database) -> None:
    co = checkout(device)
    vid, _ = a_stocked_variant(device)
    basket = co.basket(co.open_basket(), [(vid, 3)])
    co.complete(associate(device), basket, cash(10**7))
    op = device.store.outbox_rows()[0]
    body = {
        "ops": [{"op_id": op["op_id"], "device_seq": op["device_seq"], "type": op["type"], "payload": op["payload"]}]
    }
    headers = {"Authorization": f"Bearer {device._token}"}
    url = f"{device.identity.central_url}/v1/ops"
    answers = [httpx.post(url, json=body, headers=headers).json()["results"][0] for _ in range(3)]
    assert [a["status"] for a in answers] == ["applied", "replayed", "replayed"]
    assert answers[1]["result"] == answers[0]["result"]
    assert device.engine.sync_once().pending_ops == 0  # the engine's own send is a replay too
    with central_db.session() as s:
        assert s.scalar(select(func.count()).select_from(Order)) == 1
        assert s.scalar(select(func.sum(StockMovement.delta)).where(StockMovement.reason == "sale")) == -3
