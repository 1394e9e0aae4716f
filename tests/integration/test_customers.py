"""Customers at the till against a real central on loopback (docs/customers.md), offline by
stopping it: search online and from the recent ones offline, create online and offline, attach
(the group's prices and promotions at once), and the sale names the customer; role limits come
from central's `role_limits` stream."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import select

from central.changes import writing
from central.customers import put_role_limit
from central.db import Database
from central.models import AppliedOp, Customer, Order
from pos_app.core.auth import Role
from pos_app.services.app import Device
from pos_app.services.basket import LIMITS
from pos_app.services.checkout import Tender, TenderType
from pos_app.services.customers import DuplicateEmail
from pos_app.services.errors import PermissionNeeded, ValidationFailed
from tests.support.servers import free_port, run_central
from tests.support.tablet import associate

CASH = [Tender(TenderType.CASH, 10**7)]


@pytest.fixture
def till(
    central_db: Database, enroll_code: Callable[..., str], memory_keyring: object, tmp_path: Path
) -> Iterator[tuple[Device, Callable[[], AbstractContextManager[str]]]]:
    """An enrolled, bootstrapped TKY01 device, and `online()`: central on the device's port for
    the `with` block (outside it the till is offline)."""
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


def member_variant(device: Device) -> tuple[int, int, int]:
    """(variant id, base price, members' price) of a cached variant with a members' price that
    no promotion touches (a category without one, below the spend offer's threshold)."""
    row = device.store.query(
        "SELECT b.variant_id, b.amount, m.amount FROM prices b JOIN prices m ON m.variant_id = b.variant_id "
        "JOIN catalog c ON c.id = b.variant_id AND c.category IN ('Shirts', 'Trousers', 'Boots', 'Sandals') "
        "WHERE b.amount < 30000 AND b.customer_group = '' AND b.store_id IS NULL AND m.customer_group = 'members' AND b.currency = 'JPY' "
        "AND m.currency = 'JPY' AND b.variant_id NOT IN (SELECT p.variant_id FROM prices p WHERE p.store_id IS NOT NULL) "
        "ORDER BY b.variant_id LIMIT 1"
    )
    return int(row[0][0]), int(row[0][1]), int(row[0][2])


def test_search_attach_member_prices_and_the_sale_names_the_customer(till, central_db: Database) -> None:  # type: ignore[no-untyped-def]
    device, online = till
    session = associate(device)
    vid, base, member = member_variant(device)
    with online():
        found = device.customers.search("090 1234 5678")
        assert found.live and [c.name for c in found.customers] == ["Hanako Yamada"]
        hanako = found.customers[0]
        assert hanako.group == "members"
        basket = device.basket.new()
        view = device.basket.add(basket, vid)
        assert view.total_minor == base
        view = device.basket.attach_customer(basket, hanako)
        assert view.total_minor == member and view.customer == hanako  # the members' price at once
        view = device.basket.detach_customer(basket)
        assert view.total_minor == base and view.customer is None
        device.basket.attach_customer(basket, hanako)
        sale = device.basket.complete(session, basket, CASH)
        assert device.engine.sync_once().pending_ops == 0
    with central_db.session() as s:
        order = s.scalar(select(Order).where(Order.sale_id == str(sale.sale_id)))
        assert order is not None and order.customer_id == hanako.id and order.total == member
        assert order.flagged == 0, order.checks  # central priced the members' list the same way
    assert [c.name for c in device.customers.recent()][:1] == ["Hanako Yamada"]


def test_offline_search_uses_the_recent_customers_and_says_so(till) -> None:  # type: ignore[no-untyped-def]
    device, online = till
    with online():
        assert device.customers.search("yamada").live
    offline = device.customers.search("YAMA")
    assert not offline.live and [c.name for c in offline.customers] == ["Hanako Yamada"]
    assert "cannot be reached" in offline.notice and "recently" in offline.notice
    assert [c.name for c in device.customers.search("1234-5678").customers] == ["Hanako Yamada"]
    assert device.customers.search("hanako.yamada@").customers[0].email == "hanako.yamada@example.jp"
    assert device.customers.search("Kenji").customers == ()  # never served here: not on this till
    with pytest.raises(ValidationFailed, match="Type a name, a phone number or an e-mail"):
        device.customers.search("   ")


def test_bad_input_is_one_sentence_and_nothing_is_kept(till) -> None:  # type: ignore[no-untyped-def]
    device, online = till
    session = associate(device)
    cases = [
        ({"name": " ", "email": "a@example.jp"}, "Type the customer's name"),
        ({"name": "Ono", "email": "ono@example"}, "not a complete e-mail address"),
        ({"name": "Ono", "phone": "12-34"}, "not a phone number"),
        ({"name": "Ono", "phone": "abc"}, "only digits"),
        ({"name": "Ono"}, "Give an e-mail or a phone number"),
    ]
    for kw, sentence in cases:
        with pytest.raises(ValidationFailed, match=sentence):
            device.customers.create(session, **kw)
    assert device.store.query("SELECT count(*) FROM customers", (), "device") == [(0,)]
    assert device.store.query("SELECT count(*) FROM outbox WHERE type='customer.create'", (), "device") == [(0,)]
    with online(), pytest.raises(DuplicateEmail, match="Hanako Yamada already has the e-mail") as dup:
        device.customers.create(session, "Hanako Y", email=" Hanako.Yamada@EXAMPLE.jp ")
    assert dup.value.existing.group == "members"  # the screen offers to attach her instead
    assert device.store.query("SELECT count(*) FROM outbox WHERE type='customer.create'", (), "device") == [(0,)]


def test_created_online_reaches_central_once(till, central_db: Database) -> None:  # type: ignore[no-untyped-def]
    device, online = till
    with online():
        made = device.customers.create(associate(device), "Sakura Ono", phone="080-5555-0101", kana="おの さくら")
        assert made.phone == "+818055550101" and made.pending
        assert device.engine.sync_once().pending_ops == 0
        assert [c.id for c in device.customers.search("おの").customers] == [made.id]
    assert device.customers.get(made.id) is not None and not device.customers.get(made.id).pending  # type: ignore[union-attr]
    with central_db.session() as s:
        assert s.scalars(select(Customer.name).where(Customer.id == made.id)).all() == ["Sakura Ono"]


def test_created_offline_attached_and_sold_reaches_central_once_before_the_sale(till, central_db: Database) -> None:  # type: ignore[no-untyped-def]
    device, online = till
    session = associate(device)
    vid, base, _member = member_variant(device)
    made = device.customers.create(session, "Mio Sato", email="mio.sato@example.jp", phone="090-7777-0000")
    assert made.pending and made.group == ""
    basket = device.basket.new()
    device.basket.add(basket, vid)
    view = device.basket.attach_customer(basket, made)
    assert view.customer == made and view.total_minor == base
    sale = device.basket.complete(session, basket, CASH)
    assert not device.customers.search("mio").live  # offline: from this till
    with online():
        status = device.engine.sync_once()
        assert status.pending_ops == 0, status
        device.engine.sync_once()  # a second cycle sends nothing again
    with central_db.session() as s:
        assert s.scalars(select(Customer.id).where(Customer.email == "mio.sato@example.jp")).all() == [made.id]
        order = s.scalar(select(Order).where(Order.sale_id == str(sale.sale_id)))
        assert order is not None and order.customer_id == made.id
        ops = s.execute(
            select(AppliedOp.type, AppliedOp.device_seq).where(AppliedOp.type.in_(["customer.create", "sale.complete"]))
        ).all()
        assert sorted(ops, key=lambda o: o[1])[0][0] == "customer.create" and len(ops) == 2
    assert device.customers.get(made.id).pending is False  # type: ignore[union-attr]


def test_a_duplicate_email_made_offline_becomes_the_customer_central_has(till, central_db: Database) -> None:  # type: ignore[no-untyped-def]
    device, online = till
    made = device.customers.create(associate(device), "H. Yamada", email="hanako.yamada@example.jp")
    with online():
        assert device.engine.sync_once().pending_ops == 0
        hanako = device.customers.search("hanako.yamada@").customers[0]
    now = device.customers.get(made.id)
    assert now is not None and (now.id, now.name, now.group) == (hanako.id, "Hanako Yamada", "members")
    with central_db.session() as s:
        assert s.get_one(Customer, made.id).merged_into == hanako.id


def test_role_limits_come_from_central_and_the_built_in_ones_only_before_a_sync(till, central_db: Database) -> None:  # type: ignore[no-untyped-def]
    device, online = till
    svc = device.basket
    assert svc.limit(Role.ASSOCIATE) == Decimal(10) and svc.limit(Role.MANAGER) is None  # as seeded
    session = associate(device)
    vid, _base, _member = member_variant(device)
    basket = svc.new()
    svc.add(basket, vid)
    with central_db.session() as s, writing(s):
        put_role_limit(s, "associate", "discount", "5")
        put_role_limit(s, "associate", "override", "0")
    with online():
        device.engine.sync_once()
    assert svc.limit(Role.ASSOCIATE) == Decimal(5) and svc.limit(Role.ASSOCIATE, "override") == Decimal(0)
    with pytest.raises(PermissionNeeded, match="8 % off is above your limit of 5 %") as needed:
        svc.discount_basket(basket, "percent", "8", "Loyal customer", session)
    assert needed.value.needed is Role.SUPERVISOR
    key = basket.lines[0].key
    price = basket_price(svc, basket)
    with pytest.raises(PermissionNeeded, match="below the list price") as needed:
        svc.override(basket, key, price - 100, "Display piece", session)
    supervisor = next(p for p in device.auth.staff() if p.role is Role.SUPERVISOR)
    approver = device.auth.approve(supervisor.id, "2222", svc.approval_permission(needed.value.needed))
    view = svc.override(basket, key, price - 100, "Display piece", session, approver=approver)
    assert view.total_minor == price - 100
    svc.discount_basket(basket, "percent", "4", "Loyal customer", session)  # within the new limit
    with device.store.tx("cache") as con:  # a till that never synced the stream
        con.execute("DELETE FROM role_limits")
    assert svc.limits() == LIMITS and svc.limit(Role.ASSOCIATE, "override") == Decimal(10)


def basket_price(svc, basket) -> int:  # type: ignore[no-untyped-def]
    view = svc.view(basket)
    assert view.priced is not None
    return int(view.priced.lines[0].unit_price)
