"""Endless aisle on the tablet against a real central on loopback: a basket mixing a carried-out
line and a shipped one, the customer and a Japanese address typed the way people type it, the
delivery option's fee as a line; sale.complete (no stock delta for the ship line) and
order.create in ONE local transaction, in that order; central gets the order and its ship_orders
row comes back to the tablet. Offline the order is "to be confirmed". Bad input is one sentence
per field and nothing is kept."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from pathlib import Path

import orjson
import pytest

from central.db import Database
from pos_app.services.app import Device
from pos_app.services.basket import Delivery
from pos_app.services.checkout import STEPS, Tender, TenderType
from pos_app.services.customers import Customer
from pos_app.services.errors import ValidationFailed
from pos_app.services.orders import AddressProblems
from tests.support.servers import free_port, run_central
from tests.support.tablet import associate

CASH = [Tender(TenderType.CASH, 10**7)]
TYPED_JP = {  # as typed on a tablet: full-width digits, 〒, a prefecture without its suffix
    "country": "JP",
    "postcode": "〒１５０ー０００１",
    "region": "東京",
    "city": "渋谷区",
    "street": "神南１－２－３",
    "building": "ＡＢＣビル 5F",
}


@pytest.fixture
def till(
    central_db: Database, enroll_code: Callable[..., str], memory_keyring: object, tmp_path: Path
) -> Iterator[tuple[Device, Callable[[], AbstractContextManager[str]]]]:
    """An enrolled, bootstrapped TKY01 device and `online()` (outside it the till is offline)."""
    from pos_app.local.store import LocalStore
    from pos_app.services.enrollment import enroll

    port = free_port()

    def online() -> AbstractContextManager[str]:
        return run_central(central_db, port=port)

    data = tmp_path / "tablet"
    with online() as url:
        store = LocalStore(data)
        enroll(store, url, enroll_code("TKY01"), "test tablet")
        store.close()
        dev = Device(data, keepalive_seconds=1.0, poll_seconds=2.0)
        status = dev.engine.sync_once()
        assert status.online and dev.bootstrapped(), status.message
    try:
        yield dev, online
    finally:
        dev.close()


def elsewhere_variant(device: Device, skip: int = 0) -> int:
    """A priced variant some other location has in stock (the store itself may have none)."""
    return int(
        device.store.query(
            "SELECT s.variant_id FROM stock s JOIN catalog c ON c.id = s.variant_id WHERE s.location_id != ? "
            "AND s.on_hand - s.reserved >= 2 AND c.category != 'delivery' AND EXISTS (SELECT 1 FROM prices p "
            "WHERE p.variant_id = s.variant_id AND p.currency = 'JPY' AND p.amount BETWEEN 1000 AND 5000) "
            "GROUP BY s.variant_id "
            "ORDER BY s.variant_id LIMIT 1 OFFSET ?",
            (device.identity.store_id, skip),
        )[0][0]
    )


def here_variant(device: Device) -> int:
    return int(
        device.store.query(
            "SELECT s.variant_id FROM stock s JOIN catalog c ON c.id = s.variant_id WHERE s.location_id = ? "
            "AND s.on_hand > 0 AND c.category != 'delivery' AND EXISTS (SELECT 1 FROM prices p "
            "WHERE p.variant_id = s.variant_id AND p.currency = 'JPY') ORDER BY s.variant_id LIMIT 1",
            (device.identity.store_id,),
        )[0][0]
    )


def outbox(device: Device) -> list[tuple[str, dict[str, object]]]:
    rows = device.store.query("SELECT type, payload FROM outbox ORDER BY device_seq", (), "device")
    return [(str(t), orjson.loads(p)) for t, p in rows]


def test_mixed_basket_ships_from_central_and_the_order_comes_back(till, central_db: Database) -> None:  # type: ignore[no-untyped-def]
    device, online = till
    session = associate(device)
    carry, ship = here_variant(device), elsewhere_variant(device)
    assert carry != ship
    with online():
        hanako = device.customers.search("Hanako").customers[0]
        svc = device.basket
        basket = svc.new()
        svc.add(basket, carry)
        view = svc.add_ship(basket, ship)
        assert [x.fulfilment for x in view.lines] == ["carry_out", "ship"] and view.ships
        with pytest.raises(ValidationFailed, match="Attach the customer first"):
            svc.complete(session, basket, CASH)  # no money is taken before the delivery is known
        svc.attach_customer(basket, hanako)
        address = device.orders.remember_address(hanako.id, TYPED_JP)
        assert address["postcode"] == "150-0001" and address["region"] == "東京都"
        assert address["street"] == "神南1-2-3"
        options = device.orders.options("JP")
        assert [o.id for o in options][:1] == ["jp-standard"] and options[0].fee == 550
        view = svc.set_delivery(basket, Delivery("home", "jp-standard", address, language="ja"))
        assert view.delivery is not None and view.delivery.fee_minor == 550
        assert view.delivery.destination.startswith("〒150-0001 東京都渋谷区")
        goods = sum(pl.total for pl in view.priced.lines[:2]) if view.priced else 0
        assert view.total_minor == goods + 550  # the fee is a line, taxed like any
        # free over 11,000 yen of shipped goods: no fee line at all
        big = svc.set_quantity(basket, view.lines[1].key, 12)
        assert big.delivery is not None and big.delivery.fee == "free" and big.priced is not None
        assert len(big.priced.lines) == 2
        view = svc.set_quantity(basket, view.lines[1].key, 1)
        assert view.delivery is not None and view.delivery.fee_minor == 550
        sale = svc.complete(session, basket, CASH)

        ops = outbox(device)
        types = [t for t, _p in ops]
        assert types[-2:] == ["sale.complete", "order.create"]  # right after its sale, same transaction
        sold, order = ops[-2][1], ops[-1][1]
        lines = {x["variant_id"]: x for x in sold["lines"]}  # type: ignore[index]
        assert lines[carry]["fulfilment"] == "carry_out" and lines[ship]["fulfilment"] == "ship"
        assert [d["variant_id"] for d in sold["stock"]] == [carry]  # type: ignore[index]
        fee_line = [x for x in sold["lines"] if x["variant_id"] not in (carry, ship)]  # type: ignore[union-attr]
        assert len(fee_line) == 1 and fee_line[0]["unit_price"] == 550 and fee_line[0]["fulfilment"] == "carry_out"
        assert order["sale_id"] == str(sale.sale_id) and order["customer_id"] == hanako.id
        assert order["delivery"] == {"option": "jp-standard", "fee": 550, "fee_line_id": fee_line[0]["line_id"]}
        assert order["destination"]["address"]["postcode"] == "150-0001"  # type: ignore[index]
        assert order["lines"] == [  # only the shipped line
            {"line_id": lines[ship]["line_id"], "variant_id": ship, "sku": lines[ship]["sku"], "quantity": 1}
        ]
        assert device.orders.orders().by_state("to_confirm")[0].customer == "Hanako Yamada"

        status = device.engine.sync_once()
        assert status.pending_ops == 0 and not status.dead_ops, status
        device.engine.sync_once()  # the ship_orders row central made
    found = device.orders.orders()
    assert not found.by_state("to_confirm", "refused")
    mine = [o for o in found.orders if o.order_ref == order["order_id"]]
    assert len(mine) == 1 and mine[0].id is not None and mine[0].number
    assert mine[0].state in ("sourced", "unsourced") and mine[0].sold_here
    assert mine[0].receipt_no == sale.receipt_no and [x.variant_id for x in mine[0].lines] == [ship]
    # central holds it once, with the address it normalised again
    from sqlalchemy import text

    with central_db.engine.connect() as c:
        n = c.execute(text("SELECT count(*) FROM fulfilments WHERE kind='ship'")).scalar()
        checked = c.execute(text("SELECT flagged, checks FROM orders WHERE sale_id=:s"), {"s": str(sale.sale_id)}).one()
    assert n is not None and n >= 1
    assert tuple(checked) == (0, "[]")  # central re-priced the mixed sale as the till did: nothing to flag


def test_offline_the_order_is_to_be_confirmed_and_central_confirms_it_later(till) -> None:  # type: ignore[no-untyped-def]
    device, online = till
    session = associate(device)
    ship = elsewhere_variant(device, skip=1)
    # offline from here: a customer made on the till, the order queued
    aiko = device.customers.create(session, "Aiko Test", email="aiko.test@example.com")
    svc = device.basket
    basket = svc.new()
    svc.add_ship(basket, ship)
    svc.attach_customer(basket, aiko)
    address = device.orders.remember_address(aiko.id, TYPED_JP)
    svc.set_delivery(basket, Delivery("home", "jp-express", address, language="ja"))
    sale = svc.complete(session, basket, CASH)
    waiting = device.orders.orders().by_state("to_confirm")
    assert len(waiting) == 1 and waiting[0].pending and waiting[0].receipt_no == sale.receipt_no
    assert waiting[0].destination.startswith("〒150-0001")
    assert [t for t, _p in outbox(device)][-3:] == ["customer.create", "sale.complete", "order.create"]
    # the address is one tap next time: kept with the recent customer
    assert device.orders.address_of(aiko.id) == address
    with online():
        for _ in range(3):
            status = device.engine.sync_once()
        assert status.pending_ops == 0 and not status.dead_ops, status
    assert not device.orders.orders().by_state("to_confirm")
    assert [o.receipt_no for o in device.orders.orders().orders if o.id is not None] == [sale.receipt_no]


@pytest.mark.parametrize(
    ("fields", "field", "words"),
    [
        ({"country": "JP", "region": "東京都", "city": "渋谷区", "street": "神南1-2-3"}, "postcode", "missing"),
        ({"country": "JP", "postcode": "150-01", "region": "東京都", "city": "渋谷区", "street": "1-2"}, "postcode",
         "7 digits"),
        ({"country": "DE", "postcode": "1011", "city": "Berlin", "street": "Torstraße 1"}, "postcode", "5 digits"),
        ({"country": "DE", "postcode": "00999", "city": "Berlin", "street": "Torstraße 1"}, "postcode", "01001"),
        ({"country": "JP", "postcode": "150-0001", "city": "渋谷区", "street": "1-2"}, "region", "prefecture"),
        ({"country": "FR", "postcode": "75001", "city": "Paris", "street": "1 rue"}, "country", "JP"),
    ],
)  # fmt: skip
def test_a_bad_address_is_one_sentence_next_to_its_field_and_nothing_is_kept(
    till, fields: dict[str, str], field: str, words: str
) -> None:  # type: ignore[no-untyped-def]
    device, _online = till
    with pytest.raises(AddressProblems) as e:
        device.orders.remember_address(4242, fields)
    assert field in e.value.problems and words in e.value.problems[field]
    assert all(s.count(". ") == 0 and s.endswith(".") for s in e.value.problems.values())  # one sentence each
    assert device.orders.address_of(4242) is None


def test_bad_input_at_the_till(till) -> None:  # type: ignore[no-untyped-def]
    device, _online = till
    session = associate(device)
    with pytest.raises(ValidationFailed, match="not a complete e-mail address"):
        device.customers.create(session, "Bad Mail", email="hanako@@example")
    assert not device.store.query("SELECT 1 FROM customers WHERE name='Bad Mail'", (), "device")
    # a product no store or warehouse ever had: nothing could ship it
    never = device.store.query(
        "SELECT c.id FROM catalog c WHERE c.category != 'delivery' AND NOT EXISTS "
        "(SELECT 1 FROM stock s WHERE s.variant_id = c.id AND s.location_id != ?) LIMIT 1",
        (device.identity.store_id,),
    )
    svc = device.basket
    basket = svc.new()
    if never:
        with pytest.raises(ValidationFailed, match="No store or warehouse has ever had"):
            svc.add_ship(basket, int(never[0][0]))
    else:  # the demo stocks everything somewhere: take one variant's stock rows out of the cache
        vid = elsewhere_variant(device, skip=2)
        with device.store.tx() as con:
            con.execute("DELETE FROM stock WHERE variant_id=? AND location_id != ?", (vid, device.identity.store_id))
        with pytest.raises(ValidationFailed, match="No store or warehouse has ever had"):
            svc.add_ship(basket, vid)
    assert basket.lines == []
    # a delivery option that is not there
    svc.add_ship(basket, elsewhere_variant(device))
    svc.attach_customer(basket, Customer(1, "Someone", email="a@example.com"))
    with pytest.raises(ValidationFailed, match="Choose how the order is delivered"):
        svc.set_delivery(basket, Delivery("home", "mars-rocket", {"country": "JP"}))
    with pytest.raises(ValidationFailed, match="Choose the delivery address"):
        svc.complete(session, basket, CASH)
    assert device.store.query("SELECT count(*) FROM sales", (), "device") == [(0,)]


def test_the_sale_and_its_order_are_one_transaction(till) -> None:  # type: ignore[no-untyped-def]
    """Failing the order step leaves neither the sale nor the order (nor a receipt number)."""
    device, _online = till
    session = associate(device)
    svc = device.basket
    basket = svc.new()
    svc.add_ship(basket, elsewhere_variant(device))
    svc.attach_customer(basket, Customer(77, "Ken Test", email="ken@example.com"))
    address = device.orders.check_address(TYPED_JP)
    svc.set_delivery(basket, Delivery("home", "jp-standard", address))
    assert "order" in STEPS

    def boom(step: str) -> None:
        if step == "order":
            raise RuntimeError("power cut")

    before = outbox(device)
    device.checkout.fault = boom
    with pytest.raises(RuntimeError):
        svc.complete(session, basket, CASH)
    device.checkout.fault = None
    assert outbox(device) == before  # neither op
    for table in ("sales", "aisle_orders"):
        assert device.store.query(f"SELECT count(*) FROM {table}", (), "device") == [(0,)], table
    sale = svc.complete(session, basket, CASH)  # the same basket, now whole
    assert sale.receipt_no.endswith("-000001")
    assert device.store.query("SELECT count(*) FROM aisle_orders", (), "device") == [(1,)]


def _order_for(device: Device, vid: int, who: str, email: str) -> str:
    """An endless-aisle order of one `vid`, paid in cash; returns its order_id."""
    session = associate(device)
    svc = device.basket
    basket = svc.new()
    svc.add_ship(basket, vid)
    svc.attach_customer(basket, device.customers.create(session, who, email=email))
    svc.set_delivery(basket, Delivery("home", "jp-standard", device.orders.check_address(TYPED_JP)))
    svc.complete(session, basket, CASH)
    return str(basket.order_id)


def _sync(device: Device, times: int = 3) -> None:
    for _ in range(times):
        status = device.engine.sync_once()
    assert status.pending_ops == 0 and not status.dead_ops, status


def test_an_order_central_cannot_source_is_cancelled_and_refunded_in_cash(till, central_db: Database) -> None:  # type: ignore[no-untyped-def]
    """The stock went between the offline order and its sync: central leaves it unsourced (never
    negative); staff cancel it, central owes the customer what the line cost, the till pays it
    out in cash and says so."""
    from sqlalchemy import update

    from central.models import Stock

    device, online = till
    session = associate(device)
    vid = elsewhere_variant(device, skip=3)
    ref = _order_for(device, vid, "Gone Stock", "gone.stock@example.com")
    with central_db.session() as s, s.begin():  # meanwhile every location sold its last one
        s.execute(update(Stock).where(Stock.variant_id == vid).values(on_hand=Stock.reserved))
    with online():
        _sync(device)
        o = next(o for o in device.orders.orders().orders if o.order_ref == ref)
        assert o.state == "unsourced" and o.sold_here and o.id is not None
        assert device.orders.waiting() >= 1  # the header's count: it needs staff
        with pytest.raises(ValidationFailed, match="Choose where order"):
            device.orders.decide(session, o, "source")
        device.orders.decide(session, o, "cancel")
        assert next(x for x in device.orders.orders().orders if x.id == o.id).pending
        _sync(device)
        o = next(x for x in device.orders.orders().orders if x.id == o.id)
        assert o.state == "cancelled" and o.refund_due > 0 and o.refund_text
        device.orders.refund(session, o, "cash")
        _sync(device)
        o = next(x for x in device.orders.orders().orders if x.id == o.id)
        assert o.refund_due == 0 and not o.refused
        with pytest.raises(ValidationFailed, match="Nothing is owed"):
            device.orders.refund(session, o, "cash")
    kinds = [t for t, _p in outbox(device)]
    assert kinds.count("order.decide") == 1 and kinds.count("order.refund") == 1


def test_an_order_this_store_ships_gets_its_carrier_and_tracking(till, central_db: Database) -> None:  # type: ignore[no-untyped-def]
    from sqlalchemy import update

    from central.models import Stock

    device, online = till
    session = associate(device)
    here = device.identity.store_id
    vid = int(
        device.store.query(
            "SELECT s.variant_id FROM stock s JOIN catalog c ON c.id=s.variant_id WHERE s.location_id=? "
            "AND s.on_hand - s.reserved >= 2 AND c.category != 'delivery' AND EXISTS (SELECT 1 FROM stock o "
            "WHERE o.variant_id = s.variant_id AND o.location_id != ?) ORDER BY 1 LIMIT 1",
            (here, here),
        )[0][0]
    )
    with central_db.session() as s, s.begin():  # only this store has it left
        s.execute(
            update(Stock).where(Stock.variant_id == vid, Stock.location_id != here).values(on_hand=Stock.reserved)
        )
    ref = _order_for(device, vid, "Ship Here", "ship.here@example.com")
    with online():
        _sync(device)
        o = next(o for o in device.orders.orders().orders if o.order_ref == ref)
        assert o.state == "sourced" and o.ship_here, o
        with pytest.raises(ValidationFailed, match="is not one: 4 to 40"):
            device.orders.ship(session, o, "yamato", "12")
        with pytest.raises(ValidationFailed, match="Choose the carrier"):
            device.orders.ship(session, o, "pigeon", "1234-5678-9012")
        assert [c for c, _n in device.orders.carriers("JP")][:3] == ["yamato", "sagawa", "japanpost"]
        device.orders.ship(session, o, "yamato", " 1234-5678-9012 ")
        _sync(device)
        o = next(x for x in device.orders.orders().orders if x.id == o.id)
        assert o.state == "shipped" and o.carrier == "yamato" and o.tracking == "1234-5678-9012" and not o.pending


def test_ship_to_a_store_has_the_store_option_and_no_fee_line(till, central_db: Database) -> None:  # type: ignore[no-untyped-def]
    device, online = till
    session = associate(device)
    stores = device.orders.stores()
    assert stores[0][0] == device.identity.store_id and {c for _i, _n, c in stores} == {"JP"}
    other = next((s for s in stores if s[0] != device.identity.store_id), stores[0])
    assert [o.id for o in device.orders.options("JP", kind="store")] == ["jp-store"]
    assert device.orders.options("DE") == []  # a Tokyo till charges no euro fee: no option abroad
    svc = device.basket
    basket = svc.new()
    view = svc.add_ship(basket, elsewhere_variant(device, skip=4))
    with online():
        svc.attach_customer(basket, device.customers.search("Hanako").customers[0])
        view = svc.set_delivery(basket, Delivery("store", "jp-store", None, other[0], other[1], "ja"))
        assert view.delivery is not None and view.delivery.destination == other[1] and view.delivery.fee == "free"
        assert view.priced is not None and len(view.priced.lines) == 1  # no fee line
        svc.complete(session, basket, CASH)
        order = outbox(device)[-1][1]
        assert order["destination"] == {"kind": "store", "store_id": other[0]}
        assert order["delivery"] == {"option": "jp-store", "fee": 0}  # no fee line id (None is left out)
        _sync(device)
    o = next(o for o in device.orders.orders().orders if o.order_ref == order["order_id"])
    assert o.id is not None and o.state in ("sourced", "unsourced")


def test_a_cancelled_order_paid_by_card_is_refunded_to_the_card(till, central_db: Database) -> None:  # type: ignore[no-untyped-def]
    """The refund goes back to the sale's card, referenced to its terminal transaction (the
    terminal simulator over its network protocol), and order.refund carries that reference."""
    from sqlalchemy import update

    from central.models import Stock
    from pos_app.devices.terminal import TerminalSimulator
    from pos_app.devices.terminal.protection import NexoKey
    from pos_app.devices.terminal.sim_server import running_simulator
    from pos_app.services.settings import TerminalSettings

    device, online = till
    session = associate(device)
    key = NexoKey("demo passphrase", "AisleKey", 1)
    sim = TerminalSimulator(key=key)
    with running_simulator(sim) as server, online():
        device.set_terminal(
            TerminalSettings(kind="network", url=server.url, poiid=sim.poiid, key_id=key.key_identifier,
                             key_version=key.key_version, allow_plain=True),
            passphrase=key.passphrase,
        )  # fmt: skip
        vid = elsewhere_variant(device, skip=5)
        svc = device.basket
        basket = svc.new()
        svc.add_ship(basket, vid)
        with pytest.raises(ValidationFailed, match="Attach the customer first"):
            svc.pay_card(session, basket)  # no card money before the delivery is known
        svc.attach_customer(basket, device.customers.create(session, "Card Refund", email="card.refund@example.com"))
        svc.set_delivery(basket, Delivery("home", "jp-standard", device.orders.check_address(TYPED_JP)))
        paid = svc.pay_card(session, basket)
        assert paid.state == "approved", paid
        sale = svc.complete(session, basket, [])
        assert [t["type"] for t in sale.tenders] == ["card"]
        with central_db.session() as s, s.begin():
            s.execute(update(Stock).where(Stock.variant_id == vid).values(on_hand=Stock.reserved))
        _sync(device)
        o = next(o for o in device.orders.orders().orders if o.order_ref == str(basket.order_id))
        assert o.state == "unsourced"
        device.orders.decide(session, o, "cancel")
        _sync(device)
        o = next(x for x in device.orders.orders().orders if x.id == o.id)
        assert o.refund_due > 0
        device.orders.refund(session, o, "card")
        refunds = [p for p in device.payments.of_sale(sale.sale_id) if p.kind == "refund"]
        assert len(refunds) == 1 and refunds[0].state == "refunded" and refunds[0].approved_amount == o.refund_due
        sent = outbox(device)[-1][1]
        assert sent["tender"] == "card" and sent["amount"] == o.refund_due and sent["reference"]
        _sync(device)
    o = next(x for x in device.orders.orders().orders if x.id == o.id)
    assert o.refund_due == 0 and not o.refused


def test_pos_app_orders_lists_them_for_support(till, central_db: Database, capsys: pytest.CaptureFixture[str]) -> None:  # type: ignore[no-untyped-def]
    from sqlalchemy import update

    from central.models import Stock
    from pos_app.cli import main

    device, online = till
    data = str(device.data_dir)
    gone = elsewhere_variant(device, skip=6)
    _order_for(device, gone, "Cli Nostock", "cli.nostock@example.com")
    device.close()  # the command opens the device itself
    capsys.readouterr()
    assert main(["--data-dir", data, "orders"]) == 0  # nothing needs staff: central has it to do
    out = capsys.readouterr().out
    assert "TO BE CONFIRMED" in out and "Cli Nostock" in out and "〒150-0001 東京都渋谷区" in out
    assert "central's rows as of" in out
    with central_db.session() as s, s.begin():
        s.execute(update(Stock).where(Stock.variant_id == gone).values(on_hand=Stock.reserved))
    with online():
        dev = Device(Path(data), keepalive_seconds=1.0, poll_seconds=2.0)
        try:
            _sync(dev)
        finally:
            dev.close()
    assert main(["--data-dir", data, "orders", "--state", "unsourced"]) == 1  # it needs staff now
    out = capsys.readouterr().out
    assert out.startswith("! ") and "NO STOCK FOUND" in out and "1 need staff" in out
    assert main(["--data-dir", data, "orders", "--state", "shipped"]) == 0
    assert capsys.readouterr().out.startswith("0 order(s) shown")


def test_staff_choose_another_source_for_an_unsourced_order(till, central_db: Database) -> None:  # type: ignore[no-untyped-def]
    """Wait first (central keeps it unsourced), then the warehouse once stock came in there."""
    from sqlalchemy import select, update

    from central.models import Location, Stock

    device, online = till
    session = associate(device)
    vid = elsewhere_variant(device, skip=7)
    ref = _order_for(device, vid, "Other Source", "other.source@example.com")
    with central_db.session() as s, s.begin():
        s.execute(update(Stock).where(Stock.variant_id == vid).values(on_hand=Stock.reserved))
        warehouse = s.scalar(
            select(Location.id).where(Location.kind == "warehouse", Location.country == "JP").order_by(Location.id)
        )
    assert warehouse is not None
    with online():
        _sync(device)
        o = next(o for o in device.orders.orders().orders if o.order_ref == ref)
        assert o.state == "unsourced"
        device.orders.decide(session, o, "wait")
        _sync(device)
        o = next(x for x in device.orders.orders().orders if x.id == o.id)
        assert o.state == "unsourced" and not o.pending and not o.refused
        assert {loc for loc, _n, _q in device.orders.sources(o)} <= {
            int(i) for (i,) in device.store.query("SELECT id FROM locations WHERE country='JP'")
        }  # never a source central refuses for being abroad
        with central_db.session() as s, s.begin():  # a delivery reached the warehouse
            s.execute(
                update(Stock)
                .where(Stock.variant_id == vid, Stock.location_id == warehouse)
                .values(on_hand=Stock.reserved + 5)
            )
        device.orders.decide(session, o, "source", warehouse)
        assert next(x for x in device.orders.orders().orders if x.id == o.id).state == "sourced"  # at once, offline too
        _sync(device)
        o = next(x for x in device.orders.orders().orders if x.id == o.id)
        assert o.state == "sourced" and not o.pending and not o.refused and o.source


def test_a_parked_basket_keeps_its_ship_lines_delivery_and_order_id(till) -> None:  # type: ignore[no-untyped-def]
    device, _online = till
    session = associate(device)
    svc = device.basket
    basket = svc.new()
    svc.add(basket, here_variant(device))
    svc.add_ship(basket, elsewhere_variant(device))
    svc.attach_customer(basket, Customer(91, "Park Test", email="park@example.com"))
    delivery = Delivery("home", "jp-standard", device.orders.check_address(TYPED_JP), language="ja")
    before = svc.set_delivery(basket, delivery)
    order_id = basket.order_id
    parked = svc.park(basket, session)
    assert basket.delivery is None and basket.order_id != order_id  # the till's next basket is a new order
    back = svc.resume(parked.id)
    view = svc.view(back)
    assert back.order_id == order_id and back.delivery == delivery
    assert [x.fulfilment for x in view.lines] == ["carry_out", "ship"]
    assert view.total_minor == before.total_minor and view.delivery == before.delivery
