"""Promotions and store rules against a real central on loopback: the tablet prices from its
cached `promotions` and `locations` rows, central re-prices from its own tables with the same
code (sync.pricing_rows), and a promotion central ended while the tablet did not know is
flagged on the order, then reaches the tablet with the next pull."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from central.changes import location_row, writing
from central.db import Database
from central.models import Location, Order
from central.ops.sale_complete import store_rules
from central.promotions import put_promotion
from pos_app.services.app import Device
from pos_app.services.checkout import CheckoutService, Tender, TenderType
from sync.protocol import STREAMS
from tests.support.tablet import associate


def checkout(device: Device) -> CheckoutService:
    return CheckoutService(device.store, device.identity, kick=lambda: None)


def cached_variant(device: Device, category: str) -> int:
    row = device.store.query("SELECT id FROM catalog WHERE category=? ORDER BY id LIMIT 1", (category,))
    assert row, category
    return int(row[0][0])


def order_of(db: Database, sale_id: object) -> Order:
    with db.session() as s:
        order = s.scalar(select(Order).where(Order.sale_id == str(sale_id)))
        assert order is not None
        s.expunge(order)
        return order


def test_both_ends_read_the_store_rules_from_the_same_locations_row(device: Device, central_db: Database) -> None:
    cols = ", ".join(STREAMS["locations"].columns)
    store_id = device.identity.store_id
    cached = device.store.query(f"SELECT {cols} FROM locations WHERE id=?", (store_id,))
    co = checkout(device)
    with central_db.session() as s:
        loc = s.get_one(Location, store_id)
        assert [list(cached[0])] == [location_row(s, loc)]  # the very row central serves
        assert co.rules() == store_rules(s, loc)  # and both read it the same way
    assert co.rules()["tax_rounding"] == "per_rate" and co.rules()["tax_rounding_mode"] == "down"
    assert co.store_row()["registration_no"].startswith("T")  # for the qualified-invoice receipt


def test_a_sale_takes_cached_promotions_and_typed_coupons_and_central_agrees(
    device: Device, central_db: Database
) -> None:
    co = checkout(device)
    tee = cached_variant(device, "T-shirts")
    basket = co.basket(co.open_basket(), [(tee, 3)])
    priced = co.price(basket, coupons=[" tokyo500", "NOPE"])
    applied = {u.id for u in priced.promotions}
    assert {"JP-TEE-3FOR2", "JP-COUPON-500"} <= applied, priced.to_dict()
    assert {c.subject: c.reason for c in priced.coupons} == {"TOKYO500": "coupon.accepted", "NOPE": "coupon.unknown"}
    sale = co.complete(associate(device), basket, [Tender(TenderType.CASH, 10**6)], coupons=[" tokyo500", "NOPE"])
    assert sale.total == priced.totals.total
    assert device.engine.sync_once().pending_ops == 0
    order = order_of(central_db, sale.sale_id)
    assert order.flagged == 0, order.checks  # central's own promotions gave the same result
    pricing = json.loads(order.pricing)
    assert pricing["coupons"] == [" tokyo500", "NOPE"]
    assert {d["promotion"] for d in json.loads(order.priced)["discounts"]} >= {"JP-TEE-3FOR2", "JP-COUPON-500"}


def test_a_promotion_central_ended_is_flagged_then_reaches_the_tablet(device: Device, central_db: Database) -> None:
    co = checkout(device)
    knit = cached_variant(device, "Knitwear")
    basket = co.basket(co.open_basket(), [(knit, 1)])
    priced = co.price(basket)
    assert [u.id for u in priced.promotions] == ["JP-KNIT-10"]
    sale = co.complete(associate(device), basket, [Tender(TenderType.CASH, 10**6)])
    # Central ended it a minute before the sale; the tablet did not know yet.
    ended = (sale.completed_at - timedelta(minutes=1)).astimezone(UTC).isoformat()
    with Session(central_db.engine) as s, writing(s):
        put_promotion(s, "JP-KNIT-10", ends=ended)
    assert device.engine.sync_once().pending_ops == 0
    order = order_of(central_db, sale.sale_id)
    checks = {c["check"]: c for c in json.loads(order.checks)}
    assert order.flagged == 1 and checks["central.promotions"]["central"] == {}, checks
    assert order.central_total == order.total + priced.totals.promotions
    assert device.store.query("SELECT flagged FROM sales WHERE sale_id=?", (str(sale.sale_id),), "device") == [(1,)]

    # The pull brought the change: the next basket says it ended, and the cache agrees with central.
    again = co.price(co.basket(co.open_basket(), [(knit, 1)], at=datetime.now(UTC)))
    assert again.totals.promotions == 0
    assert ("JP-KNIT-10", "promotion.ended") in {(n.subject, n.reason) for n in again.not_applied}
    assert device.engine.verify("promotions") is True


def test_a_scanned_coupon_is_known_and_a_members_promotion_needs_the_group(device: Device) -> None:
    co = checkout(device)
    assert co.is_coupon(" tokyo500") and not co.is_coupon("BERLIN10-NOT") and not co.is_coupon("")
    hoodie = cached_variant(device, "Hoodies")
    anyone = co.price(co.basket(co.open_basket(), [(hoodie, 1)]))
    member = co.price(co.basket(co.open_basket(), [(hoodie, 1)], customer_group="members"))
    assert "JP-MEMBERS-HOODIE" not in {u.id for u in anyone.promotions}
    assert "JP-MEMBERS-HOODIE" in {u.id for u in member.promotions}
