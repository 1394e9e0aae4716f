"""Exchanges on a real tablet against a real central on loopback (docs/returns.md): a return
graded, its credit paying new items in the same basket as an `exchange` tender of the sale.
Dearer (the rest in cash or by card), cheaper (the rest back through the return's split), even;
offline then synced (both ops applied once, a replay changes nothing); and refusals: an exchange
tender without a return, a return whose exchange refund is not the sale's exchange tender, two
returns paying one sale, an exchange without a receipt."""

from __future__ import annotations

import uuid
from typing import Any

import httpx
import orjson
import pytest
from sqlalchemy import func, select

from central.db import Database
from central.models import Order, Payment, ReturnRecord, ReturnRefund
from pos_app.services.app import Device
from pos_app.services.basket import TenderType
from pos_app.services.errors import ValidationFailed
from sync.client import CentralClient
from sync.pricing import Tender
from tests.integration import test_payments
from tests.integration.test_returns import FLOAT, card_and_cash_sale, expected_cash
from tests.support.servers import free_port
from tests.support.tablet import a_stocked_variant, associate

sim, till = test_payments.sim, test_payments.till


def cash_sale(device: Device, session: Any, qty: int) -> tuple[Any, int]:
    vid, _ = a_stocked_variant(device)
    b = device.basket.new()
    view = device.basket.add(b, vid, qty)
    sale = device.basket.complete(session, b, [Tender(TenderType.CASH, view.total_minor)])
    return sale, vid


def new_items(device: Device, vid: int, qty: int) -> tuple[Any, int]:
    b = device.basket.new()
    view = device.basket.add(b, vid, qty)
    return b, view.total_minor


def central_exchange(db: Database, sale_id: str) -> tuple[list[tuple[str, int]], list[tuple[str, int]], int]:
    """(the sale's tenders, its return's refunds, how many returns name it) at central."""
    with db.session() as s:
        order = s.scalar(select(Order).where(Order.sale_id == sale_id))
        assert order is not None
        pays = [(p.type, p.amount - p.change) for p in s.scalars(select(Payment).where(Payment.order_id == order.id))]
        rec = s.scalar(select(ReturnRecord).where(ReturnRecord.exchange_sale_id == sale_id))
        refunds = (
            [(r.type, r.amount) for r in s.scalars(select(ReturnRefund).where(ReturnRefund.return_id == rec.id))]
            if rec
            else []
        )
        n = s.scalar(select(func.count()).select_from(ReturnRecord).where(ReturnRecord.exchange_sale_id == sale_id))
        return sorted(pays), sorted(refunds), int(n or 0)


def test_dearer_new_items_the_rest_is_paid_in_cash_in_one_transaction(device: Device, central_db: Database) -> None:
    session = associate(device)
    device.shifts.open(session, FLOAT)
    old, vid = cash_sale(device, session, 1)
    assert device.engine.sync_once().online
    case = device.returns.by_receipt(old.receipt_no)
    case = device.returns.checked_reason(case, "size")  # the tap on the reason
    basket, due = new_items(device, vid, 2)  # twice the returned item
    credit = old.total
    before = expected_cash(device)
    with pytest.raises(ValidationFailed) as e:  # the rest not paid: nothing is written
        device.returns.exchange(session, case, case.draft().grade_all(), basket)
    assert e.value.code == "sale.underpaid"
    assert device.returns.get(case.return_id) is None and device.checkout.sale(basket.sale_id) is None
    done = device.returns.exchange(session, case, case.draft().grade_all(), basket, [Tender(TenderType.CASH, 10**6)])
    assert done.credit == credit and done.due == due and done.difference == due - credit
    assert (done.sale.tenders[0]["type"], done.sale.tenders[0]["amount"]) == ("exchange", credit)
    assert done.sale.change == 10**6 - (due - credit)
    assert done.ret.refunds == ({"type": "exchange", "amount": credit, "reference": str(basket.sale_id),
                                 "state": "paid"},)  # fmt: skip
    assert done.ret.message.startswith("Exchanged: ")
    assert expected_cash(device) == before + (due - credit)  # only the difference reached the drawer
    again = device.returns.exchange(session, case, case.draft().grade_all(), basket)  # a double tap
    assert again.sale.receipt_no == done.sale.receipt_no and again.ret.return_id == done.ret.return_id
    ops = [r["type"] for r in device.store.outbox_rows()]
    assert ops[-2:] == ["sale.complete", "return.complete"]  # the sale first: central checks the return against it
    kinds = [t for (t,) in device.store.query("SELECT type FROM journal ORDER BY seq", (), "device")]
    assert kinds[-2:] == ["sale.complete", "return.complete"]
    assert device.engine.sync_once().online
    assert device.returns.get(case.return_id).status == "sent"  # type: ignore[union-attr]
    pays, refunds, n = central_exchange(central_db, str(basket.sale_id))
    assert pays == sorted([("exchange", credit), ("cash", due - credit)]) and refunds == [("exchange", credit)]
    assert n == 1
    receipt = device.sale_receipts.issue(done.sale, session)
    text = device.receipts.text(done.sale.receipt_no)
    assert receipt is not None and "交換充当" in text and old.receipt_no in text  # the store speaks Japanese


