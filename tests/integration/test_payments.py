"""Card payments in the checkout against the terminal simulator over its network protocol (plain
HTTP on loopback, message protection on): intents written before the terminal is asked, the
recovery rule, split tender, refunds, abandoning a basket, offline, end of day."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from pos_app.devices.terminal import TerminalSimulator
from pos_app.devices.terminal.protection import NexoKey
from pos_app.devices.terminal.sim_server import SimulatorServer, running_simulator
from pos_app.services.app import Device
from pos_app.services.basket import Basket, TenderType
from pos_app.services.errors import ValidationFailed
from pos_app.services.settings import TerminalSettings
from tests.support.tablet import a_stocked_variant, associate

KEY = NexoKey("demo passphrase", "AisleKey", 1)


@pytest.fixture
def sim() -> Iterator[tuple[TerminalSimulator, SimulatorServer]]:
    s = TerminalSimulator(key=KEY)
    s.hold_seconds = 0.5  # a held answer: the connection closes soon (the till sees it dropped)
    with running_simulator(s) as server:
        yield s, server


@pytest.fixture
def till(device: Device, sim: tuple[TerminalSimulator, SimulatorServer]) -> Device:
    s, server = sim
    device.set_terminal(
        TerminalSettings(kind="network", url=server.url, poiid=s.poiid, key_id=KEY.key_identifier,
                         key_version=KEY.key_version, allow_plain=True),
        passphrase=KEY.passphrase,
    )  # fmt: skip
    device.payments.poll_interval = 0.05
    device.payments.recover_seconds = 3.0
    return device


def records(server: SimulatorServer) -> list[dict[str, Any]]:
    """What the terminal did, asked over its control endpoint."""
    body = httpx.get(server.url.replace("/nexo/", "/control/records")).json()
    return list(body["records"])


def charged(server: SimulatorServer, sale_id: str) -> int:
    """What the terminal holds for this basket: approved payments less reversals."""
    recs = records(server)
    txs = {
        r["transaction_id"]: r["amount_minor"]
        for r in recs
        if r["category"] == "Payment" and r["sale_reference"] == sale_id and r["result"] == "Success"
    }
    back = sum(
        r["amount_minor"]
        for r in recs
        if r["category"] == "Reversal" and r["original"] in txs and r["result"] == "Success"
    )
    return sum(txs.values()) - back


def a_basket(device: Device, qty: int = 1) -> tuple[Basket, int]:
    vid, _ = a_stocked_variant(device)
    b = device.basket.new()
    view = device.basket.add(b, vid, qty)
    return b, view.total_minor


def intents(device: Device, sale_id: str) -> list[dict[str, Any]]:
    rows = device.store.query(
        "SELECT service_id, kind, state, amount, approved_amount, masked_pan, brand, approval_code, transaction_id "
        "FROM payment_intents WHERE sale_id=? ORDER BY created_at",
        (sale_id,),
        "device",
    )
    keys = ("service_id", "kind", "state", "amount", "approved", "pan", "brand", "code", "tx")
    return [dict(zip(keys, r, strict=True)) for r in rows]


def test_a_card_sale_is_approved_recorded_and_completed_with_its_slip(till: Device, sim: Any) -> None:
    _, server = sim
    session = associate(till)
    b, due = a_basket(till)
    p = till.basket.pay_card(session, b)
    assert p.state == "approved" and p.approved_amount == due and p.masked_pan == "541333******0011"
    assert p.brand == "mc" and len(p.approval_code) == 6 and p.transaction_id.startswith("SIM")
    [row] = intents(till, str(b.sale_id))
    assert row["state"] == "approved" and row["tx"] == p.transaction_id
    sale = till.basket.complete(session, b, [])
    assert sale.tenders == ({"type": "card", "amount": due, "change": 0, "reference": p.transaction_id},)
    payments = till.store.query("SELECT type, amount, reference FROM sale_payments", (), "device")
    assert payments == [("card", due, p.transaction_id)]
    till.sale_receipts.issue(sale, session)
    receipt = till.receipts.receipt(sale.receipt_no)
    assert "CARDHOLDER COPY" in receipt.card_slip and any("APPROVED" in x for x in receipt.card_slip)
    assert charged(server, str(b.sale_id)) == due
    kinds = [e.type for e in till.store.journal_entries()]
    assert kinds.index("payment.approved") < kinds.index("sale.complete")
    assert till.store.journal_verify() == []


def test_a_declined_card_then_another_card_pays_without_charging_twice(till: Device, sim: Any) -> None:
    s, server = sim
    session = associate(till)
    b, due = a_basket(till)
    s.script("decline:InsufficientFunds")
    first = till.basket.pay_card(session, b)
    assert first.state == "declined" and first.why == "InsufficientFunds" and first.message
    second = till.basket.pay_card(session, b)
    assert second.state == "approved" and second.service_id != first.service_id
    till.basket.complete(session, b, [])
    assert charged(server, str(b.sale_id)) == due
    assert len({r["service_id"] for r in records(server)}) == len(records(server))


def test_split_card_and_cash_and_two_cards(till: Device, sim: Any) -> None:
    _, server = sim
    session = associate(till)
    b, due = a_basket(till, 3)
    part = due // 3
    p = till.basket.pay_card(session, b, part)
    assert p.state == "approved" and till.payments.taken(b.sale_id) == part
    q = till.basket.pay_card(session, b, part)
    assert q.state == "approved"
    with pytest.raises(ValidationFailed) as e:  # more than is still due
        till.basket.pay_card(session, b, due)
    assert e.value.code == "payment.amount"
    from sync.pricing import Tender

    sale = till.basket.complete(session, b, [Tender(TenderType.CASH, 10**7)])
    types = [(t["type"], t["amount"]) for t in sale.tenders]
    assert types[:2] == [("card", part), ("card", part)] and types[2][0] == "cash"
    assert charged(server, str(b.sale_id)) == 2 * part


def test_a_card_tender_the_terminal_did_not_approve_is_refused(till: Device) -> None:
    from sync.pricing import Tender

    session = associate(till)
    b, due = a_basket(till)
    till.basket.payments = None  # a caller bypassing the payments: the checkout itself refuses
    with pytest.raises(ValidationFailed) as e:
        till.basket.complete(session, b, [Tender(TenderType.CARD, due, "SIM999999.1")])
    assert e.value.code == "sale.card_unknown"


@pytest.mark.parametrize("fault", ["drop", "no_response"])
def test_a_lost_answer_is_recovered_by_status_never_a_second_charge(till: Device, sim: Any, fault: str) -> None:
    s, server = sim
    session = associate(till)
    b, due = a_basket(till)
    s.script(fault, "in_progress:3")
    p = till.basket.pay_card(session, b)
    assert p.state == "approved" and p.approved_amount == due
    payments = [r for r in records(server) if r["category"] == "Payment"]
    assert len(payments) == 1  # status asked, never a second start
    till.basket.complete(session, b, [])
    assert charged(server, str(b.sale_id)) == due


def test_when_the_terminal_cannot_say_staff_record_what_it_shows(till: Device, sim: Any) -> None:
    s, server = sim
    session = associate(till)
    b, _ = a_basket(till)
    s.script("drop", "not_found", "not_found")
    p = till.basket.pay_card(session, b)
    assert p.state == "unknown" and p.needs_staff and p.why == "not_found"
    with pytest.raises(ValidationFailed) as e:  # never a second charge blind: status first, again
        till.basket.pay_card(session, b)
    assert e.value.code == "payment.unsettled"
    with pytest.raises(ValidationFailed):
        till.payments.decide(session, p.service_id, approved=True, approval_code="")
    d = till.payments.decide(session, p.service_id, approved=True, approval_code="123456")
    assert d.state == "approved" and d.decided_by == session.staff.id
    entry = [e for e in till.store.journal_entries() if e.type == "payment.decided"][-1]
    assert entry.data["staff_id"] == session.staff.id and entry.data["decision"] == "approved"
    sale = till.basket.complete(session, b, [])
    assert sale.tenders[0]["type"] == "card" and sale.tenders[0]["reference"] == "approval:123456"
    with pytest.raises(ValidationFailed) as e2:
        till.payments.decide(session, p.service_id, approved=False)
    assert e2.value.code == "payment.not_unknown"
    assert [r["category"] for r in records(server)].count("Payment") == 1


def test_a_payment_that_did_not_go_through_is_recorded_not_charged(till: Device, sim: Any) -> None:
    s, _ = sim
    session = associate(till)
    b, _due = a_basket(till)
    s.script("busy")
    with pytest.raises(ValidationFailed) as e:
        till.basket.pay_card(session, b)
    assert e.value.code == "terminal.busy"
    assert [r["state"] for r in intents(till, str(b.sale_id))] == ["not_charged"]
    assert till.basket.pay_card(session, b).state == "approved"


def test_cancel_from_the_till_and_an_abort_that_comes_too_late(till: Device, sim: Any) -> None:
    s, server = sim
    session = associate(till)
    for late in (False, True):
        b, _ = a_basket(till)
        s.script("slow:3", *(["late_abort"] if late else []))
        result: list[Any] = []
        t = threading.Thread(target=lambda b=b, out=result: out.append(till.basket.pay_card(session, b)))
        t.start()
        deadline = time.monotonic() + 5
        while not till.payments.in_flight(b.sale_id) and time.monotonic() < deadline:
            time.sleep(0.01)
        time.sleep(0.1)
        assert till.payments.abort(b.sale_id)
        t.join(10)
        [p] = result
        if late:
            assert p.state == "approved"  # the customer was faster: that is the outcome
            till.basket.abandon(session, b)  # and staff give it back
            assert charged(server, str(b.sale_id)) == 0
        else:
            assert p.state == "cancelled" and p.why == "till"
            assert charged(server, str(b.sale_id)) == 0


def test_a_double_tap_on_card_starts_one_payment(till: Device, sim: Any) -> None:
    s, server = sim
    session = associate(till)
    b, due = a_basket(till)
    s.script("slow:0.5")
    out: list[Any] = []

    def tap() -> None:
        try:
            out.append(till.basket.pay_card(session, b))
        except ValidationFailed as e:
            out.append(e.code)

    threads = [threading.Thread(target=tap) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(10)
    states = sorted(x if isinstance(x, str) else x.state for x in out)
    assert states in (["approved", "payment.in_progress"], ["approved", "payment.amount"])
    assert charged(server, str(b.sale_id)) == due


def test_abandoning_a_basket_reverses_its_card_payments(till: Device, sim: Any) -> None:
    _, server = sim
    session = associate(till)
    b, due = a_basket(till, 2)
    till.basket.pay_card(session, b, due // 2)
    assert charged(server, str(b.sale_id)) == due // 2
    done = till.basket.abandon(session, b)
    assert [p.state for p in done] == ["refunded"]
    assert charged(server, str(b.sale_id)) == 0 and till.payments.taken(b.sale_id) == 0
    assert till.store.query("SELECT state FROM payment_sales WHERE sale_id=?", (str(b.sale_id),), "device") == [
        ("voided",)
    ]
    assert [e.type for e in till.store.journal_entries()][-1] == "payment.voided"


def test_refunds_reference_the_original_and_never_exceed_the_card(till: Device, sim: Any) -> None:
    _, server = sim
    session = associate(till)
    b, due = a_basket(till, 2)
    p = till.basket.pay_card(session, b)
    sale = till.basket.complete(session, b, [])
    [r1] = till.payments.refund(session, sale.sale_id, 100)
    assert r1.state == "refunded" and r1.approved_amount == 100 and r1.original == p.service_id
    with pytest.raises(ValidationFailed) as e:
        till.payments.refund(session, p.transaction_id, due)  # more than is left
    assert e.value.code == "refund.over" and e.value.params["left"] == due - 100
    [r2] = till.payments.refund(session, p.transaction_id)  # the rest
    assert r2.approved_amount == due - 100
    with pytest.raises(ValidationFailed):
        till.payments.refund(session, sale.sale_id, 1)
    assert charged(server, str(b.sale_id)) == 0
    reversals = [r for r in records(server) if r["category"] == "Reversal"]
    assert {r["original"] for r in reversals} == {p.transaction_id}


def test_offline_without_store_and_forward_card_is_unavailable_and_cash_works(till: Device, sim: Any) -> None:
    from sync.pricing import Tender

    s, _ = sim
    session = associate(till)
    b, due = a_basket(till)
    s.script("offline")
    p = till.basket.pay_card(session, b)
    assert p.state == "declined" and p.why == "UnreachableHost"
    a = till.payments.availability(due)
    assert not a.ok and "cash" in a.reason
    with pytest.raises(ValidationFailed) as e:
        till.basket.pay_card(session, b)
    assert e.value.code == "payment.unavailable"
    sale = till.basket.complete(session, b, [Tender(TenderType.CASH, 10**7)])
    assert sale.tenders[0]["type"] == "cash"


# Store-and-forward within central's caps: tests/integration/test_payments_caps.py.


def test_end_of_day_totals_are_kept(till: Device, sim: Any) -> None:
    session = associate(till)
    b, due = a_basket(till)
    till.basket.pay_card(session, b)
    till.basket.complete(session, b, [])
    totals = till.payments.reconcile(session)
    jpy = totals.for_currency("JPY")
    assert jpy.payments_count == 1 and jpy.payments_minor == due
    [kept] = till.payments.reconciliations()
    assert kept["reconciliation_id"] == totals.reconciliation_id and kept["totals"][0]["payments_minor"] == due
    assert till.payments.reconcile(session).for_currency("JPY").payments_count == 0  # a new batch


def test_test_connection_names_the_terminal_and_a_wrong_key_is_said(till: Device) -> None:
    assert "V400m-123456789" in till.test_terminal()
    till.set_terminal(till.settings.load().terminal, passphrase="wrong passphrase")
    from pos_app.devices.terminal import TerminalError

    with pytest.raises(TerminalError) as e:
        till.test_terminal()
    assert e.value.code == "terminal.key"
    stored = json.loads((till.data_dir / "settings.json").read_text())
    assert "passphrase" not in json.dumps(stored) and stored["terminal"]["key_id"] == "AisleKey"
