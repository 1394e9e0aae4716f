"""A pay-on-pickup order paid through the normal checkout (docs/pickups.md "Paying at the till"),
with a real central on loopback and real tablets: the collected lines go into the basket as
pickup lines at the order's prices (no stock delta), the sale and its `pickup.handover` (with
the sale_id) are written in one transaction, offline too; central records the sale on the order,
releases the reservation, and the channel API and order page say where it was paid. A declined
card or a customer who walks away hands nothing over; what does not add up is flagged; two tills
taking the money offline: the second is told to give it back."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

import httpx
import orjson
import pytest
from sqlalchemy import select

from central.db import Database
from central.models import CustomerOrder, Fulfilment, Order, OrderLine, Stock, Variant
from pos_app.devices.terminal import TerminalSimulator
from pos_app.devices.terminal.protection import NexoKey
from pos_app.devices.terminal.sim_server import running_simulator
from pos_app.services.app import Device
from pos_app.services.basket import TenderType
from pos_app.services.checkout import Tender
from pos_app.services.errors import ValidationFailed
from pos_app.services.pickups import Pickup
from pos_app.services.settings import TerminalSettings
from tests.central.helpers import channel_token
from tests.support.servers import free_port, run_central
from tests.support.tablet import associate

Online = Callable[[], AbstractContextManager[str]]
_refs = itertools.count(1)
SHOP: dict[str, dict[str, str]] = {}  # the web shop's channel token per order reference


@pytest.fixture
def tills(
    central_db: Database, enroll_code: Callable[..., str], memory_keyring: object, tmp_path: Path
) -> Iterator[tuple[Device, Device, Online]]:
    """Two enrolled, bootstrapped TKY01 tablets ("till 1", "till 2") and `online()`."""
    from pos_app.local.store import LocalStore
    from pos_app.services.enrollment import enroll

    port = free_port()

    def online() -> AbstractContextManager[str]:
        return run_central(central_db, port=port, watch=0.1)

    devices = []
    with online() as url:
        for name in ("till 1", "till 2"):
            store = LocalStore(tmp_path / name.replace(" ", ""))
            enroll(store, url, enroll_code("TKY01"), name)
            store.close()
            dev = Device(tmp_path / name.replace(" ", ""), keepalive_seconds=1.0, poll_seconds=2.0)
            assert dev.engine.sync_once().online and dev.bootstrapped()
            devices.append(dev)
    try:
        yield devices[0], devices[1], online
    finally:
        for d in devices:
            d.close()


def skus(db: Database, n: int = 3) -> list[tuple[str, int]]:
    with db.session() as s:
        rows = s.execute(
            select(Variant.sku, Variant.id)
            .join(Stock, Stock.variant_id == Variant.id)
            .where(Stock.location_id == 1, Stock.on_hand - Stock.reserved >= 5)
            .order_by(Variant.id)
            .limit(n)
        ).all()
    return [(str(a), int(b)) for a, b in rows]


def ready_pay_on_pickup(till: Device, url: str, db: Database) -> tuple[Pickup, str, str]:
    """A pay-on-pickup order (1 of sku A, 2 of sku B) from the shop, picked and ready on `till`;
    (pickup, signed code, the shop's reference; its token in SHOP[reference])."""
    (a, _), (b, _) = skus(db, 2)
    ref = f"web-pay-{next(_refs)}"
    body = {
        "reference": ref,
        "store": "TKY01",
        "customer": {"name": "Hanako Yamada", "email": "hanako@example.com", "language": "en"},
        "lines": [{"sku": a, "qty": 1}, {"sku": b, "qty": 2}],
        "payment": "pay_on_pickup",
    }
    SHOP[ref] = channel_token(db, f"shop-{ref}")
    r = httpx.post(f"{url}/v1/channel/pickups", headers=SHOP[ref], json=body)
    assert r.status_code == 201, r.text
    assert till.engine.sync_once().online
    p = next(x for x in till.pickups.queue().by_state("new") if x.number == r.json()["number"])
    till.pickups.pick(p, {x.line_no: x.quantity for x in p.lines}, {}, "B-3", None)
    till.pickups.ready(till.pickups.get(p.id), None)
    assert till.engine.sync_once().online and till.engine.sync_once().online
    p = till.pickups.get(p.id)
    assert p.state == "ready" and not p.pending
    return p, str(till.store.query("SELECT code FROM pickups WHERE id=?", (p.id,))[0][0]), ref


def reserved_on_hand(db: Database, vid: int) -> tuple[int, int]:
    with db.session() as s:
        st = s.get_one(Stock, (1, vid))
        return st.reserved, st.on_hand


def outbox(dev: Device) -> list[tuple[str, dict[str, Any]]]:
    rows = dev.store.query("SELECT type, payload FROM outbox ORDER BY device_seq", (), "device")
    return [(str(t), orjson.loads(p)) for t, p in rows]


def test_paid_at_the_till_offline_then_central_records_where(
    tills: tuple[Device, Device, Online], central_db: Database
) -> None:
    till, _other, online = tills
    with online() as url:
        p, code, ref = ready_pay_on_pickup(till, url, central_db)
    before = {x.variant_id: reserved_on_hand(central_db, x.variant_id) for x in p.lines}
    session = associate(till)
    # offline: the handover cannot skip the money
    with pytest.raises(ValidationFailed, match=r"pay on pickup: take the payment \(.+\) first"):
        till.pickups.handover(till.pickups.verify_code(code), staff_id=None, found_by="code")
    sale = till.pickups.for_payment(till.pickups.verify_code(code), staff_id=session.staff.id, found_by="code")
    assert sale.due == p.total and sale.id_checked
    basket = till.basket.new()
    # the customer buys socks as well: one basket, a carried-out line and the pickup lines
    extra_vid = skus(central_db, 3)[2][1]
    till.basket.add(basket, extra_vid)
    view = till.basket.add_pickup(basket, sale)
    assert till.basket.add_pickup(basket, sale).total_minor == view.total_minor  # the same order again: no change
    pick_lines = [x for x in view.lines if x.fulfilment == "pickup"]
    assert [x.note for x in pick_lines] == [f"Collected: pickup order {p.number}"] * 2
    assert [x.quantity for x in pick_lines] == [1, 2]
    pickup_total = sum(pl.total for pl in view.priced.lines[1:])  # type: ignore[union-attr]
    assert pickup_total == p.total  # the order's prices, no promotion
    with pytest.raises(ValidationFailed, match="collected from a pickup order"):
        till.basket.set_quantity(basket, pick_lines[1].key, 1)
    with pytest.raises(ValidationFailed, match="take the payment, or clear"):
        till.basket.park(basket, session)
    done = till.basket.complete(session, basket, [Tender(TenderType.CASH, view.cash_total_minor)])
    # one transaction: the sale, then its handover carrying the sale id
    ops = outbox(till)
    types = [t for t, _ in ops]
    assert types[-2:] == ["sale.complete", "pickup.handover"]
    sale_doc, hand = ops[-2][1], ops[-1][1]
    assert hand["sale_id"] == str(done.sale_id) and hand["found_by"] == "code" and hand["pickup_id"] == p.id
    assert [x["fulfilment"] for x in sale_doc["lines"]] == ["carry_out", "pickup", "pickup"]
    assert [d["variant_id"] for d in sale_doc["stock"]] == [extra_vid]  # the pickup lines move no stock here
    assert till.pickups.get(p.id).state == "collected" and till.pickups.get(p.id).pending  # right offline
    kinds = [e.type for e in till.store.journal_entries()]
    assert kinds[-2:] == ["sale.complete", "pickup.handover"]
    with online() as url:
        assert till.engine.sync_once().online
        till.engine.sync_once()
        with central_db.session() as s:
            f = s.get_one(Fulfilment, p.id)
            order = s.get_one(CustomerOrder, f.order_id)
            assert f.state == "collected"
            assert order.sale_id == str(done.sale_id) and order.store_id == 1 and orjson.loads(order.checks) == []
            central_sale = s.scalar(select(Order).where(Order.sale_id == str(done.sale_id)))
            assert central_sale is not None and not central_sale.flagged, central_sale.checks
            kinds_c = s.scalars(select(OrderLine.fulfilment).where(OrderLine.order_id == central_sale.id)).all()
            assert sorted(kinds_c) == ["carry_out", "pickup", "pickup"]
        for x in p.lines:  # the reservation released, the collected units off on_hand
            r0, h0 = before[x.variant_id]
            assert reserved_on_hand(central_db, x.variant_id) == (r0 - x.quantity, h0 - x.quantity)
        api = httpx.get(f"{url}/v1/channel/pickups/{ref}", headers=SHOP[ref]).json()
        paid = api["paid_in_store"]
        assert paid["store"] == "TKY01" and paid["receipt_no"] == done.receipt_no and paid["amount"] == p.total
        assert api["checks"] == [] and any(e["event"] == "paid" for e in api["history"])
        page = httpx.get(api["page_url"].replace(api["page_url"].split("/o/")[0], url)).text
        assert "Paid at Aisle Shibuya on " in page
    assert not till.pickups.get(p.id).pending


def test_some_lines_only_and_a_discount_central_flags(
    tills: tuple[Device, Device, Online], central_db: Database
) -> None:
    till, _other, online = tills
    with online() as url:
        p, code, ref = ready_pay_on_pickup(till, url, central_db)
        session = associate(till)
        # the customer leaves line 2 behind: only line 1 is due
        sale = till.pickups.for_payment(till.pickups.get(p.id), staff_id=None, found_by="search", lines={1: 1})
        assert not sale.id_checked and sale.due == p.lines[0].unit_price
        basket = till.basket.new()
        till.basket.add_pickup(basket, sale)
        view = till.basket.discount_basket(basket, "percent", "10", "goodwill", session)
        assert view.total_minor < sale.due
        till.basket.complete(session, basket, [Tender(TenderType.CASH, view.cash_total_minor)])
        assert till.engine.sync_once().online
        with central_db.session() as s:
            f = s.get_one(Fulfilment, p.id)
            assert f.state == "collected"
            checks = orjson.loads(s.get_one(CustomerOrder, f.order_id).checks)
        assert checks == [
            {"check": "payment.amount", "subject": str(basket.sale_id), "tablet": view.total_minor, "central": sale.due}
        ]
        api = httpx.get(f"{url}/v1/channel/pickups/{ref}", headers=SHOP[ref]).json()
        assert [x["collected"] for x in api["lines"]] == [1, 0] and api["checks"] == checks
        del code


def test_a_declined_card_or_a_customer_who_walks_away_hands_nothing_over(
    tills: tuple[Device, Device, Online], central_db: Database
) -> None:
    till, _other, online = tills
    with online() as url:
        p, code, _ref = ready_pay_on_pickup(till, url, central_db)
    key = NexoKey("pickup passphrase", "PickKey", 1)
    sim = TerminalSimulator(key=key)
    with running_simulator(sim) as server:
        till.set_terminal(
            TerminalSettings(kind="network", url=server.url, poiid=sim.poiid, key_id="PickKey", allow_plain=True),
            passphrase=key.passphrase,
        )
        till.payments.poll_interval = 0.05
        session = associate(till)
        sent = len(outbox(till))
        basket = till.basket.new()
        till.basket.add_pickup(basket, till.pickups.for_payment(till.pickups.verify_code(code), staff_id=None,
                                                                found_by="code"))  # fmt: skip
        sim.script("decline:InsufficientFunds")
        declined = till.basket.pay_card(session, basket)
        assert declined.state == "declined"
        assert len(outbox(till)) == sent and till.pickups.get(p.id).state == "ready"  # nothing handed over
        with pytest.raises(ValidationFailed):
            till.basket.complete(session, basket, [])  # nothing paid: no sale, no handover
        # another card is approved, then the customer walks away: the card is given back
        approved = till.basket.pay_card(session, basket)
        assert approved.state == "approved"
        till.basket.abandon(session, basket)
        view = till.basket.clear(basket)
        assert view.empty and basket.pickup is None and till.payments.taken(basket.sale_id) == 0
        assert len(outbox(till)) == sent and till.pickups.get(p.id).state == "ready"
        assert till.store.query("SELECT count(*) FROM pickup_actions WHERE kind='handover'", (), "device")[0][0] == 0
        # still ready: it can be paid later (card, all of it)
        basket = till.basket.new()
        till.basket.add_pickup(basket, till.pickups.for_payment(till.pickups.get(p.id), staff_id=None,
                                                                found_by="search", id_checked=True))  # fmt: skip
        assert till.basket.pay_card(session, basket).state == "approved"
        done = till.basket.complete(session, basket, [])
        assert [t["type"] for t in done.tenders] == ["card"]
        assert outbox(till)[-1][0] == "pickup.handover" and outbox(till)[-1][1]["id_checked"] is True


def test_a_fault_at_the_handover_step_leaves_neither_sale_nor_handover(
    tills: tuple[Device, Device, Online], central_db: Database
) -> None:
    till, _other, online = tills
    with online() as url:
        p, code, _ref = ready_pay_on_pickup(till, url, central_db)
    session = associate(till)
    basket = till.basket.new()
    view = till.basket.add_pickup(basket, till.pickups.for_payment(till.pickups.verify_code(code), staff_id=None,
                                                                   found_by="code"))  # fmt: skip
    sent = len(outbox(till))

    def fault(step: str) -> None:
        if step == "handover":
            raise RuntimeError("disk gone at the handover")

    till.checkout.fault = fault
    with pytest.raises(RuntimeError):
        till.basket.complete(session, basket, [Tender(TenderType.CASH, view.cash_total_minor)])
    till.checkout.fault = None
    assert len(outbox(till)) == sent and till.checkout.sales() == []
    assert till.pickups.get(p.id).state == "ready"
    done = till.basket.complete(session, basket, [Tender(TenderType.CASH, view.cash_total_minor)])
    assert done.receipt_no.endswith("000001")  # the counter given back by the rollback
    assert [t for t, _ in outbox(till)][-2:] == ["sale.complete", "pickup.handover"]


def test_two_tills_take_the_money_offline_the_second_is_told_to_give_it_back(
    tills: tuple[Device, Device, Online], central_db: Database
) -> None:
    till1, till2, online = tills
    with online() as url:
        p, code, _ref = ready_pay_on_pickup(till1, url, central_db)
        assert till2.engine.sync_once().online
    sales = []
    for till in (till1, till2):
        session = associate(till)
        basket = till.basket.new()
        view = till.basket.add_pickup(
            basket, till.pickups.for_payment(till.pickups.verify_code(code), staff_id=None, found_by="code")
        )
        sales.append(till.basket.complete(session, basket, [Tender(TenderType.CASH, view.cash_total_minor)]))
    with online():
        assert till1.engine.sync_once().online
        till2.engine.sync_once()
        till2.engine.sync_once()
        with central_db.session() as s:
            order = s.get_one(CustomerOrder, s.get_one(Fulfilment, p.id).order_id)
            assert order.sale_id == str(sales[0].sale_id)
            # the second sale happened (a sale is never refused) but handed nothing over
            assert s.scalar(select(Order).where(Order.sale_id == str(sales[1].sale_id))) is not None
    refused = till2.pickups.get(p.id).refused
    assert "already collected" in refused and f"Give back the payment of sale {sales[1].sale_id}." in refused


def test_the_receipt_marks_ship_and_pickup_lines_printed_and_e_receipt(
    tills: tuple[Device, Device, Online], central_db: Database
) -> None:
    from pos_app.services.basket import Delivery
    from sync.receipts.text import render_text
    from tests.integration.test_endless_aisle import TYPED_JP, elsewhere_variant

    till, _other, online = tills
    with online() as url:
        p, code, _ref = ready_pay_on_pickup(till, url, central_db)
        session = associate(till)
        svc = till.basket
        basket = svc.new()
        carry = skus(central_db, 3)[2][1]
        svc.add(basket, carry)
        svc.add_ship(basket, elsewhere_variant(till))
        svc.attach_customer(basket, till.customers.create(session, "Aiko Fujita", email="aiko@example.com"))
        svc.set_delivery(basket, Delivery("home", "jp-standard", till.orders.check_address(TYPED_JP), language="ja"))
        view = svc.add_pickup(
            basket, till.pickups.for_payment(till.pickups.verify_code(code), staff_id=None, found_by="code")
        )
        assert [x.fulfilment for x in view.lines] == ["carry_out", "ship", "pickup", "pickup"]
        done = svc.complete(session, basket, [Tender(TenderType.CASH, view.cash_total_minor)])
        ops = [t for t, _ in outbox(till)]
        assert ops[-3:] == ["sale.complete", "order.create", "pickup.handover"]  # one transaction, that order
        printed = render_text(till.sale_receipts.receipt_of(done, session.staff.name))
        again = till.checkout.sale(done.sale_id)  # after a restart: rebuilt from device.db
        assert again is not None and again.priced is None
        rebuilt = render_text(till.sale_receipts.receipt_of(again, session.staff.name))
        for text in (printed, rebuilt):
            assert text.count("配送先：〒150-0001 東京都渋谷区") == 1, text
            assert text.count(f"店頭受け取り（ご注文 {p.number}）") == 2, text  # under each collected line
        assert till.engine.sync_once().online
        till.engine.sync_once()
        page = httpx.get(f"{url}/r/{done.sale_id}").text  # the e-receipt: central builds it the same way
        assert "配送先：〒150-0001 東京都渋谷区" in page and page.count(f"店頭受け取り（ご注文 {p.number}）") == 2


def test_an_order_central_refused_is_paid_back_at_the_till_once(
    tills: tuple[Device, Device, Online], central_db: Database
) -> None:
    """order.create refused (here: ship-to-store to a store central no longer has): nothing ships,
    the till gives back what the sale charged for it and tells central (order.refund_refused)."""
    import uuid

    from central.models import RefusedOrderRefund
    from pos_app.services.basket import Delivery
    from tests.integration.test_endless_aisle import elsewhere_variant

    till, _other, online = tills
    session = associate(till)
    with online():
        svc = till.basket
        basket = svc.new()
        svc.add(basket, skus(central_db, 3)[2][1])  # carried out: stays sold
        view = svc.add_ship(basket, elsewhere_variant(till))
        svc.attach_customer(basket, till.customers.create(session, "Aiko Fujita", email="aiko@example.com"))
        view = svc.set_delivery(basket, Delivery("store", "jp-store", store_id=999_999, store_name="Aisle Closed"))
        ship_total = view.priced.lines[1].total  # type: ignore[union-attr]
        done = svc.complete(session, basket, [Tender(TenderType.CASH, view.cash_total_minor)])
        for _ in range(3):
            till.engine.sync_once()
    (o,) = [x for x in till.orders.orders().orders if x.sale_id == str(done.sale_id)]
    assert o.state == "refused" and "no store 999999" in o.refused and o.refund_due == ship_total
    assert till.orders.waiting() == 1
    till.orders.refund(session, o, "cash")  # offline: the drawer pays, the op waits
    (o,) = [x for x in till.orders.orders().orders if x.sale_id == str(done.sale_id)]
    assert o.state == "cancelled" and o.pending and o.refund_due == 0 and till.orders.waiting() == 0
    with pytest.raises(ValidationFailed, match="paid back already"):
        till.orders.refund(session, o, "cash")
    assert any(e.type == "order.refund_refused" for e in till.store.journal_entries())
    # a second refund of the same order reaches central anyway (another till's, say): refused
    sneaky = dict(outbox(till)[-1][1]) | {"amount": 1}
    with till.store.tx("device") as con:
        till.store.enqueue(con, "order.refund_refused", sneaky, str(uuid.uuid4()))
    with online():
        till.engine.sync_once()
        till.engine.sync_once()
    (o,) = [x for x in till.orders.orders().orders if x.sale_id == str(done.sale_id)]
    assert o.state == "cancelled" and not o.pending
    with central_db.session() as s:
        rows = s.scalars(select(RefusedOrderRefund)).all()
        assert [(r.order_ref, r.amount, r.tender) for r in rows] == [(str(basket.order_id), ship_total, "cash")]
    errors = till.store.query("SELECT last_error FROM outbox WHERE type='order.refund_refused' AND state='dead'", (),
                              "device")  # fmt: skip
    assert len(errors) == 1 and "refunded already" in str(errors[0][0])