def test_cheaper_new_items_the_rest_goes_back_as_the_sale_was_paid(
    till: Device, sim: Any, central_db: Database
) -> None:
    session = associate(till)
    till.shifts.open(session, FLOAT)
    old, due_old, card = card_and_cash_sale(till, qty=2)  # half card, half cash
    case = till.returns.by_receipt(old.receipt_no)
    case = till.returns.checked_reason(case, "size")  # the tap on the reason
    vid = case.lines[0].variant_id
    basket, due = new_items(till, vid, 1)  # one of the two back
    before = expected_cash(till)
    done = till.returns.exchange(session, case, case.draft().grade_all(), basket)
    rest = due_old - due
    back = {r["type"]: r["amount"] for r in done.ret.refunds}
    assert back["exchange"] == due and back["card"] + back["cash"] == rest
    assert back["card"] <= card and back["cash"] <= due_old - card  # never more than a tender paid
    assert done.difference == -rest and not done.ret.queued
    assert [(t["type"], t["amount"]) for t in done.sale.tenders] == [("exchange", due)]
    assert expected_cash(till) == before - back["cash"]
    assert "The rest went back: " in done.ret.message
    assert till.engine.sync_once().online
    pays, refunds, n = central_exchange(central_db, str(basket.sale_id))
    assert pays == [("exchange", due)] and n == 1
    assert refunds == sorted([("card", back["card"]), ("cash", back["cash"]), ("exchange", due)])


def test_even_exchange_and_the_refusals(device: Device, central_db: Database) -> None:
    session = associate(device)
    device.shifts.open(session, FLOAT)
    old, vid = cash_sale(device, session, 1)
    assert device.engine.sync_once().online
    lone, due = new_items(device, vid, 1)
    with pytest.raises(ValidationFailed) as e:  # an exchange tender needs its return
        device.basket.complete(session, lone, [Tender(TenderType.EXCHANGE, due, "X")])
    assert e.value.code == "sale.exchange_alone" and device.checkout.sale(lone.sale_id) is None
    case = device.returns.by_receipt(old.receipt_no)
    case = device.returns.checked_reason(case, "size")  # the tap on the reason
    with pytest.raises(ValidationFailed) as e:  # even: nothing more to pay, so no tender is taken
        device.returns.exchange(session, case, case.draft().grade_all(), lone, [Tender(TenderType.CASH, 100)])
    assert e.value.code == "return.exchange_over"
    done = device.returns.exchange(session, case, case.draft().grade_all(), lone)
    assert done.difference == 0 and done.sale.change == 0
    assert [r["type"] for r in done.ret.refunds] == ["exchange"]
    # what central refuses: sent by hand before the till's own push
    rows = {r["type"]: r for r in device.store.outbox_rows()[-2:]}
    headers = {"Authorization": f"Bearer {device._token}"}
    url = f"{device.identity.central_url}/v1/ops"

    def push(row: dict[str, Any], payload: dict[str, Any] | None = None, op_id: str | None = None) -> dict[str, Any]:
        op = {"op_id": op_id or row["op_id"], "device_seq": row["device_seq"], "type": row["type"],
              "payload": payload or row["payload"]}  # fmt: skip
        return dict(httpx.post(url, json={"ops": [op]}, headers=headers).json()["results"][0])

    assert push(rows["sale.complete"])["status"] == "applied"
    bad = orjson.loads(orjson.dumps(rows["return.complete"]["payload"]))
    bad["refunds"] = [{"type": "exchange", "amount": due - 1, "reference": str(lone.sale_id), "state": "paid"},
                      {"type": "cash", "amount": 1, "reference": "", "state": "paid"}]  # fmt: skip
    answer = push(rows["return.complete"], bad, str(uuid.uuid4()))
    assert answer["status"] == "rejected" and "is not this return's credit" in str(answer)
    assert device.engine.sync_once().online  # the till's own return: applied
    assert device.returns.get(case.return_id).status == "sent"  # type: ignore[union-attr]
    twice = orjson.loads(orjson.dumps(rows["return.complete"]["payload"]))
    twice["return_id"] = str(uuid.uuid4())
    answer = push(rows["return.complete"], twice, str(uuid.uuid4()))
    assert answer["status"] == "rejected"  # a second return cannot pay the same exchange sale
    pays, refunds, n = central_exchange(central_db, str(lone.sale_id))
    assert pays == [("exchange", due)] and refunds == [("exchange", due)] and n == 1
    nr = device.returns.no_receipt(vid, 1, due, 1, "x")
    other, _ = new_items(device, vid, 1)
    with pytest.raises(ValidationFailed) as e:
        device.returns.exchange(session, nr, nr.draft().grade_all(), other)
    assert e.value.code == "return.exchange_no_receipt"


def test_offline_exchange_syncs_later_exactly_once(device: Device, central_db: Database) -> None:
    session = associate(device)
    device.shifts.open(session, FLOAT)
    old, vid = cash_sale(device, session, 1)
    assert device.engine.sync_once().online
    dead = f"http://127.0.0.1:{free_port()}"
    device.returns.client_factory = lambda: CentralClient(dead, "x", timeout=1.0)  # central gone
    case = device.returns.by_receipt(old.receipt_no)  # this till's own sale, from device.db
    case = device.returns.checked_reason(case, "size")  # the tap on the reason
    assert not case.checked_online
    basket, due = new_items(device, vid, 3)
    done = device.returns.exchange(session, case, case.draft().grade_all(), basket, [Tender(TenderType.CASH, due)])
    assert done.difference == due - old.total
    rows = device.store.outbox_rows()
    mine = [r for r in rows if r["type"] in ("sale.complete", "return.complete")][-2:]
    device.returns.client_factory = device.new_client
    assert device.engine.sync_once().online
    headers = {"Authorization": f"Bearer {device._token}"}
    url = f"{device.identity.central_url}/v1/ops"
    body = {"ops": [{k: r[k] for k in ("op_id", "device_seq", "type", "payload")} for r in mine]}
    answers = httpx.post(url, json=body, headers=headers).json()["results"]
    assert [a["status"] for a in answers] == ["replayed", "replayed"]
    pays, refunds, n = central_exchange(central_db, str(basket.sale_id))
    assert pays == sorted([("exchange", old.total), ("cash", due - old.total)]) and n == 1
    assert refunds == [("exchange", old.total)]
    with central_db.session() as s:
        assert s.scalar(select(func.count()).select_from(Order).where(Order.sale_id == str(basket.sale_id))) == 1


@pytest.mark.parametrize("step", ["journal", "commit"])
def test_a_failure_inside_the_transaction_leaves_neither_half(device: Device, step: str) -> None:
    session = associate(device)
    device.shifts.open(session, FLOAT)
    old, vid = cash_sale(device, session, 2)
    case = device.returns.by_receipt(old.receipt_no)
    case = device.returns.checked_reason(case, "size")  # the tap on the reason
    basket, _due = new_items(device, vid, 1)  # cheaper: a cash rest from the drawer too
    before = expected_cash(device)
    ops = len(device.store.outbox_rows())

    def fail(at: str) -> None:
        if at == step:
            raise RuntimeError(f"killed at {at}")

    device.checkout.fault = fail
    with pytest.raises(RuntimeError):
        device.returns.exchange(session, case, case.draft().grade_all(), basket)
    device.checkout.fault = None
    assert device.checkout.sale(basket.sale_id) is None and device.returns.get(case.return_id) is None
    assert len(device.store.outbox_rows()) == ops and expected_cash(device) == before
    assert device.store.journal_verify() == []
    done = device.returns.exchange(session, case, case.draft().grade_all(), basket)  # then it goes through
    assert done.difference < 0 and expected_cash(device) == before - sum(
        int(r["amount"]) for r in done.ret.refunds if r["type"] == "cash"
    )
